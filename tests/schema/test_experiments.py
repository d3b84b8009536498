"""The bundled experiments are the team's experiments at the trainer's commit 208e293.

Each experiment is pinned against the team file it comes from, ``configs/train_*.yaml`` of
the fork (YoungseokOh/packnet-sfm-resnet-san) at 208e293: ``TEAM`` holds, per team file, the
values the trainer reads (the file's own values over the trainer's defaults,
``configs/default_config.py``), written out here from those files; nothing is read from a
trainer checkout. ``EXPERIMENTS`` lists, per experiment, every value that differs from its
team file and why: a fix where the team's file cannot train (fact ids of
../shared/trainer.md, with the trainer's file:line), or a deliberate difference. README's
experiment table says the same.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from omegaconf import OmegaConf

import depthconf
from depthconf.composition import compose_config, conf_dir, experiment_names, judge
from depthconf.schema import TrainConfig

KITTI_CROP = [-352, 0, 0.5, 1216]  # (y, height, x, width): ints are pixels, 0.5 a fraction (S9)
DDAD_CAMERAS = [["camera_01"], ["camera_05"], ["camera_06"], ["camera_09"]]
NCDB_INDOOR = "/workspace/data/ncdb-cls-indoor"
NCDB_INDOOR_SPLITS = f"{NCDB_INDOOR}/splits_indoor_combined"


def at(prefix: str, **values: Any) -> dict[str, Any]:
    """``{"<prefix>.<key>": value}`` for every keyword."""
    return {f"{prefix}.{key}": value for key, value in values.items()}


# What every team training file for SemiSupCompletionModel sets (or leaves at the default).
SHARED: dict[str, Any] = {
    "model.name": "SemiSupCompletionModel",
    # 1.0: below it SemiSupCompletionModel.py:63-64 keeps the pose net required (M4) and the
    # first step fails on masks= (model_wrapper.py:299, M5); SemiSupCompletionModel.py:39
    # asserts (0, 1] (M3).
    "model.loss.supervised_loss_weight": 1.0,
    "model.loss.supervised_num_scales": 1,  # supervised_loss.py:426-428
    "model.optimizer.name": "Adam",
    "model.optimizer.pose.lr": 1e-4,
    "model.scheduler.name": "StepLR",
    "model.scheduler.gamma": 0.5,
    "model.depth_net.use_enhanced_lidar": False,
    "model.params.use_log_space": False,
    "arch.seed": 42,
    "wandb.dry_run": True,
}
# variant None: depthconf's "unset"; the trainer's default 's' means nothing to these networks
# (configs/default_config.py:95, trainer.md F1c.4, H1) and export writes it back.
PACKNET_SAN = at("model.depth_net", name="PackNetSAN01", version="1A", dropout=0.5, variant=None)
RESNET_SAN = at("model.depth_net", name="ResNetSAN01", version="18A", film_scales=[0], variant=None)
# The defaults of configs/default_config.py:143-149 for files without an arch section.
ARCH_DEFAULTS = at(
    "arch",
    max_epochs=50,
    validate_first=False,
    eval_during_training=True,
    eval_progress_interval=0.1,
    eval_subset_size=25,
    clip_grad=10.0,
)
NO_TEST_SPLIT = at("datasets.test", dataset=[], path=[], split=[])
KITTI_CROPS = at(
    "datasets.augmentation", crop_train_borders=KITTI_CROP, crop_eval_borders=KITTI_CROP
)
NO_CROPS = at("datasets.augmentation", crop_train_borders=[], crop_eval_borders=[])


def ncdb(path: str, splits: str = "splits", depth_type: str = "", **extra: Any) -> dict[str, Any]:
    """The three ncdb splits of a team file: one dataset each, mask file, ``use_mask`` false."""
    values: dict[str, Any] = {}
    for split, stem in (("train", "combined_train"), ("validation", "combined_val")):
        values |= at(
            f"datasets.{split}",
            dataset=["ncdb"],
            path=[path],
            split=[f"{splits}/{stem}.json"],
            depth_type=[depth_type],
            mask_file=["binary_mask.png"],
            use_mask=[False],
        )
    values |= at(
        "datasets.test",
        dataset=["ncdb"],
        path=[path],
        split=[f"{splits}/combined_test.json"],
        depth_type=[depth_type],
        mask_file=["binary_mask.png"],
        use_mask=[False],
    )
    return values | extra


DUAL_HEAD = (
    SHARED
    | RESNET_SAN
    | NO_CROPS
    | at("model.depth_net", dropout=0.0, use_dual_head=True, use_film=True)
    | at("model.loss", supervised_method="sparse-ssi-silog", gradient_scales=4)
    | at("model.optimizer.depth", lr=2e-4)
    | at("model.scheduler", step_size=30)
    | at("model.params", crop="", min_depth=0.1, scale_output="top-center")
    | at("datasets.augmentation", image_shape=[384, 640])
    | at("datasets.train", batch_size=12, repeat=[1])
    | at(
        "arch",
        max_epochs=50,
        validate_first=False,
        eval_during_training=True,
        eval_progress_interval=0.5,
        eval_subset_size=100,
        clip_grad=1.0,
    )
    | at("tensorboard", dry_run=False, log_frequency=100)
)

TEAM: dict[str, dict[str, Any]] = {
    "train_packnet_san_kitti.yaml": SHARED
    | PACKNET_SAN
    | KITTI_CROPS
    | NO_TEST_SPLIT
    | ARCH_DEFAULTS
    | at("model.loss", supervised_method="sparse-silog")
    | at("model.optimizer.depth", lr=1e-4)
    | at("model.scheduler", step_size=30)
    | at("model.params", crop="garg", min_depth=0.0, max_depth=80.0, scale_output="top-center")
    | at(
        "datasets.train",
        batch_size=6,
        dataset=["KITTI"],
        path=["/data/datasets/KITTI_raw"],
        split=["data_splits/eigen_zhou_files.txt"],
        input_depth_type=["velodyne"],
        depth_type=["groundtruth"],
        repeat=[1],
    )
    | at(
        "datasets.validation",
        dataset=["KITTI"],
        path=["/data/datasets/KITTI_raw"],
        split=["data_splits/eigen_test_files.txt"],
        input_depth_type=["velodyne"],
        depth_type=["groundtruth"],
    )
    | at("checkpoint", filepath="", save_top_k=5, monitor="loss")
    | at("save", folder="")
    | at("tensorboard", dry_run=True),
    "train_packnet_san_ddad.yaml": SHARED
    | PACKNET_SAN
    | NO_CROPS
    | ARCH_DEFAULTS
    | at("arch", validate_first=True)
    | at("model.loss", supervised_method="sparse-silog")
    | at("model.optimizer.depth", lr=1e-4)
    | at("model.scheduler", step_size=30)
    | at("model.params", crop="", min_depth=0.0, max_depth=200.0, scale_output="resize")
    | at("datasets.augmentation", image_shape=[384, 640])
    | at(
        "datasets.train",
        batch_size=1,
        num_workers=8,
        dataset=["DGP"],
        path=["/mnt/fsx/ddad_train_val/ddad.json"],
        split=["train"],
        depth_type=["lidar"],
        input_depth_type=[""],
        cameras=DDAD_CAMERAS,
        repeat=[5],
    )
    | at(
        "datasets.validation",
        num_workers=8,
        dataset=["DGP"],
        path=["/mnt/fsx/ddad_train_val/ddad.json"],
        split=["val"],
        depth_type=["lidar"],
        input_depth_type=["", "", "", "", "lidar", "lidar", "lidar", "lidar"],
        cameras=DDAD_CAMERAS + DDAD_CAMERAS,
    )
    | at(
        "datasets.test",
        num_workers=8,
        dataset=["DGP"],
        path=["/mnt/fsx/ddad_train_val/ddad.json"],
        split=["val"],
        depth_type=["lidar"],
        cameras=[["camera_01"]],
    )
    | at("checkpoint", filepath="", save_top_k=5, monitor="loss")
    | at("save", folder="")
    | at("tensorboard", dry_run=True),
    "train_resnet_san_kitti.yaml": SHARED
    | RESNET_SAN
    | KITTI_CROPS
    | at("model.depth_net", dropout=0.1, use_film=False, use_dual_head=False)
    | at("model.loss", supervised_method="sparse-silog")
    | at("model.optimizer.depth", lr=1e-4)
    | at("model.scheduler", step_size=30)
    | at("model.params", crop="garg", min_depth=0.0, max_depth=80.0, scale_output="top-center")
    | at(
        "datasets.train",
        batch_size=4,
        dataset=["KITTI"],
        path=["/workspace/data/KITTI_raw"],
        split=["data_splits/eigen_test_files_400.txt"],
        input_depth_type=["velodyne"],
        depth_type=["groundtruth"],
        repeat=[1],
    )
    | {
        f"datasets.{split}.{key}": value
        for split in ("validation", "test")
        for key, value in {
            "dataset": ["KITTI"],
            "path": ["/workspace/data/KITTI_raw"],
            "split": ["data_splits/eigen_test_files_400.txt"],
            "input_depth_type": ["velodyne", ""],
            "depth_type": ["groundtruth", "groundtruth"],
        }.items()
    }
    | at(
        "arch",
        clip_grad=10.0,
        max_epochs=25,
        validate_first=False,
        eval_during_training=True,
        eval_progress_interval=0.5,
        eval_subset_size=100,
    )
    | at(
        "checkpoint", filepath="checkpoints/resnetsan01-KITTI_test/", save_top_k=-1, monitor="loss"
    )
    | at("save", folder="outputs/resnetsan01-KITTI_test/")
    | at("tensorboard", dry_run=True),
    "train_resnet_san_kitti_tiny.yaml": SHARED
    | RESNET_SAN
    | KITTI_CROPS
    | NO_TEST_SPLIT
    | at("model.depth_net", dropout=0.0, use_film=False, use_dual_head=False)
    | at("model.loss", supervised_method="sparse-ssi-silog")
    | at("model.optimizer.depth", lr=1e-4)
    | at("model.scheduler", step_size=30)
    | at("model.params", crop="garg", min_depth=0.0, max_depth=80.0, scale_output="top-center")
    | at(
        "datasets.train",
        batch_size=4,
        dataset=["KITTI"],
        path=["/data/datasets/KITTI_raw"],
        split=["data_splits/eigen_zhou_files_tiny.txt"],
        input_depth_type=["velodyne"],
        depth_type=["groundtruth"],
        repeat=[1],
    )
    | at(
        "datasets.validation",
        dataset=["KITTI"],
        path=["/data/datasets/KITTI_raw"],
        split=["data_splits/eigen_test_files.txt"],
        input_depth_type=["velodyne", ""],
        depth_type=["groundtruth", "groundtruth"],
    )
    | at(
        "arch",
        clip_grad=10.0,
        max_epochs=30,
        validate_first=False,
        eval_during_training=False,
        eval_progress_interval=0.1,
        eval_subset_size=50,
    )
    | at(
        "checkpoint",
        filepath="checkpoints/resnetsan01_no_elu_no_imgnetnorm_only/",
        save_top_k=-1,
        monitor="loss",
    )
    | at("save", folder="outputs/resnetsan01_tiny_no_elu_no_imgnetnorm_only/")
    | at("tensorboard", dry_run=True),
    "train_resnet_san_ncdb.yaml": SHARED
    | RESNET_SAN
    | NO_CROPS
    | ncdb("/workspace/data/ncdb-cls")
    | at("model.depth_net", dropout=0.1, use_film=False, use_dual_head=False)
    | at("model.loss", supervised_method="sparse-ssi-silog")
    | at("model.optimizer.depth", lr=1e-4)
    | at("model.scheduler", step_size=40)
    | at("model.params", crop="", min_depth=0.3, max_depth=100.0, scale_output="top-center")
    | at("datasets.augmentation", image_shape=[])
    | at("datasets.train", batch_size=4, repeat=[1])
    | at("datasets.validation", batch_size=1)
    | at("datasets.test", batch_size=1)
    | at(
        "arch",
        clip_grad=10.0,
        max_epochs=50,
        validate_first=False,
        eval_during_training=True,
        eval_progress_interval=0.5,
        eval_subset_size=25,
    )
    | at(
        "checkpoint",
        filepath="checkpoints/resnetsan01_newest_test_fixed_method_0.3_100_SSS/",
        save_top_k=-1,
        monitor="loss",
    )
    | at("save", folder="outputs/resnetsan01_newest_test_fixed_method_0.3_100_SSS/")
    | at("tensorboard", dry_run=False, log_frequency=10),
    "train_resnet_san_ncdb_640x384.yaml": SHARED
    | RESNET_SAN
    | NO_CROPS
    | ncdb("/workspace/data/ncdb-cls-640x384")
    | at("model.depth_net", dropout=0.1, use_film=False, use_dual_head=False)
    | at("model.loss", supervised_method="sparse-ssi-silog")
    | at("model.optimizer.depth", lr=1e-4)
    | at("model.scheduler", step_size=40)
    | at("model.params", crop="", min_depth=0.5, max_depth=15.0, scale_output="top-center")
    | at("datasets.augmentation", image_shape=[384, 640])
    | at("datasets.train", batch_size=2, repeat=[1])
    | at(
        "arch",
        clip_grad=10.0,
        max_epochs=30,
        validate_first=False,
        eval_during_training=True,
        eval_progress_interval=0.25,
        eval_subset_size=50,
    )
    | at(
        "checkpoint",
        filepath="checkpoints/resnetsan01_640x384_linear_05_15/",
        save_top_k=-1,
        monitor="loss",
    )
    | at("save", folder="outputs/resnetsan01_640x384_linear_05_15/")
    | at("tensorboard", dry_run=False, log_frequency=10),
    "train_resnet_san_ncdb_dual_head_640x384.yaml": DUAL_HEAD
    | ncdb("/workspace/data/ncdb-cls-640x384", depth_type="depth_original")
    | at("model.loss", ssi_weight=0.4, silog_weight=0.4, gradient_weight=0.2)
    | at("model.params", max_depth=15.0)
    | at(
        "checkpoint",
        filepath="checkpoints/resnetsan01_dual_head_ncdb_original_640x384_0.1_to_15m"
        "_Gradient Loss/",
        save_top_k=-1,
        monitor="loss",
        period=1,
    )
    | at(
        "save",
        folder="outputs/resnetsan01_dual_head_fixed_ncdb_original_640x384_0.1_to_15m"
        "_Gradient Loss/",
    ),
    "train_resnet_san_ncdb_indoor_dual_head_640x384.yaml": DUAL_HEAD
    | ncdb(NCDB_INDOOR, splits=NCDB_INDOOR_SPLITS, depth_type="depth_original")
    | at("model.loss", ssi_weight=0.5, silog_weight=0.5, gradient_weight=0.0)
    | at("model.params", max_depth=10.0)
    | at(
        "checkpoint",
        filepath="checkpoints/resnetsan01_dual_head_ncdb_indoor_640x384_0.1_to_10m_v2/",
        save_top_k=-1,
        monitor="loss",
        period=1,
    )
    | at("save", folder="outputs/resnetsan01_dual_head_fixed_ncdb_indoor_640x384_0.1_to_10m_v2/"),
}

# Deliberate: checkpoints in the run directory (conf/checkpoint/save_all.yaml), every one kept,
# none ranked, so no monitor (the legacy default 'loss' is never emitted: trainer.md C1, F1c.2).
RUN_LOCAL = {
    "checkpoint.filepath": ("checkpoints", "deliberate: run-local checkpoint directory"),
    "checkpoint.monitor": (None, "deliberate: no default monitor (F1c.2)"),
}
# The packnet files write no checkpoints and leave save_top_k at the trainer's 5.
WRITES_CHECKPOINTS = RUN_LOCAL | {
    "checkpoint.save_top_k": (-1, "deliberate: keep every checkpoint (F1c.1)"),
}
SAVE_LOCAL = {"save.folder": ("outputs", "deliberate: run-local save folder")}
M17 = {
    "model.depth_net.use_film": (
        True,
        "fix M17: use_film false with velodyne input leaves the Minkowski encoder None "
        "(ResNetSAN01.py:94) and the first step fails (ResNetSAN01.py:218-219)",
    )
}


def d2(splits: tuple[str, ...] = ("train", "validation", "test")) -> dict[str, tuple[Any, str]]:
    why = (
        "fix D2: '' reaches NcdbDataset, which rejects it at start-up (model_wrapper.py:1076-1077,"
        " ncdb_dataset.py:101-106); depth_original is its own default (ncdb_dataset.py:57)"
    )
    return {f"datasets.{s}.depth_type": (["depth_original"], why) for s in splits}


# experiment -> (team file, {path: (our value, why it differs)})
EXPERIMENTS: dict[str, tuple[str, dict[str, tuple[Any, str]]]] = {
    "packnet_san_kitti": ("train_packnet_san_kitti.yaml", WRITES_CHECKPOINTS),
    "packnet_san_ddad": ("train_packnet_san_ddad.yaml", WRITES_CHECKPOINTS),
    "resnet_san_kitti": ("train_resnet_san_kitti.yaml", RUN_LOCAL | SAVE_LOCAL | M17),
    "resnet_san_kitti_tiny": ("train_resnet_san_kitti_tiny.yaml", RUN_LOCAL | SAVE_LOCAL | M17),
    "resnet_san_ncdb": ("train_resnet_san_ncdb.yaml", RUN_LOCAL | SAVE_LOCAL | d2()),
    "resnet_san_ncdb_640x384": (
        "train_resnet_san_ncdb_640x384.yaml",
        RUN_LOCAL | SAVE_LOCAL | d2(),
    ),
    "resnet_san_ncdb_dual_head_640x384": (
        "train_resnet_san_ncdb_dual_head_640x384.yaml",
        RUN_LOCAL | SAVE_LOCAL,
    ),
    "resnet_san_ncdb_indoor_dual_head_640x384": (
        "train_resnet_san_ncdb_indoor_dual_head_640x384.yaml",
        RUN_LOCAL | SAVE_LOCAL,
    ),
    # No team YOLOv8 file at 208e293: derived from the closest one, the tiny KITTI file.
    "yolov8_san_kitti": (
        "train_resnet_san_kitti_tiny.yaml",
        RUN_LOCAL
        | SAVE_LOCAL
        | {
            "model.depth_net.name": ("YOLOv8SAN01", "derived: the network under test"),
            "model.depth_net.version": ("", "derived: YOLOv8SAN01 is sized by variant"),
            "model.depth_net.variant": ("s", "derived: the small YOLOv8"),
            "model.loss.supervised_method": ("sparse-ssi", "derived: depthconf's earlier choice"),
        },
    ),
}
# The shadowed-validation warnings (F3b) each experiment keeps from its team file.
SHADOWED = {"resnet_san_kitti": 1, "resnet_san_kitti_tiny": 1, "yolov8_san_kitti": 1}
SHADOWED_DDAD = 4
# trainer.md D26: the trainer accepts scale_output 'resize' (utils/depth.py:470-472); the
# scale_output vocabulary of this branch still refuses it.
D26 = pytest.mark.xfail(strict=True, reason="trainer.md D26: scale_output 'resize' refused")


def with_d26(name: str) -> Any:
    return pytest.param(name, marks=D26) if name == "packnet_san_ddad" else name


def composed(name: str, overrides: tuple[str, ...] = ()) -> Any:
    """The experiment composed by Hydra (not validated), resolved."""
    return compose_config([f"experiment={name}", *overrides]).config


def value(cfg: Any, path: str) -> Any:
    found = OmegaConf.select(cfg, path, throw_on_missing=True)
    return OmegaConf.to_container(found) if OmegaConf.is_config(found) else found


def test_the_nine_experiments_are_bundled() -> None:
    assert experiment_names() == sorted(EXPERIMENTS)


@pytest.mark.parametrize("name", sorted(EXPERIMENTS))
def test_experiment_is_its_team_file_plus_the_listed_differences(name: str) -> None:
    team_file, differences = EXPERIMENTS[name]
    expected = TEAM[team_file] | {path: ours for path, (ours, _why) in differences.items()}
    cfg = composed(name)
    wrong = {p: (value(cfg, p), v) for p, v in expected.items() if value(cfg, p) != v}
    assert not wrong, f"{name} vs {team_file}: {{path: (ours, expected)}} = {wrong}"
    assert value(cfg, "name") == name


@pytest.mark.parametrize("name", sorted(EXPERIMENTS))
def test_every_listed_difference_is_one(name: str) -> None:
    """A difference that matches the team's value is not one: keep the list (and README) true."""
    team_file, differences = EXPERIMENTS[name]
    for path, (ours, why) in differences.items():
        assert path in TEAM[team_file], f"{path}: pin the team's value first"
        assert TEAM[team_file][path] != ours, f"{name}: {path} equals the team's value ({why})"


