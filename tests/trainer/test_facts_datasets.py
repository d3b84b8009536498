"""Datasets and augmentation (trainer.md section 3c): each fact as the trainer's code decides it.

Every row cites the trainer's file:line at 208e293 (YoungseokOh/packnet-sfm-resnet-san).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import depthconf
from depthconf.legacy import MigrationResult, migrate
from depthconf.schema import ValidationSplitConfig, wrap_cameras
from depthconf.validation.rules.shapes import crop_size
from tests.migrate.trainer_files import Y0
from tests.trainer.facts import K0, Fact, Verdict, assert_fact

E, W, A = Verdict.error, Verdict.warning, Verdict.accepted
START = "at start-up"
STEP = "at the first training step"
VALIDATION = "at the end of the first validation"
_AUG = "datasets.augmentation"

_TWO_NCDB_VAL = (
    "datasets.validation.dataset=[ncdb,ncdb]",
    "datasets.validation.path=[/data/ncdb-cls,/data/ncdb-cls-640x384]",
    "datasets.validation.split=[splits/combined_val.json,splits/combined_val.json]",
)
_TWO_NCDB_TRAIN = (
    "datasets.train.dataset=[ncdb,ncdb]",
    "datasets.train.path=[/data/ncdb-cls,/data/ncdb-cls-640x384]",
    "datasets.train.split=[splits/combined_train.json,splits/combined_train.json]",
    "datasets.train.mask_file=[binary_mask.png,binary_mask.png]",
)
# K0 with two validation splits, so that their key prefixes differ (F3b's clean base).
K0_APART = (
    *K0,
    "datasets.validation.split=[data_splits/eigen_test_files_400.txt,"
    "data_splits/eigen_test_files.txt]",
)

FACTS = [
    # S7: packnet_sfm/utils/misc.py:47 via packnet_sfm/utils/config.py:35-43.
    Fact(
        "S7",
        "packnet_sfm/utils/misc.py:47",
        ("datasets.train.dataset=[ncdb,ncdb]",),
        E,
        "broadcast_length",
        says=(START, "Wrong list length"),
    ),
    # D1: packnet_sfm/models/model_wrapper.py:1108-1109 (case-sensitive, TypeError).
    Fact(
        "D1",
        "packnet_sfm/models/model_wrapper.py:1108-1109",
        ("datasets.train.dataset=[kitti]",),
        E,
        "unknown_choice",
        says=(START, "case-sensitive", "KITTI"),
    ),
    # D2: packnet_sfm/datasets/ncdb_dataset.py:178-181 ('' is not None), :101-106.
    *[
        Fact(
            "D2",
            "packnet_sfm/datasets/ncdb_dataset.py:178-181",
            (f"datasets.{split}.depth_type=['']",),
            E,
            "ncdb_depth_type",
            says=(START, "depth_original"),
        )
        for split in ("train", "validation", "test")
    ],
    # D3: packnet_sfm/datasets/ncdb_dataset.py:92-107.
    Fact(
        "D3",
        "packnet_sfm/datasets/ncdb_dataset.py:92-107",
        ("datasets.train.depth_type=[depth_synthetic]",),
        E,
        "ncdb_depth_type",
        says=(START, "Invalid depth_type"),
    ),
    # D4: packnet_sfm/datasets/ncdb_dataset.py:89, :180 lower-case and strip.
    Fact(
        "D4",
        "packnet_sfm/datasets/ncdb_dataset.py:89",
        ("datasets.train.depth_type=[DEPTH_ORIGINAL]",),
        A,
    ),
    Fact(
        "D4",
        "packnet_sfm/datasets/ncdb_dataset.py:89",
        ("datasets.validation.depth_type=[' Distance_Original ']",),
        A,
    ),
    # D5: packnet_sfm/datasets/ncdb_dataset.py:261-264 (json.load, a list).
    Fact(
        "D5",
        "packnet_sfm/datasets/ncdb_dataset.py:261-264",
        ("datasets.train.split=[splits/combined_train.txt]",),
        E,
        "ncdb_split_format",
        says=(START, "json.load"),
    ),
    # D6: packnet_sfm/models/model_wrapper.py:1087 indexes mask_file, never broadcast.
    Fact(
        "D6",
        "packnet_sfm/models/model_wrapper.py:1087",
        _TWO_NCDB_VAL,
        E,
        "mask_file_length",
        says=(START, "IndexError"),
    ),
    Fact(  # the masks complete, only the short use_mask is left: D7's warning, no error
        "D7",
        "packnet_sfm/models/model_wrapper.py:1080-1081",
        (*_TWO_NCDB_VAL, "datasets.validation.mask_file=[binary_mask.png,binary_mask.png]"),
        W,
        "use_mask_length",
    ),
    # D7: packnet_sfm/models/model_wrapper.py:1080-1081 (False past the end).
    Fact(
        "D7",
        "packnet_sfm/models/model_wrapper.py:1080-1081",
        (*_TWO_NCDB_TRAIN, "datasets.train.use_mask=[true]"),
        W,
        "use_mask_length",
        says=("False for every dataset past the end",),
    ),
    Fact(
        "D7",
        "packnet_sfm/models/model_wrapper.py:1080-1081",
        (*_TWO_NCDB_TRAIN, "datasets.train.use_mask=[true,true]"),
        A,
    ),
    # D8: packnet_sfm/datasets/ncdb_dataset.py:235-239, :596-608 mask whatever use_mask says.
    Fact(
        "D8",
        "packnet_sfm/datasets/ncdb_dataset.py:596-608",
        ("datasets.train.use_mask=[false]", "datasets.validation.use_mask=[false]"),
        W,
        "mask_without_use_mask",
        says=("whatever use_mask says",),
    ),
    Fact(
        "D8",
        "packnet_sfm/datasets/ncdb_dataset.py:235",
        ("datasets.train.use_mask=[false]", "datasets.train.mask_file=['']"),
        A,
    ),
    # D9: packnet_sfm/models/model_wrapper.py:1083-1092 passes none of these to NcdbDataset.
    *[
        Fact(
            "D9",
            "packnet_sfm/models/model_wrapper.py:1083-1092",
            (override,),
            W,
            "ncdb_ignores",
            says=("does not pass it",),
        )
        for override in (
            "datasets.train.input_depth_type=[velodyne]",
            "datasets.validation.back_context=1",
            "datasets.train.cameras=[[camera_01]]",
        )
    ],
    # D10: packnet_sfm/datasets/image_dataset.py:47-48 (assert, start-up).
    Fact(
        "D10",
        "packnet_sfm/datasets/image_dataset.py:47-48",
        ("datasets.validation.dataset=[KITTI,Image]",),
        E,
        "image_depth_type",
        base=K0,
        says=(START, "does not support depth types"),
    ),
    # D11: packnet_sfm/models/SemiSupCompletionModel.py:507 reads batch['depth'].
    Fact(
        "D11",
        "packnet_sfm/models/SemiSupCompletionModel.py:507",
        ("datasets.train.depth_type=['']",),
        E,
        "no_ground_truth_in_training",
        base=K0,
        says=(STEP, "KeyError: 'depth'"),
    ),
    # D12: packnet_sfm/models/model_wrapper.py:254 -> :1183 iterates over None.
    Fact(
        "D12",
        "packnet_sfm/models/model_wrapper.py:254",
        (
            "checkpoint.filepath=''",
            "datasets.validation.dataset=[]",
            "datasets.validation.path=[]",
            "datasets.validation.split=[]",
        ),
        E,
        "no_validation_dataset",
        says=("when it builds the data loaders", "NoneType"),
    ),
    # D13: packnet_sfm/models/model_wrapper.py:239-240 -> :1183.
    Fact(
        "D13",
        "packnet_sfm/models/model_wrapper.py:239-240",
        ("datasets.train.dataset=[]", "datasets.train.path=[]", "datasets.train.split=[]"),
        E,
        "no_train_dataset",
        says=("when it builds the data loaders",),
    ),
    # D14: packnet_sfm/utils/reduce.py:53 (names from dataset 0), :74 (KeyError).
    Fact(
        "D14",
        "packnet_sfm/utils/reduce.py:53, :74",
        ("datasets.validation.depth_type=[groundtruth,'']",),
        E,
        "mixed_ground_truth",
        base=K0,
        says=(VALIDATION, "KeyError: 'depth'"),
    ),
    Fact(
        "D14",
        "packnet_sfm/utils/reduce.py:53, :144",
        ("datasets.validation.depth_type=['',groundtruth]",),
        W,
        "no_validation_metrics",
        base=K0,
        says=("no validation metric is emitted",),
    ),
    Fact(
        "D14",
        "packnet_sfm/utils/reduce.py:53; packnet_sfm/models/model_checkpoint.py:133-134",
        (
            "datasets.validation.depth_type=['',groundtruth]",
            "checkpoint=best_3",
            "checkpoint.monitor_index=1",
        ),
        E,
        "mixed_ground_truth",
        base=K0,
        says=("at the first checkpoint save",),
    ),
    # D15: packnet_sfm/networks/layers/resnet/depth_decoder.py:59 (torch.cat of skips).
    Fact(
        "D15",
        "packnet_sfm/networks/layers/resnet/depth_decoder.py:59",
        ("datasets.augmentation.image_shape=[380,640]",),
        E,
        "input_size",
        says=(STEP, "height 380", "[384,640]"),
    ),
    Fact(
        "D15",
        "packnet_sfm/networks/layers/resnet/depth_decoder.py:59",
        ("datasets.augmentation.crop_train_borders=[0.5,350,0.5,640]",),
        E,
        "input_size",
        says=(STEP, "height 350"),
    ),
    Fact(  # KITTI at its stored 375x1242 (packnet_sfm/datasets/transforms.py:41-45 skip both)
        "D15",
        "packnet_sfm/networks/layers/resnet/depth_decoder.py:59",
        ("datasets.augmentation.crop_train_borders=[]",),
        E,
        "input_size",
        base=K0,
        says=(STEP, "375x1242"),
    ),
    Fact(
        "D15",
        "packnet_sfm/datasets/transforms.py:44-45",
        ("datasets.augmentation.image_shape=[384,640]", "model.params.scale_output=resize"),
        A,
    ),
    # D16: packnet_sfm/networks/layers/resnet/depth_decoder.py:59, swallowed at
    # packnet_sfm/models/model_wrapper.py:358-365, then packnet_sfm/utils/reduce.py:150.
    Fact(
        "D16",
        "packnet_sfm/utils/reduce.py:150",
        ("datasets.augmentation.crop_eval_borders=[]",),
        E,
        "input_size",
        base=K0,
        says=(VALIDATION, "KeyError 'depth_lin'"),
    ),
    Fact(
        "D16",
        "packnet_sfm/utils/reduce.py:150",
        ("datasets.augmentation.crop_eval_borders=[0.5,350,0.5,1216]",),
        E,
        "input_size",
        base=K0,
        says=(VALIDATION, "height 350"),
    ),
    # D17: packnet_sfm/datasets/augmentations.py:338 unpacks four values; :299 a fifth.
    Fact(
        "D17",
        "packnet_sfm/datasets/augmentations.py:338",
        ("datasets.augmentation.jittering=[0.2,0.2]",),
        E,
        "jittering_length",
        says=(STEP, "not enough values to unpack"),
    ),
    Fact(
        "D17",
        "packnet_sfm/datasets/augmentations.py:297-299",
        ("datasets.augmentation.jittering=[0.2,0.2,0.2,0.05,0.1]",),
        A,
    ),
    Fact("D17", "packnet_sfm/datasets/transforms.py:47", (f"{_AUG}.jittering=[]",), A),
    # D18: packnet_sfm/datasets/augmentations.py:342, :364-366 (torchvision adjust_hue).
    Fact(
        "D18",
        "packnet_sfm/datasets/augmentations.py:364-366",
        ("datasets.augmentation.jittering=[0.2,0.2,0.2,0.6]",),
        E,
        "jittering_hue",
        says=("within the first training steps", "[-0.5, 0.5]"),
    ),
    # D20: packnet_sfm/datasets/transforms.py:125-139 -> no 'rgb_original';
    # packnet_sfm/models/model_wrapper.py:302 logs it.
    Fact(
        "D20",
        "packnet_sfm/models/model_wrapper.py:301-302",
        ("datasets.augmentation.randaugment.enabled=true", "tensorboard.dry_run=false"),
        E,
        "advanced_augmentation",
        says=(STEP, "rgb_original"),
    ),
    Fact(
        "D20",
        "packnet_sfm/datasets/augmentations_kitti_compatible.py:118-121",
        ("datasets.augmentation.random_erasing.enabled=true",),
        W,
        "advanced_image_shape",
        says=("352x1216",),
    ),
    # D21: packnet_sfm/models/model_wrapper.py:1155-1158 never installs the collate function.
    *[
        Fact(
            "D21",
            "packnet_sfm/models/model_wrapper.py:1155-1158",
            (f"{_AUG}.{name}.enabled=true",),
            W,
            "batch_augmentation_ignored",
            says=("never installed",),
        )
        for name in ("mixup", "cutmix")
    ],
    # D24: packnet_sfm/models/model_wrapper.py:324-328, the 'mask' key is never resized.
    Fact(
        "D24",
        "packnet_sfm/models/model_wrapper.py:324-328",
        ("datasets.augmentation.image_shape=[384,640]", "tensorboard.dry_run=false"),
        W,
        "mask_size",
        says=(STEP, "stored"),
    ),
    # D27: packnet_sfm/utils/depth.py:474-479 with packnet_sfm/datasets/transforms.py:73-76.
    Fact(
        "D27",
        "packnet_sfm/utils/depth.py:474-479",
        ("datasets.augmentation.image_shape=[384,640]",),
        W,
        "top_center_resized",
        says=("scale_output=resize",),
    ),
    # F1d.4: packnet_sfm/utils/config.py:31-32 wraps a flat cameras list.
    Fact(
        "F1d.4",
        "packnet_sfm/utils/config.py:31-32",
        ("datasets.train.cameras=[camera_01]",),
        A,
        base=K0,
    ),
    # F2.U: packnet_sfm/datasets/transforms.py:145-154 read keys configs/default_config.py
    # lacks, so yacs rejects them (S1).
    *[
        Fact(
            "F2.U",
            "packnet_sfm/datasets/transforms.py:145-154",
            (f"+datasets.augmentation.{key}=[384,640]",),
            E,
            "unknown_key",
            says=(key,),
        )
        for key in ("resize", "color_jitter")
    ],
    # F3b: packnet_sfm/utils/logging.py:33-61 ignores input_depth_type;
    # packnet_sfm/utils/reduce.py:143-150 lets later keys overwrite earlier ones.
    Fact(
        "F3b",
        "packnet_sfm/utils/logging.py:33-61",
        ("datasets.validation.split=[data_splits/eigen_test_files_400.txt]",),
        W,
        "shadowed_dataset",
        base=K0_APART,
        says=("only dataset 1's metrics survive",),
    ),
]


@pytest.mark.parametrize("fact", FACTS, ids=lambda f: f.param_id)
def test_fact(fact: Fact) -> None:
    assert_fact(fact)


def test_the_f3b_base_is_clean() -> None:
    assert_fact(Fact("F3b", "n/a", (), A, base=K0_APART))


def test_mask_lists_are_indexed_not_broadcast() -> None:
    # packnet_sfm/models/model_wrapper.py:1080-1087: mask_file[i], use_mask[i] or False.
    split = ValidationSplitConfig(
        dataset=["KITTI"],
        path=["/k"],
        split=["a.txt"],
        depth_type=["groundtruth", "groundtruth"],
        mask_file=["m.png"],
        use_mask=[True],
    )
    assert [(e.mask_file, e.use_mask) for e in split.entries()] == [("m.png", True), ("", False)]
    assert split.broadcast_mismatches() == {}


def test_a_flat_cameras_list_is_wrapped_like_the_trainer() -> None:
    # packnet_sfm/utils/config.py:31-32: a first element that is not a list is wrapped.
    assert wrap_cameras(["camera_01"]) == [["camera_01"]]
    assert wrap_cameras([]) == [[]]
    cfg = depthconf.compose("resnet_san_kitti", [*K0[1:], "datasets.validation.cameras=[cam_a]"])
    assert cfg.datasets.validation.cameras == [["cam_a"]]
    assert {e.cameras for e in cfg.datasets.validation.entries()} == {("cam_a",)}


@pytest.mark.parametrize(
    ("borders", "size"),
    [
        # packnet_sfm/utils/misc.py:106-123 on the fork's KITTI crop: 352x1216.
        ([-352, 0, 0.5, 1216], (352, 1216)),
        ([10, 352, 0, 0], (352, None)),  # a pixel top with a height: exactly that height
        ([0.5, 350.0, 0.5, 640.0], (350, 640)),  # centred crops of the given size
        ([0, 0, 0, 0], (None, None)),  # runs to the far borders: depends on the image
        ([23, 26], (None, None)),  # the 2-value form depends on the image too
    ],
)
def test_crop_size_reads_borders_like_the_trainer(
    borders: list[float], size: tuple[int | None, int | None]
) -> None:
    assert crop_size(borders) == size


def _crop_length(offset: float, length: float, image: int) -> int | None:
    """One axis of a 4-value crop on an image ``image`` long, as trainer.md 3c describes
    packnet_sfm/utils/misc.py:106-123; None when the trainer's assert (:143-144) fails."""
    if isinstance(offset, int):
        start = offset + image if offset < 0 else offset
        end = image + length if length <= 0 else start + length
    else:
        low, high = offset * image - length / 2, offset * image + length / 2
        if low < 0:  # int() truncates towards 0: a crop sticking out by < 1 pixel is clipped
            return None
        start, end = int(low), int(high)
    return int(end - start) if 0 <= start < end <= image else None


