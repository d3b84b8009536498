"""Run-level sections: logging and training length."""

from __future__ import annotations

from collections.abc import Iterator

from depthconf.schema import TrainConfig
from depthconf.schema._vocabulary import DTYPES
from depthconf.validation._registry import rule
from depthconf.validation._violation import Violation, show
from depthconf.validation.rules._choices import one_of


@rule("wandb")
def wandb_needs_destination(cfg: TrainConfig) -> Iterator[Violation]:
    wandb = cfg.wandb
    if wandb.dry_run:
        return
    missing = [name for name in ("entity", "project") if not getattr(wandb, name)]
    if missing:
        paths = ", ".join(f"wandb.{name}" for name in missing)
        yield Violation(
            paths,
            ", ".join(f"{name}={show(getattr(wandb, name))}" for name in missing),
            "wandb.dry_run=false logs to Weights & Biases, which needs an entity and a project",
            " ".join(f"wandb.{name}=<your {name}>" for name in missing)
            + " (or set WANDB_ENTITY / WANDB_PROJECT), or wandb.dry_run=true",
            "wandb_destination",
        )


@rule("arch")
def training_length(cfg: TrainConfig) -> Iterator[Violation]:
    arch = cfg.arch
    if arch.min_epochs > arch.max_epochs:
        yield Violation(
            "arch.min_epochs, arch.max_epochs",
            f"min_epochs={arch.min_epochs}, max_epochs={arch.max_epochs}",
            "min_epochs cannot exceed max_epochs",
            f"arch.max_epochs={arch.min_epochs}",
            "epoch_range",
        )
    if arch.dtype is not None:
        yield from one_of("arch.dtype", arch.dtype, DTYPES, "arch.dtype")
