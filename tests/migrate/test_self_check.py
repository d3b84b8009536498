"""migrate's self-check fires: a writer that drops or changes one value is caught.

migrate writes the experiment, composes it, and compares every composed value with
the legacy one (``legacy/_findings.py``, ``mismatches``). These tests break the writer
on purpose (``render_experiment``, patched where migrate calls it) and require a
``migration_mismatch`` finding that names the key and points into the legacy file;
without the fault the same file migrates without one, so the finding comes from the
fault and from nothing else.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from depthconf.legacy import MigrationResult, migrate
from depthconf.legacy import _migrate as migrate_module
from tests.migrate.conftest import FIXTURES
from tests.migrate.test_fidelity import INTENTIONAL, differences

#: A team file the trainer can train (tests/migrate/conftest.py TEAM); its lines:
#: arch.max_epochs 25 (line 5), model.params.min_depth 0.0, max_depth 80.0.
TEAM_FILE = FIXTURES / "train_resnet_san_kitti.yaml"

Fault = Callable[[dict[str, Any]], None]


def _drop(path: str) -> Fault:
    def fault(tree: dict[str, Any]) -> None:
        *parents, leaf = path.split(".")
        node = tree
        for part in parents:
            node = node[part]
        del node[leaf]

    return fault


def _change(path: str, change: Callable[[Any], Any]) -> Fault:
    def fault(tree: dict[str, Any]) -> None:
        *parents, leaf = path.split(".")
        node = tree
        for part in parents:
            node = node[part]
        node[leaf] = change(node[leaf])

    return fault


def _migrate_with(monkeypatch: pytest.MonkeyPatch, fault: Fault | None) -> MigrationResult:
    real = migrate_module.render_experiment

    def faulty(
        source: str, defaults: Any, name: str, tree: Mapping[str, Any], **kwargs: Any
    ) -> str:
        broken = copy.deepcopy(dict(tree))
        if fault is not None:
            fault(broken)
        return real(source, defaults, name, broken, **kwargs)

    monkeypatch.setattr(migrate_module, "render_experiment", faulty)
    return migrate(TEAM_FILE)


def _mismatches(result: MigrationResult) -> list[Any]:
    return [v for v in result.errors if v.code == "migration_mismatch"]


def test_without_a_fault_the_file_migrates_cleanly(monkeypatch: pytest.MonkeyPatch) -> None:
    result = _migrate_with(monkeypatch, None)
    assert result.ok, [v.render() for v in result.errors]
    assert _mismatches(result) == []


FAULTS = [
    pytest.param("arch.max_epochs", _drop("arch.max_epochs"), id="drops-an-int"),
    pytest.param("arch.max_epochs", _change("arch.max_epochs", lambda v: v + 1), id="int+1"),
    pytest.param(
        "model.params.max_depth",
        _change("model.params.max_depth", lambda v: v * 2),
        id="changes-a-float",
    ),
    pytest.param("model.params.max_depth", _drop("model.params.max_depth"), id="drops-a-float"),
]


@pytest.mark.parametrize(("key", "fault"), FAULTS)
def test_a_writer_fault_is_a_migration_mismatch_at_the_key_and_the_file(
    monkeypatch: pytest.MonkeyPatch, key: str, fault: Fault
) -> None:
    result = _migrate_with(monkeypatch, fault)
    assert not result.ok
    found = _mismatches(result)
    assert [v.path for v in found] == [key], [v.render() for v in result.errors]
    (mismatch,) = found
    assert mismatch.location is not None
    assert Path(mismatch.location.path) == TEAM_FILE
    assert mismatch.location.line > 0
    assert key.rsplit(".", 1)[-1] in mismatch.location.text  # the legacy line of the key
    assert "could not reproduce" in mismatch.rule and key in mismatch.fix
    # an invalid migration is still written, with its errors in the header
    assert result.text is not None and f"#   {key} (migration_mismatch)" in result.text


def test_the_fidelity_comparison_sees_a_fault_without_the_self_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The fuzz property's comparison (test_fidelity.differences) is independent of the
    self-check: with the self-check silenced, it still sees the changed value."""
    monkeypatch.setattr(migrate_module, "mismatches", lambda *args, **kwargs: [])
    result = _migrate_with(monkeypatch, _change("arch.max_epochs", lambda v: v + 1))
    assert _mismatches(result) == []  # the self-check is out of the way
    assert result.legacy is not None
    unintended = {
        key: change
        for key, change in differences(result).items()
        if key not in INTENTIONAL or not INTENTIONAL[key][1](result.legacy, result, *change)
    }
    assert unintended == {"arch.max_epochs": (25, 26)}
