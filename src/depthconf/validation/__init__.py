"""Launch-time validation: one validator, used by every entry point.

:func:`check` judges a config and returns a :class:`Report` with every finding;
:func:`validate` is its raising form. A section's own rules are the schema's
(:mod:`depthconf.schema._rules`); the rules that read several sections or the trainer
profile are registered here (:mod:`depthconf.validation.rules`).

>>> import depthconf
>>> report = depthconf.validation.check({"checkpoint": {"filepath": "ckpt", "save_top_k": 3}})
>>> [v.path for v in report.errors][:3]
['model.name', 'model.depth_net.name', 'checkpoint.monitor, checkpoint.mode']
>>> report.errors[2].keys, report.errors[2].code
((('checkpoint', 'monitor'), ('checkpoint', 'mode')), <Code.monitor_required: 'monitor_required'>)
"""

from depthconf.findings import (
    Code,
    ConfigError,
    ConfigWarning,
    Key,
    Location,
    Provenance,
    Severity,
    Source,
    SourceKind,
    Violation,
)
from depthconf.validation._overrides import override_key
from depthconf.validation._registry import RULES, Rule, completes, intact, rule
from depthconf.validation._validator import ConfigSource, Report, check, validate

__all__ = [
    "RULES",
    "Code",
    "ConfigError",
    "ConfigSource",
    "ConfigWarning",
    "Key",
    "Location",
    "Provenance",
    "Report",
    "Rule",
    "Severity",
    "Source",
    "SourceKind",
    "Violation",
    "check",
    "completes",
    "intact",
    "override_key",
    "rule",
    "validate",
]
