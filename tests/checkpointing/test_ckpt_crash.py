"""A real child process SIGKILLed at every step of the write protocol.

After the kill, every checkpoint that should be kept is on disk and intact; a new
keeper resumes without reporting problems, leaves no temporary files, and after
the remaining epochs the state equals an uninterrupted run's.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from depthconf.checkpointing import CheckpointKeeper

from .helpers import Candidate, epoch_in, listing, manifest_and, oracle, temporaries, writer

REPO = Path(__file__).resolve().parents[2]
VALUES = [0.5, 0.4, 0.3, 0.2, 0.1, 0.05]  # every epoch improves: each write prunes one
CRASH_EPOCH = 3
TOP_K = 2
# Stages after which the crashed epoch's checkpoint counts as written (published).
SURVIVES = {"after_publish", "after_commit", "after_last", "after_remove"}
STAGES = ["after_begin", "mid_save", "after_save", *sorted(SURVIVES)]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL"),
]


def run_child(directory: Path, stage: str, save_last: bool) -> subprocess.CompletedProcess[str]:
    spec = {
        "directory": str(directory),
        "values": VALUES,
        "save_top_k": TOP_K,
        "save_last": save_last,
        "stage": stage,
        "crash_epoch": CRASH_EPOCH,
    }
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "src"), str(REPO)])
    return subprocess.run(
        [sys.executable, "-m", "tests.checkpointing.crash_child", json.dumps(spec)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def expected_epochs(epochs: int) -> list[int]:
    candidates = [Candidate(e, e, VALUES[e]) for e in range(epochs)]
    return oracle(candidates, TOP_K, "min")


def name_of(epoch: int) -> str:
    return f"epoch={epoch:02d}_loss={VALUES[epoch]:.3f}.ckpt"


CASES = [(s, last) for s in STAGES for last in (False, True) if last or s != "after_last"]
NOTES = {"after_begin": "discarded", "mid_save": "discarded", "after_save": "discarded"}
NOTES |= {"after_publish": "adopted", "after_commit": "finished pruning"}


@pytest.mark.parametrize(("stage", "save_last"), CASES)
def test_sigkill_mid_protocol_then_resume(tmp_path: Path, stage: str, save_last: bool) -> None:
    directory = tmp_path / "ckpt"
    child = run_child(directory, stage, save_last)
    assert child.returncode == -signal.SIGKILL, child.stderr

    done = CRASH_EPOCH + 1 if stage in SURVIVES else CRASH_EPOCH
    should_keep = expected_epochs(done)
    for epoch in should_keep:  # present and intact right after the kill
        assert epoch_in(directory / name_of(epoch)) == epoch

    keeper = CheckpointKeeper(
        directory, save_top_k=TOP_K, monitor="loss", mode="min", save_last=save_last
    )
    assert keeper.problems == ()
    if stage in NOTES:
        assert any(NOTES[stage] in note for note in keeper.recovered), keeper.recovered
    assert [epoch_in(path) for path, _ in keeper.kept] == should_keep
    last = {"last.ckpt"} if save_last else set()
    assert listing(directory) == manifest_and(*map(name_of, should_keep), *last)
    assert temporaries(directory) == set()
    if save_last:
        assert epoch_in(directory / "last.ckpt") == done - 1

    # The trainer resumes from its newest saved state: the epoch after `done - 1`.
    for epoch in range(done, len(VALUES)):
        keeper.on_validation_end(epoch, {"loss": VALUES[epoch]}, writer(epoch))
    final = expected_epochs(len(VALUES))
    assert [epoch_in(path) for path, _ in keeper.kept] == final
    assert listing(directory) == manifest_and(*map(name_of, final), *last)
    assert keeper.problems == ()
