"""Which command-line override a finding is about.

>>> from depthconf.findings import Code, Violation, at
>>> found = Violation(at("checkpoint.save_top_k"), "0", "...", "...", Code.save_top_k_zero)
>>> quote_overrides([found], ["checkpoint.save_top_k=0"])[0].override
'checkpoint.save_top_k=0'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from depthconf.findings import Violation, key


def override_key(override: str) -> str:
    """The key an override sets: ``'+checkpoint.monitor=x'`` -> ``'checkpoint.monitor'``."""
    return override.split("=", 1)[0].lstrip("+~")


def quote_overrides(violations: Iterable[Violation], overrides: Sequence[str]) -> list[Violation]:
    """Attach the command-line override that set a violating field, where one did (the last
    override of a key is the one Hydra uses)."""
    keyed = {}
    for line in overrides:
        if "=" in line:
            try:
                keyed[key(override_key(line))] = line
            except ValueError:  # not a key (a malformed override is reported on its own)
                continue
    quoted = []
    for violation in violations:
        if violation.override is None:
            hit = next((keyed[k] for k in violation.keys if k in keyed), None)
            violation = violation.with_override(hit)
        quoted.append(violation)
    return quoted
