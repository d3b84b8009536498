"""Shared fixtures of the migration and export tests.

Every legacy fixture is migrated once per session (``migrated``); the expected
status of each file comes from ``tests/fixtures/legacy/EXPECTED.md``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from depthconf.legacy import MigrationResult, migrate_many
from tests.legacy.conftest import Expected, read_expected

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "legacy"
#: The team's ncdb files leave depth_type unset, which the trainer rejects at start-up
#: (packnet_sfm/datasets/ncdb_dataset.py:178-181, trainer.md D2): migrate reports them.
CANNOT_TRAIN = {
    "train_resnet_san_ncdb.yaml": "ncdb_depth_type",
    "train_resnet_san_ncdb_640x384.yaml": "ncdb_depth_type",
}
#: The team's experiments, as legacy files, that the trainer can train.
TEAM = sorted(p.name for p in FIXTURES.glob("train_*.yaml") if p.name not in CANNOT_TRAIN)


def expected_rows() -> list[Expected]:
    return read_expected()


@pytest.fixture(scope="session")
def migrated() -> dict[str, MigrationResult]:
    """file name -> migration result, for every legacy fixture (WANDB_* unset)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("WANDB_PROJECT", raising=False)
        patch.delenv("WANDB_ENTITY", raising=False)
        results = migrate_many(sorted(FIXTURES.glob("*.yaml")))
    return {r.source.name: r for r in results}


@pytest.fixture(autouse=True)
def _no_wandb_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """The wandb defaults come from the environment: make every test independent of it."""
    monkeypatch.delenv("WANDB_PROJECT", raising=False)
    monkeypatch.delenv("WANDB_ENTITY", raising=False)


@pytest.fixture
def legacy_file(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a legacy experiment file: ``legacy_file("train_x.yaml", text)``."""

    def write(name: str, text: str) -> Path:
        path = tmp_path / "legacy" / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write


def codes(result: MigrationResult) -> list[str]:
    return [v.code for v in result.errors]


def paths(result: MigrationResult) -> set[str]:
    """Every field path named by an error (comma-separated paths split)."""
    return {part.strip() for v in result.errors for part in v.path.split(",")}
