"""How one trainer version builds, augments and evaluates its datasets (``datasets.*``).

A :class:`DataFacts` is the dataset part of a :class:`~depthconf.trainer.TrainerProfile`:
what the trainer does with the dataset lists and the augmentation settings, each
:class:`~depthconf.trainer.Failure` or :class:`~depthconf.trainer.Quirk` citing the
trainer's file:line. Facts that do not exist in a trainer version (upstream has no ncdb
loader, no masks, no advanced augmentation) are None there, and the rules that read
them stay silent.

>>> from depthconf.trainer import FORK_208E293
>>> FORK_208E293.data.ncdb.default_depth_type, FORK_208E293.data.input_multiple
('depth_original', 32)
"""

from __future__ import annotations

from dataclasses import dataclass

from depthconf.trainer._profile import Failure, Quirk, Stage


@dataclass(frozen=True)
class NcdbFacts:
    """How the trainer's ncdb branch reads one dataset's entries (trainer.md D2-D9)."""

    # What NcdbDataset itself uses when it receives None (never reached from a config).
    default_depth_type: str
    empty_depth_type: Failure  # '' reaches the dataset as a depth type [D2]
    unknown_depth_type: Failure  # a name outside profile.ncdb_depth_types [D3]
    split_suffix: str  # the split file is parsed as this format
    split_format: Failure  # a split file that is not a JSON list [D5]
    short_mask_file: Failure  # mask_file indexed per dataset, never broadcast [D6]
    short_use_mask: Quirk  # use_mask indexed per dataset, False past its end [D7]
    mask_regardless: Quirk  # a mask_file masks RGB and GT whatever use_mask says [D8]
    use_mask_without_file: Quirk  # use_mask without a mask_file masks nothing
    not_passed: Quirk  # input_depth_type, back/forward_context, cameras [D9]


@dataclass(frozen=True)
class MetricNames:
    """The validation metric names come from the first batch of validation dataset 0 [D14]."""

    mixed: Failure  # dataset 0 has ground truth, a later one none
    none: Quirk  # dataset 0 has none, a later one has: nothing is emitted
    none_ranked: Failure  # ... while the keeper ranks checkpoints by a metric


#: Both trainer versions share this code, line for line.
NAMES_FROM_DATASET_0 = MetricNames(
    mixed=Failure(
        Stage.first_validation,
        "the metric names are taken from the first batch of validation dataset 0, and a "
        "later dataset without ground truth has none of them (KeyError: 'depth')",
        "packnet_sfm/utils/reduce.py:53, :74",
    ),
    none=Quirk(
        "the metric names are taken from the first batch of validation dataset 0, which "
        "has no ground truth, so no validation metric is emitted for any dataset",
        "packnet_sfm/utils/reduce.py:53, :144",
    ),
    none_ranked=Failure(
        Stage.first_checkpoint,
        "validation dataset 0 has no ground truth, so no validation metric is emitted "
        "(the names come from its first batch), and the keeper ranks checkpoints by one "
        "(AssertionError 'Checkpoint metric is not available')",
        "packnet_sfm/utils/reduce.py:53, packnet_sfm/models/model_checkpoint.py:133-134",
    ),
)

#: Both trainer versions share ImageDataset's assert, line for line.
IMAGE_DEPTH_TYPE = Failure(
    Stage.start_up,
    "ImageDataset asserts that it gets no depth type ('ImageDataset currently does not "
    "support depth types')",
    "packnet_sfm/datasets/image_dataset.py:47-48",
)


@dataclass(frozen=True)
class DataFacts:
    """What one trainer version does with ``datasets.*`` (trainer.md section 3c)."""

    unknown_kind: Failure  # a dataset kind with no branch in setup_dataset [D1]
    ncdb: NcdbFacts | None  # None: the trainer has no ncdb loader
    image_depth_type: Failure  # a depth type given to an Image dataset [D10]
    # Models whose training step reads batch['depth']: every training dataset needs GT.
    depth_readers: tuple[str, ...]
    no_training_ground_truth: Failure  # [D11]
    no_dataset: Failure  # an empty train or validation split [D12, D13]
    metric_names: MetricNames  # [D14]
    # The networks' skip connections need an input height and width divisible by this.
    input_multiple: int
    train_input_size: Failure  # [D15]
    eval_input_size: Failure  # [D16]
    jittering_values: Failure  # fewer than the four jittering values [D17]
    jittering_extra: Quirk  # values after the fifth (colour) one [D17]
    hue: Failure  # a hue outside [-0.5, 0.5] [D18]
    advanced: Failure | None  # randaugment/random_erasing/mixup/cutmix with a logger [D20]
    advanced_image_shape: Quirk | None  # the advanced transform's own default size [D20]
    batch_augmentation: Quirk | None  # mixup/cutmix are never applied [D21]
    unresized_mask: Failure | None  # the 'mask' key keeps the stored size [D24]
    top_center_resized: Quirk  # top-center with a resized prediction [D27]
