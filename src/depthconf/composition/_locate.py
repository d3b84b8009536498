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
    """Rewrites the ``key=value`` assignments of a fix as edits of the files.

    A key a file sets is changed where that file sets it (the value comes from
    there); a key no file sets is added to the last file of the composition whose
    keys include it (the experiment, usually: it has the last word). A key set on
    the command line keeps its command-line assignment.
    """

    def __init__(self, sources: Sources) -> None:
        self.sources = sources

    def assignment(self, key: str, value: str) -> tuple[str, str] | None:
        """(file, edit) that gives ``key`` the ``value``; None to keep the assignment."""
        found = self.sources.winner(key)
        source = found[0] if found else None
        parts = key_parts(key)
        if source is not None and source.kind is SourceKind.override:
            return None
        if source is not None and source.kind is SourceKind.file and source.location:
            where = source.location
            return where.file, f"line {where.line} `{parts[-1]}: {value}`"
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
        under = f" under `{'.'.join(relative[:-1])}:`" if len(relative) > 1 else ""
        return target.shown, f"add `{relative[-1]}: {value}`{under}"

    def rewrite(self, fix: str) -> tuple[str, str] | None:
        """(the first edited file, the fix with its assignments rewritten as edits); None
        when no assignment was rewritten. Edits of other files name their file."""
        pieces: list[str] = []
        last, first_file, previous_edit = 0, None, False
        for match in _ASSIGNMENT.finditer(fix):
            between = fix[last : match.start()]
            edit = self.assignment(match["key"], match["value"])
            if edit is not None and previous_edit and not between.strip():
                between = " and "
            pieces.append(between)
            if edit is None:
                pieces.append(match[0])
            else:
                file, text = edit
                first_file = first_file or file
                pieces.append(text if file == first_file else f"{file} {text}")
            previous_edit = edit is not None
            last = match.end()
        pieces.append(fix[last:])
        return (first_file, "".join(pieces)) if first_file else None


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
