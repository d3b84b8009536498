"""Shared fixtures of the legacy tests.

The expected outcome of every file in ``tests/fixtures/legacy`` is read from the
table in ``tests/fixtures/legacy/EXPECTED.md`` (single source of truth), and test
functions asking for ``expected_fixture`` / ``valid_fixture`` / ``readable_fixture``
are parametrized with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from depthconf.legacy import legacy_cfgnode, legacy_defaults
from depthconf.legacy._merge import merge_document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "legacy"

_ROW = re.compile(r"^\| `(?P<file>[^`]+)` \| (?P<status>\w+) \|(?P<what>[^|]*)\|")
_PROBLEM = re.compile(r"^(?P<code>[a-z0-9_]+)(?: `(?P<key>[^`]+)`)?$")


@dataclass(frozen=True)
class Expected:
    """Expected outcome of loading one fixture file."""

    path: Path
    status: str  # valid | problems | unreadable
    problems: tuple[tuple[str, str | None], ...]  # (code, key) in order

    @property
    def name(self) -> str:
        return self.path.name


def read_expected() -> list[Expected]:
    rows = []
    for line in (FIXTURES / "EXPECTED.md").read_text(encoding="utf-8").splitlines():
        match = _ROW.match(line)
        if not match:
            continue
        items = [item.strip() for item in match["what"].split(";") if item.strip()]
        problems = []
        for item in items:
            parsed = _PROBLEM.match(item)
            assert parsed, f"EXPECTED.md: cannot parse {item!r}"
            problems.append((parsed["code"], parsed["key"]))
        rows.append(Expected(FIXTURES / match["file"], match["status"], tuple(problems)))
    assert rows, "EXPECTED.md has no table rows"
    return rows


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    expected = read_expected()
    if "expected_fixture" in metafunc.fixturenames:
        metafunc.parametrize("expected_fixture", expected, ids=[e.name for e in expected])
    for name, statuses in (
        ("valid_fixture", {"valid"}),
        ("readable_fixture", {"valid", "problems"}),
    ):
        if name in metafunc.fixturenames:
            chosen = [e for e in expected if e.status in statuses]
            metafunc.parametrize(name, chosen, ids=[e.name for e in chosen])


def _assert_same(a: Any, b: Any, where: str = "") -> None:
    """Equal values with identical types all the way down (tuple is not list, 1 is not
    1.0); any two mappings (dict, yacs CfgNode) compare as mappings."""
    if isinstance(a, dict) and isinstance(b, dict):
        assert sorted(map(str, a)) == sorted(map(str, b)), f"{where}: keys differ"
        for key in a:
            _assert_same(a[key], b[key], f"{where}.{key}")
        return
    assert type(a) is type(b), f"{where}: {type(a).__name__} {a!r} vs {type(b).__name__} {b!r}"
    if isinstance(a, list | tuple):
        assert len(a) == len(b), f"{where}: {a!r} vs {b!r}"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _assert_same(x, y, f"{where}[{i}]")
    else:
        assert a == b, f"{where}: {a!r} != {b!r}"


@pytest.fixture
def assert_same() -> Callable[[Any, Any], None]:
    """Strict comparison of two config trees (values and exact types)."""
    return _assert_same


def _assert_merge_agrees(path: Path) -> bool:
    """Our merge stage accepts ``path`` iff yacs ``merge_from_file`` does, and then both
    give the same values. Returns whether yacs accepted the file."""
    text = path.read_text(encoding="utf-8")
    ours = merge_document(yaml.safe_load(text), legacy_defaults())
    node = legacy_cfgnode()
    try:
        node.merge_from_file(str(path))
    except Exception:
        assert ours.problems, f"yacs rejects, we accept:\n{text}"
        return False
    assert not ours.problems, f"yacs accepts, we reject:\n{text}\n{ours.problems}"
    _assert_same(ours.values, node)
    return True


@pytest.fixture
def assert_merge_agrees() -> Callable[[Path], bool]:
    """Differential check of the merge stage against a real yacs CfgNode."""
    return _assert_merge_agrees


@pytest.fixture
def fixtures_dir() -> Path:
    """The directory of the legacy fixture files."""
    return FIXTURES


@pytest.fixture
def expected_rows() -> list[Expected]:
    """Every row of EXPECTED.md."""
    return read_expected()


@pytest.fixture(autouse=True)
def _no_wandb_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """The wandb defaults come from the environment: make every test independent of it."""
    monkeypatch.delenv("WANDB_PROJECT", raising=False)
    monkeypatch.delenv("WANDB_ENTITY", raising=False)
