"""The input-size rules (``validation/rules/shapes.py``), finding by finding, word for word:
the network's input size from ``image_shape`` or a crop (D15, D16), KITTI without either,
the logged ncdb mask that is never resized (D24), and 'top-center' after a resize (D27).

Rows change a few keys of a bundled experiment: ``resnet_san_kitti`` (the fork, KITTI, the
team's crop [-352, 0, 0.5, 1216] in training and validation, loggers off),
``resnet_san_ncdb`` (ncdb, tensorboard on, no crop) and ``packnet_san_kitti`` with
``trainer=upstream_de53b31``. Trainer paths are at commit 208e293 of the team's fork.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.validation.trainer_rule_findings import Finding, findings, no_datasets

CODES = {"input_size", "mask_size", "top_center_resized"}
AUG = "datasets.augmentation"
KITTI = {"experiment": "resnet_san_kitti"}
UPSTREAM = {"experiment": "packnet_san_kitti", "overrides": ("trainer=upstream_de53b31",)}
NCDB: dict[str, Any] = {}
NO_TRAIN = no_datasets("train")
DECODER = "packnet_sfm/networks/layers/resnet/depth_decoder.py:59"
# D15: the depth decoder's torch.cat at the first training step
TRAIN_FAILS = (
    "the trainer fails at the first training step: the depth decoder concatenates upsampled "
    "features with skip connections whose sizes differ unless the input height and width "
    "are multiples of 32 (RuntimeError in torch.cat) ({cite})"
)
# D16: validation_step swallows the error, the epoch ends in KeyError
# (model_wrapper.py:358-365, utils/reduce.py:150)
EVAL_FAILS = (
    "the trainer fails at the end of the first validation: the depth decoder's torch.cat "
    "fails on an input whose height or width is not a multiple of 32; validation_step "
    "swallows the error per batch, so no metric is computed and the epoch ends in KeyError "
    f"'depth_lin' ({DECODER}, packnet_sfm/models/model_wrapper.py:358-365, "
    "packnet_sfm/utils/reduce.py:150)"
)
CROP_FIX = (
    f"a crop of multiples of 32 (e.g. [-352,0,0.5,1216] on KITTI), or "
    f"{AUG}.image_shape=[<height>,<width>] in multiples of 32"
)
TOP_CENTER_RULE = (
    "accepted, but validation resizes only the RGB to image_shape, ground truth keeps its "
    "stored size, and 'top-center' pastes the prediction into a zero canvas of the ground "
    "truth's size: unless the stored images already are image_shape, the metrics are "
    "computed on mostly zero predictions ({cite})"
)


def fails(phase: str, cite: str = DECODER) -> str:
    return TRAIN_FAILS.format(cite=cite) if phase == "train" else EVAL_FAILS


def top_center(
    cite: str = "packnet_sfm/datasets/transforms.py:73-76, packnet_sfm/utils/depth.py:474-479",
) -> Finding:
    return Finding(
        "warning",
        "top_center_resized",
        "model.params.scale_output",
        "'top-center'",
        TOP_CENTER_RULE.format(cite=cite),
        "model.params.scale_output=resize (the same metrics when the stored size is "
        "image_shape, the right ones when it is not)",
    )


def shape(value: list[int], off: str, fix: str, phase: str = "train") -> Finding:
    # transforms.py:44-45 (training), :73-74 (validation): the network gets image_shape
    return Finding(
        "error",
        "input_size",
        f"{AUG}.image_shape",
        str(value),
        f"the network gets image_shape as its input, and its {off} is not a multiple of 32: "
        f"{fails(phase)}",
        f"{AUG}.image_shape={fix}",
    )


def crop(name: str, borders: list[float], off: str) -> Finding:
    # transforms.py:41-43 (training), :70-72 (validation): the crop is the input
    return Finding(
        "error",
        "input_size",
        f"{AUG}.{name}",
        str(borders),
        f"without image_shape the network gets the crop as its input, and the crop's {off} "
        f"is not a multiple of 32: {fails('train' if 'train' in name else 'eval')}",
        CROP_FIX,
    )


def stored_kitti(name: str, train_cite: str = DECODER) -> Finding:
    phase = "train" if "train" in name else "eval"
    return Finding(
        "error",
        "input_size",
        f"{AUG}.{name}, {AUG}.image_shape",
        f"'{name}=[], image_shape=[]'",
        "with neither a crop nor an image_shape, KITTI images reach the network as stored "
        "(375x1242 for most drives; 370-376 high, 1224-1242 wide), never a multiple of 32: "
        f"{fails(phase, train_cite)}",
        f"{AUG}.{name}=[-352,0,0.5,1216] (the team's 352x1216 KITTI crop), or "
        f"{AUG}.image_shape=[<height>,<width>] in multiples of 32",
    )


def mask(settings: str) -> Finding:
    # D24: packnet_sfm/models/model_wrapper.py:324-328 with transforms.py:41-48
    return Finding(
        "warning",
        "mask_size",
        "datasets.train.use_mask",
        "[True]",
        f"with a logger on and {settings}, the trainer fails at the first training step: the "
        "transforms crop and resize the image but not the 'mask' key, and the training step "
        "multiplies the logged prediction by that mask (RuntimeError: tensor sizes do not "
        "broadcast) unless the stored images already have the network's input size "
        "(packnet_sfm/models/model_wrapper.py:324-328, packnet_sfm/datasets/transforms.py:41-48); "
        "depthconf cannot see the stored size, so this is a warning",
        "make sure the stored images already have that size, or "
        "datasets.train.use_mask=[false] (the mask_file alone still masks RGB and ground "
        "truth), or tensorboard.dry_run=true wandb.dry_run=true",
    )


TRAIN_CROP = f"{AUG}.crop_train_borders"
EVAL_CROP = f"{AUG}.crop_eval_borders"
SHAPE = f"{AUG}.image_shape"
MASKED = {"datasets.train.use_mask": [True], SHAPE: [384, 640]}

ROWS: dict[str, tuple[dict[str, Any], dict[str, Any], list[Finding]]] = {
    "KITTI with the team's crops": ({}, KITTI, []),
    # -- image_shape decides the input size (D15, D16) -------------------------------------
    "image_shape 375x1242": (
        {SHAPE: [375, 1242]},
        KITTI,
        [shape([375, 1242], "height 375, width 1242", "[384,1248]"), top_center()],
    ),
    "image_shape 10x640": (
        {SHAPE: [10, 640]},
        KITTI,
        [shape([10, 640], "height 10", "[32,640]"), top_center()],
    ),
    "image_shape 384x650": (
        {SHAPE: [384, 650]},
        KITTI,
        [shape([384, 650], "width 650", "[384,640]"), top_center()],
    ),
    # with image_shape the crop is resized away: only image_shape is the input
    "image_shape 384x640, crop 100x100": (
        {SHAPE: [384, 640], TRAIN_CROP: [0, 100, 0, 100]},
        KITTI,
        [top_center()],
    ),
    # no training dataset: the first validation is where it fails
    "image_shape 375x1242, no training dataset": (
        {SHAPE: [375, 1242], **NO_TRAIN},
        KITTI,
        [shape([375, 1242], "height 375, width 1242", "[384,1248]", "eval"), top_center()],
    ),
    # -- a crop decides the input size when its size does not depend on the image ---------
    "train crop 100x1000": (
        {TRAIN_CROP: [0, 100, 0, 1000]},
        KITTI,
        [crop("crop_train_borders", [0, 100, 0, 1000], "height 100, width 1000")],
    ),
    "eval crop 352x1000": (
        {EVAL_CROP: [-352, 0, 0.5, 1000]},
        KITTI,
        [crop("crop_eval_borders", [-352, 0, 0.5, 1000], "width 1000")],
    ),
    # a pixel crop of height 1, a centred crop of height 1 (misc.py:106-123)
    "crops of height 1": (
        {TRAIN_CROP: [0, 1, 0, 1216], EVAL_CROP: [0.5, 1, 0.5, 1216]},
        KITTI,
        [
            crop("crop_train_borders", [0, 1, 0, 1216], "height 1"),
            crop("crop_eval_borders", [0.5, 1, 0.5, 1216], "height 1"),
        ],
    ),
    # a negative pixel offset with a size <= 0: from the offset to the far border less size
    "negative offsets, sizes <= 0": (
        {TRAIN_CROP: [-352, 0, -1000, 0], EVAL_CROP: [-352, -10, 0.5, 1216]},
        KITTI,
        [
            crop("crop_train_borders", [-352, 0, -1000, 0], "width 1000"),
            crop("crop_eval_borders", [-352, -10, 0.5, 1216], "height 342"),
        ],
    ),
    # sizes that depend on the stored image: a pixel offset >= 0 with a size <= 0 runs to
    # the far border less the size (misc.py:107-109, :117-119)
    "pixel crops to the far border": (
        {TRAIN_CROP: [10, 0, 0, 1216], EVAL_CROP: [0, -10, 0, 1216]},
        KITTI,
        [],
    ),
    # a centred crop of 95.5 is 96 high on a 375-high image, 95 on a 376-high one (int()
    # of both borders, misc.py:113-114)
    "a centred crop of a fractional size": ({EVAL_CROP: [0.5, 95.5, 0.5, 1216]}, KITTI, []),
    # the 2-value form depends on the image
    "2-value crop": ({TRAIN_CROP: [23, 26]}, KITTI, []),
    # crops the trainer's assert refuses for every image (misc.py:143-144): a centred crop
    # of size <= 0, a negative centre; they have no size to report as the input size
    "crops with no size": (
        {TRAIN_CROP: [-0.5, 0, 0.5, 1216], EVAL_CROP: [0.5, -33, 0.5, 1216]},
        KITTI,
        [],
    ),
    # -- KITTI as stored is never a multiple of 32 ------------------------------------------
    "KITTI without a training crop": (
        {TRAIN_CROP: []},
        KITTI,
        [stored_kitti("crop_train_borders")],
    ),
    "KITTI without an eval crop": ({EVAL_CROP: []}, KITTI, [stored_kitti("crop_eval_borders")]),
    "KITTI without crops": (
        {TRAIN_CROP: [], EVAL_CROP: []},
        KITTI,
        [stored_kitti("crop_train_borders"), stored_kitti("crop_eval_borders")],
    ),
    # the fork's advanced augmentation resizes to its own default (D20)
    "KITTI without a training crop, randaugment": (
        {TRAIN_CROP: [], f"{AUG}.randaugment.enabled": True},
        KITTI,
        [],
    ),
    # ...and validation is judged all the same
    "KITTI without crops, randaugment": (
        {TRAIN_CROP: [], EVAL_CROP: [], f"{AUG}.randaugment.enabled": True},
        KITTI,
        [stored_kitti("crop_eval_borders")],
    ),
    "KITTI without a training crop, no training dataset": ({TRAIN_CROP: [], **NO_TRAIN}, KITTI, []),
    # lists that cannot be broadcast are reported by their own rule, not read here
    "KITTI without a training crop, lists that do not broadcast": (
        {
            TRAIN_CROP: [],
            "datasets.train.dataset": ["KITTI", "KITTI"],
            "datasets.train.path": ["/data/a", "/data/b"],
            "datasets.train.split": ["a.txt", "b.txt"],
            "datasets.train.depth_type": ["velodyne", "velodyne", "velodyne"],
        },
        KITTI,
        [],
    ),
    "upstream KITTI without a training crop": (
        {TRAIN_CROP: []},
        UPSTREAM,
        [
            stored_kitti(
                "crop_train_borders", f"packnet_sfm/networks/depth/PackNet01.py:138, {DECODER}"
            )
        ],
    ),
    # ncdb images are not judged without a crop or image_shape
    "ncdb without crops": ({}, NCDB, []),
    # -- the logged ncdb mask is never resized (D24) ---------------------------------------
    "ncdb mask, image_shape": (MASKED, NCDB, [mask("image_shape=[384, 640]"), top_center()]),
    "ncdb mask, image_shape and crop": (
        {**MASKED, TRAIN_CROP: [0, 384, 0, 640]},
        NCDB,
        [
            mask("image_shape=[384, 640], crop_train_borders=[0, 384, 0, 640]"),
            top_center(),
        ],
    ),
    "ncdb mask, crop": (
        {"datasets.train.use_mask": [True], TRAIN_CROP: [0, 384, 0, 640]},
        NCDB,
        [mask("crop_train_borders=[0, 384, 0, 640]")],
    ),
    "ncdb mask, no resize": ({"datasets.train.use_mask": [True]}, NCDB, []),
    "ncdb mask not used, image_shape": ({SHAPE: [384, 640]}, NCDB, [top_center()]),
    "ncdb mask, image_shape, loggers off": (
        {**MASKED, "tensorboard.dry_run": True},
        NCDB,
        [top_center()],
    ),
    "ncdb mask, image_shape, wandb only": (
        {**MASKED, "tensorboard.dry_run": True, "wandb.dry_run": False},
        NCDB,
        [mask("image_shape=[384, 640]"), top_center()],
    ),
    "ncdb use_mask without a mask_file, image_shape": (
        {**MASKED, "datasets.train.mask_file": [""]},
        NCDB,
        [top_center()],
    ),
    # -- 'top-center' after a resize (D27) --------------------------------------------------
    "image_shape, resize": ({SHAPE: [384, 640], "model.params.scale_output": "resize"}, NCDB, []),
    "image_shape, top-center, no validation dataset": (
        {
            SHAPE: [384, 640],
            "datasets.validation.dataset": [],
            "datasets.validation.path": [],
            "datasets.validation.split": [],
        },
        NCDB,
        [],
    ),
    # upstream's transforms.py:61-62, utils/depth.py:354-356 at de53b31
    "upstream image_shape, top-center": (
        {SHAPE: [384, 640]},
        UPSTREAM,
        [
            top_center(
                "packnet_sfm/datasets/transforms.py:61-62, packnet_sfm/utils/depth.py:354-356"
            )
        ],
    ),
}


@pytest.mark.parametrize(("changes", "base", "expected"), ROWS.values(), ids=ROWS.keys())
def test_input_size_findings_read_as_pinned(
    changes: dict[str, Any], base: dict[str, Any], expected: list[Finding]
) -> None:
    assert findings(changes, CODES, **base) == expected