_OFFSETS = st.one_of(st.integers(-400, 400), st.sampled_from([0.25, 0.5, 0.75]))


@settings(max_examples=300, deadline=None)
@given(offset=_OFFSETS, length=st.integers(-50, 400), images=st.lists(st.integers(1, 2000)))
def test_a_crop_size_is_the_trainer_crop_for_every_image_size(
    offset: float, length: int, images: list[int]
) -> None:
    # crop_size promises a length only when it does not depend on the image size (for a
    # crop that lies inside the image; see its docstring)
    size, _ = crop_size([offset, length, 0, 0])
    if size is None:
        return
    for image in images:
        got = _crop_length(offset, length, image)
        assert got is None or got == size, (offset, length, image, got)


def test_upstream_has_no_ncdb_facts() -> None:
    profile = depthconf.trainer.UPSTREAM_DE53B31
    assert profile.data.ncdb is None and profile.data.advanced is None
    assert "ncdb" not in profile.dataset_kinds


def _migrate(tmp_path: Path, text: str) -> MigrationResult:
    path = tmp_path / "train_y0.yaml"
    path.write_text(text, encoding="utf-8")
    return migrate(path)


def test_y0_migrates_valid(tmp_path: Path) -> None:
    result = _migrate(tmp_path, Y0)
    assert result.status == "valid", [v.render() for v in result.errors]


