"""A sweep from its command line to its verdicts: what the sweeper and ``check -m`` share.

The dry run (``depthconf check -m OVERRIDES...``) follows Hydra's ``multirun``: it
composes the sweep's own config in multirun mode, takes the task overrides,
``hydra.sweeper.params`` and ``hydra.sweeper.max_batch_size`` from it, plans the
jobs with the same :func:`plan` the sweeper calls and pre-flights them with the
same :func:`~depthconf.sweep.preflight`. Nothing is launched::

    >>> result = dry_run(["experiment=resnet_san_ncdb", "checkpoint.save_top_k=-1,3"])
    >>> [(job.index, job.ok) for job in result.jobs]
    [(0, True), (1, False)]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from hydra.core.config_loader import ConfigLoader
from omegaconf import DictConfig

from depthconf.composition import (
    COMPOSE_FAILURES,
    PRIMARY_CONFIG,
    config_loader,
    load_sweep_config,
    translate,
)
from depthconf.findings import Code, at, place
from depthconf.sweep._expand import Job, empty_sweeps, expand
from depthconf.sweep._locate import located
from depthconf.sweep._preflight import Preflight, preflight
from depthconf.sweep._source import SweepSource, recorded_overrides
from depthconf.validation import ConfigError, Violation, override_key

BATCH_SIZE = "hydra.sweeper.max_batch_size"


def sweep_jobs(
    arguments: Sequence[str],
    params: Mapping[str, Any] | None,
    loader: ConfigLoader | None,
) -> list[Job]:
    """The jobs of the sweep; a sweep Hydra rejects is a :class:`ConfigError`."""
    try:
        return expand(arguments, _strings(params), loader)
    except COMPOSE_FAILURES as error:  # a malformed or unsupported sweep is a user mistake
        raise ConfigError([translate(error, list(arguments))], "the sweep") from error


def _strings(params: Mapping[str, Any] | None) -> dict[str, str]:
    return {str(k): str(v) for k, v in (params or {}).items()}


def _bad_batch_size(size: int, master: DictConfig) -> Violation:
    quoted = next(
        (o for o in recorded_overrides(master, "hydra") if override_key(o) == BATCH_SIZE), None
    )
    return Violation(
        at(BATCH_SIZE),
        str(size),
        "the launcher batch size must be at least 1 job (null: every job in one batch)",
        f"{BATCH_SIZE}=null, or a positive number of jobs",
        Code.sweep_batch_size,
        override=quoted,
    )


def _options(loader: ConfigLoader | None, group: str) -> list[str]:
    try:
        return loader.get_group_options(group) if loader is not None else []
    except Exception:  # not a config group: there is nothing to list
        return []


def _no_jobs(
    arguments: Sequence[str], params: Mapping[str, Any] | None, loader: ConfigLoader | None
) -> list[Violation]:
    violations = []
    for override in empty_sweeps(arguments, _strings(params), loader):
        line = override.input_line or f"{override.key_or_group}=..."
        key = override.key_or_group
        options = _options(loader, key)
        listed = f"; the options of {key!r}: {', '.join(options)}" if options else ""
        violations.append(
            Violation(
                (place(key),),
                line.split("=", 1)[1] if "=" in line else "?",
                f"the sweep over {key!r} matches no value, so the sweep has no job{listed}",
                f"give {key} at least one value to sweep",
                Code.empty_sweep,
                override=line,
            )
        )
    return violations or [
        Violation(
            (place("(sweep)"),),
            repr(" ".join(arguments)),
            "the sweep has no job",
            "give every swept key at least one value",
            Code.empty_sweep,
        )
    ]


def plan(
    arguments: Sequence[str],
    master: DictConfig,
    loader: ConfigLoader | None,
    *,
    params: Mapping[str, Any] | None,
    max_batch_size: int | None,
) -> list[Job]:
    """The jobs the sweep would launch, or a :class:`ConfigError` if it cannot start.

    ``arguments`` are the sweep's task overrides and ``master`` its own config; a sweep
    Hydra rejects, a ``max_batch_size`` below 1 (BasicSweeper asserts it) and a sweep
    with no job at all are refused before anything is composed.
    """
    if max_batch_size is not None and max_batch_size < 1:
        raise ConfigError([_bad_batch_size(max_batch_size, master)], "the sweep")
    jobs = sweep_jobs(arguments, params, loader)
    if not jobs:
        raise ConfigError(_no_jobs(arguments, params, loader), "the sweep")
    return jobs


def _sweeper_setting(master: DictConfig, key: str) -> Any:
    """``hydra.sweeper.<key>`` of the sweep's config, as the sweeper is given it."""
    return master.hydra.sweeper.get(key)


def dry_run(
    overrides: Sequence[str],
    *,
    config_name: str = PRIMARY_CONFIG,
    config_dir: Path | None = None,
) -> Preflight:
    """Pre-flight the sweep ``-m OVERRIDES`` would run; raise ConfigError if it cannot start."""
    with config_loader(config_dir) as loader:
        master = load_sweep_config(loader, config_name, overrides)
        params = _sweeper_setting(master, "params")
        jobs = plan(
            recorded_overrides(master, "task"),
            master,
            loader,
            params=params if isinstance(params, Mapping) else None,
            max_batch_size=_sweeper_setting(master, "max_batch_size"),
        )
        source = SweepSource.of_master(loader, master)
        return located(preflight(jobs, source), source)
