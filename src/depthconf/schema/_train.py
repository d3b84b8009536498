"""The root of the run config."""

from __future__ import annotations

from dataclasses import field

from depthconf.schema._base import section
from depthconf.schema._checkpoint import CheckpointConfig
from depthconf.schema._datasets import DatasetsConfig
from depthconf.schema._model import ModelConfig
from depthconf.schema._run import (
    ArchConfig,
    SaveConfig,
    TensorboardConfig,
    TrainerConfig,
    WandbConfig,
)


@section
class TrainConfig:
    """A whole training run: what ``depthconf.compose`` and ``@depthconf.main`` hand over.

    >>> cfg = TrainConfig()
    >>> cfg.checkpoint.save_top_k, cfg.arch.max_epochs
    (-1, 50)
    """

    name: str = ""
    debug: bool = True
    model: ModelConfig = field(default_factory=ModelConfig)
    arch: ArchConfig = field(default_factory=ArchConfig)
    datasets: DatasetsConfig = field(default_factory=DatasetsConfig)
    checkpoint: CheckpointConfig = field(default_factory=CheckpointConfig)
    save: SaveConfig = field(default_factory=SaveConfig)
    wandb: WandbConfig = field(default_factory=WandbConfig)
    tensorboard: TensorboardConfig = field(default_factory=TensorboardConfig)
    trainer: TrainerConfig = field(default_factory=TrainerConfig)