@pytest.mark.parametrize("name", [with_d26(n) for n in sorted(EXPERIMENTS)])
def test_every_experiment_composes_and_validates(name: str) -> None:
    cfg = depthconf.compose(name)
    assert isinstance(cfg, TrainConfig)


@pytest.mark.parametrize("name", sorted(EXPERIMENTS))
def test_kept_shadowed_validation_datasets_are_warned(name: str) -> None:
    """F3b (logging.py:33-61 ignores input_depth_type): depthconf warns, the value stays."""
    warnings = judge([f"experiment={name}"]).report.warnings
    expected = SHADOWED_DDAD if name == "packnet_san_ddad" else SHADOWED.get(name, 0)
    assert [w.code for w in warnings].count("shadowed_dataset") == expected


def test_ddad_is_refused_only_for_its_scale_output() -> None:
    """Everything else in packnet_san_ddad validates today; D26 is the one false positive."""
    errors = judge(["experiment=packnet_san_ddad"]).report.errors
    assert [e.path for e in errors] == ["model.params.scale_output"]
    assert depthconf.compose("packnet_san_ddad", ["model.params.scale_output=top-center"])


def test_crop_borders_are_written_as_pixels_and_fractions() -> None:
    """S9 (utils/misc.py:106-123): per axis an int is pixels, a float a fraction."""
    source = yaml.safe_load((conf_dir() / "dataset" / "kitti.yaml").read_text())["augmentation"]
    for key in ("crop_train_borders", "crop_eval_borders"):
        assert [type(v) for v in source[key]] == [int, int, float, int], key


