"""``validation/rules/augmentation.py`` in full: colour jittering (D17, D18) and the
advanced augmentation (D20, D21), in the variants the fact tables leave out.

See :mod:`tests.validation.dataset_findings` for how a row reads. Trainer paths are at
208e293 (upstream de53b31 where a row selects it).
"""

from __future__ import annotations

import pytest

from tests.validation.dataset_findings import (
    AUG,
    NO_TRAIN,
    NO_TRAIN_FINDING,
    UPSTREAM,
    Row,
    rendered,
)

ROWS: dict[str, Row] = {
    # -- jittering: packnet_sfm/datasets/augmentations.py:297-299, :338, :342 [D17, D18]
    "D17 no training dataset": (
        "ncdb",
        {f"{AUG}.jittering": [0.2], **NO_TRAIN},
        NO_TRAIN_FINDING,
    ),
    "D17 three values": (
        "ncdb",
        {f"{AUG}.jittering": [0.1, 0.2, 0.3]},
        [
            "error jittering_length at datasets.augmentation.jittering",
            "value: [0.1, 0.2, 0.3]",
            (
                "rule: jittering is empty (no colour jitter) or [brightness, contrast, "
                "saturation, hue], optionally with a fifth colour factor: the trainer "
                "<data.jittering_values>"
            ),
            (
                "fix: datasets.augmentation.jittering=[0.2,0.2,0.2,0.05] (the trainer's default),"
                " or datasets.augmentation.jittering=[]"
            ),
        ],
    ),
    "D18 a hue of 0.5": (
        "ncdb",
        {f"{AUG}.jittering": [0.1, 0.2, 0.3, 0.5]},
        [],
    ),
    "D17 D18 six values, a bad hue": (
        "ncdb",
        {f"{AUG}.jittering": [0.1, 0.2, 0.3, 0.7, 0.4, 0.6]},
        [
            "error jittering_hue at datasets.augmentation.jittering[3]",
            "value: 0.7",
            "rule: the hue jitter must lie in [-0.5, 0.5]: the trainer <data.hue>",
            "fix: datasets.augmentation.jittering=[0.1, 0.2, 0.3, 0.5, 0.4, 0.6]",
            "warning jittering_length at datasets.augmentation.jittering",
            "value: [0.1, 0.2, 0.3, 0.7, 0.4, 0.6]",
            "rule: accepted, but <data.jittering_extra>",
            "fix: datasets.augmentation.jittering=[0.1, 0.2, 0.3, 0.7, 0.4]",
        ],
    ),
    "D18 a negative hue and a fifth value": (
        "ncdb",
        {f"{AUG}.jittering": [0.1, 0.2, 0.3, -0.6, 0.4]},
        [
            "error jittering_hue at datasets.augmentation.jittering[3]",
            "value: -0.6",
            "rule: the hue jitter must lie in [-0.5, 0.5]: the trainer <data.hue>",
            "fix: datasets.augmentation.jittering=[0.1, 0.2, 0.3, 0.5, 0.4]",
        ],
    ),
    # -- advanced augmentation: packnet_sfm/datasets/transforms.py:125-139 [D20, D21] --
    "D20 upstream has none": (
        "kitti",
        {**UPSTREAM, f"{AUG}.randaugment.enabled": True, "tensorboard.dry_run": False},
        [],
    ),
    "D20 no training dataset": (
        "ncdb",
        {
            f"{AUG}.cutmix.enabled": True,
            "wandb.dry_run": False,
            **NO_TRAIN,
        },
        NO_TRAIN_FINDING,
    ),
    # packnet_sfm/models/model_wrapper.py:301-302 with the wandb logger alone
    "D20 D21 two enabled, wandb on, a shape": (
        "ncdb",
        {
            f"{AUG}.random_erasing.enabled": True,
            f"{AUG}.mixup.enabled": True,
            f"{AUG}.image_shape": [352, 1216],
            "wandb.dry_run": False,
        },
        [
            (
                "error advanced_augmentation at datasets.augmentation.random_erasing.enabled, "
                "datasets.augmentation.mixup.enabled"
            ),
            "value: True",
            (
                "rule: the advanced augmentation cannot run with a logger on: the trainer "
                "<data.advanced>"
            ),
            (
                "fix: datasets.augmentation.random_erasing.enabled=false "
                "datasets.augmentation.mixup.enabled=false, or turn the loggers off: "
                "tensorboard.dry_run=true wandb.dry_run=true"
            ),
            "warning batch_augmentation_ignored at datasets.augmentation.mixup.enabled",
            "value: True",
            "rule: accepted, but <data.batch_augmentation>",
            "fix: datasets.augmentation.mixup.enabled=false (it has no effect)",
        ],
    ),
    # no logger, a shape, no batch-level augmentation: nothing to say
    "D20 randaugment alone, quietly": (
        "ncdb",
        {f"{AUG}.randaugment.enabled": True, f"{AUG}.image_shape": [352, 1216]},
        [],
    ),
    "D21 mixup and cutmix": (
        "ncdb",
        {f"{AUG}.mixup.enabled": True, f"{AUG}.cutmix.enabled": True},
        [
            "warning advanced_image_shape at datasets.augmentation.image_shape",
            "value: []",
            "rule: accepted, but <data.advanced_image_shape>",
            (
                "fix: set datasets.augmentation.image_shape explicitly (e.g. [352,1216]), or "
                "datasets.augmentation.mixup.enabled=false "
                "datasets.augmentation.cutmix.enabled=false"
            ),
            (
                "warning batch_augmentation_ignored at datasets.augmentation.mixup.enabled, "
                "datasets.augmentation.cutmix.enabled"
            ),
            "value: True",
            "rule: accepted, but <data.batch_augmentation>",
            (
                "fix: datasets.augmentation.mixup.enabled=false "
                "datasets.augmentation.cutmix.enabled=false (it has no effect)"
            ),
        ],
    ),
}


@pytest.mark.parametrize("name", ROWS)
def test_the_findings_read_as_pinned(name: str) -> None:
    base, changes, expected = ROWS[name]
    assert rendered(base, changes) == expected
