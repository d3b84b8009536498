"""``validation/rules/ncdb.py`` in full: the per-dataset mask lists (D6, D7), masks (D8)
and what the ncdb branch never passes on (D9), in the variants the fact tables leave out.

See :mod:`tests.validation.dataset_findings` for how a row reads. Trainer paths are at
208e293.
"""

from __future__ import annotations

import pytest

from tests.validation.dataset_findings import Row, T, V, rendered, two_ncdb

ROWS: dict[str, Row] = {
    # -- mask lists: packnet_sfm/models/model_wrapper.py:1080-1087 [D6, D7] -------------
    "D6 no masks at all": (
        "ncdb",
        {**two_ncdb("validation"), f"{V}.mask_file": [], f"{V}.use_mask": [False, False]},
        [
            "error mask_file_length at datasets.validation.mask_file",
            "value: []",
            (
                "rule: mask_file has 0 entries for 2 datasets, none for ncdb datasets 0 and 1: "
                "the trainer <data.ncdb.short_mask_file>"
            ),
            "fix: datasets.validation.mask_file=['',''] (one entry per dataset; '' for no mask)",
        ],
    ),
    "D6 D7 KITTI, then ncdb": (
        "ncdb",
        {
            f"{V}.dataset": ["KITTI", "ncdb"],
            f"{V}.path": ["/data/kitti", "/data/ncdb"],
            f"{V}.split": ["splits/kitti.txt", "splits/ncdb.json"],
            f"{V}.depth_type": ["groundtruth", "depth_original"],
            f"{V}.mask_file": ["binary_mask.png"],
            f"{V}.use_mask": [True],
        },
        [
            "error mask_file_length at datasets.validation.mask_file",
            "value: ['binary_mask.png']",
            (
                "rule: mask_file has 1 entries for 2 datasets, none for ncdb dataset 1: the "
                "trainer <data.ncdb.short_mask_file>"
            ),
            (
                "fix: datasets.validation.mask_file=[binary_mask.png,binary_mask.png] (one entry "
                "per dataset; '' for no mask)"
            ),
            "warning use_mask_length at datasets.validation.use_mask",
            "value: [True]",
            "rule: accepted, but <data.ncdb.short_use_mask>",
            "fix: datasets.validation.use_mask=[true,true] (one entry per dataset)",
        ],
    ),
    # a short use_mask of False only says what the trainer does anyway
    "D7 a short use_mask of False": (
        "ncdb",
        {**two_ncdb("train"), f"{T}.use_mask": [False]},
        [
            "warning mask_without_use_mask at datasets.train.use_mask[0]",
            "value: False",
            "rule: accepted, but <data.ncdb.mask_regardless>",
            (
                "fix: to train without the mask: datasets.train.mask_file=[''] (per dataset); to "
                "keep it, say so: datasets.train.use_mask=[true]"
            ),
        ],
    ),
    # the fixes complete each list with its last entry
    "D6 D7 two masks for three datasets": (
        "ncdb",
        {
            f"{V}.dataset": ["ncdb", "ncdb", "ncdb"],
            f"{V}.path": ["/data/a", "/data/b", "/data/c"],
            f"{V}.split": ["splits/a.json", "splits/b.json", "splits/c.json"],
            f"{V}.mask_file": ["a.png", "b.png"],
            f"{V}.use_mask": [True, False],
        },
        [
            "error mask_file_length at datasets.validation.mask_file",
            "value: ['a.png', 'b.png']",
            (
                "rule: mask_file has 2 entries for 3 datasets, none for ncdb dataset 2: the "
                "trainer <data.ncdb.short_mask_file>"
            ),
            (
                "fix: datasets.validation.mask_file=[a.png,b.png,b.png] (one entry per dataset; "
                "'' for no mask)"
            ),
            "warning use_mask_length at datasets.validation.use_mask",
            "value: [True, False]",
            "rule: accepted, but <data.ncdb.short_use_mask>",
            "fix: datasets.validation.use_mask=[true,false,false] (one entry per dataset)",
            "warning mask_without_use_mask at datasets.validation.use_mask[1]",
            "value: False",
            "rule: accepted, but <data.ncdb.mask_regardless>",
            (
                "fix: to train without the mask: datasets.validation.mask_file=[''] (per "
                "dataset); to keep it, say so: datasets.validation.use_mask=[true]"
            ),
        ],
    ),
    "unread mask entries": (
        "ncdb",
        {f"{V}.mask_file": ["m.png", "m.png", "m.png"], f"{V}.use_mask": [True, True]},
        [
            "warning unread_entries at datasets.validation.mask_file",
            "value: ['m.png', 'm.png', 'm.png']",
            (
                "rule: mask_file has 3 entries for 1 dataset(s); the trainer reads mask_file[i] "
                "for dataset i and never the rest (packnet_sfm/models/model_wrapper.py:1080-1087)"
            ),
            "fix: give datasets.validation.mask_file one entry per dataset",
            "warning unread_entries at datasets.validation.use_mask",
            "value: [True, True]",
            (
                "rule: use_mask has 2 entries for 1 dataset(s); the trainer reads use_mask[i] for"
                " dataset i and never the rest (packnet_sfm/models/model_wrapper.py:1080-1087)"
            ),
            "fix: give datasets.validation.use_mask one entry per dataset",
        ],
    ),
    "mask entries, one per dataset": (
        "ncdb",
        {**two_ncdb("validation")},
        [],
    ),
    # -- masks: packnet_sfm/datasets/ncdb_dataset.py:234-239, :559, :596-608 [D8] -------
    "D8 use_mask without a mask_file": (
        "ncdb",
        {f"{T}.mask_file": [""]},
        [
            "warning use_mask_without_file at datasets.train.use_mask[0]",
            "value: True",
            "rule: accepted, but <data.ncdb.use_mask_without_file>",
            (
                "fix: name the mask, e.g. datasets.train.mask_file=[binary_mask.png], or "
                "datasets.train.use_mask=[false]"
            ),
        ],
    ),
    # -- what the ncdb branch does not pass: model_wrapper.py:1083-1092 [D9] -----------
    "D9 dataset 1 of two": (
        "ncdb",
        {
            **two_ncdb("validation"),
            f"{V}.input_depth_type": ["", "velodyne"],
            f"{V}.cameras": [[], ["camera_01"]],
            f"{V}.forward_context": 2,
        },
        [
            "warning ncdb_ignores at datasets.validation.input_depth_type[1]",
            "value: 'velodyne'",
            "rule: accepted, but <data.ncdb.not_passed>",
            "fix: remove it: give dataset 1 the input_depth_type ''",
            "warning ncdb_ignores at datasets.validation.cameras[1]",
            "value: ['camera_01']",
            "rule: accepted, but <data.ncdb.not_passed>",
            (
                "fix: remove it: give dataset 1 the cameras [] (a single camera still names the "
                "metric keys, packnet_sfm/utils/logging.py:58-59)"
            ),
            "warning ncdb_ignores at datasets.validation.forward_context",
            "value: 2",
            "rule: accepted, but <data.ncdb.not_passed>",
            "fix: datasets.validation.forward_context=0 (the default; ncdb has no context frames)",
        ],
    ),
    # the ncdb datasets after a KITTI one are judged; context frames reach the KITTI
    # dataset of the split (model_wrapper.py:1042-1043): no warning about them
    "D8 D9 a KITTI dataset, then two ncdb": (
        "ncdb",
        {
            f"{V}.dataset": ["KITTI", "ncdb", "ncdb"],
            f"{V}.path": ["/data/kitti", "/data/a", "/data/b"],
            f"{V}.split": ["splits/kitti.txt", "splits/a.json", "splits/b.json"],
            f"{V}.depth_type": ["groundtruth", "depth_original", "depth_original"],
            f"{V}.input_depth_type": ["", "velodyne", ""],
            f"{V}.mask_file": ["", "binary_mask.png", ""],
            f"{V}.use_mask": [False, False, True],
            f"{V}.back_context": 1,
            f"{V}.forward_context": 1,
        },
        [
            "warning mask_without_use_mask at datasets.validation.use_mask[1]",
            "value: False",
            "rule: accepted, but <data.ncdb.mask_regardless>",
            (
                "fix: to train without the mask: datasets.validation.mask_file=[''] (per "
                "dataset); to keep it, say so: datasets.validation.use_mask=[true]"
            ),
            "warning use_mask_without_file at datasets.validation.use_mask[2]",
            "value: True",
            "rule: accepted, but <data.ncdb.use_mask_without_file>",
            (
                "fix: name the mask, e.g. datasets.validation.mask_file=[binary_mask.png], or "
                "datasets.validation.use_mask=[false]"
            ),
            "warning ncdb_ignores at datasets.validation.input_depth_type[1]",
            "value: 'velodyne'",
            "rule: accepted, but <data.ncdb.not_passed>",
            "fix: remove it: give dataset 1 the input_depth_type ''",
        ],
    ),
    # a split whose lists do not broadcast is skipped, the next one is judged
    "D8 after lists that do not broadcast": (
        "ncdb",
        {f"{V}.dataset": ["ncdb", "ncdb"], "datasets.test.mask_file": [""]},
        [
            "warning use_mask_without_file at datasets.test.use_mask[0]",
            "value: True",
            "rule: accepted, but <data.ncdb.use_mask_without_file>",
            (
                "fix: name the mask, e.g. datasets.test.mask_file=[binary_mask.png], or "
                "datasets.test.use_mask=[false]"
            ),
        ],
    ),
    "D9 training context of 0": (
        "ncdb",
        {f"{T}.back_context": 0, f"{T}.forward_context": 0},
        [
            "warning ncdb_ignores at datasets.train.back_context",
            "value: 0",
            "rule: accepted, but <data.ncdb.not_passed>",
            "fix: datasets.train.back_context=1 (the default; ncdb has no context frames)",
            "warning ncdb_ignores at datasets.train.forward_context",
            "value: 0",
            "rule: accepted, but <data.ncdb.not_passed>",
            "fix: datasets.train.forward_context=1 (the default; ncdb has no context frames)",
        ],
    ),
}


@pytest.mark.parametrize("name", ROWS)
def test_the_findings_read_as_pinned(name: str) -> None:
    base, changes, expected = ROWS[name]
    assert rendered(base, changes) == expected
