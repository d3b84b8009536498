"""Run-level sections: ``arch``, ``save``, ``wandb``, ``tensorboard`` and ``trainer``."""

from __future__ import annotations

from dataclasses import field

from depthconf.schema._base import NonNegativeInt, PositiveFloat, PositiveInt, section
from depthconf.trainer._profile import TrainerName


@section
class ArchConfig:
    seed: int = 42
    min_epochs: PositiveInt = 1
    max_epochs: PositiveInt = 50
    validate_first: bool = False
    eval_during_training: bool = True
    eval_progress_interval: PositiveFloat = 0.1  # fraction of an epoch
    eval_subset_size: NonNegativeInt = 25
    clip_grad: float = 10.0
    dtype: str | None = None


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
    log_frequency: PositiveInt = 100
    log_dir: str = ""


@section
class TrainerConfig:
    """Which trainer version the config is validated for (see :mod:`depthconf.trainer`).

    The profile decides what is valid: which models and networks can train, which
    metric keys validation emits, which torch classes exist.
    """

    profile: TrainerName = TrainerName.fork_208e293
