"""Findings: the one type every check reports, its codes, keys and locations.

This package depends on nothing else of depthconf, so the schema's own validators,
the validator's rules, the composition layer, the legacy loader and the sweeper all
report the same :class:`Violation`, with a :class:`Code` from one enum.

>>> from depthconf.findings import Code, Violation, at
>>> Violation(at("arch.max_epochs"), "0", "must be >= 1", "arch.max_epochs=50",
...           Code.greater_than_equal).keys
(('arch', 'max_epochs'),)
"""

from depthconf.findings._code import Code
from depthconf.findings._key import Key, at, key, place, render, within
from depthconf.findings._location import Location, Provenance, Source, SourceKind
from depthconf.findings._violation import (
    ConfigError,
    ConfigWarning,
    Severity,
    Violation,
    closest,
    did_you_mean,
    missing_value,
    show,
    warning,
)

__all__ = [
    "Code",
    "ConfigError",
    "ConfigWarning",
    "Key",
    "Location",
    "Provenance",
    "Severity",
    "Source",
    "SourceKind",
    "Violation",
    "at",
    "closest",
    "did_you_mean",
    "key",
    "missing_value",
    "place",
    "render",
    "show",
    "warning",
    "within",
]
