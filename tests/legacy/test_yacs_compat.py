"""load_legacy agrees with the real legacy pipeline: a yacs CfgNode + the trainer's preparation.

The reference (``trainer_reference``) is the trainer's config path written against a real
``yacs.config.CfgNode`` of the defaults table (``legacy_cfgnode()``, which equals the
trainer's configs/default_config.py, run-time keys included): ``default`` merged first,
``merge_from_file``, ``config`` merged last (packnet_sfm/utils/config.py:106-119), the
asserts of ``prepare_train_config`` (checked before broadcasting, :239-245) and
broadcasting of every per-dataset list (:248-250). It proves that the defaults table and
the loader match yacs and the trainer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yacs.config  # noqa: F401  (a dev dependency: missing, this module fails, never skips)
import yaml

from depthconf.legacy import SPLITS, load_legacy
from tests.legacy.trainer_reference import (
    assert_like_the_trainer,
    broadcast_every_list,
    merge_like_the_trainer,
)

Same = Callable[[Any, Any], None]


def reference_legacy(path: Path) -> Any:
    """The legacy pipeline up to broadcasting; raises like the trainer on a bad file."""
    cfg = merge_like_the_trainer(path)
    assert_like_the_trainer(cfg)
    for split in SPLITS:
        broadcast_every_list(cfg.datasets[split])
    # ``config`` and ``default`` are filled by the trainer around the merge; the loader
    # keeps the file's own values (migrate drops them, F1a)
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key in ("config", "default"):
        cfg[key] = document.get(key, "") if isinstance(document, dict) else ""
    return cfg


def test_valid_fixture_matches_yacs(valid_fixture: Any, assert_same: Same) -> None:
    expected = reference_legacy(valid_fixture.path)
    got = load_legacy(valid_fixture.path)
    assert got.ok
    assert_same(got.values, expected)


def test_yacs_rejects_exactly_the_files_with_problems(readable_fixture: Any) -> None:
    cfg = load_legacy(readable_fixture.path)
    try:
        reference_legacy(readable_fixture.path)
    except (KeyError, ValueError, AssertionError, TypeError):
        rejected = True
    else:
        rejected = False
    assert rejected is (not cfg.ok)


QUIRKS = [
    "model:\n  params:\n    max_depth: 80\n",
    "model:\n  params:\n    max_depth: 80.0\n",
    "arch:\n  max_epochs: 30.0\n",
    "checkpoint:\n  save_top_k: true\n",
    "debug: 1\n",
    "model:\n  optimizer:\n    depth:\n      lr: 1e-4\n",
    "datasets:\n  augmentation:\n    crop_train_borders: (-352, 0, 0.5, 1216)\n",
    "datasets:\n  augmentation:\n    image_shape: [384, 640]\n",
    "datasets:\n  augmentation:\n    random_erasing:\n      mean: (0.5, 0.5, 0.5)\n",
    "name: None\n",
    "name: ~\n",
    "model:\n",
    "model: X\n",
    "model: \"{'name': 'x'}\"\n",
    "model:\n  depth_net:\n    version: '18'\n",
    "model:\n  depth_net:\n    version: \"'18'\"\n",
    "name: 'True'\n",
    "arch:\n  dtype: float16\n",
    "arch:\n  dtype: [1, 2]\n",
    "arch:\n  dtype: {a: 1}\n",
    "arch:\n  dtype: 2020-01-01\n",
    'arch:\n  dtype: "{1, 2}"\n',
    "wandb:\n  tags: [2020-01-01, (1, 2)]\n",
    "on: 1\n",
    "3: x\n",
    'name: "{[1]: 2}"\n',
    'name: "{1: 2}"\n',
    "model.name: X\n",
    "datasets:\n  train:\n    depth_type: groundtruth\n",
    "datasets:\n  train:\n    split: \"('a',)\"\n",
    "datasets:\n  train:\n    cameras: [0]\n",
    "wandb:\n  dry_run: 'yes'\n",
    "wandb:\n  dry_run: yes\n",
    "\ufeffname: x\n",
    "{}\n",
    "arch: {}\nmodel: {loss: {}}\n",
    "model:\n  loss:\n    silog_ratio: 10.0\n",
    "model:\n  loss:\n    silog_ratio: '10'\n",
    "datasets:\n  validation:\n    use_mask: (True,)\n",
    # F1a: the six run-time keys are in the trainer's defaults (configs/default_config.py:
    # 289-294), so yacs merges them; a wrong type is still a type error
    "prepared: True\nconfig: x.yaml\ndefault: configs/default_config\n",
    "save: {pretrained: a.ckpt}\nwandb: {url: 'http://x'}\ncheckpoint: {s3_url: 's3://x'}\n",
    "prepared: 1\n",
]


@pytest.mark.parametrize("text", QUIRKS)
def test_merge_quirks_match_yacs(
    tmp_path: Path, text: str, assert_merge_agrees: Callable[[Path], bool]
) -> None:
    path = tmp_path / "quirk.yaml"
    path.write_text(text, encoding="utf-8")
    assert_merge_agrees(path)
