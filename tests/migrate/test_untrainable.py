"""The team's configs this trainer cannot train are refused by migrate, each with its reason.

The fixtures in tests/fixtures/untrainable/ are written for these tests from trainer.md
section 5 (the fork's self-supervised KITTI, DDAD and omnicam files): the values that
decide trainability, not copies of the team's files.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from depthconf.legacy import migrate
from tests.conftest import REPO, run_cli

UNTRAINABLE = REPO / "tests" / "fixtures" / "untrainable"
FILES = sorted(p.name for p in UNTRAINABLE.glob("*.yaml"))

# model name -> the trainer's forward() that rejects masks= (packnet_sfm/models/...)
CITED = {
    "SelfSupModel": "packnet_sfm/models/SelfSupModel.py:83",
    "GenericSelfSupModel": "packnet_sfm/models/GenericSelfSupModel.py:85",
}


def test_the_fixtures_are_there() -> None:
    assert len(FILES) == 4


@pytest.mark.parametrize("name", FILES)
def test_a_self_supervised_file_is_refused_with_the_trainers_reason(name: str) -> None:
    # M2: the fork's training step passes masks= to every model
    # (packnet_sfm/models/model_wrapper.py:299); these models' forward() takes none.
    result = migrate(UNTRAINABLE / name)
    errors = {v.code: v for v in result.errors}
    assert list(errors) == ["trainer_fails"], [v.render() for v in result.errors]
    error = errors["trainer_fails"]
    assert error.path == "model.name"
    model = error.value.strip("'")
    assert "at the first training step" in error.rule
    assert "masks=" in error.rule and CITED[model] in error.rule
    assert error.fix.endswith("model.name=SemiSupCompletionModel")
    lines = (UNTRAINABLE / name).read_text().splitlines()
    model_line = next(i for i, line in enumerate(lines, 1) if line.strip().startswith("name:"))
    assert error.location is not None and error.location.line == model_line


def test_migrate_check_refuses_every_one(tmp_path: Path) -> None:
    result = run_cli("migrate", "--check", str(UNTRAINABLE), cwd=tmp_path)
    assert result.returncode == 2, result.output
    assert "Traceback" not in result.output
    assert "4 files: 0 migrated and valid, 4 migrated with errors, 0 unreadable" in result.stdout
    for name in FILES:
        assert f"{name}" in result.stdout and "model.name (trainer_fails)" in result.stdout
