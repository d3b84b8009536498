"""Findings of validation, and the one exception type that carries them."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import Enum, StrEnum
from typing import Any

from depthconf.validation._location import Location, Provenance


class Severity(StrEnum):
    error = "error"
    warning = "warning"


@dataclass(frozen=True)
class Violation:
    """One finding: where (``path``), what (``value``), why (``rule``), and how to fix it.

    ``path`` is a dotted field path (several, comma-separated, when a rule ties
    fields together). ``override`` quotes the command-line override that caused
    it, when one did. ``related`` names other fields the finding depends on (their
    sources are shown too). ``location`` is the place in a file to edit, and
    ``provenance`` where each field's value came from; both are filled in by
    :mod:`depthconf.composition`, which knows the files.
    """

    path: str
    value: str
    rule: str
    fix: str
    code: str
    severity: Severity = Severity.error
    override: str | None = None
    related: tuple[str, ...] = ()
    location: Location | None = None
    provenance: tuple[Provenance, ...] = ()

    def render(self) -> str:
        lines = [f"{self.path}"]
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
    def paths(self) -> tuple[str, ...]:
        """The field paths of ``path``, each once (``'a.b, c'`` -> ``('a.b', 'c')``)."""
        return tuple(dict.fromkeys(p.strip() for p in self.path.split(",") if p.strip()))


def _sources(provenance: tuple[Provenance, ...]) -> list[str]:
    if len(provenance) == 1:
        return [f"    from:  {provenance[0].describe()}"]
    return [
        f"    {'from:' if i == 0 else '':<6} {p.key}: {p.describe()}"
        for i, p in enumerate(provenance)
    ]


def warning(path: str, value: str, rule: str, fix: str, code: str) -> Violation:
    return Violation(path, value, rule, fix, code, Severity.warning)


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
