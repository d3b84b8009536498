"""Where the bundled ``conf/`` directory lives."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

CONF_DIR_ENV = "DEPTHCONF_CONF_DIR"


def conf_dir() -> Path:
    """The config directory: ``$DEPTHCONF_CONF_DIR``, else the one shipped in the wheel,
    else the top-level ``conf/`` of a source checkout (editable installs)."""
    if override := os.environ.get(CONF_DIR_ENV):
        return Path(override).resolve()
    packaged = Path(str(resources.files("depthconf"))) / "conf"
    if (packaged / "train.yaml").is_file():
        return packaged
    checkout = Path(__file__).resolve().parents[3] / "conf"
    if (checkout / "train.yaml").is_file():
        return checkout
    raise FileNotFoundError(
        f"depthconf cannot find its conf/ directory (looked in {packaged} and {checkout}); "
        f"set {CONF_DIR_ENV}"
    )


def experiment_names(directory: Path | None = None) -> list[str]:
    """The options of the ``experiment`` group, sorted."""
    root = (directory or conf_dir()) / "experiment"
    return sorted(p.stem for p in root.glob("*.yaml"))
