"""Hydra composition of run configs, and Hydra's errors made readable."""

from depthconf.composition._compose import (
    PRIMARY_CONFIG,
    Composed,
    check_composed,
    compose,
    compose_config,
    quote_overrides,
)
from depthconf.composition._errors import translate
from depthconf.composition._paths import CONF_DIR_ENV, conf_dir, experiment_names

__all__ = [
    "CONF_DIR_ENV",
    "PRIMARY_CONFIG",
    "Composed",
    "check_composed",
    "compose",
    "compose_config",
    "conf_dir",
    "experiment_names",
    "quote_overrides",
    "translate",
]
