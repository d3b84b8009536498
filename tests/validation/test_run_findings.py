"""The run-level trainer rules (``validation/rules/run.py``), finding by finding, word for
word: the wandb logger, the seed, and evaluation during training.

Each row changes a few keys of the bundled ``resnet_san_ncdb`` experiment (the fork's
profile, one ncdb validation dataset) and lists every finding of these rules it gets.
Trainer paths are at commit 208e293 of the team's fork unless said otherwise.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.validation.trainer_rule_findings import Finding, findings, no_datasets

CODES = {
    "wandb_logger_fails",
    "no_seed",
    "no_eval_during_training",
    "eval_interval_tiny",
    "eval_subset_floor",
}
UPSTREAM = {"trainer.profile": "upstream_de53b31"}
NO_VALIDATION = no_datasets("validation")
EVAL_CITE = "packnet_sfm/trainers/horovod_trainer.py:138, :234, :242-245"
# An interval of 1 or more, and a subset below the trainer's floor of 50 batches.
NO_EVAL = {"arch.eval_progress_interval": 1.0, "arch.eval_subset_size": 10}

WANDB_FAILS = Finding(
    "error",
    "wandb_logger_fails",
    "wandb.dry_run",
    "False",
    # packnet_sfm/models/model_wrapper.py:336-337, :467-470; loggers/wandb_logger.py:126
    "wandb.dry_run=false turns the Weights & Biases logger on: the trainer fails at the "
    "first training step: the training step logs images through logger.writer, which the "
    "fork's WandbLogger does not have (AttributeError: 'WandbLogger' object has no attribute "
    "'writer'); past that, the end of the first epoch calls its log_metrics with a step "
    "argument it does not take (TypeError) (packnet_sfm/models/model_wrapper.py:336-337, "
    ":467-470, packnet_sfm/loggers/wandb_logger.py:126)",
    "wandb.dry_run=true (tensorboard.dry_run=false logs through the tensorboard logger, "
    "which the training step does support)",
)
NO_SEED = Finding(
    "warning",
    "no_seed",
    "arch.seed",
    "-1",
    # packnet_sfm/models/model_wrapper.py:921-926 seeds only when seed >= 0
    "accepted, but the trainer seeds numpy, random and torch only when arch.seed >= 0: with "
    "a negative seed nothing is seeded, so runs cannot be reproduced "
    "(packnet_sfm/models/model_wrapper.py:921-926)",
    "arch.seed=42 (any seed >= 0)",
)
NO_EVAL_DURING_TRAINING = Finding(
    "warning",
    "no_eval_during_training",
    "arch.eval_progress_interval",
    "1.0",
    # horovod_trainer.py:234, :242-245: every max(1, int(batches x interval)) batches,
    # never at batch 0
    "accepted, but the trainer evaluates every max(1, int(batches per epoch x 1.0)) "
    "training batches and never at the first batch, so with 1 or more no evaluation during "
    f"training happens at all ({EVAL_CITE})",
    "arch.eval_during_training=false to say so, or arch.eval_progress_interval=0.5",
)
TINY = Finding(
    "warning",
    "eval_interval_tiny",
    "arch.eval_progress_interval",
    "0.004",
    # 1 / 0.004 = 250 evaluations per epoch; every batch below 2 / 0.004 = 500 batches
    "accepted, but the trainer evaluates every max(1, int(batches per epoch x 0.004)) "
    "training batches: about 250 times per epoch, and after every training batch when an "
    "epoch has fewer than 500 batches; each time it evaluates at least 50 batches of every "
    f"validation loader ({EVAL_CITE})",
    "arch.eval_progress_interval=0.1 (ten evaluations per epoch), or "
    "arch.eval_during_training=false",
)


def floor(size: int) -> Finding:
    # horovod_trainer.py:138 evaluates max(50, eval_subset_size) batches
    return Finding(
        "warning",
        "eval_subset_floor",
        "arch.eval_subset_size",
        str(size),
        "accepted, but the trainer evaluates max(50, eval_subset_size) = 50 batches of every "
        f"validation loader at each evaluation during training, not {size} ({EVAL_CITE})",
        "arch.eval_subset_size=50 (what the trainer evaluates anyway)",
    )


ROWS: dict[str, tuple[dict[str, Any], list[Finding]]] = {
    "the base": ({}, []),
    "wandb on": ({"wandb.dry_run": False}, [WANDB_FAILS]),
    # upstream's WandbLogger logs (its wandb_logging is None)
    "wandb on, upstream": ({"wandb.dry_run": False, **UPSTREAM}, []),
    "seed -1": ({"arch.seed": -1}, [NO_SEED]),
    "seed 0": ({"arch.seed": 0}, []),
    # with no evaluation at all, the subset size is not reported as well
    "interval 1, subset 10": (NO_EVAL, [NO_EVAL_DURING_TRAINING]),
    "interval 0.004, subset 10": (
        {"arch.eval_progress_interval": 0.004, "arch.eval_subset_size": 10},
        [TINY, floor(10)],
    ),
    "interval 0.004": ({"arch.eval_progress_interval": 0.004}, [TINY]),
    "interval 0.01": ({"arch.eval_progress_interval": 0.01}, []),  # depthconf's threshold
    "subset 49": ({"arch.eval_subset_size": 49}, [floor(49)]),
    "subset 0": ({"arch.eval_subset_size": 0}, [floor(0)]),
    "subset 50": ({"arch.eval_subset_size": 50}, []),
    "subset 51": ({"arch.eval_subset_size": 51}, []),
    # the trainer evaluates during training only when asked to, and only with a validation
    # dataset (packnet_sfm/trainers/horovod_trainer.py:96-97)
    "not evaluating": ({**NO_EVAL, "arch.eval_during_training": False}, []),
    "no validation dataset": ({**NO_EVAL, **NO_VALIDATION}, []),
    # upstream does not evaluate during training (horovod_trainer.py:56-71 at de53b31)
    "upstream": ({**NO_EVAL, "arch.eval_progress_interval": 0.004, **UPSTREAM}, []),
}


@pytest.mark.parametrize(("changes", "expected"), ROWS.values(), ids=ROWS.keys())
def test_run_findings_read_as_pinned(changes: dict[str, Any], expected: list[Finding]) -> None:
    assert findings(changes, CODES) == expected
