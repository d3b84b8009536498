"""The legacy defaults table: completeness, exact types, environment, yacs node."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from yacs.config import CfgNode  # a dev dependency: missing, this module fails, never skips

from depthconf.legacy import (
    PER_DATASET_KEYS,
    SPLITS,
    legacy_cfgnode,
    legacy_defaults,
    legacy_key_paths,
    legacy_section_paths,
)


def test_sections_and_counts() -> None:
    d = legacy_defaults()
    expected = ["name", "debug", "model", "arch", "datasets"]
    expected += ["checkpoint", "save", "wandb", "tensorboard", "config", "default", "prepared"]
    assert list(d) == expected  # the order of configs/default_config.py (:8-294)
    assert list(d["model"]) == [
        "name",
        "checkpoint_path",
        "loss",
        "depth_net",
        "pose_net",
        "optimizer",
        "scheduler",
        "params",
    ]
    assert len(d["model"]["loss"]) == 41
    assert len(d["model"]["depth_net"]) == 14
    assert len(legacy_key_paths()) == 174  # with the 6 run-time keys (:289-294)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("name", ""),
        ("debug", True),
        ("model.loss.C1", 1e-4),
        ("model.loss.C2", 9e-4),
        ("model.loss.epsilon", 1e-8),
        ("model.loss.silog_ratio", 10),
        ("model.loss.supervised_method", "sparse-l1"),
        ("model.loss.max_depth", 100.0),
        ("model.depth_net.force_output_shape", ()),
        ("model.depth_net.film_scales", [0]),
        ("model.depth_net.variant", "s"),
        ("model.optimizer.depth.lr", 0.0002),
        ("model.scheduler.T_max", 20),
        ("model.params.crop", "garg"),
        ("model.params.max_depth", 100.0),
        ("arch.dtype", None),
        ("arch.clip_grad", 10.0),
        ("arch.eval_progress_interval", 0.1),
        ("datasets.augmentation.image_shape", ()),
        ("datasets.augmentation.jittering", (0.2, 0.2, 0.2, 0.05)),
        ("datasets.augmentation.randaugment.n", 9),
        ("datasets.augmentation.random_erasing.mean", [0.485, 0.456, 0.406]),
        ("datasets.augmentation.cutmix.alpha", 1.0),
        ("datasets.train.batch_size", 2),
        ("datasets.train.num_workers", 16),
        ("datasets.train.back_context", 1),
        ("datasets.train.repeat", [1]),
        ("datasets.validation.batch_size", 1),
        ("datasets.validation.forward_context", 0),
        ("datasets.test.cameras", [[]]),
        ("datasets.test.use_mask", [False]),
        ("checkpoint.save_top_k", 5),
        ("checkpoint.monitor", "loss"),
        ("checkpoint.mode", "auto"),
        ("checkpoint.period", 1),
        ("save.depth.png", True),
        ("wandb.dry_run", True),
        ("wandb.tags", []),
        ("tensorboard.log_frequency", 100),
    ],
)
def test_default_value_and_type(
    key: str, value: Any, assert_same: Callable[[Any, Any], None]
) -> None:
    node: Any = legacy_defaults()
    for part in key.split("."):
        node = node[part]
    assert_same(node, value)


def test_split_sections() -> None:
    d = legacy_defaults()["datasets"]
    for split in SPLITS:
        per_dataset = [k for k in d[split] if isinstance(d[split][k], list)]
        assert set(per_dataset) <= set(PER_DATASET_KEYS)
        assert d[split]["num_logs"] == 5
    assert "repeat" in d["train"]
    assert "repeat" not in d["validation"]
    assert "repeat" not in d["test"]


def test_fresh_deep_copy_each_call() -> None:
    first = legacy_defaults()
    first["datasets"]["train"]["cameras"][0].append(0)
    first["model"]["loss"]["C1"] = 1.0
    second = legacy_defaults()
    assert second["datasets"]["train"]["cameras"] == [[]]
    assert second["model"]["loss"]["C1"] == 1e-4


def test_wandb_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert legacy_defaults()["wandb"]["project"] == ""
    assert legacy_defaults()["wandb"]["entity"] == ""
    monkeypatch.setenv("WANDB_PROJECT", "depth")
    monkeypatch.setenv("WANDB_ENTITY", "team")
    assert legacy_defaults()["wandb"]["project"] == "depth"
    assert legacy_defaults()["wandb"]["entity"] == "team"


def test_key_paths() -> None:
    paths = legacy_key_paths()
    assert "checkpoint.monitor_index" in paths
    assert "datasets.augmentation.mixup.prob" in paths
    assert "model" not in paths
    assert "model.loss" in legacy_section_paths()
    assert not paths & legacy_section_paths()


def test_cfgnode_is_the_same_table(assert_same: Callable[[Any, Any], None]) -> None:
    node = legacy_cfgnode()
    assert isinstance(node, CfgNode)
    assert isinstance(node.model.loss, CfgNode)
    assert_same(legacy_defaults(), node)
    assert_same(node, legacy_defaults())
    assert node.arch.dtype is None
    assert node.datasets.augmentation.jittering == (0.2, 0.2, 0.2, 0.05)


def test_cfgnode_is_fresh() -> None:
    first = legacy_cfgnode()
    first.checkpoint.save_top_k = 3
    assert legacy_cfgnode().checkpoint.save_top_k == 5
