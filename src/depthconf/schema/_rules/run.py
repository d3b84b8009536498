"""``arch`` and ``wandb``: the rules each of them judges by itself."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Final

from depthconf.findings import Code, Violation, show
from depthconf.schema._rules._engine import Here, default_of, section_rule

if TYPE_CHECKING:
    from depthconf.schema._run import ArchConfig, WandbConfig


@section_rule("min_epochs", "max_epochs")
def training_length(arch: ArchConfig, here: Here) -> Iterator[Violation]:
    if arch.min_epochs > arch.max_epochs:
        # packnet_sfm/trainers/base_trainer.py:46 stores min_epochs and nothing reads it [H3].
        yield Violation(
            here.keys("min_epochs", "max_epochs"),
            f"min_epochs={arch.min_epochs}, max_epochs={arch.max_epochs}",
            "min_epochs cannot exceed max_epochs: depthconf is stricter than the trainer, which "
            "stores arch.min_epochs and never reads it (packnet_sfm/trainers/base_trainer.py:46), "
            "because a minimum above the maximum contradicts itself whatever the trainer does",
            f"{here('min_epochs')}={default_of(arch, 'min_epochs')} (the trainer ignores it "
            f"anyway), or "
            f"{here('max_epochs')}={arch.min_epochs}",
            Code.epoch_range,
        )


@section_rule("dry_run", "entity", "project")
def wandb_needs_destination(wandb: WandbConfig, here: Here) -> Iterator[Violation]:
    """wandb on without entity or project [S4] (packnet_sfm/utils/config.py:239-242)."""
    if wandb.dry_run:
        return
    missing = [name for name in ("entity", "project") if not getattr(wandb, name)]
    if missing:
        yield Violation(
            here.keys(*missing),
            ", ".join(f"{name}={show(getattr(wandb, name))}" for name in missing),
            "wandb.dry_run=false logs to Weights & Biases, which needs an entity and a project: "
            f"the trainer fails at start-up: AssertionError 'You need a wandb {missing[0]}' "
            "(packnet_sfm/utils/config.py:239-242)",
            " ".join(f"{here(name)}=<your {name}>" for name in missing)
            + f" (or set WANDB_ENTITY / WANDB_PROJECT), or {here('dry_run')}=true",
            Code.wandb_destination,
        )


ARCH_RULES: Final = (training_length,)
WANDB_RULES: Final = (wandb_needs_destination,)
