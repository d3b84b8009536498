"""The checkpoint policy: what ``save_top_k``, ``monitor`` and ``mode`` mean, defined once.

The schema's :class:`~depthconf.schema.CheckpointConfig` refuses a policy with it, the
keeper (:class:`depthconf.checkpointing.CheckpointKeeper`) checks its arguments with
it, and the run plan describes a policy with it, so the three cannot drift apart:

* ``save_top_k == -1`` keeps every checkpoint, ``k >= 1`` keeps the best ``k``;
* ``0`` is refused: the legacy keeper reads it as "keep all", PyTorch Lightning as
  "keep none"; below ``-1`` means nothing;
* keeping the best ``k`` ranks checkpoints, so it needs a ``monitor`` and a ``mode``;
* a ``monitor`` always needs a ``mode`` (the best checkpoint is tracked even with -1).

This module imports nothing of depthconf: every layer may use it.

>>> retention(-1), retention(3), retention(0), retention(-2)
(<Retention.keep_all: 'keep_all'>, <Retention.best: 'best'>, <Retention.zero: 'zero'>, \
<Retention.meaningless: 'meaningless'>)
>>> gap(3, None, None), gap(-1, "abs_rel_lin", None), gap(3, "abs_rel_lin", Mode.min)
(<Gap.ranking: 'ranking'>, <Gap.mode: 'mode'>, None)
>>> kept(-1), kept(3)
('keep all', 'keep the best 3')
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

#: ``save_top_k`` for "keep every checkpoint".
KEEP_ALL: Final = -1


class Mode(StrEnum):
    """Which direction of the monitored metric is better."""

    min = "min"
    max = "max"


class Retention(StrEnum):
    """What a ``save_top_k`` value means."""

    keep_all = "keep_all"  # -1
    best = "best"  # k >= 1: the best k, ranked by the monitor
    zero = "zero"  # 0: ambiguous (legacy: keep all; Lightning: keep none), refused
    meaningless = "meaningless"  # below -1, refused

    @property
    def valid(self) -> bool:
        return self in (Retention.keep_all, Retention.best)


def retention(save_top_k: int) -> Retention:
    """What ``save_top_k`` asks for."""
    if save_top_k == KEEP_ALL:
        return Retention.keep_all
    if save_top_k >= 1:
        return Retention.best
    return Retention.zero if save_top_k == 0 else Retention.meaningless


class Gap(StrEnum):
    """What a policy lacks to be kept as written."""

    ranking = "ranking"  # the best k are kept: monitor and mode must both be set
    mode = "mode"  # a monitor without a direction


def gap(save_top_k: int, monitor: str | None, mode: Mode | str | None) -> Gap | None:
    """What the policy ``(save_top_k, monitor, mode)`` lacks, or None."""
    if retention(save_top_k) is Retention.best and (monitor is None or mode is None):
        return Gap.ranking
    if monitor is not None and mode is None:
        return Gap.mode
    return None


def kept(save_top_k: int) -> str:
    """What a valid ``save_top_k`` keeps, in words."""
    return (
        "keep all" if retention(save_top_k) is Retention.keep_all else f"keep the best {save_top_k}"
    )
