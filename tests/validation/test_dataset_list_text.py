"""How dataset findings name list elements and datasets, for several validation datasets.

The dataset rules share ``src/depthconf/validation/rules/_data.py``: the element path of
dataset i (``[0]`` of a list broadcast from one entry), one finding per element, the
"datasets 1, 2 and 3" of a sentence and the list a fix writes as an override. The
tables elsewhere use one or two datasets; mutation testing (``make mutation``) showed
that a third dataset, an empty list entry and a broadcast element were never looked at,
nor which of the two loggers (``loggers_on``) a logger-dependent rule counts.

Trainer paths are at commit 208e293 of the team's fork.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

import depthconf
from depthconf.schema import to_dict
from tests.validation.test_rule_boundaries import EXPERIMENT, changed

V = "datasets.validation"


def _splits(count: int) -> dict[str, Any]:
    """``count`` ncdb validation datasets with distinct key prefixes."""
    return {f"{V}.split": [f"splits/{name}.json" for name in "abcd"[:count]]}


@pytest.fixture(scope="module")
def base() -> dict[str, Any]:
    return to_dict(depthconf.compose(EXPERIMENT))


def _found(base: Mapping[str, Any], changes: Mapping[str, Any], code: str) -> list[Any]:
    report = depthconf.check(changed(base, changes))
    return [
        v for v in (*report.errors, *report.warnings) if v.code == code and v.path.startswith(V)
    ]


def test_a_short_mask_file_names_every_dataset_without_one(base: dict[str, Any]) -> None:
    # packnet_sfm/models/model_wrapper.py:1087 indexes mask_file[i] for ncdb dataset i [D6].
    (found,) = _found(
        base,
        {**_splits(4), f"{V}.mask_file": [""], f"{V}.use_mask": [False]},
        "mask_file_length",
    )
    assert found.rule == (
        "mask_file has 1 entries for 4 datasets, none for ncdb datasets 1, 2 and 3: the "
        "trainer fails at start-up: the ncdb branch reads mask_file[i] for dataset i and the "
        "trainer never broadcasts mask_file (IndexError: list index out of range) "
        "(packnet_sfm/models/model_wrapper.py:1087, packnet_sfm/utils/config.py:35-43)"
    )
    # '' (no mask) must stay an entry of the list the user copies
    assert found.fix == (f"{V}.mask_file=['','','',''] (one entry per dataset; '' for no mask)")


def test_mixed_ground_truth_names_every_dataset_without_it(base: dict[str, Any]) -> None:
    # packnet_sfm/utils/reduce.py:53, :74: names from dataset 0, KeyError 'depth' later [D14].
    changes = {
        **_splits(4),
        f"{V}.dataset": ["ncdb", "KITTI", "KITTI", "KITTI"],
        f"{V}.depth_type": ["depth_original", "", "", ""],
        f"{V}.mask_file": [""] * 4,
    }
    (found,) = _found(base, changes, "mixed_ground_truth")
    assert found.rule == (
        "validation dataset 0 has ground truth, unlike datasets 1, 2 and 3: the trainer "
        "fails at the end of the first validation: the metric names are taken from the first "
        "batch of validation dataset 0, and a later dataset without ground truth has none of "
        "them (KeyError: 'depth') (packnet_sfm/utils/reduce.py:53, :74)"
    )


# ncdb_dataset.py:235-239: a mask_file masks whatever use_mask says [D8]; use_mask is
# read per dataset, False past its end (model_wrapper.py:1080-1081) [D7].
MASKED = {
    "one use_mask for three datasets: its element, once": (
        {**_splits(3), f"{V}.mask_file": ["m.png"] * 3, f"{V}.use_mask": [False]},
        [f"{V}.use_mask[0]"],
    ),
    "three datasets, two without use_mask: each element": (
        {**_splits(3), f"{V}.mask_file": ["m.png"] * 3, f"{V}.use_mask": [True, False, False]},
        [f"{V}.use_mask[1]", f"{V}.use_mask[2]"],
    ),
    "two datasets, the second without use_mask": (
        {**_splits(2), f"{V}.mask_file": ["m.png"] * 2, f"{V}.use_mask": [True, False]},
        [f"{V}.use_mask[1]"],
    ),
}


@pytest.mark.parametrize(("changes", "paths"), MASKED.values(), ids=MASKED.keys())
def test_a_finding_names_the_element_the_dataset_reads(
    base: dict[str, Any], changes: dict[str, Any], paths: list[str]
) -> None:
    assert [v.path for v in _found(base, changes, "mask_without_use_mask")] == paths


# scripts/core/train.py:53-63 builds the wandb logger unless wandb.dry_run and the
# tensorboard logger unless tensorboard.dry_run; with any logger,
# packnet_sfm/models/model_wrapper.py:301-302 reads batch['rgb_original'], which the
# advanced augmentations do not keep (trainer.md section 6).
LOGGERS = {
    "both dry runs": (True, True, False),
    "tensorboard on": (True, False, True),
    "wandb on": (False, True, True),
    "both on": (False, False, True),
}


@pytest.mark.parametrize(
    ("wandb_dry", "tensorboard_dry", "refused"), LOGGERS.values(), ids=LOGGERS.keys()
)
def test_an_advanced_augmentation_is_refused_with_any_logger_on(
    base: dict[str, Any], wandb_dry: bool, tensorboard_dry: bool, refused: bool
) -> None:
    changes = {
        "datasets.augmentation.randaugment.enabled": True,
        "wandb.dry_run": wandb_dry,
        "wandb.project": "depth",
        "tensorboard.dry_run": tensorboard_dry,
    }
    report = depthconf.check(changed(base, changes))
    assert ("advanced_augmentation" in {v.code for v in report.errors}) is refused
