"""Where the bundled ``conf/`` directory lives."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Final

from depthconf.validation import ConfigError, Violation

CONF_DIR_ENV: Final = "DEPTHCONF_CONF_DIR"
#: The file that makes a directory a depthconf conf/ directory (the primary config).
_PRIMARY_FILE: Final = "train.yaml"


def _not_found(value: str, rule: str, fix: str) -> ConfigError:
    return ConfigError([Violation(CONF_DIR_ENV, value, rule, fix, "missing_config")], "conf/")


def conf_dir() -> Path:
    """The config directory: ``$DEPTHCONF_CONF_DIR``, else the one shipped in the wheel,
    else the top-level ``conf/`` of a source checkout (editable installs).

    Raises:
        ConfigError: ``$DEPTHCONF_CONF_DIR`` is not a depthconf conf/ directory (it has
            no ``train.yaml``), or it is unset and no conf/ directory is found.
    """
    if override := os.environ.get(CONF_DIR_ENV):
        directory = Path(override).resolve()
        if not (directory / _PRIMARY_FILE).is_file():
            raise _not_found(
                override,
                f"not a depthconf conf/ directory ({directory / _PRIMARY_FILE} is missing)",
                f"point {CONF_DIR_ENV} at a conf/ directory (the one holding {_PRIMARY_FILE}), "
                "or unset it to use the bundled one",
            )
        return directory
    packaged = Path(str(resources.files("depthconf"))) / "conf"
    if (packaged / _PRIMARY_FILE).is_file():
        return packaged
    checkout = Path(__file__).resolve().parents[3] / "conf"
    if (checkout / _PRIMARY_FILE).is_file():
        return checkout
    raise _not_found(
        "(not set)",
        f"depthconf cannot find its conf/ directory (no {_PRIMARY_FILE} in {packaged} "
        f"or {checkout})",
        f"set {CONF_DIR_ENV} to a conf/ directory (the one holding {_PRIMARY_FILE}), "
        "or reinstall depthconf",
    )


def experiment_names(directory: Path | None = None) -> list[str]:
    """The options of the ``experiment`` group, sorted."""
    root = (directory or conf_dir()) / "experiment"
    return sorted(p.stem for p in root.glob("*.yaml"))
