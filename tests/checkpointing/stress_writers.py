"""Many writers on one checkpoint directory, repeated: counts files left unmanaged.

Not a test (it takes a minute or two); run it from the repository root::

    .venv/bin/python -m tests.checkpointing.stress_writers --runs 20 --trials 10

1. The refused second writer: a rank-0 keeper holds a directory; ``examples/train_loop.py``
   started as a second rank-0 process prints why it is refused.
2. ``--runs`` times: 4 processes of ``examples/train_loop.py`` at once, ``RANK`` 0..3,
   one shared ``checkpoint.filepath``: how many wrote, how many failed, and the files
   that no manifest record accounts for (nothing would ever prune them).
3. ``--trials`` times, the scenario of issue 12: 4 processes at once each build a
   plain ``CheckpointKeeper`` (no rank, ``save_top_k=2``, 8 epochs) on one directory.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from multiprocessing.synchronize import Barrier
from pathlib import Path

from depthconf.checkpointing import CheckpointDirectoryLockedError, CheckpointKeeper
from tests.checkpointing.helpers import child_env, unmanaged, writer
from tests.checkpointing.test_ckpt_writers import EXAMPLE, OVERRIDES, start_child

REFUSED = 3  # exit status of a scenario-3 process refused at construction


def refused_second_writer() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        holder = start_child(
            {
                "experiment": "resnet_san_ncdb",
                "overrides": [*OVERRIDES[2:], f"checkpoint.filepath={tmp}/ckpt"],
                "run_dir": tmp,
                "values": [0.5, 0.4],
                "hold_after": 1,
            }
        )
        second = run_example(Path(tmp), "second", "0")
        holder.communicate("go\n", timeout=60)
        return f"exit status {second.returncode}\n{second.stderr}"


def run_example(tmp: Path, run: str, rank: str) -> subprocess.CompletedProcess[str]:
    args = [*OVERRIDES, f"hydra.run.dir={tmp / run}", f"checkpoint.filepath={tmp}/ckpt"]
    return subprocess.run(
        [sys.executable, str(EXAMPLE), *args],
        cwd=tmp,
        env=child_env(RANK=rank),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def four_ranks() -> tuple[int, int, int]:
    """One run: (processes that wrote, processes that failed, unmanaged files)."""
    with tempfile.TemporaryDirectory() as tmp:
        args = [*OVERRIDES, f"checkpoint.filepath={tmp}/ckpt"]
        processes = [
            subprocess.Popen(
                [sys.executable, str(EXAMPLE), *args, f"hydra.run.dir={tmp}/run{rank}"],
                cwd=tmp,
                env=child_env(RANK=str(rank)),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for rank in range(4)
        ]
        outputs = [process.communicate(timeout=300) for process in processes]
        wrote = sum("writes checkpoints in" in out for out, _ in outputs)
        failed = sum(
            p.returncode != 0 or "Traceback" in err
            for p, (_, err) in zip(processes, outputs, strict=True)
        )
        return wrote, failed, len(unmanaged(Path(tmp) / "ckpt" / "resnet_san_ncdb"))


def plain_keeper(directory: Path, seed: int, start: Barrier) -> None:
    """A process of scenario 3; epochs take a few milliseconds, like a (very) small model."""
    start.wait()
    try:
        keeper = CheckpointKeeper(directory, save_top_k=2, monitor="loss", mode="min")
    except CheckpointDirectoryLockedError:
        sys.exit(REFUSED)
    rng = random.Random(seed)
    with keeper:
        for epoch in range(8):
            time.sleep(0.005)
            keeper.on_validation_end(epoch, {"loss": rng.random()}, writer(epoch))


def issue_scenario() -> tuple[Counter[str], int, int]:
    """One trial: (outcomes, unmanaged files, problems a next keeper reports)."""
    context = multiprocessing.get_context("fork")
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp) / "ckpt"
        start = context.Barrier(4)
        processes = [
            context.Process(target=plain_keeper, args=(directory, seed, start)) for seed in range(4)
        ]
        for process in processes:
            process.start()
        for process in processes:
            process.join(timeout=120)
        names = {0: "wrote", REFUSED: "refused at construction"}
        outcomes = Counter(
            names.get(p.exitcode or 0, f"raised (exit {p.exitcode})") for p in processes
        )
        with CheckpointKeeper(directory, save_top_k=2, monitor="loss", mode="min") as next_keeper:
            problems = len(next_keeper.problems)
        return outcomes, len(unmanaged(directory)), problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--trials", type=int, default=10)
    options = parser.parse_args()

    print("1. a second rank-0 process on a held directory:")
    print(refused_second_writer())

    print(f"2. {options.runs} runs of 4 ranks (RANK=0..3) of examples/train_loop.py at once:")
    totals = Counter[str]()
    for run in range(options.runs):
        wrote, failed, left = four_ranks()
        totals.update(writers=wrote, failed=failed, unmanaged=left, runs_with_one_writer=wrote == 1)
        print(f"   run {run + 1:2d}: {wrote} wrote, {failed} failed, {left} unmanaged files")
    print(f"   total: {dict(totals)}")

    print(f"3. {options.trials} trials of issue 12: 4 rank-less keepers on one directory at once:")
    all_outcomes = Counter[str]()
    unmanaged_total = problems_total = 0
    for trial in range(options.trials):
        outcomes, left, problems = issue_scenario()
        all_outcomes += outcomes
        unmanaged_total += left
        problems_total += problems
        found = f"{left} unmanaged files, next keeper: {problems} problems"
        print(f"   trial {trial + 1:2d}: {dict(sorted(outcomes.items()))}, {found}")
    found = f"{unmanaged_total} unmanaged files, {problems_total} problems"
    print(f"   total: {dict(sorted(all_outcomes.items()))}, {found}")


if __name__ == "__main__":
    main()
