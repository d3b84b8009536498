"""Findings: what a check reports, and the one exception type that carries them.

A :class:`Violation` says where (its ``keys``), what (``value``), why (``rule``, a
:class:`~depthconf.findings.Code`) and how to fix it. Every part of depthconf that
finds a mistake reports one: the schema's section rules, the validator's
cross-section rules, the composition layer (then with a file :class:`Location`),
the legacy loader and migrate (a legacy file's line), the export and the sweeper.

>>> from depthconf.findings import Code, at
>>> v = Violation(at("checkpoint.monitor", "checkpoint.mode"), "monitor=null (not set)",
...               "both must be set", "checkpoint.mode=min", Code.monitor_required)
>>> v.path
'checkpoint.monitor, checkpoint.mode'
>>> print(v.render())
checkpoint.monitor, checkpoint.mode
    value: monitor=null (not set)
    rule:  both must be set
    fix:   checkpoint.mode=min
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import Enum, StrEnum
from typing import Any

from depthconf.findings._code import Code
from depthconf.findings._key import Key, render
from depthconf.findings._location import Location, Provenance


class Severity(StrEnum):
    error = "error"
    warning = "warning"


@dataclass(frozen=True)
class Violation:
    """One finding: where (``keys``), what (``value``), why (``rule``), and how to fix it.

    ``keys`` are the config keys the finding is about (several when a rule ties
    fields together), ``detail`` says which part of them when a key alone does not
    (``datasets 0 and 2``). ``override`` quotes the command-line override that caused
    it, when one did. ``related`` names other keys the finding depends on (their
    sources are shown too). ``location`` is the place in a file to edit, and
    ``provenance`` where each key's value came from; for a config composed from
    files both are filled in by :mod:`depthconf.composition`, which knows the files.
    """

    keys: tuple[Key, ...]
    value: str
    rule: str
    fix: str
    code: Code
    severity: Severity = Severity.error
    override: str | None = None
    related: tuple[Key, ...] = ()
    location: Location | None = None
    provenance: tuple[Provenance, ...] = ()
    detail: str = ""

    @property
    def path(self) -> str:
        """The keys as printed: ``checkpoint.monitor, checkpoint.mode``."""
        text = ", ".join(render(k) for k in self.keys)
        return f"{text} ({self.detail})" if self.detail else text

    def render(self) -> str:
        lines = [self.path]
        if self.location is not None:
            first, *quoted = self.location.render()
            lines.append(f"    at:    {first}")
            lines += [f"           {text}" for text in quoted]
        lines.append(f"    value: {self.value}")
        if self.provenance:
            lines += _sources(self.provenance)
        elif self.override:
            lines.append(f"    from:  command-line override {self.override!r}")
        lines.append(f"    rule:  {self.rule}")
        lines.append(f"    fix:   {self.fix}")
        return "\n".join(lines)

    def with_override(self, override: str | None) -> Violation:
        return replace(self, override=override)

    @property
    def subjects(self) -> tuple[Key, ...]:
        """Every key the finding is about: its keys, then its related keys, each once."""
        return tuple(dict.fromkeys((*self.keys, *self.related)))


def _sources(provenance: tuple[Provenance, ...]) -> list[str]:
    if len(provenance) == 1:
        return [f"    from:  {provenance[0].describe()}"]
    return [
        f"    {'from:' if i == 0 else '':<6} {p.key}: {p.describe()}"
        for i, p in enumerate(provenance)
    ]


def warning(
    keys: tuple[Key, ...], value: str, rule: str, fix: str, code: Code, *, detail: str = ""
) -> Violation:
    return Violation(keys, value, rule, fix, code, Severity.warning, detail=detail)


def missing_value(key: Key) -> Violation:
    """A mandatory value (``???``, OmegaConf's MISSING) that is not given."""
    path = render(key)
    return Violation(
        (key,),
        "??? (missing)",
        "this value is mandatory and has no default",
        f"give it a value, e.g. {path}=<value>",
        Code.missing_value,
    )


def show(value: Any) -> str:
    """A value as a user would type it in YAML or on the command line."""
    if isinstance(value, Enum):
        return str(value.value)
    if value is None:
        return "null (not set)"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, tuple):
        return show(list(value))
    return str(value)


def closest(word: str, choices: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The choice ``word`` most likely misspells, or None."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return match[0] if match else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean X?)' for the closest choice, or ''."""
    match = closest(word, choices)
    return f" (did you mean {match!r}?)" if match else ""


class ConfigError(Exception):
    """A config that must not launch; ``violations`` lists every error, located.

    >>> import depthconf
    >>> try:
    ...     depthconf.compose("resnet_san_ncdb", ["checkpoint.save_top_k=3"])
    ... except depthconf.ConfigError as error:
    ...     print(error.violations[0].path)
    checkpoint.monitor, checkpoint.mode
    """

    def __init__(self, violations: Sequence[Violation], context: str = "") -> None:
        self.violations = tuple(v for v in violations if v.severity is Severity.error)
        self.warnings = tuple(v for v in violations if v.severity is Severity.warning)
        self.context = context
        super().__init__(self.render())

    def render(self) -> str:
        count = len(self.violations)
        noun = "error" if count == 1 else "errors"
        where = f" ({self.context})" if self.context else ""
        head = f"{count} {noun} in the config{where}; nothing was launched."
        return "\n\n".join([head, *(v.render() for v in self.violations)])


class ConfigWarning(UserWarning):
    """A config that may launch but probably does not do what its author meant."""
