"""Fixtures of the composition tests: a private conf/ copy to write broken files into."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from depthconf.composition._compose import checked
from depthconf.validation import Report, SourceKind, Violation
from tests.conftest import copy_conf

Write = Callable[[str, str], Path]


@pytest.fixture
def conf(tmp_path: Path) -> Path:
    """A private copy of conf/ (passed explicitly: no environment variable is set)."""
    return copy_conf(tmp_path)


@pytest.fixture
def write(conf: Path) -> Write:
    """``write("experiment/x", text)``: a config file of the private conf/ copy."""

    def put(name: str, text: str) -> Path:
        path = conf / f"{name}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return put


def verdict(conf: Path, *overrides: str) -> Report:
    return checked(list(overrides), config_dir=conf)


def by_code(report: Report, code: str) -> list[Violation]:
    return [v for v in report.errors if v.code == code]


def names_a_source(violation: Violation) -> bool:
    """The finding names a file (with a line) or a command-line override."""
    if violation.location is not None and violation.location.line >= 1:
        return True
    if violation.override is not None:
        return True
    return any(
        p.winner is not None and p.winner.kind in (SourceKind.file, SourceKind.override)
        for p in violation.provenance
    )


def line_of(path: Path, needle: str) -> int:
    """The 1-based line of ``path`` holding ``needle``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, text in enumerate(lines, start=1) if needle in text)


def paths(violations: Sequence[Violation]) -> list[str]:
    return [v.path for v in violations]
