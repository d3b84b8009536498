"""Composition through Hydra's compose API, with every failure made a ConfigError."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from hydra import compose as hydra_compose
from hydra import initialize_config_dir
from hydra.core.config_loader import ConfigLoader
from hydra.core.global_hydra import GlobalHydra
from hydra.initialize import get_gh_backup, restore_gh_from_backup
from hydra.types import RunMode
from omegaconf import DictConfig, OmegaConf, open_dict

import depthconf.schema  # noqa: F401  (registers the schema in the ConfigStore)
from depthconf.composition._errors import COMPOSE_FAILURES, translate
from depthconf.composition._hydra_compat import hydra_override_errors
from depthconf.composition._paths import conf_dir
from depthconf.schema import TrainConfig
from depthconf.validation import ConfigError, Report, check

PRIMARY_CONFIG = "train"


@dataclass(frozen=True)
class Composed:
    """A composed (not yet validated) config and the group options that built it."""

    config: DictConfig
    overrides: tuple[str, ...] = ()
    choices: Mapping[str, str | None] = field(default_factory=dict)

    @property
    def experiment(self) -> str | None:
        return self.choices.get("experiment")

    def describe(self) -> str:
        return f"experiment={self.experiment}" if self.experiment else "no experiment"


@contextmanager
def _isolated_hydra(directory: Path) -> Iterator[None]:
    """Compose even when a Hydra app is already running in this process."""
    backup = get_gh_backup()
    GlobalHydra.instance().clear()
    try:
        with initialize_config_dir(config_dir=str(directory), version_base="1.3"):
            yield
    finally:
        restore_gh_from_backup(backup)


def compose_config(
    overrides: Sequence[str] = (),
    *,
    config_name: str = PRIMARY_CONFIG,
    config_dir: Path | None = None,
) -> Composed:
    """Compose ``config_name`` with ``overrides``; raise :class:`ConfigError` if Hydra cannot."""
    overrides = tuple(overrides)
    directory = config_dir or conf_dir()  # raises its own ConfigError, not a Hydra failure
    try:
        with _isolated_hydra(directory), hydra_override_errors():
            cfg = hydra_compose(config_name, overrides=list(overrides), return_hydra_config=True)
    except COMPOSE_FAILURES as error:  # every Hydra, OmegaConf and YAML failure is a user mistake
        raise ConfigError([translate(error, overrides)], _context(overrides)) from error
    choices: dict[str, Any] = OmegaConf.to_container(cfg.hydra.runtime.choices)  # type: ignore[assignment]
    with open_dict(cfg):
        del cfg["hydra"]
    return Composed(
        cfg, overrides, {k: v for k, v in choices.items() if not k.startswith("hydra/")}
    )


def _context(overrides: Sequence[str]) -> str:
    return " ".join(overrides) if overrides else "defaults"


def checked(
    overrides: Sequence[str] = (),
    *,
    config_name: str = PRIMARY_CONFIG,
    config_dir: Path | None = None,
) -> Report:
    """Compose and validate: :func:`compose` as a report (every finding located, a
    composition failure among them), named by its ``context``.

    The commands (``depthconf check``, ``export``, ``explain``) and the pre-flight of
    ``@depthconf.main`` report with it; everything else raises through :func:`compose`.
    """
    overrides = tuple(overrides)
    try:
        directory = config_dir or conf_dir()
        composed = compose_config(overrides, config_name=config_name, config_dir=directory)
    except ConfigError as error:
        if not isinstance(error.__cause__, Exception):  # no conf/ directory: nothing to walk
            return Report(None, error.violations, error.warnings, error.context)
        diagnosed = _diagnosed(error, overrides, config_name, directory)
        return replace(diagnosed, context=error.context)
    report = check(composed.config, overrides=composed.overrides)
    if report.errors:  # only then: where each value came from, and where to fix it
        from depthconf.composition._diagnose import locate_report

        with config_loader(directory) as loader:
            report = locate_report(report, loader, config_name, overrides)
    return replace(report, context=composed.describe())


def _diagnosed(
    error: ConfigError, overrides: Sequence[str], config_name: str, directory: Path
) -> Report:
    """Every mistake of a config Hydra could not compose; Hydra's own error when the
    diagnosis cannot take the composition apart."""
    from depthconf.composition._diagnose import diagnose  # only for a config that is wrong

    with config_loader(directory) as loader:
        report = diagnose(loader, config_name, overrides)
    if report is None or not report.errors:
        return Report(None, error.violations, error.warnings)
    return report


def compose(
    experiment: str | None = None,
    overrides: Sequence[str] = (),
    *,
    config_name: str = PRIMARY_CONFIG,
    config_dir: Path | None = None,
) -> TrainConfig:
    """Compose and validate a run config: the typed config, or a :class:`ConfigError`.

    >>> import depthconf
    >>> cfg = depthconf.compose("resnet_san_ncdb", ["checkpoint.period=2"])
    >>> cfg.model.depth_net.name, cfg.checkpoint.period
    ('ResNetSAN01', 2)
    """
    full = ([f"experiment={experiment}"] if experiment else []) + list(overrides)
    return checked(full, config_name=config_name, config_dir=config_dir).config_or_raise()


@contextmanager
def config_loader(config_dir: Path | None = None) -> Iterator[ConfigLoader]:
    """The ConfigLoader :func:`compose_config` composes with, for callers composing many configs.

    The sweeper's dry run uses it to compose as ``compose_config`` does, without
    setting Hydra up again for every job::

        with config_loader() as loader:
            cfg = loader.load_configuration("train", ["experiment=resnet_san_ncdb"], RunMode.RUN)
    """
    with _isolated_hydra(config_dir or conf_dir()):
        hydra = GlobalHydra.instance().hydra
        assert hydra is not None  # initialize_config_dir has just set it up
        yield hydra.config_loader


def load_sweep_config(
    loader: ConfigLoader, config_name: str | None, overrides: Sequence[str]
) -> DictConfig:
    """The sweep's own config, composed as Hydra's ``multirun`` composes it before any
    sweeper exists (``hydra`` node included); raise :class:`ConfigError` if Hydra cannot.

    ``depthconf check -m`` and the pre-flight of ``@depthconf.main -m`` both start here::

        with config_loader() as loader:
            master = load_sweep_config(loader, "train", ["checkpoint.period=1,2"])
    """
    try:
        with hydra_override_errors():
            return loader.load_configuration(config_name, list(overrides), RunMode.MULTIRUN)
    except COMPOSE_FAILURES as error:  # Hydra would refuse to start this sweep at all
        raise ConfigError([translate(error, overrides)], _context(overrides)) from error
