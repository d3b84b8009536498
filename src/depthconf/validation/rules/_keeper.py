"""What the trainer's checkpoint keeper does with a monitor validation never returns.

The keeper is the same in the team's fork and upstream (their
``packnet_sfm/models/model_checkpoint.py`` differ only in spelling), and so is the way
``scripts/core/train.py`` builds it, so these facts are not profile data.
"""

from __future__ import annotations

from depthconf.schema import TrainConfig
from depthconf.schema._rules.checkpoint import METRIC_NOT_AVAILABLE, NO_KEEPER


def unemitted_monitor(cfg: TrainConfig) -> str:
    """What the trainer does when its monitored key is one validation never returns.

    >>> from depthconf.schema import TrainConfig
    >>> unemitted_monitor(TrainConfig())[:38]
    'depthconf is stricter than the trainer'
    """
    ckpt = cfg.checkpoint
    if not ckpt.filepath:
        return f"depthconf is stricter than the trainer here: {NO_KEEPER}"
    if ckpt.save_top_k != -1:
        return f"the trainer {METRIC_NOT_AVAILABLE.sentence()}"
    # model_checkpoint.py:112-117 put 0 for a key validation did not return, and
    # :129-130 loop while a file of the formatted name exists [C10]; an empty name
    # gets a timestamp (packnet_sfm/utils/config.py:62-69).
    zeros = "the trainer writes 0.000 for it into every checkpoint file name"
    if not cfg.name:
        return f"{zeros} (packnet_sfm/models/model_checkpoint.py:112-117)"
    return (
        f"{zeros}, so relaunching this run (name {cfg.name!r}) into the same directory "
        "hangs at the first checkpoint save, in an endless loop "
        "(packnet_sfm/models/model_checkpoint.py:112-117, :129-130)"
    )
