"""``validation/rules/datasets.py`` in full: dataset kinds, ncdb depth types and split
files, Image datasets and empty splits, in the variants the fact tables leave out.

See :mod:`tests.validation.dataset_findings` for how a row reads. Trainer paths are at
208e293 (upstream de53b31 where a row selects it).
"""

from __future__ import annotations

import dataclasses

import pytest

import depthconf
from depthconf.trainer import PROFILES, Failure, Quirk, Stage, TrainerName
from tests.validation.dataset_findings import (
    NO_TRAIN,
    NO_TRAIN_FINDING,
    NO_VALIDATION,
    UPSTREAM,
    Row,
    T,
    V,
    base,
    rendered,
    two_ncdb,
)


def test_the_bases_have_no_dataset_finding() -> None:
    assert rendered("ncdb", {}) == []
    assert rendered("kitti", {}) == []


ROWS: dict[str, Row] = {
    # -- dataset kinds: packnet_sfm/models/model_wrapper.py:1108-1109 [D1] ----------------
    "D1 a misspelt kind": (
        "kitti",
        {f"{T}.dataset": ["KITTY"]},
        [
            "error unknown_choice at datasets.train.dataset[0]",
            "value: 'KITTY'",
            (
                "rule: <title> has no dataset kind 'KITTY' (did you mean 'KITTI'?): the trainer "
                "<data.unknown_kind>; its kinds are KITTI, ncdb, DGP, Image"
            ),
            "fix: datasets.train.dataset[0]=KITTI",
        ],
    ),
    "D1 a kind with no close name": (
        "kitti",
        {f"{T}.dataset": ["Cityscapes"]},
        [
            "error unknown_choice at datasets.train.dataset[0]",
            "value: 'Cityscapes'",
            (
                "rule: <title> has no dataset kind 'Cityscapes': the trainer <data.unknown_kind>;"
                " its kinds are KITTI, ncdb, DGP, Image"
            ),
            "fix: datasets.train.dataset[0]=KITTI",
        ],
    ),
    # case-sensitive: 'NCDB' is close to no kind, and still means 'ncdb'
    "D1 upper-case ncdb": (
        "ncdb",
        {f"{V}.dataset": ["NCDB"]},
        [
            "error unknown_choice at datasets.validation.dataset[0]",
            "value: 'NCDB'",
            (
                "rule: <title> has no dataset kind 'NCDB' (kinds are case-sensitive: did you mean"
                " 'ncdb'?): the trainer <data.unknown_kind>; its kinds are KITTI, ncdb, DGP, "
                "Image"
            ),
            "fix: datasets.validation.dataset[0]=ncdb",
        ],
    ),
    # upstream de53b31 has no ncdb branch (packnet_sfm/models/model_wrapper.py:541-542 at
    # de53b31): the kind is unknown, and the ncdb rules say nothing
    "D1 ncdb on upstream": (
        "ncdb",
        {
            **UPSTREAM,
            f"{T}.depth_type": [""],
            f"{T}.split": ["splits/train.txt"],
            f"{T}.mask_file": ["", ""],
            f"{V}.input_depth_type": ["velodyne"],
        },
        [
            "error unknown_choice at datasets.train.dataset[0]",
            "value: 'ncdb'",
            (
                "rule: <title> has no dataset kind 'ncdb': the trainer <data.unknown_kind>; its "
                "kinds are KITTI, DGP, Image"
            ),
            "fix: datasets.train.dataset[0]=KITTI",
            "error unknown_choice at datasets.validation.dataset[0]",
            "value: 'ncdb'",
            (
                "rule: <title> has no dataset kind 'ncdb': the trainer <data.unknown_kind>; its "
                "kinds are KITTI, DGP, Image"
            ),
            "fix: datasets.validation.dataset[0]=KITTI",
            "error unknown_choice at datasets.test.dataset[0]",
            "value: 'ncdb'",
            (
                "rule: <title> has no dataset kind 'ncdb': the trainer <data.unknown_kind>; its "
                "kinds are KITTI, DGP, Image"
            ),
            "fix: datasets.test.dataset[0]=KITTI",
        ],
    ),
    # a split whose lists do not broadcast is the split's own error; the next split is
    # still judged
    "D1 lists that do not broadcast": (
        "kitti",
        {f"{V}.dataset": ["kitti", "kitti", "kitti"], "datasets.test.dataset": ["Kitti"]},
        [
            "error unknown_choice at datasets.test.dataset[0]",
            "value: 'Kitti'",
            (
                "rule: <title> has no dataset kind 'Kitti' (kinds are case-sensitive: did you "
                "mean 'KITTI'?): the trainer <data.unknown_kind>; its kinds are KITTI, ncdb, DGP,"
                " Image"
            ),
            "fix: datasets.test.dataset[0]=KITTI",
        ],
    ),
    # -- ncdb depth types: packnet_sfm/datasets/ncdb_dataset.py:89-107, :178-181 [D2-D4] -
    "D2 the second of two datasets": (
        "ncdb",
        {**two_ncdb("train"), f"{T}.depth_type": ["distance", ""]},
        [
            "error ncdb_depth_type at datasets.train.depth_type[1]",
            "value: ''",
            "rule: an ncdb dataset needs a depth type: the trainer <data.ncdb.empty_depth_type>",
            (
                "fix: datasets.train.depth_type=[distance,depth_original] (NcdbDataset's own "
                "default; its depth types are depth, distance, depth_original, distance_original)"
            ),
        ],
    ),
    "D2 a broadcast entry, judged once": (
        "ncdb",
        {**two_ncdb("train"), f"{T}.depth_type": [""]},
        [
            "error ncdb_depth_type at datasets.train.depth_type[0]",
            "value: ''",
            "rule: an ncdb dataset needs a depth type: the trainer <data.ncdb.empty_depth_type>",
            (
                "fix: datasets.train.depth_type=[depth_original] (NcdbDataset's own default; its "
                "depth types are depth, distance, depth_original, distance_original)"
            ),
        ],
    ),
    "D3 no close name": (
        "ncdb",
        {f"{V}.depth_type": ["lidar"]},
        [
            "error ncdb_depth_type at datasets.validation.depth_type[0]",
            "value: 'lidar'",
            (
                "rule: 'lidar' is not an ncdb depth type (depth, distance, depth_original, "
                "distance_original): the trainer <data.ncdb.unknown_depth_type>"
            ),
            "fix: datasets.validation.depth_type[0]=depth_original",
        ],
    ),
    "D3 upper case, misspelt": (
        "ncdb",
        {f"{T}.depth_type": ["DEPTH_ORIGNAL"]},
        [
            "error ncdb_depth_type at datasets.train.depth_type[0]",
            "value: 'DEPTH_ORIGNAL'",
            (
                "rule: 'DEPTH_ORIGNAL' is not an ncdb depth type (depth, distance, "
                "depth_original, distance_original) (did you mean 'depth_original'?): the trainer"
                " <data.ncdb.unknown_depth_type>"
            ),
            "fix: datasets.train.depth_type[0]=depth_original",
        ],
    ),
    "D4 D5 case and spaces": (
        "ncdb",
        {f"{T}.depth_type": [" Distance "], f"{T}.split": ["splits/TRAIN.JSON"]},
        [],
    ),
    "D5 the second of two split files": (
        "ncdb",
        {**two_ncdb("validation"), f"{V}.split": ["splits/a.json", "splits/b.txt"]},
        [
            "error ncdb_split_format at datasets.validation.split[1]",
            "value: 'splits/b.txt'",
            (
                "rule: an ncdb split file is a JSON list of samples; depthconf cannot read the "
                "file, so it requires the .json name the team's splits have (a KITTI .txt list is"
                " not JSON): the trainer <data.ncdb.split_format>"
            ),
            (
                "fix: point datasets.validation.split[1] at the JSON split, e.g. "
                "splits/combined_train.json"
            ),
        ],
    ),
    # -- Image datasets: packnet_sfm/datasets/image_dataset.py:47-48 [D10] ---------------
    # training reads depth types only for a model that reads ground truth
    # (packnet_sfm/models/model_wrapper.py:1054-1055); validation and test always (:75-76)
    "D10 D11 Image in training": (
        "kitti",
        {f"{T}.dataset": ["Image"]},
        [
            "error image_depth_type at datasets.train.depth_type[0]",
            "value: 'groundtruth'",
            (
                "rule: dataset 0 is an Image dataset, which has no depth maps: the trainer "
                "<data.image_depth_type>"
            ),
            (
                "fix: give dataset 0 the depth type '' (a depth_type list with one entry per "
                "dataset), or use a dataset kind with ground truth"
            ),
            "error no_ground_truth_in_training at datasets.train.depth_type[0]",
            "value: 'groundtruth'",
            (
                "rule: SemiSupCompletionModel is trained against ground-truth depth, and training"
                " dataset 0 (Image at '/workspace/data/KITTI_raw') has none: the trainer "
                "<data.no_training_ground_truth>"
            ),
            "fix: train on a dataset with ground truth instead of 'Image'",
        ],
    ),
    "D10 D11 Image in training, self-supervised": (
        "kitti",
        {f"{T}.dataset": ["Image"], "model.name": "SelfSupModel"},
        [],
    ),
    "D10 Image in the test split": (
        "kitti",
        {"datasets.test.dataset": ["Image"]},
        [
            "error image_depth_type at datasets.test.depth_type[0]",
            "value: 'groundtruth'",
            (
                "rule: dataset 0 is an Image dataset, which has no depth maps: the trainer "
                "<data.image_depth_type>"
            ),
            (
                "fix: give dataset 0 the depth type '' (a depth_type list with one entry per "
                "dataset), or use a dataset kind with ground truth"
            ),
            "error image_depth_type at datasets.test.depth_type[1]",
            "value: 'groundtruth'",
            (
                "rule: dataset 1 is an Image dataset, which has no depth maps: the trainer "
                "<data.image_depth_type>"
            ),
            (
                "fix: give dataset 1 the depth type '' (a depth_type list with one entry per "
                "dataset), or use a dataset kind with ground truth"
            ),
        ],
    ),
    # -- empty splits: packnet_sfm/models/model_wrapper.py:239-240, :254, :1183 [D12, D13]
    "D12 D13 neither split, no filepath": (
        "kitti",
        {
            "checkpoint.filepath": "",
            **NO_TRAIN,
            **NO_VALIDATION,
        },
        [
            *NO_TRAIN_FINDING,
            "error no_validation_dataset at datasets.validation.path",
            "value: []",
            (
                "rule: a run needs a validation dataset, and datasets.validation lists none: the "
                "trainer <data.no_dataset>"
            ),
            (
                "fix: datasets.validation.dataset=[...] datasets.validation.path=[...] "
                "datasets.validation.split=[...], or a dataset=<option> with a validation split"
            ),
        ],
    ),
    # with a filepath the trainer's start-up assert comes first (S5, the checkpoint rules)
    "D12 no validation split, a filepath": (
        "kitti",
        NO_VALIDATION,
        [],
    ),
}


