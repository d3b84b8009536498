"""Several real processes on one checkpoint directory: ranks, a second writer, a SIGKILL.

Every process here is a real interpreter; the lock is the kernel's. The training
loop is ``examples/train_loop.py`` as a user runs it, or ``lock_child`` where the
test must hold a writer still at a known point.
"""

from __future__ import annotations

import json
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import depthconf
from depthconf.checkpointing import CheckpointDirectoryLockedError, CheckpointKeeper
from tests.conftest import REPO

from .helpers import (
    Candidate,
    child_env,
    epoch_in,
    listing,
    manifest_and,
    oracle,
    unmanaged,
    writer,
)

pytestmark = pytest.mark.slow

EXAMPLE = REPO / "examples" / "train_loop.py"
EPOCHS = 8
TOP_K = 2
OVERRIDES = [
    "experiment=resnet_san_ncdb",
    f"arch.max_epochs={EPOCHS}",
    f"checkpoint.save_top_k={TOP_K}",
    "checkpoint.monitor=abs_rel_lin",
    "checkpoint.mode=min",
]
KEY = depthconf.metrics.monitor_key(depthconf.compose(None, OVERRIDES))


def start_example(tmp_path: Path, run: str, **launcher: str) -> subprocess.Popen[str]:
    """The example loop with its own Hydra run dir and the shared checkpoint.filepath."""
    args = [*OVERRIDES, f"hydra.run.dir={tmp_path / run}", f"checkpoint.filepath={tmp_path}/ckpt"]
    return subprocess.Popen(
        [sys.executable, str(EXAMPLE), *args],
        cwd=tmp_path,
        env=child_env(**launcher),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def start_child(spec: dict[str, object]) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.checkpointing.lock_child", json.dumps(spec)],
        cwd=REPO,
        env=child_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()  # blocks until the child holds the directory
    assert line == f"holding {process.pid}\n", line + process.communicate(timeout=60)[1]
    return process


def values_in(stdout: str) -> list[float]:
    return [float(v) for v in re.findall(r"^epoch \d+: value=([0-9.]+) ", stdout, re.M)]


def top_k_names(values: list[float]) -> set[str]:
    candidates = [Candidate(e, e, v) for e, v in enumerate(values)]
    return {f"epoch={e:02d}_{KEY}={values[e]:.3f}.ckpt" for e in oracle(candidates, TOP_K, "min")}


def test_four_ranks_run_the_example_loop_and_exactly_one_writes(tmp_path: Path) -> None:
    processes = [start_example(tmp_path, f"run{rank}", RANK=str(rank)) for rank in range(4)]
    outputs = [process.communicate(timeout=180) for process in processes]

    for process, (stdout, stderr) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, stdout + stderr
        assert "Traceback" not in stderr, stderr
    directory = tmp_path / "ckpt" / "resnet_san_ncdb"
    writers = [rank for rank, (out, _) in enumerate(outputs) if "writes checkpoints in" in out]
    assert writers == [0]
    for rank, (stdout, _) in enumerate(outputs[1:], start=1):
        assert f"rank {rank} does not write checkpoints in {directory}" in stdout
        assert stdout.count(f"rank {rank} does not write checkpoints (rank 0 does)") == EPOCHS
    values = values_in(outputs[0][0])
    assert len(values) == EPOCHS
    assert all(values_in(stdout) == values for stdout, _ in outputs)  # same loop everywhere
    assert listing(directory) == manifest_and(*top_k_names(values))
    assert unmanaged(directory) == set()


def test_a_second_rank_0_process_is_refused_at_construction(tmp_path: Path) -> None:
    values = [0.9, 0.8, 0.85, 0.3, 0.5, 0.2]
    first = start_child(
        {
            "experiment": "resnet_san_ncdb",
            "overrides": [*OVERRIDES[2:], f"checkpoint.filepath={tmp_path}/ckpt"],
            "run_dir": str(tmp_path),
            "values": values,
            "hold_after": 3,
        }
    )
    directory = tmp_path / "ckpt" / "resnet_san_ncdb"
    before = {name: (directory / name).read_bytes() for name in listing(directory)}

    second = start_example(tmp_path, "second", RANK="0")
    stdout, stderr = second.communicate(timeout=180)
    assert second.returncode == 2, stdout + stderr
    assert "Traceback" not in stderr
    assert "epoch 0" not in stdout  # refused before training
    expected = (
        f"train_loop: checkpoint directory {directory} is locked by another CheckpointKeeper "
        f"(pid {first.pid} on host {socket.gethostname()}, since "
    )
    assert expected in stderr, stderr  # after any config warnings
    assert "only one process may write checkpoints to a directory" in stderr
    assert "this keeper changed nothing" in stderr
    assert {name: (directory / name).read_bytes() for name in listing(directory)} == before

    out, err = first.communicate("go\n", timeout=60)  # the first finishes undisturbed
    assert (first.returncode, out) == (0, "done\n"), err
    assert listing(directory) == manifest_and(*top_k_names(values))
    assert unmanaged(directory) == set()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_sigkilled_holder_frees_the_directory_at_once(tmp_path: Path) -> None:
    values = [0.5, 0.4, 0.6, 0.2, 0.3, 0.1, 0.7]
    directory = tmp_path / "ckpt"
    holder = start_child(
        {"directory": str(directory), "save_top_k": TOP_K, "values": values, "hold_after": 4}
    )
    with pytest.raises(CheckpointDirectoryLockedError) as info:
        CheckpointKeeper(directory, save_top_k=TOP_K, monitor="loss", mode="min")
    assert info.value.holder is not None
    assert info.value.holder.pid == holder.pid

    holder.send_signal(signal.SIGKILL)
    assert holder.wait(timeout=60) == -signal.SIGKILL
    assert holder.stdin is not None and holder.stdout is not None and holder.stderr is not None
    for stream in (holder.stdin, holder.stdout, holder.stderr):
        stream.close()
    with CheckpointKeeper(directory, save_top_k=TOP_K, monitor="loss", mode="min") as keeper:
        assert keeper.problems == ()
        done = [Candidate(e, e, v) for e, v in enumerate(values[:4])]
        assert [epoch_in(path) for path, _ in keeper.kept] == oracle(done, TOP_K, "min")
        for epoch in range(4, len(values)):
            keeper.on_validation_end(epoch, {"loss": values[epoch]}, writer(epoch))
    every = [Candidate(e, e, v) for e, v in enumerate(values)]
    assert [epoch_in(path) for path, _ in keeper.kept] == oracle(every, TOP_K, "min")
    assert unmanaged(directory) == set()
    assert len(listing(directory)) == len(manifest_and()) + TOP_K
