"""The trainer's config path, restated from its facts on a real yacs ``CfgNode``.

Written from ../shared/trainer.md section 3a (the trainer at 208e293), not copied: it is
the independent reference the legacy loader and the export are checked against when
the trainer itself is not available (``tests/trainer/test_conformance.py`` runs the
real one). Every step cites the trainer's file:line.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from depthconf.legacy import SPLITS, legacy_cfgnode

#: what get_default_config merges as ``default`` (packnet_sfm/utils/config.py:111, :183)
DEFAULT_CONFIG = "configs/default_config"


def merge_like_the_trainer(path: Path) -> Any:
    """Defaults, ``default``, the file, ``config`` (packnet_sfm/utils/config.py:106-119)."""
    cfg = legacy_cfgnode()
    cfg.merge_from_list(["default", DEFAULT_CONFIG])  # config.py:111
    cfg.merge_from_file(str(path))  # config.py:117 (raises on unknown keys and types)
    cfg.merge_from_list(["config", str(path)])  # config.py:118
    return cfg


def assert_like_the_trainer(cfg: Any) -> None:
    """The asserts of prepare_train_config, before broadcasting (config.py:239-245)."""
    assert cfg.wandb.dry_run or cfg.wandb.entity != "", "You need a wandb entity"
    assert cfg.wandb.dry_run or cfg.wandb.project != "", "You need a wandb project"
    assert cfg.checkpoint.filepath == "" or (
        cfg.checkpoint.monitor_index < len(cfg.datasets.validation.split)
    ), "You need to monitor a valid dataset"


def broadcast_every_list(section: Any) -> None:
    """Broadcasting of the per-dataset lists (prep_dataset, config.py:13-44, misc.py:47).

    ``mask_file`` and ``use_mask`` are left alone, as the trainer leaves them
    (config.py:35-43; indexed per dataset at model_wrapper.py:1080-1087, trainer.md D6, D7).
    """
    if len(section.path) == 0:
        return
    if not section.cameras or not isinstance(section.cameras[0], list):
        section.cameras = [section.cameras]
    n = max(len(section.split), len(section.cameras), len(section.depth_type))
    for key, value in list(section.items()):
        if isinstance(value, list) and key not in ("mask_file", "use_mask"):
            assert len(value) in (1, n), "Wrong list length for make_list"
            section[key] = value * n if len(value) == 1 else value


def dataset_prefix(section: Any, index: int) -> str:
    """prepare_dataset_prefix (packnet_sfm/utils/logging.py:33-61)."""
    prefix = os.path.splitext(section.path[index].split("/")[-1])[0]
    split = section.split[index]
    if split != "" and "{" not in split:
        prefix += "-" + os.path.splitext(os.path.basename(split))[0]
    if section.depth_type[index] != "":
        prefix += "-" + section.depth_type[index]
    if len(section.cameras[index]) == 1:
        prefix += "-" + section.cameras[index][0]
    return prefix


def prepare_like_the_trainer(cfg: Any) -> Any:
    """prepare_train_config (packnet_sfm/utils/config.py:220-255) with set_name (:47-69)
    and set_checkpoint (:72-101); the run name's timestamp is a fixed stand-in."""
    if cfg.prepared:  # config.py:235-236
        return cfg
    assert_like_the_trainer(cfg)
    for split in SPLITS:
        broadcast_every_list(cfg.datasets[split])
    if cfg.name == "":  # config.py:62-69
        stem = os.path.splitext(os.path.basename(cfg.config))[0]
        cfg.name = f"{os.path.basename(cfg.default)}-{stem}-<timestamp>"
    if cfg.checkpoint.filepath != "":  # config.py:87-96
        prefix = dataset_prefix(cfg.datasets.validation, cfg.checkpoint.monitor_index)
        cfg.checkpoint.monitor = f"{prefix}-{cfg.checkpoint.monitor}"
        template = "{epoch:02d}_{" + cfg.checkpoint.monitor + ":.3f}"
        cfg.checkpoint.filepath = os.path.join(cfg.checkpoint.filepath, cfg.name, template)
    else:
        cfg.checkpoint.s3_path = ""  # config.py:100-102
    return cfg


def parse_train_config(path: Path) -> Any:
    """parse_train_config (packnet_sfm/utils/config.py:196-217): merge, then prepare."""
    return prepare_like_the_trainer(merge_like_the_trainer(path))
