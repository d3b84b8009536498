"""Every config composes; the seven experiments carry the values of domain.md section 3."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import depthconf
from depthconf.composition import conf_dir, experiment_names
from depthconf.schema import Mode, TrainConfig

EXPERIMENTS = [
    "resnet_san_kitti",
    "resnet_san_kitti_tiny",
    "resnet_san_ncdb",
    "resnet_san_ncdb_640x384",
    "resnet_san_ncdb_dual_head_640x384",
    "yolov8_san_kitti",
    "packnet_san_kitti",
]


def test_the_seven_experiments_are_bundled() -> None:
    assert sorted(experiment_names()) == sorted(EXPERIMENTS)


def _options(group: str) -> list[str]:
    return sorted(p.stem for p in (conf_dir() / group).glob("*.yaml"))


@pytest.mark.parametrize(
    "override",
    [f"checkpoint={o}" for o in _options("checkpoint")]
    + [f"dataset={o}" for o in _options("dataset")]
    + [f"metrics={o}" for o in _options("metrics")]
    + [f"model={o}" for o in _options("model")],
)
def test_every_group_option_composes_and_validates(override: str) -> None:
    cfg = depthconf.compose("resnet_san_ncdb", [override])
    assert isinstance(cfg, TrainConfig)


def test_best_3_on_kitti_must_pick_the_unshadowed_dataset() -> None:
    """KITTI validates twice under one prefix; ranking by dataset 0 would track dataset 1."""
    with pytest.raises(depthconf.ConfigError) as error:
        depthconf.compose("resnet_san_kitti", ["checkpoint=best_3"])
    # the fix is an edit of the experiment file (the composition's last word on checkpoint)
    fix = error.value.violations[0].fix
    assert fix.startswith("in conf/experiment/resnet_san_kitti.yaml: add `monitor_index: 1`")
    depthconf.compose("resnet_san_kitti", ["checkpoint=best_3", "checkpoint.monitor_index=1"])


@pytest.mark.parametrize("net", _options("model/depth_net"))
def test_every_depth_net_option_validates(net: str) -> None:
    cfg = depthconf.compose(
        "resnet_san_ncdb", [f"model/depth_net={net}", "model.depth_net.dropout=0"]
    )
    assert cfg.model.depth_net.name


def test_experiment_files_use_the_global_package_pattern() -> None:
    for path in (conf_dir() / "experiment").glob("*.yaml"):
        assert path.read_text().startswith("# @package _global_"), path


COMMON: dict[str, Any] = {
    "model.name": "SemiSupCompletionModel",
    "model.optimizer.name": "Adam",
    "model.scheduler.name": "StepLR",
    "model.scheduler.gamma": 0.5,
    "model.params.scale_output": "top-center",
    "arch.seed": 42,
}

TABLE: dict[str, dict[str, Any]] = {
    "resnet_san_kitti": {
        "model.depth_net.name": "ResNetSAN01",
        "model.depth_net.version": "18A",
        "model.depth_net.dropout": 0.1,
        "model.loss.supervised_method": "sparse-silog",
        "model.optimizer.depth.lr": 1e-4,
        "model.optimizer.pose.lr": 1e-4,
        "model.scheduler.step_size": 30,
        "model.params.min_depth": 0.0,
        "model.params.max_depth": 80.0,
        "model.params.crop": "garg",
        "datasets.augmentation.crop_train_borders": [-352, 0, 0.5, 1216],
        "arch.max_epochs": 25,
        "datasets.train.batch_size": 4,
        "datasets.validation.split": ["data_splits/eigen_test_files_400.txt"],
        "datasets.validation.input_depth_type": ["velodyne", ""],
        "checkpoint.save_top_k": -1,
    },
    "resnet_san_kitti_tiny": {
        "model.depth_net.name": "ResNetSAN01",
        "model.depth_net.version": "18A",
        "model.loss.supervised_method": "sparse-ssi-silog",
        "model.scheduler.step_size": 30,
        "model.params.max_depth": 80.0,
        "model.params.crop": "garg",
        "arch.max_epochs": 30,
        "arch.eval_during_training": False,
        "datasets.train.split": ["data_splits/eigen_zhou_files_tiny.txt"],
        "datasets.validation.split": ["data_splits/eigen_test_files.txt"],
        "checkpoint.save_top_k": -1,
    },
    "resnet_san_ncdb": {
        "model.depth_net.name": "ResNetSAN01",
        "model.depth_net.dropout": 0.1,
        "model.loss.supervised_method": "sparse-ssi-silog",
        "model.scheduler.step_size": 40,
        "model.params.min_depth": 0.3,
        "model.params.max_depth": 100.0,
        "model.params.crop": "",
        "datasets.train.path": ["/workspace/data/ncdb-cls"],
        "datasets.train.split": ["splits/combined_train.json"],
        "datasets.validation.split": ["splits/combined_val.json"],
        "datasets.test.split": ["splits/combined_test.json"],
        "datasets.train.mask_file": ["binary_mask.png"],
        "arch.max_epochs": 50,
        "datasets.train.batch_size": 4,
        "checkpoint.save_top_k": -1,
    },
    "resnet_san_ncdb_640x384": {
        "model.depth_net.dropout": 0.1,
        "model.scheduler.step_size": 40,
        "model.params.min_depth": 0.5,
        "model.params.max_depth": 15.0,
        "model.params.crop": "",
        "datasets.validation.path": ["/workspace/data/ncdb-cls-640x384"],
        "datasets.augmentation.image_shape": [384, 640],
        "arch.max_epochs": 30,
    },
    "resnet_san_ncdb_dual_head_640x384": {
        "model.depth_net.use_dual_head": True,
        "model.depth_net.use_film": True,
        "model.loss.supervised_method": "sparse-ssi-silog",
        "model.loss.ssi_weight": 0.4,
        "model.loss.silog_weight": 0.4,
        "model.loss.gradient_weight": 0.2,
        "model.optimizer.depth.lr": 2e-4,
        "model.optimizer.pose.lr": 1e-4,
        "model.scheduler.step_size": 30,
        "model.params.min_depth": 0.1,
        "model.params.max_depth": 15.0,
        "datasets.validation.depth_type": ["depth_original"],
        "datasets.augmentation.image_shape": [384, 640],
        "datasets.train.batch_size": 12,
        "arch.clip_grad": 1.0,
        "arch.max_epochs": 50,
        "checkpoint.period": 2,
        "checkpoint.save_top_k": -1,
    },
    "yolov8_san_kitti": {
        "model.depth_net.name": "YOLOv8SAN01",
        "model.depth_net.variant": "s",
        "model.depth_net.dropout": 0.1,
        "model.loss.supervised_method": "sparse-ssi",
        "model.scheduler.step_size": 30,
        "model.params.max_depth": 80.0,
        "datasets.train.split": ["data_splits/eigen_zhou_files_tiny.txt"],
        "arch.max_epochs": 30,
    },
    "packnet_san_kitti": {
        "model.depth_net.name": "PackNetSAN01",
        "model.depth_net.version": "1A",
        "model.depth_net.dropout": 0.5,
        "model.loss.supervised_method": "sparse-silog",
        "model.params.crop": "garg",
        "model.params.max_depth": 80.0,
        "datasets.train.split": ["data_splits/eigen_zhou_files.txt"],
        "datasets.validation.split": ["data_splits/eigen_test_files.txt"],
        "datasets.train.batch_size": 6,
    },
}


def _get(cfg: TrainConfig, path: str) -> Any:
    node: Any = cfg
    for part in path.split("."):
        node = getattr(node, part)
    return node.value if isinstance(node, Mode) else node


@pytest.mark.parametrize("name", EXPERIMENTS)
def test_experiment_matches_domain_table(name: str) -> None:
    cfg = depthconf.compose(name)
    for path, expected in (COMMON | TABLE[name]).items():
        assert _get(cfg, path) == expected, f"{name}: {path}"
    assert cfg.name == name


def test_experiments_only_override_what_differs() -> None:
    """An experiment selects group options; it never restates the model defaults."""
    for path in (conf_dir() / "experiment").glob("*.yaml"):
        text = path.read_text()
        assert "SemiSupCompletionModel" not in text, path
        assert "override /dataset" in text, path


def test_conf_dir_is_the_checkout_conf() -> None:
    assert conf_dir() == (Path(__file__).resolve().parents[2] / "conf")