def test_migrate_refuses_an_unset_ncdb_depth_type(tmp_path: Path) -> None:
    # packnet_sfm/datasets/ncdb_dataset.py:178-181: the legacy default [''] reaches it [D2]
    result = _migrate(tmp_path, Y0.replace("        depth_type: [depth_original]\n", "", 1))
    assert [(v.code, v.path) for v in result.errors] == [
        ("ncdb_depth_type", "datasets.train.depth_type[0]")
    ]


def test_migrate_keeps_a_short_mask_file_short(tmp_path: Path) -> None:
    # packnet_sfm/utils/config.py:35-43 leaves mask_file alone; model_wrapper.py:1087
    # indexes it per dataset [D6]: the legacy loader must not broadcast it either
    text = Y0.replace(
        "        split: [splits/combined_val.json]\n",
        "        split: [splits/combined_val.json, splits/combined_val.json]\n"
        "        mask_file: [binary_mask.png]\n",
    )
    result = _migrate(tmp_path, text)
    assert "mask_file_length" in [v.code for v in result.errors]


def test_migrate_wraps_a_flat_cameras_list(tmp_path: Path) -> None:
    # packnet_sfm/utils/config.py:31-32 [F1d.4]; ncdb never reads cameras [D9]: a warning
    text = Y0.replace(
        "        path: [/data/ncdb-cls]\n",
        "        path: [/data/ncdb-cls]\n        cameras: [camera_01]\n",
        1,
    )
    result = _migrate(tmp_path, text)
    assert result.status == "valid", [v.render() for v in result.errors]
    assert result.config is not None
    assert result.config.datasets.train.cameras == [["camera_01"]]
    assert "ncdb_ignores" in [v.code for v in result.warnings]
