"""``checkpoint``: where checkpoints go and which of them are kept."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field

from depthconf.schema._base import NonNegativeInt, PositiveInt, section
from depthconf.schema._policy import KEEP_ALL, Mode
from depthconf.schema._rules import SectionRule
from depthconf.schema._rules.checkpoint import CHECKPOINT_RULES

# Each description says why the schema is narrower than the trainer; it is appended to
# the field error (depthconf.validation and depthconf.composition read it).

# packnet_sfm/models/model_checkpoint.py:45-54: the keeper looks the mode up in
# {'min', 'max', 'auto'}; 'auto' is max when the full key contains 'acc' or 'a1' or
# starts with 'fmeasure', else min [C3, C4, C5].
_MODE_WHY = (
    "depthconf is stricter than the trainer, which also takes 'auto': 'auto' guesses the "
    "direction from substrings of the full monitored key (max when it contains 'acc' or "
    "'a1', else min), so it keeps the worst checkpoints for a2/a3 or when the dataset "
    "prefix contains 'acc' or 'a1'; state the direction instead. Any other value makes the "
    "trainer fail at start-up with a KeyError when it builds its checkpoint keeper "
    "(packnet_sfm/models/model_checkpoint.py:45-54)"
)
# packnet_sfm/models/model_checkpoint.py:123-130: the period test passes for any
# period <= 0, so with arch.validate_first epoch 0 is saved twice [C9, F1d.R].
_PERIOD_WHY = (
    "depthconf is stricter than the trainer, where a period below 1 acts as 1, except with "
    "arch.validate_first: then the save after epoch 0 can get the file name of the save "
    "before training and the trainer hangs at the checkpoint save after epoch 0, in an "
    "endless loop (packnet_sfm/models/model_checkpoint.py:123-130)"
)
# packnet_sfm/models/model_checkpoint.py:58: s3_frequency > 0 is needed to sync [F1d.8].
_S3_FREQUENCY_WHY = (
    "0 turns the S3 sync off, as in the trainer (packnet_sfm/models/model_checkpoint.py:58); "
    "the trainer reads a negative value the same way, depthconf asks for 0"
)


@section
class CheckpointConfig:
    """Checkpoint policy.

    ``save_top_k`` defaults to -1 (keep every checkpoint) rather than the legacy 5:
    the legacy default paired 5 with ``monitor='loss'``, a key validation never
    returns, and ``monitor`` no longer has a default at all. ``mode`` has no
    default either, and no ``'auto'`` (see its description). ``save_last`` is
    depthconf's own (:class:`depthconf.checkpointing.CheckpointKeeper`): the
    trainer's keeper has no such option, so ``export --legacy`` refuses it.

    Its rules (:mod:`depthconf.schema._rules.checkpoint`) run on construction:

    >>> policy = CheckpointConfig("checkpoints", save_top_k=3, monitor="abs_rel_lin", mode=Mode.min)
    >>> policy.period
    1
    >>> CheckpointConfig(filepath="checkpoints", save_top_k=3)
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for CheckpointConfig
    monitor
      save_top_k=3 keeps the best 3 checkpoints, so checkpoint.monitor (the metric to rank by) \
and checkpoint.mode (min or max) must both be set explicitly: ...
      fix: checkpoint.monitor=<metric> checkpoint.mode=<min|max>, or checkpoint.save_top_k=-1 \
to keep every checkpoint [type=monitor_required, ...]
    """

    RULES: ClassVar[tuple[SectionRule, ...]] = CHECKPOINT_RULES

    filepath: str = ""
    save_top_k: int = KEEP_ALL
    monitor: str | None = None
    monitor_index: NonNegativeInt = 0
    mode: Annotated[Mode | None, Field(description=_MODE_WHY)] = None
    period: Annotated[PositiveInt, Field(description=_PERIOD_WHY)] = 1
    save_last: bool = False
    s3_path: str = ""
    s3_frequency: Annotated[NonNegativeInt, Field(description=_S3_FREQUENCY_WHY)] = 1
