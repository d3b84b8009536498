"""``checkpoint``: where checkpoints go and which of them are kept."""

from __future__ import annotations

from enum import StrEnum

from depthconf.schema._base import NonNegativeInt, PositiveInt, section


class Mode(StrEnum):
    """Which direction of the monitored metric is better."""

    min = "min"
    max = "max"


@section
class CheckpointConfig:
    """Checkpoint policy.

    ``save_top_k`` defaults to -1 (keep every checkpoint) rather than the legacy 5:
    the legacy default paired 5 with ``monitor='loss'``, a key validation never
    returns, and ``monitor`` no longer has a default at all.

    >>> policy = CheckpointConfig(save_top_k=3, monitor="abs_rel_lin", mode=Mode.min)
    >>> policy.period
    1
    """

    filepath: str = ""
    save_top_k: int = -1
    monitor: str | None = None
    monitor_index: NonNegativeInt = 0
    mode: Mode | None = None
    period: PositiveInt = 1
    save_last: bool = False
    s3_path: str = ""
    s3_frequency: PositiveInt = 1
