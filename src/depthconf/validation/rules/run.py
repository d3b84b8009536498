"""Run-level sections against the trainer: logging, seeding, evaluation during training.

The training length and the wandb destination are judged by their sections
(:mod:`depthconf.schema._rules.run`).
"""

from __future__ import annotations

from collections.abc import Iterator

from depthconf.findings import Code, Violation
from depthconf.schema import ArchConfig, TrainConfig
from depthconf.trainer import Quirk, profile_of
from depthconf.validation._registry import rule
from depthconf.validation.rules._choices import trainer_fails, trainer_quirk

_ARCH_DEFAULTS = ArchConfig()
# Below this eval_progress_interval the trainer evaluates about 1/interval > 100 times
# per epoch (depthconf's threshold for "tiny"; the trainer has none).
_TINY_INTERVAL = 0.01


@rule("wandb", "trainer")
def wandb_logger_works(cfg: TrainConfig) -> Iterator[Violation]:
    """The profile's wandb logger fails the run [L1] (fork: model_wrapper.py:336-337)."""
    failure = profile_of(cfg).wandb_logging
    if cfg.wandb.dry_run or failure is None:
        return
    yield trainer_fails(
        "wandb.dry_run",
        False,
        "wandb.dry_run=false turns the Weights & Biases logger on",
        failure,
        "wandb.dry_run=true (tensorboard.dry_run=false logs through the tensorboard logger, "
        "which the training step does support)",
        Code.wandb_logger_fails,
    )


# packnet_sfm/models/model_wrapper.py:921-926 seeds only when seed >= 0 (upstream:
# packnet_sfm/models/model_wrapper.py:374-379, the same) [X1].
_NO_SEED = Quirk(
    "the trainer seeds numpy, random and torch only when arch.seed >= 0: with a negative "
    "seed nothing is seeded, so runs cannot be reproduced",
    "packnet_sfm/models/model_wrapper.py:921-926",
)


@rule("arch")
def negative_seed(cfg: TrainConfig) -> Iterator[Violation]:
    if cfg.arch.seed < 0:
        fix = f"arch.seed={_ARCH_DEFAULTS.seed} (any seed >= 0)"
        yield trainer_quirk("arch.seed", cfg.arch.seed, _NO_SEED, fix, Code.no_seed)


@rule("arch", "datasets", "trainer")
def evaluation_during_training(cfg: TrainConfig) -> Iterator[Violation]:
    """What arch.eval_progress_interval and eval_subset_size really do [D22, D23].

    Only when the trainer evaluates during training at all: the profile has it,
    arch.eval_during_training is on and there is a validation dataset
    (packnet_sfm/trainers/horovod_trainer.py:96-97).
    """
    arch, evaluation = cfg.arch, profile_of(cfg).eval_during_training
    if evaluation is None or not arch.eval_during_training:
        return
    if cfg.datasets.validation.dataset_count == 0:
        return
    interval = arch.eval_progress_interval
    # Every max(1, int(batches x interval)) batches, never at batch 0 (:234, :242-245).
    every = f"every max(1, int(batches per epoch x {interval})) training batches"
    if interval >= 1:
        yield trainer_quirk(
            "arch.eval_progress_interval",
            interval,
            Quirk(
                f"the trainer evaluates {every} and never at the first batch, so with 1 or "
                "more no evaluation during training happens at all",
                evaluation.cite,
            ),
            "arch.eval_during_training=false to say so, or arch.eval_progress_interval=0.5",
            Code.no_eval_during_training,
        )
        return
    if interval < _TINY_INTERVAL:
        yield trainer_quirk(
            "arch.eval_progress_interval",
            interval,
            Quirk(
                f"the trainer evaluates {every}: about {round(1 / interval)} times per epoch, "
                "and after every training batch when an epoch has fewer than "
                f"{round(2 / interval)} batches; each time it evaluates at least "
                f"{evaluation.min_batches} batches of every validation loader",
                evaluation.cite,
            ),
            f"arch.eval_progress_interval={_ARCH_DEFAULTS.eval_progress_interval} "
            "(ten evaluations per epoch), or arch.eval_during_training=false",
            Code.eval_interval_tiny,
        )
    size = arch.eval_subset_size
    # The trainer's own default (25) means the floor too; like a never-read key left at
    # its default, it says nothing (the user did not ask for 25).
    if size < evaluation.min_batches and size != _ARCH_DEFAULTS.eval_subset_size:
        yield trainer_quirk(
            "arch.eval_subset_size",
            size,
            Quirk(
                f"the trainer evaluates max({evaluation.min_batches}, eval_subset_size) = "
                f"{evaluation.batches(size)} batches of every validation loader at each "
                f"evaluation during training, not {size}",
                evaluation.cite,
            ),
            f"arch.eval_subset_size={evaluation.min_batches} (what the trainer evaluates anyway)",
            Code.eval_subset_floor,
        )
