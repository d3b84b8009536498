"""What a pre-flight prints: the job table of a dry run, and the report of invalid jobs.

Violations are rendered by :func:`depthconf._report.print_findings`, as everywhere
else in depthconf; this module only adds the per-job framing::

    job  result            overrides
    0    ok                experiment=resnet_san_ncdb checkpoint.save_top_k=-1
    1    FAILED: 1 error   experiment=resnet_san_ncdb checkpoint.save_top_k=3

    2 jobs: 1 ok, 1 invalid; nothing was launched (dry run).

A warning many jobs share is printed once, naming the jobs it applies to.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO

from depthconf._report import print_findings
from depthconf.sweep._preflight import JobReport, Preflight, plural
from depthconf.validation import Violation


def _result(job: JobReport) -> str:
    if not job.ok:
        return f"FAILED: {plural(len(job.errors), 'error')}"
    return f"ok ({plural(len(job.warnings), 'warning')})" if job.warnings else "ok"


def _overrides(job: JobReport) -> str:
    return " ".join(job.overrides) or "(no overrides)"


def _job_list(indices: Sequence[int]) -> str:
    """'job 3', 'jobs 0-3, 7' (indices ascending)."""
    runs: list[list[int]] = []
    for index in indices:
        if runs and index == runs[-1][-1] + 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    text = ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)
    return f"{'job' if len(indices) == 1 else 'jobs'} {text}"


def _print_warnings(result: Preflight, stream: TextIO) -> None:
    """Each distinct warning once, with the jobs it applies to."""
    shared: dict[Violation, list[int]] = {}
    for job in result.jobs:
        for finding in dict.fromkeys(job.warnings):
            shared.setdefault(finding, []).append(job.index)
    for finding, indices in shared.items():
        print_findings((), (finding,), context=_job_list(indices), stream=stream)


def print_invalid_jobs(result: Preflight, *, stream: TextIO | None = None) -> None:
    """Every invalid job, with its index, overrides and every error; then the counts.

    ``stream`` defaults to the current ``sys.stderr`` (looked up at the call).
    """
    stream = stream or sys.stderr
    for job in result.invalid:
        print_findings(job.errors, (), context=f"job {job.index}: {_overrides(job)}", stream=stream)
        print(file=stream)
    print(f"depthconf: sweep of {result.counts}; no job was launched.", file=stream)
    stream.flush()


def print_job_table(result: Preflight, *, stream: TextIO | None = None) -> None:
    """The dry run: one line per job, the counts, the errors of every invalid job, then
    every distinct warning once.

    ``stream`` defaults to the current ``sys.stdout`` (looked up at the call).
    """
    stream = stream or sys.stdout
    width = max(len(_result(job)) for job in result.jobs) if result.jobs else 6
    index_width = max(3, len(str(len(result.jobs) - 1)))
    print(f"{'job':<{index_width}}  {'result':<{width}}  overrides", file=stream)
    for job in result.jobs:
        line = f"{job.index:<{index_width}}  {_result(job):<{width}}  {_overrides(job)}"
        print(line, file=stream)
    print(f"\n{result.counts}; nothing was launched (dry run).", file=stream)
    for job in result.invalid:
        print(file=stream)
        print_findings(job.errors, (), context=f"job {job.index}: {_overrides(job)}", stream=stream)
    _print_warnings(result, stream)
    stream.flush()
