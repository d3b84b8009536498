"""Where the bundled ``conf/`` directory lives."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Final

from depthconf.findings import Code, place
from depthconf.validation import ConfigError, Violation

CONF_DIR_ENV: Final = "DEPTHCONF_CONF_DIR"
#: The command-line flag that names the config directory (Hydra's own spelling).
CONF_DIR_FLAG: Final = "--config-dir"
#: The file that makes a directory a depthconf conf/ directory (the primary config).
_PRIMARY_FILE: Final = "train.yaml"


def _not_found(value: str, rule: str, fix: str, where: str = CONF_DIR_ENV) -> ConfigError:
    return ConfigError([Violation((place(where),), value, rule, fix, Code.missing_config)], "conf/")


def conf_dir(directory: str | Path | None = None) -> Path:
    """The config directory: ``directory`` (given with ``--config-dir``/``-cd``), else
    ``$DEPTHCONF_CONF_DIR``, else the one shipped in the wheel, else the top-level
    ``conf/`` of a source checkout (editable installs).

    Raises:
        ConfigError: ``directory`` or ``$DEPTHCONF_CONF_DIR`` is not a depthconf conf/
            directory (it has no ``train.yaml``), or neither is given and no conf/
            directory is found.
    """
    if directory is not None:
        chosen = Path(directory).expanduser().resolve()
        if not (chosen / _PRIMARY_FILE).is_file():
            what = "does not exist" if not chosen.exists() else f"has no {_PRIMARY_FILE}"
            raise _not_found(
                str(directory),
                f"not a depthconf conf/ directory: {chosen} {what}",
                f"{CONF_DIR_FLAG} DIR (or -cd DIR) names the directory holding "
                f"{_PRIMARY_FILE} and the config groups",
                CONF_DIR_FLAG,
            )
        return chosen
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
