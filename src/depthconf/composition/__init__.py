"""Hydra composition of run configs, and Hydra's errors made readable.

What is needed only when a config is wrong (the defaults-tree walk, the file checks,
provenance, ``explain``) is imported on first use: a valid config never loads it.
"""

from typing import Any

from depthconf.composition._compose import (
    PRIMARY_CONFIG,
    Composed,
    compose,
    compose_config,
    config_loader,
    load_sweep_config,
)
from depthconf.composition._errors import COMPOSE_FAILURES, translate
from depthconf.composition._paths import CONF_DIR_ENV, CONF_DIR_FLAG, conf_dir, experiment_names

__all__ = [
    "COMPOSE_FAILURES",
    "CONF_DIR_ENV",
    "CONF_DIR_FLAG",
    "PRIMARY_CONFIG",
    "Composed",
    "Explanation",
    "compose",
    "compose_config",
    "conf_dir",
    "config_loader",
    "experiment_names",
    "explain",
    "explain_in",
    "load_sweep_config",
    "translate",
]


def __getattr__(name: str) -> Any:
    if name in ("Explanation", "explain", "explain_in"):
        from depthconf.composition import _explain

        return getattr(_explain, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
