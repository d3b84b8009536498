"""Findings of validation, and the one exception type that carries them."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import Enum, StrEnum
from typing import Any


class Severity(StrEnum):
    error = "error"
    warning = "warning"


@dataclass(frozen=True)
class Violation:
    """One finding: where (``path``), what (``value``), why (``rule``), and how to fix it.

    ``path`` is a dotted field path (several, comma-separated, when a rule ties
    fields together). ``override`` quotes the command-line override that caused
    it, when one did.
    """

    path: str
    value: str
    rule: str
    fix: str
    code: str
    severity: Severity = Severity.error
    override: str | None = None

    def render(self) -> str:
        lines = [f"{self.path}", f"    value: {self.value}", f"    rule:  {self.rule}"]
        if self.override:
            lines.insert(1, f"    from:  command-line override {self.override!r}")
        lines.append(f"    fix:   {self.fix}")
        return "\n".join(lines)

    def with_override(self, override: str | None) -> Violation:
        return replace(self, override=override)


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