@pytest.mark.xfail(
    strict=True,
    reason="trainer.md S9: the schema types crop borders as list[float] until the crop-border "
    "typing change lands, so -352 composes as -352.0",
)
def test_crop_borders_keep_their_element_types_when_composed() -> None:
    borders = value(composed("packnet_san_kitti"), "datasets.augmentation.crop_eval_borders")
    assert [type(v) for v in borders] == [int, int, float, int]


def test_model_group_makes_every_experiment_trainable() -> None:
    """SemiSupCompletionModel.py:39, :63-64: only weight 1.0 trains on this trainer (M2-M5);
    the model group sets it once, no experiment restates it."""
    group = yaml.safe_load((conf_dir() / "model" / "semisup_completion.yaml").read_text())
    assert group["loss"] == {"supervised_loss_weight": 1.0, "supervised_num_scales": 1}
    for path in (conf_dir() / "experiment").glob("*.yaml"):
        text = path.read_text()
        assert "supervised_loss_weight" not in text and "supervised_num_scales" not in text


def test_experiments_only_override_what_differs() -> None:
    """An experiment selects group options; it never restates the model, nor the trainer
    profile (the metrics group)."""
    for path in (conf_dir() / "experiment").glob("*.yaml"):
        text = path.read_text()
        assert text.startswith("# @package _global_"), path
        assert "SemiSupCompletionModel" not in text, path
        assert "override /dataset" in text, path
        assert "metrics" not in yaml.safe_load(text), path


