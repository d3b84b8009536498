"""Which epochs are written and which checkpoints are kept: pure functions.

The keeper and :func:`plan_checkpoints` share these functions, so the plan the
CLI prints cannot drift from what a run does. What ``save_top_k``, ``monitor`` and
``mode`` mean is defined once, in :mod:`depthconf.schema._policy`, which the schema's
checkpoint section also enforces: :func:`check_policy` is the keeper's side of it.

Period (like Lightning's ``every_n_epochs``; epochs are 0-based): epoch ``e`` is a
save epoch when ``(e + 1) % period == 0``, so ``period=3`` saves after epochs
2, 5, 8, ...

Ranking: with a monitor, lower is better for ``mode="min"`` and higher for
``mode="max"``; any non-finite value (NaN, +inf, -inf) ranks below every finite
value and all non-finite values tie with each other; ties go to the checkpoint
written earlier (smaller ``seq``). Without a monitor, checkpoints rank by
``seq`` (oldest first). ``save_top_k == -1`` keeps everything.

>>> plan_checkpoints(save_top_k=3, period=2, max_epochs=10)
CheckpointPlan(written=5, kept_at_end=3)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from depthconf.schema import KEEP_ALL, Gap, Mode, gap, retention


class Ranked(Protocol):
    """Anything with a write sequence number and a monitored value."""

    @property
    def seq(self) -> int: ...

    @property
    def value(self) -> float | None: ...


R = TypeVar("R", bound=Ranked)


def validate_retention(save_top_k: int, period: int) -> None:
    """Raise ValueError unless ``save_top_k`` means something (-1 or >= 1) and
    ``period`` >= 1."""
    if isinstance(save_top_k, bool) or not isinstance(save_top_k, int):
        raise ValueError(f"save_top_k must be an int, got {save_top_k!r}")
    if not retention(save_top_k).valid:
        raise ValueError(
            f"save_top_k must be -1 (keep every checkpoint) or >= 1 (keep the best k), "
            f"got {save_top_k}"
        )
    if isinstance(period, bool) or not isinstance(period, int) or period < 1:
        raise ValueError(f"period must be an int >= 1 (save every period-th epoch), got {period!r}")


def check_policy(
    save_top_k: int, period: int, monitor: str | None, mode: Mode | str | None
) -> Mode | None:
    """The keeper's arguments checked against the policy; the mode it ranks by.

    Raises ValueError for a policy the schema's checkpoint section refuses too.

    >>> check_policy(3, 1, "loss", "min")
    <Mode.min: 'min'>
    >>> check_policy(3, 1, None, None)
    Traceback (most recent call last):
    ...
    ValueError: save_top_k=3 keeps the best 3 checkpoint(s) by a monitored metric, so monitor \
(and mode) are required; use save_top_k=-1 to keep every checkpoint without a monitor
    """
    validate_retention(save_top_k, period)
    if monitor is not None and (not isinstance(monitor, str) or not monitor):
        raise ValueError(f"monitor must be a non-empty metric key or None, got {monitor!r}")
    try:
        checked = Mode(mode) if mode is not None else None
    except ValueError:
        raise ValueError(f"mode must be 'min' or 'max', got {mode!r}") from None
    missing = gap(save_top_k, monitor, checked)
    if missing is Gap.ranking and monitor is None:
        raise ValueError(
            f"save_top_k={save_top_k} keeps the best {save_top_k} checkpoint(s) by a "
            "monitored metric, so monitor (and mode) are required; use save_top_k=-1 "
            "to keep every checkpoint without a monitor"
        )
    if missing is not None:
        raise ValueError(f"mode ('min' or 'max') is required with monitor={monitor!r}")
    return checked if monitor is not None else None


def should_write(epoch: int, period: int) -> bool:
    """True when ``epoch`` (0-based) is a save epoch: ``(epoch + 1) % period == 0``.

    >>> [e for e in range(7) if should_write(e, 3)]
    [2, 5]
    """
    return (epoch + 1) % period == 0


def capacity(save_top_k: int, candidates: int) -> int:
    """How many of ``candidates`` checkpoints are kept.

    >>> capacity(-1, 7), capacity(3, 7), capacity(3, 2)
    (7, 3, 2)
    """
    return candidates if save_top_k == KEEP_ALL else min(save_top_k, candidates)


def rank_key(value: float | None, seq: int, mode: Mode | None) -> tuple[int, float, int]:
    """Sort key: smaller is better. See the module docstring for the rules.

    >>> sorted([(1.0, 0), (float("nan"), 1), (0.0, 2), (1.0, 3)],
    ...        key=lambda c: rank_key(c[0], c[1], "min"))
    [(0.0, 2), (1.0, 0), (1.0, 3), (nan, 1)]
    """
    if mode is None or value is None:
        return (0, 0.0, seq)
    if not math.isfinite(value):
        return (1, 0.0, seq)
    return (0, value if mode == "min" else -value, seq)


def retain(
    kept: Sequence[R], new: R, *, save_top_k: int, mode: Mode | None
) -> tuple[list[R], list[R]]:
    """Add ``new`` to ``kept``; return ``(kept best first, dropped)``.

    ``new`` is in the returned ``kept`` exactly when it earns a place: a value
    equal to the k-th best does not displace it (ties go to the earlier ``seq``).
    """
    ordered = sorted([*kept, new], key=lambda c: rank_key(c.value, c.seq, mode))
    n = capacity(save_top_k, len(ordered))
    return ordered[:n], ordered[n:]


@dataclass(frozen=True)
class CheckpointPlan:
    """What a run of ``max_epochs`` epochs does to the checkpoint directory.

    ``written``: save epochs in the run, i.e. how many times the keeper considers
    writing. It is exactly the number of ranked checkpoints written with
    ``save_top_k=-1`` (and of ``save`` calls when ``save_last`` is on); with
    ``save_top_k >= 1`` it is an upper bound, reached when every value improves,
    because an epoch whose value cannot enter the top k is not written at all.
    ``kept_at_end``: ranked checkpoints on disk at the end (``last.ckpt`` not
    counted); exact whatever the values.
    """

    written: int
    kept_at_end: int


def plan_checkpoints(*, save_top_k: int, period: int, max_epochs: int) -> CheckpointPlan:
    """Plan a run with the same period and retention functions the keeper uses.

    >>> plan_checkpoints(save_top_k=-1, period=1, max_epochs=4)
    CheckpointPlan(written=4, kept_at_end=4)
    """
    validate_retention(save_top_k, period)
    if max_epochs < 0:
        raise ValueError(f"max_epochs must be >= 0, got {max_epochs}")
    written = sum(1 for epoch in range(max_epochs) if should_write(epoch, period))
    return CheckpointPlan(written=written, kept_at_end=capacity(save_top_k, written))
