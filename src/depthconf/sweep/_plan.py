"""A sweep from its command line to its verdicts: what the sweeper and ``check -m`` share.

The dry run (``depthconf check -m OVERRIDES...``) follows Hydra's ``multirun``: it
composes the sweep's own config in multirun mode, takes the task overrides and
``hydra.sweeper.params`` from it, expands the jobs and pre-flights them with the
same :func:`~depthconf.sweep.preflight` the sweeper calls. Nothing is launched::

    >>> result = dry_run(["experiment=resnet_san_ncdb", "checkpoint.save_top_k=-1,3"])
    >>> [(job.index, job.ok) for job in result.jobs]
    [(0, True), (1, False)]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from hydra.core.config_loader import ConfigLoader
from hydra.types import RunMode
from omegaconf import DictConfig

from depthconf.composition import PRIMARY_CONFIG, config_loader, translate
from depthconf.sweep._expand import Job, expand
from depthconf.sweep._preflight import Preflight, preflight
from depthconf.sweep._source import SweepSource
from depthconf.validation import ConfigError


def sweep_jobs(
    arguments: Sequence[str],
    params: Mapping[str, Any] | None,
    loader: ConfigLoader | None,
) -> list[Job]:
    """The jobs of the sweep; a sweep Hydra rejects is a :class:`ConfigError`."""
    try:
        return expand(arguments, {str(k): str(v) for k, v in (params or {}).items()}, loader)
    except Exception as error:  # a malformed or unsupported sweep is a user mistake
        raise ConfigError([translate(error, list(arguments))], "the sweep") from error


def sweeper_params(master: DictConfig) -> Mapping[str, Any] | None:
    """``hydra.sweeper.params`` of the sweep's config, if its sweeper has any."""
    params = master.hydra.sweeper.get("params")
    return params if isinstance(params, Mapping) else None


def dry_run(
    overrides: Sequence[str],
    *,
    config_name: str = PRIMARY_CONFIG,
    config_dir: Path | None = None,
) -> Preflight:
    """Pre-flight the sweep ``-m OVERRIDES`` would run; raise ConfigError if it cannot start."""
    with config_loader(config_dir) as loader:
        try:
            master = loader.load_configuration(
                config_name=config_name, overrides=list(overrides), run_mode=RunMode.MULTIRUN
            )
        except Exception as error:  # Hydra would refuse to start this sweep at all
            raise ConfigError([translate(error, overrides)], " ".join(overrides)) from error
        arguments = [str(o) for o in master.hydra.overrides.task]
        jobs = sweep_jobs(arguments, sweeper_params(master), loader)
        return preflight(jobs, SweepSource.of_master(loader, master))
