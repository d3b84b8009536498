"""depthconf: typed, validated Hydra configuration for monocular-depth training.

Every configuration mistake is a schema error at launch::

    >>> import depthconf
    >>> cfg = depthconf.compose("resnet_san_ncdb")
    >>> cfg.checkpoint.save_top_k
    -1
    >>> depthconf.compose("resnet_san_ncdb", ["checkpoint.save_top_k=3"])
    Traceback (most recent call last):
    ...
    depthconf.findings._violation.ConfigError: 1 error in the config ...

The public API lives here; implementation modules are private.
"""

from depthconf import metrics, schema, trainer, validation
from depthconf._app import main
from depthconf.composition import compose, compose_config
from depthconf.legacy import to_legacy
from depthconf.schema import Mode, TrainConfig
from depthconf.validation import ConfigError, ConfigWarning, Report, Violation, check, validate

__version__ = "0.1.0"

__all__ = [
    "ConfigError",
    "ConfigWarning",
    "Mode",
    "Report",
    "TrainConfig",
    "Violation",
    "__version__",
    "check",
    "compose",
    "compose_config",
    "main",
    "metrics",
    "schema",
    "to_legacy",
    "trainer",
    "validate",
    "validation",
]
