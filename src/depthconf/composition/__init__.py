"""Hydra composition of run configs, and Hydra's errors made readable."""

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
    quote_overrides,
)
from depthconf.composition._errors import override_key, translate
from depthconf.composition._paths import CONF_DIR_ENV, conf_dir, experiment_names

__all__ = [
    "CONF_DIR_ENV",
    "PRIMARY_CONFIG",
    "Composed",
    "Verdict",
    "check_composed",
    "check_quoted",
    "compose",
    "compose_config",
    "conf_dir",
    "config_loader",
    "experiment_names",
    "judge",
    "load_sweep_config",
    "override_key",
    "quote_overrides",
    "translate",
]
