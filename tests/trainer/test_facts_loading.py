"""Loading the config (trainer.md 3a): keys and types the trainer's yacs merge refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from depthconf.legacy import migrate
from tests.migrate.trainer_files import Y0
from tests.trainer.facts import Fact, Verdict, assert_fact

FACTS = [
    # S1: packnet_sfm/utils/config.py:117 (yacs merge_from_file) refuses a key its defaults
    # lack, e.g. SupervisedLoss's progressive_scaling (packnet_sfm/losses/supervised_loss.py:256).
    Fact(
        "S1",
        "packnet_sfm/utils/config.py:117",
        ("+model.loss.progressive_scaling=0.5",),
        Verdict.error,
        "unknown_key",
    ),
]


@pytest.mark.parametrize("fact", FACTS, ids=lambda f: f.param_id)
def test_fact(fact: Fact) -> None:
    assert_fact(fact)


def _codes(tmp_path: Path, text: str) -> list[tuple[str, str]]:
    path = tmp_path / "train_y0.yaml"
    path.write_text(text, encoding="utf-8")
    return [(v.code, v.path) for v in migrate(path).errors]


def test_s1_an_unknown_key_in_a_legacy_file(tmp_path: Path) -> None:
    # S1: packnet_sfm/utils/config.py:117 ('Non-existent config key')
    text = Y0.replace("loss: {", "loss: {progressive_scaling: 0.5, ", 1)
    assert ("legacy_unknown_key", "model.loss.progressive_scaling") in _codes(tmp_path, text)


def test_s3_a_scalar_where_the_default_is_a_list(tmp_path: Path) -> None:
    # S3: packnet_sfm/utils/config.py:117 (yacs type check: list vs bool)
    text = Y0.replace(
        "        depth_type: [depth_original]\n",
        "        use_mask: True\n        depth_type: [depth_original]\n",
        1,
    )
    assert ("legacy_wrong_type", "datasets.train.use_mask") in _codes(tmp_path, text)
