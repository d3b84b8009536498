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
from dataclasses import dataclass, replace
from typing import Final

from depthconf.composition._provenance import Sources, key_parts
from depthconf.findings import render
from depthconf.validation import Location, Provenance, SourceKind, Violation

#: ``key=value`` in a fix (a value may be a bracketed list or a quoted string).
_ASSIGNMENT: Final = re.compile(
    r"(?<![\w.\-/+~<])(?P<key>[A-Za-z_][\w]*(?:\.[\w]+)+)="
    r"(?P<value>\[[^\]]*\]|\{[^}]*\}|'[^']*'|\"[^\"]*\"|<[^>]*>|[^\s,;)]+)"
)
_LEADING_KEY: Final = re.compile(r"^[A-Za-z_][\w.\[\]]*")


def subjects(violation: Violation) -> list[str]:
    """The config keys a finding is about: its keys, then its related keys (dotted)."""
    keys = []
    for key in violation.subjects:
        if match := _LEADING_KEY.match(render(key)):
            keys.append(match[0])
    return list(dict.fromkeys(keys))


def _first_file(provenance: Sequence[Provenance]) -> Location | None:
    for item in provenance:
        winner = item.winner
        if winner is not None and winner.kind is SourceKind.file:
            return winner.location
    return None


class _Edit:
    """Rewrites the ``key=value`` assignments of a fix as edits of the files.

    A key a file sets is changed where that file sets it (the value comes from
    there); a key no file sets is added to the last file of the composition whose
    keys include it (the experiment, usually: it has the last word). A key set on
    the command line keeps its command-line assignment.
    """

    def __init__(self, sources: Sources) -> None:
        self.sources = sources

    def assignment(self, key: str, value: str) -> tuple[str, str, str | None] | None:
        """(file, edit, section) that gives ``key`` the ``value`` (``section`` is where an
        added key goes); None to keep the command-line assignment."""
        found = self.sources.winner(key)
        source = found[0] if found else None
        parts = key_parts(key)
        if source is not None and source.kind is SourceKind.override:
            return None
        if source is not None and source.kind is SourceKind.file and source.location:
            where = source.location
            return where.file, f"line {where.line} `{parts[-1]}: {value}`", None
        target = next(
            (
                f
                for f in reversed(self.sources.files)
                if parts[: len(f.prefix)] == f.prefix and len(parts) > len(f.prefix)
            ),
            None,
        )
        if target is None:
            return None
        relative = parts[len(target.prefix) :]
        return target.shown, f"`{relative[-1]}: {value}`", ".".join(relative[:-1])

    def rewrite(self, fix: str) -> tuple[str, str] | None:
        """(the first edited file, the fix with its assignments rewritten as edits); None
        when no assignment was rewritten. Edits of other files name their file; keys added
        one after the other to one section are added together."""
        pieces: list[str | _Change] = []
        last = 0
        for match in _ASSIGNMENT.finditer(fix):
            pieces.append(fix[last : match.start()])
            last = match.end()
            edit = self.assignment(match["key"], match["value"])
            pieces.append(match[0] if edit is None else _Change(*edit))
        pieces.append(fix[last:])
        changes = [p for p in pieces if isinstance(p, _Change)]
        if not changes:
            return None
        first = changes[0].file
        merged: list[str | _Change] = []
        for piece in pieces:  # "<change> <change>": joined by "and", adds to one section merged
            if isinstance(piece, _Change) and len(merged) >= 2 and isinstance(merged[-2], _Change):
                gap, previous = merged[-1], merged[-2]
                if isinstance(gap, str) and not gap.strip():
                    if previous.adds_with(piece):
                        merged[-2] = previous.plus(piece)
                        merged.pop()
                        continue
                    merged[-1] = " and "
            merged.append(piece)
        text = "".join(p.render(first) if isinstance(p, _Change) else p for p in merged)
        return first, text


@dataclass(frozen=True)
class _Change:
    """One edit of a file: a line changed, or keys added (to ``section``, when not None)."""

    file: str
    text: str
    section: str | None

    def adds_with(self, other: _Change) -> bool:
        return self.section is not None and (other.file, other.section) == (
            self.file,
            self.section,
        )

    def plus(self, other: _Change) -> _Change:
        return _Change(self.file, f"{self.text} and {other.text}", self.section)

    def render(self, first_file: str) -> str:
        text = self.text
        if self.section is not None:
            text = f"add {text}" + (f" under `{self.section}:`" if self.section else "")
        return text if self.file == first_file else f"{self.file} {text}"


def file_fix(violation: Violation, location: Location, sources: Sources) -> str:
    """The finding's fix as edits of the files (the one at ``location`` for a fix that
    names no value)."""
    rewritten = _Edit(sources).rewrite(violation.fix)
    if rewritten is not None:
        file, text = rewritten
        return f"in {file}: {text}"
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
