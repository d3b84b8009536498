"""Property tests: load_legacy never ends in a traceback, and its merge agrees with yacs.

Random documents mix real legacy key paths with junk keys and random values; random
text, random bytes and mutated fixture files cover the unreadable side.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from depthconf.findings import Violation
from depthconf.legacy import (
    LegacyConfig,
    LegacyLoadError,
    legacy_defaults,
    legacy_key_paths,
    legacy_section_paths,
    load_legacy,
)
from depthconf.legacy._tree import flatten

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "legacy"
PATHS = sorted(legacy_key_paths() | legacy_section_paths())
SEGMENTS = sorted({part for path in PATHS for part in path.split(".")})
LITERALS = [
    "(1, 2)",
    "(-352, 0, 0.5, 1216)",
    "[384, 640]",
    "1e-4",
    "None",
    "True",
    "'quoted'",
    "\"'18'\"",
    "18",
    "18A",
    "[1, 'a']",
    "{'a': 1}",
    "{1, 2}",
    "{[1]: 2}",
    "b'x'",
    "1j",
    "...",
    "sparse-silog",
    "/data/my datasets/KITTI raw",
    "[[0]]",
    "[]",
    "()",
    "groundtruth",
]
SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**40), 2**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=10),
    st.sampled_from(LITERALS),
)
keys = st.one_of(st.sampled_from(SEGMENTS), st.text(min_size=1, max_size=8), st.integers(0, 3))
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3),
    max_leaves=6,
)
key_paths = st.one_of(
    st.sampled_from(PATHS).map(lambda p: p.split(".")),
    st.lists(keys, min_size=1, max_size=3),
    st.sampled_from(PATHS).flatmap(lambda p: keys.map(lambda k: [*p.split("."), k])),
)


def _typed(default: Any) -> st.SearchStrategy[Any]:
    """Values of roughly the default's type (so that yacs often accepts them)."""
    if isinstance(default, bool):
        return st.booleans()
    if isinstance(default, int):
        return st.integers(-5, 100)
    if isinstance(default, float):
        return st.floats(-10, 1000, allow_nan=False) | st.sampled_from(["1e-4", "2.5e-3"])
    if isinstance(default, str):
        return st.text(max_size=10) | st.sampled_from(LITERALS)
    if isinstance(default, list | tuple):
        return st.lists(scalars, max_size=3) | st.sampled_from(["(1, 2)", "[[0]]", "()"])
    return scalars


DEFAULTS = flatten(legacy_defaults())
typed_entries = st.sampled_from(sorted(DEFAULTS)).flatmap(
    lambda path: st.tuples(st.just(path.split(".")), _typed(DEFAULTS[path]) | st.none())
)
any_entries = st.tuples(key_paths, values)


@st.composite
def documents(draw: st.DrawFn) -> dict[Any, Any]:
    """A nested mapping setting random key paths to random values: mostly real keys with
    plausibly typed values, plus a few arbitrary (usually wrong) entries."""
    document: dict[Any, Any] = {}
    entries = draw(st.lists(typed_entries, max_size=6)) + draw(st.lists(any_entries, max_size=2))
    for parts, value in draw(st.permutations(entries)):
        node = document
        for part in parts[:-1]:
            child = node.get(part)
            if not isinstance(child, dict):
                child = node[part] = {}
            node = child
        node[parts[-1]] = value
    return document


def _dump(document: Any) -> str:
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True)


def _outcome(path: Path) -> LegacyConfig | LegacyLoadError:
    try:
        return load_legacy(path)
    except LegacyLoadError as err:
        return err


def _check_total(path: Path) -> None:
    """load_legacy returns a LegacyConfig or raises LegacyLoadError; nothing else."""
    outcome = _outcome(path)
    if isinstance(outcome, LegacyLoadError):
        assert outcome.file == path
        assert outcome.message
        assert str(outcome)
        return
    assert isinstance(outcome, LegacyConfig)
    assert outcome.explicit <= legacy_key_paths()
    for problem in outcome.problems:
        assert isinstance(problem, Violation)
        assert problem.location is not None and problem.location.file == str(path)
        assert problem.render()
    assert set(outcome.flat()) == legacy_key_paths()


@SETTINGS
@given(document=st.one_of(documents(), values))
def test_random_documents_never_crash(document: Any) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "random.yaml")
        path.write_text(_dump(document), encoding="utf-8")
        _check_total(path)


@SETTINGS
@given(data=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_random_bytes_never_crash(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "random.yaml")
        path.write_bytes(data)
        _check_total(path)


@SETTINGS
@given(
    name=st.sampled_from(sorted(p.name for p in FIXTURES.glob("*.yaml"))),
    cut=st.integers(0, 2000),
    insert=st.binary(max_size=8) | st.sampled_from([b"[", b"]", b":", b"\t", b"\n  ", b"'", b"{"]),
    drop=st.integers(0, 20),
)
def test_mutated_fixtures_never_crash(name: str, cut: int, insert: bytes, drop: int) -> None:
    data = (FIXTURES / name).read_bytes()
    cut = min(cut, len(data))
    mutated = data[:cut] + insert + data[cut + drop :]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, name)
        path.write_bytes(mutated)
        _check_total(path)


@SETTINGS
@given(document=documents())
def test_merge_agrees_with_yacs(
    document: dict[Any, Any], assert_merge_agrees: Callable[[Path], bool]
) -> None:
    """Our merge accepts exactly what yacs merge_from_file accepts, with the same values."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "random.yaml")
        path.write_text(_dump(document), encoding="utf-8")
        accepted = assert_merge_agrees(path)
    event("yacs accepts" if accepted else "yacs rejects")
