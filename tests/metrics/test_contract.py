"""The metric-key contract: prefixes, emitted keys, monitor resolution, file names."""

from __future__ import annotations

import pytest

import depthconf
from depthconf.checkpointing import checkpoint_filename
from depthconf.metrics import (
    dataset_prefix,
    direction_of,
    emitted_keys,
    has_ground_truth,
    monitor_key,
    short_names,
)
from depthconf.schema import DatasetEntry
from depthconf.trainer import FORK_208E293, UPSTREAM_DE53B31

CURRENT_MODES = FORK_208E293.metric_modes
UPSTREAM_MODES = UPSTREAM_DE53B31.metric_modes


def entry(
    path: str = "/data/KITTI_raw",
    split: str = "",
    depth_type: str = "",
    cameras: tuple[str, ...] = (),
    dataset: str = "KITTI",
) -> DatasetEntry:
    return DatasetEntry(0, dataset, path, split, depth_type, "", cameras, "", False)


@pytest.mark.parametrize(
    ("kwargs", "prefix"),
    [
        ({}, "KITTI_raw"),
        ({"path": "/data/archive.tar.gz"}, "archive.tar"),
        ({"split": "data_splits/eigen_test_files.txt"}, "KITTI_raw-eigen_test_files"),
        ({"split": "splits/{:02d}.txt"}, "KITTI_raw"),
        ({"split": "seq_{}"}, "KITTI_raw"),
        ({"depth_type": ""}, "KITTI_raw"),
        ({"depth_type": "velodyne"}, "KITTI_raw-velodyne"),
        ({"cameras": ("camera_01",)}, "KITTI_raw-camera_01"),
        ({"cameras": ("camera_01", "camera_05")}, "KITTI_raw"),
        (
            {
                "path": "/d/ddad.json",
                "split": "val.json",
                "depth_type": "lidar",
                "cameras": ("camera_01",),
            },
            "ddad-val-lidar-camera_01",
        ),
        (
            {
                "path": "/workspace/data/ncdb-cls-640x384",
                "split": "splits/combined_val.json",
                "depth_type": "depth_original",
            },
            "ncdb-cls-640x384-combined_val-depth_original",
        ),
    ],
)
def test_prefix_rule(kwargs: dict[str, object], prefix: str) -> None:
    assert dataset_prefix(entry(**kwargs)) == prefix  # type: ignore[arg-type]


def test_prefix_ignores_input_depth_type() -> None:
    a = DatasetEntry(0, "KITTI", "/k", "s.txt", "gt", "velodyne", (), "", False)
    b = DatasetEntry(1, "KITTI", "/k", "s.txt", "gt", "", (), "", False)
    assert dataset_prefix(a) == dataset_prefix(b)


@pytest.mark.parametrize(
    ("dataset", "depth_type", "expected"),
    [
        ("Image", "x", False),
        ("KITTI", "", False),
        ("KITTI", "groundtruth", True),
        ("DGP", "", False),
        ("DGP", "lidar", True),
        ("ncdb", "", True),
        ("ncdb", "depth", True),
    ],
)
def test_ground_truth_per_kind(dataset: str, depth_type: str, expected: bool) -> None:
    assert has_ground_truth(entry(dataset=dataset, depth_type=depth_type)) is expected


def test_names_and_directions() -> None:
    assert len(short_names(CURRENT_MODES)) == 28
    assert short_names(UPSTREAM_MODES)[:4] == (
        "abs_rel",
        "abs_rel_pp",
        "abs_rel_gt",
        "abs_rel_pp_gt",
    )
    assert direction_of("rmse_log_lin", CURRENT_MODES) == depthconf.Mode.min
    assert direction_of("a3_log_gt", CURRENT_MODES) == depthconf.Mode.max
    assert direction_of("rmse_log", UPSTREAM_MODES) == depthconf.Mode.min
    assert direction_of("loss", CURRENT_MODES) is None


# experiment -> (prefix of every validation dataset, keys in the returned dict, members)
PINNED = {
    "resnet_san_kitti": (
        ["KITTI_raw-eigen_test_files_400-groundtruth"] * 2,
        28,
        [
            "KITTI_raw-eigen_test_files_400-groundtruth-abs_rel_lin",
            "KITTI_raw-eigen_test_files_400-groundtruth-a3_log_gt",
        ],
    ),
    "resnet_san_kitti_tiny": (
        ["KITTI_raw-eigen_test_files-groundtruth"] * 2,
        28,
        ["KITTI_raw-eigen_test_files-groundtruth-rmse_lin_gt"],
    ),
    "resnet_san_ncdb": (
        ["ncdb-cls-combined_val-depth_original"],
        28,
        [
            "ncdb-cls-combined_val-depth_original-abs_rel_lin",
            "ncdb-cls-combined_val-depth_original-sqr_rel_log",
        ],
    ),
    "resnet_san_ncdb_640x384": (
        ["ncdb-cls-640x384-combined_val-depth_original"],
        28,
        [
            "ncdb-cls-640x384-combined_val-depth_original-abs_rel_lin",
            "ncdb-cls-640x384-combined_val-depth_original-a1_lin",
        ],
    ),
    "resnet_san_ncdb_dual_head_640x384": (
        ["ncdb-cls-640x384-combined_val-depth_original"],
        28,
        [
            "ncdb-cls-640x384-combined_val-depth_original-abs_rel_lin",
            "ncdb-cls-640x384-combined_val-depth_original-rmse_log_log_gt",
        ],
    ),
    "yolov8_san_kitti": (
        ["KITTI_raw-eigen_test_files-groundtruth"] * 2,
        28,
        ["KITTI_raw-eigen_test_files-groundtruth-a2_lin"],
    ),
    "packnet_san_kitti": (
        ["KITTI_raw-eigen_test_files-groundtruth"],
        28,
        ["KITTI_raw-eigen_test_files-groundtruth-abs_rel_log"],
    ),
}


