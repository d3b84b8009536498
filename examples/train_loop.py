"""A complete training loop driven by depthconf, with no deep-learning framework.

The "model" is a single number and "validation" simulates the depth metrics, but the
plumbing is what a real trainer needs: a validated config from ``@depthconf.main``,
validation dicts with exactly the keys the metric contract promises, and a
CheckpointKeeper that applies the checkpoint policy crash-safely.

    python examples/train_loop.py experiment=resnet_san_ncdb arch.max_epochs=5 \\
        checkpoint.save_top_k=2 checkpoint.monitor=abs_rel_lin checkpoint.mode=min
"""

from __future__ import annotations

import json
import math
import random
from pathlib import Path

from hydra.core.hydra_config import HydraConfig

import depthconf
from depthconf.checkpointing import CheckpointKeeper


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


@depthconf.main
def train(cfg: depthconf.TrainConfig) -> None:
    run_dir = Path(HydraConfig.get().runtime.output_dir)
    keeper = CheckpointKeeper.from_config(cfg, run_dir) if cfg.checkpoint.filepath else None
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
        written = decision.written.name if decision.written else "not written"
        best = " (new best)" if decision.is_best else ""
        print(f"epoch {epoch}: value={decision.value} {written}{best}")
    if keeper is not None:
        print(f"kept: {[path.name for path, _ in keeper.kept]}")
        print(f"best: {keeper.best_path}")


if __name__ == "__main__":
    train()
