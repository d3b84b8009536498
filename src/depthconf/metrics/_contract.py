"""What a validation epoch returns: metric names, their direction, evaluation modes.

At the end of each validation epoch the trainer returns a flat dict with, for
every validation dataset that has ground truth, one key per metric and mode::

    f"{prefix}-{metric}{mode}"      e.g. "ncdb-cls-combined_val-abs_rel_lin"

and nothing else: in particular no ``loss``.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import Final


class Direction(str, Enum):
    """Which way a metric improves; the checkpoint ``mode`` must agree with it."""

    lower = "min"
    higher = "max"

    @property
    def phrase(self) -> str:
        return "lower is better" if self is Direction.lower else "higher is better"


METRICS: Final[dict[str, Direction]] = {
    "abs_rel": Direction.lower,
    "sqr_rel": Direction.lower,
    "rmse": Direction.lower,
    "rmse_log": Direction.lower,
    "a1": Direction.higher,
    "a2": Direction.higher,
    "a3": Direction.higher,
}


def short_names(modes: Sequence[str]) -> tuple[str, ...]:
    """Every ``<metric><mode>`` name, metric-major (``abs_rel_lin``, ``abs_rel_lin_gt``...)."""
    return tuple(f"{metric}{mode}" for metric in METRICS for mode in modes)


def split_short_name(name: str, modes: Sequence[str]) -> tuple[str, str] | None:
    """``'rmse_log_lin'`` -> ``('rmse_log', '_lin')``; None when it is no emitted name.

    The longest metric wins, so ``rmse_log`` is not mistaken for ``rmse`` + ``_log``
    when both readings exist.
    """
    for metric in sorted(METRICS, key=len, reverse=True):
        if name.startswith(metric) and name[len(metric) :] in modes:
            return metric, name[len(metric) :]
    return None


def direction_of(name: str, modes: Sequence[str]) -> Direction | None:
    parts = split_short_name(name, modes)
    return METRICS[parts[0]] if parts else None
