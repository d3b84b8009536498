"""Launch-time validation: one validator, used by every entry point.

>>> import depthconf
>>> report = depthconf.validation.check({"checkpoint": {"filepath": "ckpt", "save_top_k": 3}})
>>> report.errors[0].path
'checkpoint.monitor, checkpoint.mode'
"""

from depthconf.validation._location import Location, Provenance, Source, SourceKind
from depthconf.validation._registry import RULES, Rule, intact, rule
from depthconf.validation._validator import ConfigSource, Report, check, validate
from depthconf.validation._violation import (
    ConfigError,
    ConfigWarning,
    Severity,
    Violation,
)

__all__ = [
    "RULES",
    "ConfigError",
    "ConfigSource",
    "ConfigWarning",
    "Location",
    "Provenance",
    "Report",
    "Rule",
    "Severity",
    "Source",
    "SourceKind",
    "Violation",
    "check",
    "intact",
    "rule",
    "validate",
]
