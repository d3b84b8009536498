"""A complete training loop driven by depthconf, with no deep-learning framework.

The "model" is a single number and "validation" simulates the depth metrics, but the
plumbing is what a real trainer needs: a validated config from ``@depthconf.main``,
validation dicts with exactly the keys the metric contract promises, and a
CheckpointKeeper that applies the checkpoint policy crash-safely.

    python examples/train_loop.py experiment=resnet_san_ncdb arch.max_epochs=5 \\
        checkpoint.save_top_k=2 checkpoint.monitor=abs_rel_lin checkpoint.mode=min

The same script runs unchanged on every rank of a multi-GPU launch (torchrun,
horovodrun/mpirun, srun): the keeper reads the rank the launcher sets and only
rank 0 writes checkpoints; a second writer on the same directory is refused.
"""

from __future__ import annotations

import json
import math
import random
import sys
from pathlib import Path

from hydra.core.hydra_config import HydraConfig

import depthconf
from depthconf.checkpointing import CheckpointKeeper, CheckpointLockError, LauncherRankError

EXIT_REFUSED = 2  # no keeper for this process: another one writes there, or the rank is unclear


def validate(cfg: depthconf.TrainConfig, epoch: int, rng: random.Random) -> dict[str, float]:
    """One validation epoch: every key the trainer would return, with simulated values."""
    trend = 1.0 - math.exp(-(epoch + 1) / 3)
    quality = min(max(trend + rng.uniform(-0.2, 0.2), 0.01), 0.99)  # keep metrics in range
    metrics: dict[str, float] = {}
    modes = depthconf.trainer.profile_of(cfg).metric_modes
    for dataset in depthconf.metrics.emitted_keys(cfg):
        for key in dataset.keys:
            name = key[len(dataset.prefix) + 1 :]
            direction = depthconf.metrics.direction_of(name, modes)
            higher_is_better = direction is depthconf.Mode.max
            metrics[key] = round(quality if higher_is_better else 1.0 - quality, 4)
    return metrics


def open_keeper(cfg: depthconf.TrainConfig, run_dir: Path) -> CheckpointKeeper | None:
    """This process's keeper (idle off rank 0), None without checkpoints; exits if refused."""
    if not cfg.checkpoint.filepath:
        return None
    try:
        keeper = CheckpointKeeper.from_config(cfg, run_dir)
    except (CheckpointLockError, LauncherRankError) as error:  # before any training is wasted
        print(f"train_loop: {error}", file=sys.stderr)
        sys.exit(EXIT_REFUSED)
    role = "writes" if keeper.is_writer else "does not write"
    print(f"rank {keeper.rank} {role} checkpoints in {keeper.directory}")
    return keeper


def train_epochs(cfg: depthconf.TrainConfig, keeper: CheckpointKeeper | None) -> None:
    rng = random.Random(cfg.arch.seed)
    weight = 0.0
    for epoch in range(cfg.arch.max_epochs):
        weight += cfg.model.optimizer.depth.lr  # "training"
        metrics = validate(cfg, epoch, rng)
        if keeper is None:
            continue
        state = json.dumps({"epoch": epoch, "weight": weight})
        decision = keeper.on_validation_end(
            epoch, metrics, lambda path, state=state: path.write_text(state, encoding="utf-8")
        )
        written = decision.written.name if decision.written else decision.reason
        best = " (new best)" if decision.is_best else ""
        print(f"epoch {epoch}: value={decision.value} {written}{best}")


@depthconf.main
def train(cfg: depthconf.TrainConfig) -> None:
    keeper = open_keeper(cfg, Path(HydraConfig.get().runtime.output_dir))
    try:
        train_epochs(cfg, keeper)
    finally:
        if keeper is not None:
            keeper.close()  # releases the directory for the next run
    if keeper is not None and keeper.is_writer:
        print(f"kept: {[path.name for path, _ in keeper.kept]}")
        print(f"best: {keeper.best_path}")


if __name__ == "__main__":
    train()
