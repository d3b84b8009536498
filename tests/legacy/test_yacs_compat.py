"""load_legacy agrees with the real legacy pipeline: a yacs CfgNode + packnet-sfm preparation.

The reference below is the legacy behaviour written against a real ``yacs.config.CfgNode``
(``legacy_cfgnode()``): ``merge_from_file``, the asserts of ``prepare_train_config``
(checked before broadcasting, as legacy did) and ``prep_dataset`` broadcasting of every
per-dataset list. It proves that the defaults table and the loader match yacs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from depthconf.legacy import SPLITS, legacy_cfgnode, load_legacy

Same = Callable[[Any, Any], None]

pytest.importorskip("yacs.config")


def reference_prep_dataset(section: Any) -> None:
    """packnet-sfm ``prep_dataset`` on a CfgNode, for every per-dataset list it broadcasts
    (packnet_sfm/utils/config.py:35-43: not mask_file and use_mask)."""
    if len(section.path) == 0:
        return
    if not section.cameras or not isinstance(section.cameras[0], list):
        section.cameras = [section.cameras]
    n = max(len(section.split), len(section.cameras), len(section.depth_type))
    for key, value in list(section.items()):
        if isinstance(value, list) and key not in ("mask_file", "use_mask"):
            assert len(value) in (1, n), "Wrong list length for make_list"
            section[key] = value * n if len(value) == 1 else value


def reference_legacy(path: Path) -> Any:
    """The legacy pipeline; raises like the legacy trainer did on a bad file."""
    cfg = legacy_cfgnode()
    cfg.merge_from_file(str(path))
    assert cfg.wandb.dry_run or cfg.wandb.entity != "", "You need a wandb entity"
    assert cfg.wandb.dry_run or cfg.wandb.project != "", "You need a wandb project"
    assert cfg.checkpoint.filepath == "" or (
        cfg.checkpoint.monitor_index < len(cfg.datasets.validation.split)
    ), "You need to monitor a valid dataset"
    for split in SPLITS:
        reference_prep_dataset(cfg.datasets[split])
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
]


@pytest.mark.parametrize("text", QUIRKS)
def test_merge_quirks_match_yacs(
    tmp_path: Path, text: str, assert_merge_agrees: Callable[[Path], bool]
) -> None:
    path = tmp_path / "quirk.yaml"
    path.write_text(text, encoding="utf-8")
    assert_merge_agrees(path)