def _choices() -> dict[str, set[str]]:
    used: dict[str, set[str]] = {}
    for name in EXPERIMENTS:
        for group, option in compose_config([f"experiment={name}"]).choices.items():
            used.setdefault(group, set()).add(str(option))
    return used


def _options(group: str) -> list[str]:
    return sorted(p.stem for p in (conf_dir() / group).glob("*.yaml"))


@pytest.mark.parametrize("group", ["dataset", "model/depth_net"])
def test_every_dataset_and_network_option_is_an_experiments(group: str) -> None:
    """Each is then composed and validated by the experiment that uses it."""
    assert _choices()[group] == set(_options(group))


@pytest.mark.parametrize(
    "override",
    [f"checkpoint={o}" for o in _options("checkpoint")]
    + [f"metrics={o}" for o in _options("metrics")]
    + [f"model={o}" for o in _options("model")]
    + [f"model/depth_net={o}" for o in _options("model/depth_net")],
)
def test_every_group_option_composes_and_validates(override: str) -> None:
    cfg = depthconf.compose("resnet_san_ncdb", [override])
    assert isinstance(cfg, TrainConfig)


def test_best_3_on_kitti_must_pick_the_unshadowed_dataset() -> None:
    """KITTI validates twice under one prefix; ranking by dataset 0 would track dataset 1."""
    with pytest.raises(depthconf.ConfigError) as error:
        depthconf.compose("resnet_san_kitti", ["checkpoint=best_3"])
    assert error.value.violations[0].fix.startswith("checkpoint.monitor_index=1")
    depthconf.compose("resnet_san_kitti", ["checkpoint=best_3", "checkpoint.monitor_index=1"])


_KEY_LINE = re.compile(r"^\s*[A-Za-z_][\w/]*:\s*\S")  # a key with a value on the same line


@pytest.mark.parametrize("group", ["experiment", "dataset", "model", "model/depth_net"])
def test_every_field_is_commented(group: str) -> None:
    """Each value line carries a comment, or follows a comment line (lightning-hydra style)."""
    for path in sorted((conf_dir() / group).glob("*.yaml")):
        lines = path.read_text().splitlines()
        bare = [
            f"{path.name}:{i + 1}: {line.strip()}"
            for i, line in enumerate(lines)
            if _KEY_LINE.match(line)
            and "#" not in line
            and not lines[i - 1].lstrip().startswith("#")
        ]
        assert not bare, bare


def test_conf_dir_is_the_checkout_conf() -> None:
    assert conf_dir() == (Path(__file__).resolve().parents[2] / "conf")
