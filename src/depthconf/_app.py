"""``@depthconf.main``: a Hydra app whose task receives a validated TrainConfig."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import hydra
from omegaconf import DictConfig

from depthconf._report import print_findings
from depthconf.composition import PRIMARY_CONFIG, conf_dir, config_loader, load_sweep_config
from depthconf.composition._compose import checked
from depthconf.composition._hydra_compat import args_parser
from depthconf.schema import TrainConfig
from depthconf.validation import ConfigError, check

Task = Callable[[TrainConfig], Any]

# Flags with which Hydra does not run the task (it prints help or config instead).
_INSPECTION_FLAGS = ("help", "hydra_help", "cfg", "info", "shell_completion", "resolve")

EXIT_INVALID = 2  # an invalid config, reported without a traceback


def fail(error: ConfigError) -> NoReturn:
    """Report ``error`` on stderr and exit with :data:`EXIT_INVALID`, as every entry point does."""
    print_findings(error.violations, error.warnings, context=error.context, stream=sys.stderr)
    sys.exit(EXIT_INVALID)


def preflight(overrides: list[str], config_name: str, config_dir: Path) -> None:
    """Compose and validate once before Hydra starts, so errors exit 2 with no traceback."""
    try:
        checked(overrides, config_name=config_name, config_dir=config_dir).config_or_raise()
    except ConfigError as error:
        fail(error)


def sweep_preflight(overrides: list[str], config_name: str, config_dir: Path) -> None:
    """Compose the sweep config of a multirun as Hydra will, and fail like a single run.

    Hydra composes it before any sweeper exists, so an unknown key that is not swept
    (say) would otherwise end in Hydra's own message; every job is then judged by
    the depthconf sweeper.
    """
    try:
        with config_loader(config_dir) as loader:
            load_sweep_config(loader, config_name, overrides)
    except ConfigError as error:
        fail(error)


def _run_task(task: Task, cfg: DictConfig) -> Any:
    report = check(cfg)
    if report.config is None:
        fail(ConfigError(report.errors))
    print_findings((), report.warnings, stream=sys.stderr)
    return task(report.config)


def main(
    task: Task | None = None,
    /,
    *,
    config_name: str = PRIMARY_CONFIG,
    config_dir: str | Path | None = None,
) -> Any:
    """Turn ``def train(cfg: TrainConfig)`` into a Hydra app with depthconf's validation.

    Every Hydra flag works (``-m``, ``--cfg job``, ``--info``, ``hydra.run.dir=...``);
    ``--config-dir DIR`` / ``-cd DIR`` names the config directory (it must hold the
    primary config; it replaces ``config_dir`` and ``$DEPTHCONF_CONF_DIR``, where Hydra
    would only add it to the search path behind them). An invalid config exits with
    status 2 and a readable report, before anything runs::

        @depthconf.main
        def train(cfg: depthconf.TrainConfig) -> None:
            print(cfg.model.depth_net.name)

        if __name__ == "__main__":
            train()
    """

    def decorate(fn: Task) -> Callable[[], Any]:
        def hydra_task(cfg: DictConfig) -> Any:
            return _run_task(fn, cfg)

        hydra_task.__module__ = fn.__module__
        hydra_task.__qualname__ = fn.__qualname__
        hydra_task.__name__ = fn.__name__

        @functools.wraps(fn)
        def app() -> Any:
            args = args_parser().parse_args(sys.argv[1:])
            try:  # per call, not at import: a wrong $DEPTHCONF_CONF_DIR exits 2, no traceback
                if args.config_dir:
                    directory = conf_dir(args.config_dir)
                else:
                    directory = Path(config_dir).resolve() if config_dir else conf_dir()
            except ConfigError as error:
                fail(error)
            hydra_app = hydra.main(
                version_base="1.3", config_path=str(directory), config_name=config_name
            )(hydra_task)
            inspecting = any(getattr(args, flag, None) for flag in _INSPECTION_FLAGS)
            if not inspecting:
                name = args.config_name or config_name
                where = Path(args.config_path).resolve() if args.config_path else directory
                overrides = list(args.overrides)
                (sweep_preflight if args.multirun else preflight)(overrides, name, where)
            return hydra_app()

        return app

    return decorate(task) if task is not None else decorate
