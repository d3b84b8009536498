"""``validation/rules/ground_truth.py`` in full: ground truth in training (D11) and across
the validation datasets (D14), in the variants the fact tables leave out.

See :mod:`tests.validation.dataset_findings` for how a row reads. Trainer paths are at
208e293.
"""

from __future__ import annotations

import pytest

from tests.validation.dataset_findings import Row, T, V, rendered

# The kitti base's validation lists hold two datasets (depth_type and input_depth_type
# have two entries); these make three KITTI datasets of them.
THREE_KITTI_VAL = {
    f"{V}.split": ["splits/a.txt", "splits/b.txt", "splits/c.txt"],
    f"{V}.input_depth_type": [""],
}

ROWS: dict[str, Row] = {
    # -- ground truth in training: SemiSupCompletionModel.py:507 [D11] ---------------
    "D11 DGP without a depth type": (
        "kitti",
        {f"{T}.dataset": ["DGP"], f"{T}.split": ["scene.json"], f"{T}.depth_type": [""]},
        [
            "error no_ground_truth_in_training at datasets.train.depth_type[0]",
            "value: ''",
            (
                "rule: SemiSupCompletionModel is trained against ground-truth depth, and training"
                " dataset 0 (DGP at '/workspace/data/KITTI_raw') has none: the trainer "
                "<data.no_training_ground_truth>"
            ),
            "fix: give training dataset 0 a depth type (e.g. groundtruth for KITTI)",
        ],
    ),
    "D11 a broadcast entry, judged once": (
        "kitti",
        {
            f"{T}.dataset": ["KITTI", "KITTI"],
            f"{T}.path": ["/data/a", "/data/b"],
            f"{T}.split": ["splits/a.txt", "splits/b.txt"],
            f"{T}.depth_type": [""],
        },
        [
            "error no_ground_truth_in_training at datasets.train.depth_type[0]",
            "value: ''",
            (
                "rule: SemiSupCompletionModel is trained against ground-truth depth, and training"
                " dataset 0 (KITTI at '/data/a') has none: the trainer "
                "<data.no_training_ground_truth>"
            ),
            "fix: give training dataset 0 a depth type (e.g. groundtruth for KITTI)",
        ],
    ),
    "D11 the second of two datasets": (
        "kitti",
        {
            f"{T}.dataset": ["KITTI", "KITTI"],
            f"{T}.path": ["/data/a", "/data/b"],
            f"{T}.split": ["splits/a.txt", "splits/b.txt"],
            f"{T}.depth_type": ["groundtruth", ""],
        },
        [
            "error no_ground_truth_in_training at datasets.train.depth_type[1]",
            "value: ''",
            (
                "rule: SemiSupCompletionModel is trained against ground-truth depth, and training"
                " dataset 1 (KITTI at '/data/b') has none: the trainer "
                "<data.no_training_ground_truth>"
            ),
            "fix: give training dataset 1 a depth type (e.g. groundtruth for KITTI)",
        ],
    ),
    "D11 an unknown kind": (
        "kitti",
        {f"{T}.dataset": ["kitti"], f"{T}.depth_type": [""]},
        [
            "error unknown_choice at datasets.train.dataset[0]",
            "value: 'kitti'",
            (
                "rule: <title> has no dataset kind 'kitti' (kinds are case-sensitive: did you "
                "mean 'KITTI'?): the trainer <data.unknown_kind>; its kinds are KITTI, ncdb, DGP,"
                " Image"
            ),
            "fix: datasets.train.dataset[0]=KITTI",
        ],
    ),
    "D11 a self-supervised model": (
        "kitti",
        {f"{T}.depth_type": [""], "model.name": "SelfSupModel"},
        [],
    ),
    "D11 lists that do not broadcast": (
        "kitti",
        {
            f"{T}.dataset": ["KITTI", "KITTI", "KITTI"],
            f"{T}.split": ["a.txt", "b.txt"],
            f"{T}.depth_type": [""],
        },
        [],
    ),
    # -- ground truth across validation: packnet_sfm/utils/reduce.py:53, :74 [D14] -----
    "D14 dataset 0 with, two without": (
        "kitti",
        {**THREE_KITTI_VAL, f"{V}.depth_type": ["groundtruth", "", ""]},
        [
            "error mixed_ground_truth at datasets.validation.depth_type",
            "value: ['groundtruth', '', '']",
            (
                "rule: validation dataset 0 has ground truth, unlike datasets 1 and 2: the "
                "trainer <data.metric_names.mixed>"
            ),
            (
                "fix: validate only on datasets with ground truth (give each a depth type), or "
                "put the ones without into a run of their own"
            ),
        ],
    ),
    # packnet_sfm/models/model_checkpoint.py:133-134 ranks by a metric
    "D14 dataset 0 without, ranked": (
        "kitti",
        {
            **THREE_KITTI_VAL,
            f"{V}.depth_type": ["", "groundtruth", "groundtruth"],
            "checkpoint.save_top_k": 3,
            "checkpoint.monitor": "abs_rel_lin",
            "checkpoint.mode": "min",
        },
        [
            "error mixed_ground_truth at datasets.validation.depth_type",
            "value: ['', 'groundtruth', 'groundtruth']",
            (
                "rule: validation dataset 0 has no ground truth, unlike datasets 1 and 2: the "
                "trainer <data.metric_names.none_ranked>"
            ),
            (
                "fix: validate only on datasets with ground truth (give each a depth type), or "
                "put the ones without into a run of their own"
            ),
        ],
    ),
    "D14 dataset 0 without, the best checkpoint kept": (
        "kitti",
        {
            f"{V}.depth_type": ["", "groundtruth"],
            "checkpoint.save_top_k": 1,
            "checkpoint.monitor": "abs_rel_lin",
            "checkpoint.mode": "min",
        },
        [
            "error mixed_ground_truth at datasets.validation.depth_type",
            "value: ['', 'groundtruth']",
            (
                "rule: validation dataset 0 has no ground truth, unlike dataset 1: the trainer "
                "<data.metric_names.none_ranked>"
            ),
            (
                "fix: validate only on datasets with ground truth (give each a depth type), or "
                "put the ones without into a run of their own"
            ),
        ],
    ),
    # no filepath: no keeper, nothing ranks (scripts/core/train.py:66-67)
    "D14 dataset 0 without, top-k but no filepath": (
        "kitti",
        {
            f"{V}.depth_type": ["", "groundtruth"],
            "checkpoint.filepath": "",
            "checkpoint.save_top_k": 3,
            "checkpoint.monitor": "abs_rel_lin",
            "checkpoint.mode": "min",
        },
        [
            "warning no_validation_metrics at datasets.validation.depth_type",
            "value: ['', 'groundtruth']",
            "rule: accepted, but <data.metric_names.none>",
            (
                "fix: validate only on datasets with ground truth (give each a depth type), or "
                "put the ones without into a run of their own"
            ),
        ],
    ),
    "D14 dataset 0 without, every checkpoint kept": (
        "kitti",
        {f"{V}.depth_type": ["", "groundtruth"], "checkpoint.save_top_k": -1},
        [
            "warning no_validation_metrics at datasets.validation.depth_type",
            "value: ['', 'groundtruth']",
            "rule: accepted, but <data.metric_names.none>",
            (
                "fix: validate only on datasets with ground truth (give each a depth type), or "
                "put the ones without into a run of their own"
            ),
        ],
    ),
    "D14 none with ground truth": (
        "kitti",
        {f"{V}.depth_type": ["", ""]},
        [],
    ),
    "D14 an unknown kind": (
        "kitti",
        {f"{V}.dataset": ["KITTI", "kitti"], f"{V}.depth_type": ["groundtruth", ""]},
        [
            "error unknown_choice at datasets.validation.dataset[1]",
            "value: 'kitti'",
            (
                "rule: <title> has no dataset kind 'kitti' (kinds are case-sensitive: did you "
                "mean 'KITTI'?): the trainer <data.unknown_kind>; its kinds are KITTI, ncdb, DGP,"
                " Image"
            ),
            "fix: datasets.validation.dataset[1]=KITTI",
        ],
    ),
    "D14 lists that do not broadcast": (
        "kitti",
        {**THREE_KITTI_VAL, f"{V}.depth_type": ["groundtruth", ""]},
        [],
    ),
}


@pytest.mark.parametrize("name", ROWS)
def test_the_findings_read_as_pinned(name: str) -> None:
    base, changes, expected = ROWS[name]
    assert rendered(base, changes) == expected
