"""Problems found while loading a legacy (yacs) experiment file.

Two kinds of outcome exist:

* :class:`LegacyLoadError` is raised when the file cannot be read as a legacy
  config at all (missing, not UTF-8, broken YAML, empty, top level not a mapping).
* :class:`LegacyProblem` records one rule the file breaks (unknown key, wrong type,
  broadcast length mismatch, wandb, monitor index). Loading goes on and every
  problem is collected on the result.

Example:
    >>> from pathlib import Path
    >>> p = LegacyProblem(Path("a.yaml"), "arch.seed", "wrong type", fix="write 42",
    ...                   code=ProblemCode.WRONG_TYPE, line=3)
    >>> str(p)
    'a.yaml:3: arch.seed: wrong type (fix: write 42)'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class ProblemCode(StrEnum):
    """Machine-readable category of a :class:`LegacyProblem` or :class:`LegacyLoadError`."""

    # problems (collected)
    UNKNOWN_KEY = "unknown-key"
    WRONG_TYPE = "wrong-type"
    NOT_A_SECTION = "not-a-section"
    UNDECODABLE = "undecodable-value"
    BROADCAST = "broadcast-length"
    WANDB = "wandb"
    MONITOR_INDEX = "monitor-index"
    # unreadable (raised)
    MISSING_FILE = "missing-file"
    UNREADABLE_FILE = "unreadable-file"
    NOT_UTF8 = "not-utf8"
    YAML_SYNTAX = "yaml-syntax"
    EMPTY_FILE = "empty-file"
    NOT_A_MAPPING = "not-a-mapping"


def _render(file: Path, key: str | None, message: str, fix: str | None, line: int | None) -> str:
    where = f"{file}:{line}" if line is not None else str(file)
    text = f"{where}: {key}: {message}" if key else f"{where}: {message}"
    return f"{text} (fix: {fix})" if fix else text


@dataclass(frozen=True)
class LegacyProblem:
    """One rule a legacy experiment file breaks.

    Attributes:
        file: the experiment file.
        key: dotted key path (``"checkpoint.monitor_index"``) or ``None`` for the file.
        message: what is wrong, naming the value and the rule.
        fix: a concrete suggestion, if one is known.
        code: the category, see :class:`ProblemCode`.
        line: 1-based line of the key in the file, when known.

    Example:
        >>> p = LegacyProblem(Path("x.yaml"), "foo", "unknown key", code=ProblemCode.UNKNOWN_KEY)
        >>> p.code.value
        'unknown-key'
    """

    file: Path
    key: str | None
    message: str
    fix: str | None = None
    code: ProblemCode = field(kw_only=True)
    line: int | None = field(default=None, kw_only=True)

    def __str__(self) -> str:
        return _render(self.file, self.key, self.message, self.fix, self.line)


class LegacyLoadError(Exception):
    """The file cannot be read as a legacy experiment config at all.

    Example:
        >>> err = LegacyLoadError(Path("e.yaml"), None, "file is empty",
        ...                       code=ProblemCode.EMPTY_FILE)
        >>> str(err)
        'e.yaml: file is empty'
    """

    def __init__(
        self,
        file: Path,
        key: str | None,
        message: str,
        *,
        fix: str | None = None,
        code: ProblemCode = ProblemCode.UNREADABLE_FILE,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.file = file
        self.key = key
        self.message = message
        self.fix = fix
        self.code = code
        self.line = line
        self.column = column
        super().__init__(_render(file, key, message, fix, line))

    def __str__(self) -> str:
        return str(self.args[0])
