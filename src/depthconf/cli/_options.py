"""Options every ``depthconf`` command shares."""

from __future__ import annotations

import argparse
from pathlib import Path

from depthconf.composition import CONF_DIR_ENV, conf_dir


def add_config_dir(parser: argparse.ArgumentParser) -> None:
    """``--config-dir DIR`` / ``-cd DIR``, spelled as Hydra spells it."""
    parser.add_argument(
        "-cd",
        "--config-dir",
        metavar="DIR",
        help=f"the config directory (holding train.yaml); default: ${CONF_DIR_ENV}, else the "
        "bundled conf/",
    )


def config_dir(args: argparse.Namespace) -> Path:
    """The config directory the command works with; raises ConfigError for a bad one."""
    return conf_dir(args.config_dir)
