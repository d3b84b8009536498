"""Problems of a legacy (yacs) experiment file, as findings.

Two kinds of outcome exist:

* a file that cannot be read as a legacy config at all (missing, not UTF-8, broken
  YAML, empty, top level not a mapping) raises :class:`LegacyLoadError`, which
  carries its finding;
* a rule the file breaks (unknown key, wrong type, broadcast length mismatch, wandb,
  monitor index) is a :class:`~depthconf.findings.Violation` located at its line of
  the file; loading goes on and every one is collected. A defect the schema also
  refuses has the schema's code (:attr:`Code.broadcast_length`, say), so migrate
  reports it once.

Example:
    >>> from pathlib import Path
    >>> err = LegacyLoadError(Path("e.yaml"), "file is empty", code=Code.legacy_empty_file)
    >>> str(err), err.code
    ('e.yaml: file is empty', <Code.legacy_empty_file: 'legacy_empty_file'>)
"""

from __future__ import annotations

from pathlib import Path

from depthconf.findings import Code, Key, Location, Violation, place


def legacy_key(path: str) -> Key:
    """A legacy key as a key: its dotted parts (legacy keys have no list indices).

    >>> legacy_key("checkpoint.monitor_index"), legacy_key("datasets.my key")
    (('checkpoint', 'monitor_index'), ('datasets', 'my key'))
    """
    return tuple(path.split("."))


def legacy_problem(
    path: str, message: str, fix: str | None, code: Code, *, related: tuple[str, ...] = ()
) -> Violation:
    """A rule the legacy file breaks at ``path``, before it is placed in its file
    (:func:`depthconf.legacy._locate.in_file`): ``related`` keys give the line when the
    file does not set ``path`` itself."""
    return Violation(
        (legacy_key(path),),
        "",
        message,
        fix or f"remove {path}",
        code,
        related=tuple(legacy_key(r) for r in related),
    )


class LegacyLoadError(Exception):
    """The file cannot be read as a legacy experiment config at all; ``finding`` says why,
    located at the file (and its line, when one is to blame)."""

    def __init__(
        self,
        file: Path,
        message: str,
        *,
        fix: str | None = None,
        code: Code = Code.legacy_unreadable_file,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.file = file
        self.message = message
        self.fix = fix
        self.line = line
        self.column = column
        where = f"{file}:{line}" if line is not None else str(file)
        if line is not None and column is not None:
            where += f":{column}"
        fix = fix or "make the file readable (UTF-8 YAML with a mapping of sections)"
        location = None
        if line is not None or code in (Code.legacy_empty_file, Code.legacy_not_a_mapping):
            at = line or 1
            location = Location(str(file), at, column or 1, "", str(file))
            fix = f"in {file} line {at}: {fix}"
        self.finding = Violation(
            (place(where),),
            "(the whole file)",
            f"unreadable legacy config: {message}",
            fix,
            code,
            location=location,
        )
        super().__init__(f"{file}:{line}: {message}" if line is not None else f"{file}: {message}")

    @property
    def code(self) -> Code:
        return self.finding.code
