"""Findings located: where each value came from, and a fix phrased as an edit of the file.

The validator judges values; it does not know files. Given the :class:`Sources` of
the composition, every finding gets the provenance of each field it names (its
``path`` and ``related`` fields), a location (the file line that set the first of
them, when a file did) and, when it has one, a fix rewritten as an edit of that
file: ``checkpoint.mode=min`` becomes "add `mode: min` under `checkpoint:`" when the
file sets the checkpoint but no mode, "line 14 `save_top_k: -1`" when it sets
``save_top_k`` at line 14. A value set on the command line keeps its
command-line fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Final

from depthconf.composition._files import ConfigFile
from depthconf.composition._provenance import Sources, key_parts
from depthconf.validation import Location, Provenance, SourceKind, Violation

#: ``key=value`` in a fix (a value may be a bracketed list or a quoted string).
_ASSIGNMENT: Final = re.compile(
    r"(?<![\w.\-/+~<])(?P<key>[A-Za-z_][\w]*(?:\.[\w]+)+)="
    r"(?P<value>\[[^\]]*\]|\{[^}]*\}|'[^']*'|\"[^\"]*\"|[^\s,;)]+)"
)
_LEADING_KEY: Final = re.compile(r"^[A-Za-z_][\w.\[\]]*")


def subjects(violation: Violation) -> list[str]:
    """The config keys a finding is about: its paths, then its related fields."""
    keys = []
    for path in (*violation.paths, *violation.related):
        if match := _LEADING_KEY.match(path):
            keys.append(match[0])
    return list(dict.fromkeys(keys))


def _first_file(provenance: Sequence[Provenance]) -> Location | None:
    for item in provenance:
        winner = item.winner
        if winner is not None and winner.kind is SourceKind.file:
            return winner.location
    return None


class _Edit:
    """Rewrites the ``key=value`` assignments of a fix as edits of one file."""

    def __init__(self, sources: Sources, target: ConfigFile) -> None:
        self.sources = sources
        self.target = target

    def assignment(self, key: str, value: str) -> str | None:
        """The edit that gives ``key`` the ``value``; None to keep it a command-line override."""
        found = self.sources.winner(key)
        source = found[0] if found else None
        parts = key_parts(key)
        if source is not None and source.kind is SourceKind.override:
            return None
        if source is not None and source.kind is SourceKind.file and source.location:
            where = source.location
            line = f"line {where.line}"
            if where.file != self.target.shown:
                line = f"{where.file} {line}"
            return f"{line} `{parts[-1]}: {value}`"
        prefix = self.target.prefix
        if parts[: len(prefix)] != prefix or len(parts) == len(prefix):
            return None
        relative = parts[len(prefix) :]
        under = f" under `{'.'.join(relative[:-1])}:`" if len(relative) > 1 else ""
        return f"add `{relative[-1]}: {value}`{under}"

    def rewrite(self, fix: str) -> str | None:
        """The fix with its assignments rewritten; None when none was."""
        pieces: list[str] = []
        last, changed, previous_edit = 0, False, False
        for match in _ASSIGNMENT.finditer(fix):
            between = fix[last : match.start()]
            edit = self.assignment(match["key"], match["value"])
            if edit is not None and previous_edit and not between.strip():
                between = " and "
            pieces.append(between)
            pieces.append(edit if edit is not None else match[0])
            changed |= edit is not None
            previous_edit = edit is not None
            last = match.end()
        pieces.append(fix[last:])
        return "".join(pieces) if changed else None


def file_fix(violation: Violation, location: Location, sources: Sources) -> str:
    """The finding's fix as an edit of the file at ``location``."""
    target = sources.file_named(location.file)
    rewritten = _Edit(sources, target).rewrite(violation.fix) if target else None
    if rewritten is not None:
        return f"in {location.file}: {rewritten}"
    if _ASSIGNMENT.search(violation.fix):  # every value was set on the command line
        return violation.fix
    return f"in {location.file} line {location.line}: {violation.fix}"


def locate_one(violation: Violation, sources: Sources) -> Violation:
    """The finding with the provenance of its fields, its location and a file fix.

    A finding located already (a file's own error, with its file fix) is kept as is.
    """
    if violation.location is not None:
        return violation
    provenance = tuple(sources.provenance(key) for key in subjects(violation) if sources.knows(key))
    location = _first_file(provenance)
    fix = violation.fix if location is None else file_fix(violation, location, sources)
    return replace(violation, provenance=provenance, location=location, fix=fix)


def locate(violations: Iterable[Violation], sources: Sources) -> tuple[Violation, ...]:
    return tuple(locate_one(v, sources) for v in violations)
