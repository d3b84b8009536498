"""Dataset-list broadcasting and cameras wrapping, through load_legacy."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from depthconf.findings import Code
from depthconf.legacy import LegacyConfig, load_legacy


def _load(tmp_path: Path, split_yaml: str, split: str = "validation") -> LegacyConfig:
    lines = textwrap.dedent(split_yaml).strip().splitlines()
    body = "\n".join(f"    {line}" for line in lines)
    path = tmp_path / "exp.yaml"
    path.write_text(f"datasets:\n  {split}:\n{body}\n", encoding="utf-8")
    return load_legacy(path)


def test_one_dataset_two_depth_types_means_two_datasets(tmp_path: Path) -> None:
    cfg = _load(
        tmp_path,
        """
        dataset: ['KITTI']
        path: ['/data/KITTI_raw']
        split: ['eigen_test_files.txt']
        depth_type: ['groundtruth', 'groundtruth']
        input_depth_type: ['velodyne', '']
        """,
    )
    assert cfg.ok
    val = cfg.get("datasets.validation")
    assert val["dataset"] == ["KITTI", "KITTI"]
    assert val["path"] == ["/data/KITTI_raw", "/data/KITTI_raw"]
    assert val["split"] == ["eigen_test_files.txt", "eigen_test_files.txt"]
    assert val["input_depth_type"] == ["velodyne", ""]
    assert val["cameras"] == [[], []]
    # not broadcast, as the trainer leaves them (packnet_sfm/utils/config.py:35-43)
    assert val["mask_file"] == [""]
    assert val["use_mask"] == [False]
    # what the file said, before broadcasting
    assert cfg.declared["datasets.validation.dataset"] == ["KITTI"]
    assert "datasets.validation.cameras" not in cfg.explicit


def test_train_repeat_is_broadcast(tmp_path: Path) -> None:
    cfg = _load(
        tmp_path,
        "path: ['/a']\ndataset: ['ncdb']\nsplit: ['s1.json', 's2.json']\nrepeat: [3]",
        split="train",
    )
    assert cfg.ok
    assert cfg.get("datasets.train.repeat") == [3, 3]
    assert cfg.get("datasets.train.path") == ["/a", "/a"]


@pytest.mark.parametrize(
    ("cameras", "expected"),
    [
        ("[0]", [[0], [0]]),
        ("[]", [[], []]),
        ("[['camera_01']]", [["camera_01"], ["camera_01"]]),
        ("[['camera_01'], ['camera_05']]", [["camera_01"], ["camera_05"]]),
    ],
)
def test_cameras_wrapping(tmp_path: Path, cameras: str, expected: list[list[object]]) -> None:
    cfg = _load(
        tmp_path,
        f"dataset: ['DGP']\npath: ['/ddad.json']\nsplit: ['val', 'val']\ncameras: {cameras}",
    )
    assert cfg.ok, cfg.problems
    assert cfg.get("datasets.validation.cameras") == expected


def test_flat_cameras_list_is_wrapped_before_counting(tmp_path: Path) -> None:
    # wrap first: ['camera_01', 'camera_05'] is ONE dataset with two cameras, not two
    cfg = _load(
        tmp_path,
        "dataset: ['DGP']\npath: ['/ddad.json']\nsplit: ['val']\n"
        "cameras: ['camera_01', 'camera_05']",
    )
    assert cfg.ok
    assert cfg.get("datasets.validation.cameras") == [["camera_01", "camera_05"]]
    assert cfg.get("datasets.validation.dataset") == ["DGP"]


def test_broadcast_entries_are_independent_objects(tmp_path: Path) -> None:
    cfg = _load(tmp_path, "dataset: ['DGP']\npath: ['/d']\nsplit: ['a', 'b']\ncameras: [[1]]")
    cameras = cfg.get("datasets.validation.cameras")
    assert cameras == [[1], [1]]
    assert cameras[0] is not cameras[1]


def test_empty_path_leaves_split_untouched(tmp_path: Path) -> None:
    cfg = _load(tmp_path, "split: ['a', 'b']\ncameras: [0]\ndepth_type: ['x']")
    assert cfg.ok
    val = cfg.get("datasets.validation")
    assert val["cameras"] == [0]  # not wrapped: no datasets
    assert val["depth_type"] == ["x"]
    assert val["dataset"] == []


def test_path_does_not_count_for_n(tmp_path: Path) -> None:
    cfg = _load(tmp_path, "dataset: ['ncdb']\npath: ['/a', '/b']\nsplit: ['s']")
    assert [(p.code, p.path) for p in cfg.problems] == [
        (Code.broadcast_length, "datasets.validation.path"),
    ]
    assert "n = max(len(split)=1, len(cameras)=1, len(depth_type)=1)" in cfg.problems[0].rule


def test_every_mismatched_list_is_reported(tmp_path: Path) -> None:
    cfg = _load(
        tmp_path,
        "dataset: []\npath: ['/a', '/b']\nsplit: ['s1', 's2', 's3']\nmask_file: ['m1', 'm2']",
    )
    keys = [p.path for p in cfg.problems]
    # mask_file is read per dataset, never broadcast (packnet_sfm/models/model_wrapper.py:1087):
    # its length is the schema's to judge (mask_file_length), not make_list's
    assert keys == ["datasets.validation.dataset", "datasets.validation.path"]
    assert all(p.code is Code.broadcast_length for p in cfg.problems)
    assert all(p.fix and "3" in p.fix for p in cfg.problems)


def test_missing_split_with_a_path(tmp_path: Path) -> None:
    cfg = _load(tmp_path, "dataset: ['KITTI']\npath: ['/data/KITTI_raw']")
    assert [p.path for p in cfg.problems] == ["datasets.validation.split"]


def test_null_per_dataset_list(tmp_path: Path) -> None:
    # yacs accepts None for any leaf; legacy broadcasting would then crash
    cfg = _load(tmp_path, "dataset: ['KITTI']\npath: ['/a']\nsplit: ~")
    assert [(p.code, p.path) for p in cfg.problems] == [
        (Code.broadcast_length, "datasets.validation.split"),
    ]
    assert cfg.get("datasets.validation.split") is None
