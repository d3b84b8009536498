"""Child process for the lock tests: a keeper that holds its directory until told to go on.

Usage: ``python -m tests.checkpointing.lock_child '<json spec>'``. The spec gives
either ``directory`` (a plain keeper, ``save_top_k``, monitor ``loss``/min) or
``experiment`` + ``overrides`` + ``run_dir`` (``from_config`` on a composed config,
as a trainer does), and ``values`` and ``hold_after``. The child writes the first
``hold_after`` epochs, prints ``holding <pid>`` and waits for a line on stdin, then
writes the remaining epochs, closes the keeper and prints ``done``.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import depthconf
from depthconf.checkpointing import CheckpointKeeper
from tests.checkpointing.helpers import writer


def keeper_for(spec: dict[str, Any]) -> CheckpointKeeper:
    if "experiment" in spec:
        cfg = depthconf.compose(spec["experiment"], spec["overrides"])
        return CheckpointKeeper.from_config(cfg, Path(spec["run_dir"]))
    return CheckpointKeeper(
        Path(spec["directory"]), save_top_k=spec["save_top_k"], monitor="loss", mode="min"
    )


def main() -> None:
    spec = json.loads(sys.argv[1])
    keeper = keeper_for(spec)
    assert keeper.is_writer and keeper.monitor is not None
    values: list[float] = spec["values"]
    for epoch, value in enumerate(values):
        if epoch == spec["hold_after"]:
            print(f"holding {os.getpid()}", flush=True)
            sys.stdin.readline()
        keeper.on_validation_end(epoch, {keeper.monitor: value}, writer(epoch))
    keeper.close()
    print("done", flush=True)


if __name__ == "__main__":
    main()
