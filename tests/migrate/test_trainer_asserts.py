"""S6: migrate follows the trainer's start-up assert on monitor_index, before broadcasting."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from depthconf.cli import main
from depthconf.legacy import migrate
from tests.migrate.trainer_files import Y0

# trainer.md S6's reproduction: one validation split entry, two depth types (two datasets
# after broadcasting) and monitor_index 1
_VALIDATION = """\
        depth_type: [depth_original]
"""
assert Y0.endswith(_VALIDATION)
S6 = (
    Y0.removesuffix(_VALIDATION)
    + "        depth_type: [depth_original, distance_original]\n"
    + "        mask_file: [binary_mask.png, binary_mask.png]\n"
    + "checkpoint: {filepath: ckpt/, monitor_index: 1, save_top_k: -1}\n"
)

Write = Callable[[str, str], Path]


def test_s6_migrate_refuses_what_the_trainer_asserts(legacy_file: Write) -> None:
    # packnet_sfm/utils/config.py:243-245 asserts monitor_index < len(datasets.validation.split)
    # before prep_dataset broadcasts the lists (:248): 'You need to monitor a valid dataset'
    result = migrate(legacy_file("train_s6.yaml", S6))
    assert result.status == "invalid"
    (error,) = result.errors
    # the schema's code: the same defect the schema reports as monitor_index_range
    assert error.path == "checkpoint.monitor_index" and error.code == "monitor_index_range"
    assert "before it broadcasts the dataset lists" in error.rule
    assert "packnet_sfm/utils/config.py:243-245" in error.rule
    assert "the lists make 2 validation datasets" in error.rule
    assert error.fix.endswith(  # after the legacy file's location
        "list datasets.validation.split once per dataset (2 entries), or use a monitor_index "
        "below 1"
    )
    # the migrated experiment itself is fine for depthconf: its export writes the split
    # broadcast, which the trainer accepts (tests/migrate/test_export.py)
    assert result.composed is not None


def test_s6_the_fix_migrates(legacy_file: Write) -> None:
    fixed = S6.replace(
        "        split: [splits/combined_val.json]\n",
        "        split: [splits/combined_val.json, splits/combined_val.json]\n",
    )
    result = migrate(legacy_file("train_s6.yaml", fixed))
    assert result.ok, [v.render() for v in result.errors]


def test_s6_cli_exit_code(legacy_file: Write, capsys: pytest.CaptureFixture[str]) -> None:
    path = legacy_file("train_s6.yaml", S6)
    assert main(["migrate", "--check", str(path.parent)]) == 2
    assert "migrated with errors" in capsys.readouterr().out
