"""What a validation epoch returns: metric names, their direction, evaluation modes.

At the end of each validation epoch the trainer returns a flat dict with, for
every validation dataset that has ground truth, one key per metric and mode::

    f"{prefix}-{metric}{mode}"      e.g. "ncdb-cls-combined_val-depth_original-abs_rel_lin"

and nothing else: in particular no ``loss``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from depthconf.schema import Mode

# Each metric's direction is the checkpoint ``mode`` that keeps its best values.
METRICS: Final[dict[str, Mode]] = {
    "abs_rel": Mode.min,
    "sqr_rel": Mode.min,
    "rmse": Mode.min,
    "rmse_log": Mode.min,
    "a1": Mode.max,  # delta < 1.25 accuracy
    "a2": Mode.max,
    "a3": Mode.max,
}


def phrase(direction: Mode) -> str:
    return "lower is better" if direction is Mode.min else "higher is better"


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


def direction_of(name: str, modes: Sequence[str]) -> Mode | None:
    parts = split_short_name(name, modes)
    return METRICS[parts[0]] if parts else None
