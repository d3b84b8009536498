"""Child process for ``test_ckpt_crash``: runs a keeper and SIGKILLs itself mid-protocol.

Usage: ``python -m tests.checkpointing.crash_child '<json spec>'`` with keys
directory, values, save_top_k, save_last, stage, crash_epoch. ``stage`` is one of
the keeper's crash points (after_begin ... after_remove) or ``mid_save``, which
kills the process halfway through writing the checkpoint bytes.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path

from depthconf.checkpointing import CheckpointKeeper
from tests.checkpointing.helpers import payload, writer


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def half_then_die(epoch: int) -> Callable[[Path], None]:
    def save(path: Path) -> None:
        with open(path, "wb") as handle:
            data = payload(epoch)
            handle.write(data[: len(data) // 2])
            handle.flush()
            os.fsync(handle.fileno())
            die()

    return save


def main() -> None:
    spec = json.loads(sys.argv[1])
    keeper = CheckpointKeeper(
        Path(spec["directory"]),
        save_top_k=spec["save_top_k"],
        monitor="loss",
        mode="min",
        save_last=spec["save_last"],
    )
    current = -1

    def crash_point(stage: str) -> None:
        if stage == spec["stage"] and current == spec["crash_epoch"]:
            die()

    keeper._crash_point = crash_point
    for epoch, value in enumerate(spec["values"]):
        current = epoch
        mid_save = spec["stage"] == "mid_save" and epoch == spec["crash_epoch"]
        save = half_then_die(epoch) if mid_save else writer(epoch)
        keeper.on_validation_end(epoch, {"loss": value}, save)
    sys.exit(3)  # the crash point was never reached


if __name__ == "__main__":
    main()