@pytest.mark.parametrize("name", sorted(PINNED))
def test_emitted_keys_per_experiment(name: str) -> None:
    prefixes, count, members = PINNED[name]
    datasets = emitted_keys(depthconf.compose(name))
    assert [d.prefix for d in datasets] == prefixes
    returned = depthconf.metrics.returned_keys(depthconf.compose(name))
    assert len(returned) == count
    assert set(members) <= returned
    assert all(len(d.keys) == 28 for d in datasets)


def test_shadowing_is_detected() -> None:
    first, second = emitted_keys(depthconf.compose("resnet_san_kitti"))
    assert first.shadowed_by == 1 and second.shadowed_by is None


def test_upstream_modes() -> None:
    cfg = depthconf.compose("packnet_san_kitti", ["trainer=upstream_de53b31"])
    keys = emitted_keys(cfg)[0].keys
    prefix = "KITTI_raw-eigen_test_files-groundtruth"
    assert f"{prefix}-abs_rel" in keys and f"{prefix}-a1_pp_gt" in keys


def test_monitor_short_and_full_resolve_to_one_key() -> None:
    full = "ncdb-cls-640x384-combined_val-depth_original-abs_rel_lin"
    for monitor in ("abs_rel_lin", full):
        cfg = depthconf.compose(
            "resnet_san_ncdb_640x384",
            ["checkpoint.save_top_k=3", f"checkpoint.monitor={monitor}", "checkpoint.mode=min"],
        )
        assert monitor_key(cfg) == full
        assert checkpoint_filename(cfg) == "{epoch:02d}_{" + full + ":.3f}"


def test_unmonitored_file_name_never_names_a_key() -> None:
    cfg = depthconf.compose("resnet_san_ncdb")
    assert monitor_key(cfg) is None
    assert checkpoint_filename(cfg) == "{epoch:02d}"


def test_minus_one_still_checks_a_set_monitor() -> None:
    with pytest.raises(depthconf.ConfigError) as error:
        depthconf.compose("resnet_san_ncdb", ["checkpoint.monitor=loss", "checkpoint.mode=min"])
    assert error.value.violations[0].code == "monitor_is_loss"


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        (["checkpoint.monitor=loss", "checkpoint.mode=min"], "monitor_is_loss"),
        (["checkpoint.monitor=abs_rel", "checkpoint.mode=min"], "monitor_unknown"),
        (["checkpoint.monitor=abs_rel_lin", "checkpoint.mode=max"], "mode_direction"),
        (["checkpoint.monitor=a1_lin", "checkpoint.mode=min"], "mode_direction"),
        (["checkpoint.monitor=KITTI-x-abs_rel_lin", "checkpoint.mode=min"], "monitor_unknown"),
        (
            [
                "checkpoint.monitor=abs_rel_lin",
                "checkpoint.mode=min",
                "datasets.validation.dataset=[]",
                "datasets.validation.path=[]",
            ],
            "checkpoint_without_validation",  # filepath is set: the trainer's S5 assert
        ),
        (
            [
                "checkpoint.monitor=abs_rel_lin",
                "checkpoint.mode=min",
                "datasets.validation.dataset=[Image]",
                "datasets.validation.depth_type=['']",  # Image takes none (trainer.md D10)
            ],
            "monitor_no_ground_truth",
        ),
    ],
)
def test_monitor_problems(overrides: list[str], code: str) -> None:
    with pytest.raises(depthconf.ConfigError) as error:
        depthconf.compose("resnet_san_ncdb", ["checkpoint.save_top_k=3", *overrides])
    assert [v.code for v in error.value.violations] == [code]


def test_unknown_monitor_proposes_mode_suffixed_names() -> None:
    with pytest.raises(depthconf.ConfigError) as error:
        depthconf.compose(
            "resnet_san_ncdb",
            ["checkpoint.save_top_k=3", "checkpoint.monitor=abs_rel", "checkpoint.mode=min"],
        )
    (violation,) = error.value.violations
    assert "Closest: abs_rel_lin, abs_rel_lin_gt, abs_rel_log, abs_rel_log_gt" in violation.rule
    assert violation.fix.startswith("checkpoint.monitor=abs_rel_lin")


def test_full_key_of_another_dataset_points_at_its_index() -> None:
    with pytest.raises(depthconf.ConfigError) as error:
        depthconf.compose(
            "packnet_san_kitti",
            [
                "datasets.validation.depth_type=[groundtruth,groundtruth]",
                "datasets.validation.split=[a.txt,b.txt]",
                "datasets.validation.input_depth_type=[velodyne]",
                "checkpoint.save_top_k=3",
                "checkpoint.monitor=KITTI_raw-b-groundtruth-abs_rel_lin",
                "checkpoint.mode=min",
            ],
        )
    (violation,) = error.value.violations
    assert violation.code == "monitor_other_dataset"
    assert violation.fix == "checkpoint.monitor_index=1"


def test_monitoring_the_later_of_two_shadowing_datasets_is_fine() -> None:
    cfg = depthconf.compose(
        "resnet_san_kitti",
        [
            "checkpoint.save_top_k=3",
            "checkpoint.monitor=a1_lin",
            "checkpoint.mode=max",
            "checkpoint.monitor_index=1",
        ],
    )
    assert monitor_key(cfg) == "KITTI_raw-eigen_test_files_400-groundtruth-a1_lin"
