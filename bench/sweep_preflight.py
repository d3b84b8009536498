"""Benchmark: pre-flight of a 1,000-job sweep, depthconf against composing every job with Hydra.

The sweep is ``experiment=resnet_san_ncdb`` with 10 values of ``checkpoint.save_top_k``
(-1, 1..9; no monitor or mode is set, so only -1 is valid) x 10 values of
``model.optimizer.depth.lr`` x 10 values of ``datasets.train.batch_size``.

* baseline: each job composed with Hydra's compose API (one Hydra set-up, then
  ``hydra.compose`` per job) and validated with ``check``, as ``depthconf check`` does;
* depthconf: ``depthconf.sweep`` expands the sweep and pre-flights every job.

Both do the full schema check of every job; the script checks that their verdicts agree.

    python bench/sweep_preflight.py                      # 1,000 jobs; last line: speedup: N
    python bench/sweep_preflight.py --monitor            # monitor and mode set: every job valid
    python bench/sweep_preflight.py --jobs 10000 --memory   # peak memory of the pre-flight alone

``--memory`` runs the pre-flight in a fresh interpreter and reports its peak resident set
(``ru_maxrss``), and that of the same interpreter before the sweep, after the imports.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))  # runs from a checkout without an install too

from hydra import compose, initialize_config_dir  # noqa: E402
from omegaconf import open_dict  # noqa: E402

from depthconf.composition import conf_dir  # noqa: E402
from depthconf.composition._compose import config_loader  # noqa: E402
from depthconf.sweep import SweepSource, expand, preflight  # noqa: E402
from depthconf.validation import Violation, check  # noqa: E402

SAVE_TOP_K = "-1,1,2,3,4,5,6,7,8,9"
LEARNING_RATES = "1e-5,2e-5,5e-5,1e-4,2e-4,5e-4,1e-3,2e-3,5e-3,1e-2"


def sweep(jobs: int, monitor: bool) -> list[str]:
    """The command line of the sweep: 10 x 10 x (jobs / 100) jobs."""
    sizes = ",".join(str(n) for n in range(1, jobs // 100 + 1))
    line = [
        "experiment=resnet_san_ncdb",
        f"checkpoint.save_top_k={SAVE_TOP_K}",
        f"model.optimizer.depth.lr={LEARNING_RATES}",
        f"datasets.train.batch_size={sizes}",
    ]
    return line + (["checkpoint.monitor=abs_rel_lin", "checkpoint.mode=min"] if monitor else [])


def with_depthconf(line: list[str]) -> tuple[float, list[tuple[Violation, ...]]]:
    tic = time.perf_counter()
    with config_loader() as loader:
        result = preflight(expand(line), SweepSource(loader))
    return time.perf_counter() - tic, [job.errors for job in result.jobs]


def with_hydra(jobs: list[list[str]]) -> tuple[float, list[tuple[Violation, ...]]]:
    errors = []
    tic = time.perf_counter()
    with initialize_config_dir(config_dir=str(conf_dir()), version_base="1.3"):
        for job in jobs:
            cfg = compose("train", overrides=job, return_hydra_config=True)
            with open_dict(cfg):
                del cfg["hydra"]
            errors.append(check(cfg, overrides=job).errors)
    return time.perf_counter() - tic, errors


def peak_rss_mb() -> float:
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20


def measure_memory(jobs: int, monitor: bool) -> None:
    """Child process: the pre-flight alone; prints its peak memory as JSON."""
    before = peak_rss_mb()
    line = sweep(jobs, monitor)
    tic = time.perf_counter()
    with config_loader() as loader:
        result = preflight(expand(line), SweepSource(loader))
    seconds = time.perf_counter() - tic
    valid = sum(job.ok for job in result.jobs)
    report = {"jobs": len(result.jobs), "valid": valid, "seconds": seconds}
    print(json.dumps(report | {"before_mb": before, "peak_mb": peak_rss_mb()}))


def memory(jobs: int, monitor: bool) -> None:
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")]),
    )
    args = [sys.executable, __file__, "--child", "--jobs", str(jobs)] + (
        ["--monitor"] if monitor else []
    )
    done = subprocess.run(args, capture_output=True, text=True, env=env, check=True)
    found = json.loads(done.stdout.strip().splitlines()[-1])
    print(
        f"jobs: {found['jobs']} ({found['valid']} valid, {found['jobs'] - found['valid']} invalid)"
    )
    print(f"depthconf seconds: {found['seconds']:.2f}")
    print(f"memory before the sweep (imports): {found['before_mb']:.1f} MB")
    where = f"ru_maxrss of the pre-flight process, {found['jobs']} jobs"
    print(f"peak memory: {found['peak_mb']:.1f} MB ({where})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=1000, help="a multiple of 100 (default 1000)")
    parser.add_argument("--monitor", action="store_true", help="set monitor and mode: all valid")
    parser.add_argument("--memory", action="store_true", help="peak memory of the pre-flight")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.jobs < 100 or args.jobs % 100:
        parser.error("--jobs must be a positive multiple of 100")
    if args.child:
        measure_memory(args.jobs, args.monitor)
        return
    if args.memory:
        memory(args.jobs, args.monitor)
        return
    line = sweep(args.jobs, args.monitor)
    print("sweep: " + " ".join(line))
    fast, fast_errors = with_depthconf(line)
    slow, slow_errors = with_hydra(expand(line))
    valid = sum(not e for e in fast_errors)
    print(f"jobs: {len(fast_errors)} ({valid} valid, {len(fast_errors) - valid} invalid)")
    print(f"baseline seconds: {slow:.2f} (Hydra compose API + validator, job by job)")
    print(f"depthconf seconds: {fast:.2f} (depthconf.sweep pre-flight)")
    if fast_errors != slow_errors:
        sys.exit("verdicts differ between depthconf and the baseline")
    print("verdicts identical: yes")
    print(f"speedup: {slow / fast:.1f}")


if __name__ == "__main__":
    main()
