"""Run-level sections: ``arch``, ``save``, ``wandb``, ``tensorboard`` and ``trainer``."""

from __future__ import annotations

from dataclasses import field
from typing import Annotated, ClassVar

from pydantic import Field

from depthconf.schema._base import NonNegativeInt, PositiveFloat, PositiveInt, section
from depthconf.schema._rules import SectionRule
from depthconf.schema._rules.run import ARCH_RULES, WANDB_RULES
from depthconf.schema._vocabulary import DType
from depthconf.trainer._profile import TrainerName

# Each description says why the schema is narrower than the trainer; it is appended to
# the field error (depthconf.validation and depthconf.composition read it).

# packnet_sfm/trainers/horovod_trainer.py:234: every max(1, int(batches x interval))
# batches, so 0 or less evaluates after every batch [F1d.R].
_INTERVAL_WHY = (
    "depthconf is stricter than the trainer, which evaluates during training every "
    "max(1, int(batches per epoch x eval_progress_interval)) batches: 0 or a negative "
    "value would evaluate after every training batch "
    "(packnet_sfm/trainers/horovod_trainer.py:234)"
)
# packnet_sfm/models/model_wrapper.py:301: batch_idx % log_frequency with a logger on [L2].
_LOG_FREQUENCY_WHY = (
    "the trainer logs every log_frequency training steps (batch_idx % log_frequency): 0 "
    "makes it fail at the first training step with ZeroDivisionError when a logger is on "
    "(packnet_sfm/models/model_wrapper.py:301); a negative value acts as its absolute "
    "value there, and depthconf is stricter"
)


@section
class ArchConfig:
    RULES: ClassVar[tuple[SectionRule, ...]] = ARCH_RULES

    seed: int = 42
    min_epochs: PositiveInt = 1
    max_epochs: PositiveInt = 50
    validate_first: bool = False
    eval_during_training: bool = True
    # A fraction of an epoch; 1 or more means no evaluation during training (rules/run.py).
    eval_progress_interval: Annotated[PositiveFloat, Field(description=_INTERVAL_WHY)] = 0.1
    # The trainer's default (configs/default_config.py:148); it evaluates at least 50
    # batches anyway (packnet_sfm/trainers/horovod_trainer.py:138, rules/run.py) [D22].
    eval_subset_size: NonNegativeInt = 25
    clip_grad: float = 10.0
    dtype: DType | None = None


@section
class SaveDepthConfig:
    rgb: bool = True
    viz: bool = True
    npz: bool = True
    png: bool = True


@section
class SaveConfig:
    folder: str = ""
    depth: SaveDepthConfig = field(default_factory=SaveDepthConfig)


@section
class WandbConfig:
    RULES: ClassVar[tuple[SectionRule, ...]] = WANDB_RULES

    dry_run: bool = True
    name: str = ""
    # conf/train.yaml fills these from WANDB_PROJECT / WANDB_ENTITY, as the legacy defaults did.
    project: str = ""
    entity: str = ""
    tags: list[str] = field(default_factory=list)
    dir: str = ""


@section
class TensorboardConfig:
    dry_run: bool = True
    log_frequency: Annotated[PositiveInt, Field(description=_LOG_FREQUENCY_WHY)] = 100
    log_dir: str = ""


@section
class TrainerConfig:
    """Which trainer version the config is validated for (see :mod:`depthconf.trainer`).

    The profile decides what is valid: which models and networks can train, which
    metric keys validation emits, which torch classes exist.
    """

    profile: TrainerName = TrainerName.fork_208e293
