"""``plan_checkpoints`` agrees with what the keeper actually does."""

from __future__ import annotations

import random
import warnings
from pathlib import Path

import pytest

from depthconf.checkpointing import CheckpointKeeper, CheckpointPlan, plan_checkpoints

from .helpers import writer


def simulate(
    directory: Path, k: int, period: int, epochs: int, values: list[float], save_last: bool
) -> tuple[int, int, int]:
    """Run a keeper: (ranked checkpoints written, save() calls, kept at the end).

    ``save_top_k=-1`` runs without a monitor, which must not change the plan.
    """
    keeper = CheckpointKeeper(
        directory,
        save_top_k=k,
        period=period,
        save_last=save_last,
        monitor=None if k == -1 else "m",
        mode=None if k == -1 else "min",
    )
    written = 0
    calls: list[int] = []
    for epoch in range(epochs):

        def save(path: Path, epoch: int = epoch) -> None:
            calls.append(epoch)
            writer(epoch)(path)

        decision = keeper.on_validation_end(epoch, {"m": values[epoch]}, save)
        written += decision.written is not None
    return written, len(calls), len(keeper.kept)


@pytest.mark.parametrize("k", [-1, 1, 2, 3, 5])
@pytest.mark.parametrize("period", [1, 2, 3, 4])
def test_plan_matches_a_run(tmp_path: Path, k: int, period: int) -> None:
    rng = random.Random(k * 10 + period)
    for epochs in (0, 1, 3, 7, 12):
        plan = plan_checkpoints(save_top_k=k, period=period, max_epochs=epochs)
        improving = [100.0 - e for e in range(epochs)]
        run_dir = tmp_path / f"improving-{epochs}"
        written, _, kept = simulate(run_dir, k, period, epochs, improving, False)
        assert (written, kept) == (plan.written, plan.kept_at_end)

        noisy = [rng.choice([0.0, 1.0, 2.0, -1.0, 0.5]) for _ in range(epochs)]
        written, calls, kept = simulate(
            tmp_path / f"noisy-{epochs}", k, period, epochs, noisy, True
        )
        assert kept == plan.kept_at_end
        assert written <= plan.written
        assert calls == plan.written  # with save_last every save epoch calls save()


def test_plan_examples() -> None:
    assert plan_checkpoints(save_top_k=3, period=2, max_epochs=10) == CheckpointPlan(5, 3)
    assert plan_checkpoints(save_top_k=-1, period=4, max_epochs=3) == CheckpointPlan(0, 0)
    assert plan_checkpoints(save_top_k=1, period=1, max_epochs=50) == CheckpointPlan(50, 1)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"save_top_k": 0, "period": 1, "max_epochs": 5},
        {"save_top_k": -1, "period": 0, "max_epochs": 5},
        {"save_top_k": -1, "period": 1, "max_epochs": -1},
    ],
)
def test_plan_rejects_invalid_settings(kwargs: dict[str, int]) -> None:
    with warnings.catch_warnings(), pytest.raises(ValueError, match="must be"):
        plan_checkpoints(**kwargs)