@pytest.mark.parametrize("name", ROWS)
def test_the_findings_read_as_pinned(name: str) -> None:
    base, changes, expected = ROWS[name]
    assert rendered(base, changes) == expected


def test_a_kind_the_trainer_knows_but_cannot_train_with_is_judged_as_a_trainer_choice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Both profiles' dataset kinds all train, so no bundled config reaches this branch of
    ``_kind``; a profile that lists a failing or quirky kind must still get its finding."""
    fork = PROFILES[TrainerName.fork_208e293]
    kinds = dataclasses.replace(
        fork.dataset_kinds,
        fails={"Omni": Failure(Stage.data_loaders, "no loader", "datasets/x.py:1")},
        quirks={"kitti": Quirk("it loads KITTI", "datasets/y.py:2")},
    )
    monkeypatch.setattr(
        depthconf.trainer,
        "PROFILES",
        {TrainerName.fork_208e293: dataclasses.replace(fork, dataset_kinds=kinds)},
    )
    cfg = base("kitti")
    cfg["datasets"]["train"]["dataset"] = ["Omni"]
    cfg["datasets"]["validation"]["dataset"] = ["kitti", "KITTI"]
    report = depthconf.check(cfg)
    found = {
        v.path: (v.severity, v.code, v.value, v.rule, v.fix)
        for v in (*report.errors, *report.warnings)
        if v.path.startswith(("datasets.train.dataset", "datasets.validation.dataset"))
    }
    assert found == {
        f"{T}.dataset[0]": (
            "error",
            "trainer_fails",
            "'Omni'",
            "dataset kind 'Omni' cannot train: the trainer fails at the start of training, "
            "when it builds the data loaders: no loader (datasets/x.py:1)",
            f"{T}.dataset[0]=KITTI",  # nothing is close: the first working kind
        ),
        f"{V}.dataset[0]": (
            "warning",
            "trainer_quirk",
            "'kitti'",
            "accepted, but it loads KITTI (datasets/y.py:2)",
            f"{V}.dataset[0]=KITTI",
        ),
    }
