"""Hydra composition of run configs, and Hydra's errors made readable.

What is needed only when a config is wrong (the defaults-tree walk, the file checks,
provenance, ``explain``) is imported on first use: a valid config never loads it.
"""

from typing import Any

from depthconf.composition._compose import (
    PRIMARY_CONFIG,
    Composed,
    Verdict,
    check_composed,
    check_quoted,
    compose,
    compose_config,
    config_loader,
    judge,
    load_sweep_config,
)
from depthconf.composition._errors import override_key, quote_overrides, translate
from depthconf.composition._paths import CONF_DIR_ENV, CONF_DIR_FLAG, conf_dir, experiment_names

__all__ = [
    "CONF_DIR_ENV",
    "CONF_DIR_FLAG",
    "PRIMARY_CONFIG",
    "Composed",
    "Explanation",
    "Verdict",
    "check_composed",
    "check_quoted",
    "compose",
    "compose_config",
    "conf_dir",
    "config_loader",
    "experiment_names",
    "explain",
    "explain_in",
    "judge",
    "load_sweep_config",
    "override_key",
    "quote_overrides",
    "translate",
]


def __getattr__(name: str) -> Any:
    if name in ("Explanation", "explain", "explain_in"):
        from depthconf.composition import _explain

        return getattr(_explain, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
