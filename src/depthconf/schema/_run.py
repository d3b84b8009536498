"""Run-level sections: ``arch``, ``save``, ``wandb``, ``tensorboard`` and ``metrics``."""

from __future__ import annotations

from dataclasses import field

from depthconf.schema._base import NonNegativeInt, PositiveFloat, PositiveInt, section


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


CURRENT_MODES: tuple[str, ...] = ("_lin", "_lin_gt", "_log", "_log_gt")
UPSTREAM_MODES: tuple[str, ...] = ("", "_pp", "_gt", "_pp_gt")


@section
class MetricsConfig:
    """What the trainer's validation loop emits (see :mod:`depthconf.metrics`).

    ``modes`` are the evaluation-mode suffixes appended to every metric name. The
    current code base emits ``_lin``, ``_lin_gt``, ``_log``, ``_log_gt``; the
    upstream PackNet-SfM code emits ``''``, ``_pp``, ``_gt``, ``_pp_gt``
    (select ``metrics=upstream``).
    """

    modes: list[str] = field(default_factory=lambda: list(CURRENT_MODES))
