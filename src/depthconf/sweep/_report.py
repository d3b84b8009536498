"""What a pre-flight prints: the job table of a dry run, and the report of invalid jobs.

Violations are rendered by :func:`depthconf._report.print_findings`, as everywhere
else in depthconf; this module only adds the per-job framing::

    job  result            overrides
    0    ok                experiment=resnet_san_ncdb checkpoint.save_top_k=-1
    1    FAILED: 1 error   experiment=resnet_san_ncdb checkpoint.save_top_k=3

    2 jobs: 1 ok, 1 invalid; nothing was launched (dry run).
"""

from __future__ import annotations

import sys
from typing import TextIO

from depthconf._report import print_findings
from depthconf.sweep._preflight import JobVerdict, Preflight


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _result(job: JobVerdict) -> str:
    if not job.ok:
        return f"FAILED: {_plural(len(job.errors), 'error')}"
    return f"ok ({_plural(len(job.warnings), 'warning')})" if job.warnings else "ok"


def _overrides(job: JobVerdict) -> str:
    return " ".join(job.overrides) or "(no overrides)"


def counts(result: Preflight) -> str:
    """'4 jobs: 3 ok, 1 invalid'."""
    invalid = len(result.invalid)
    return f"{_plural(len(result.jobs), 'job')}: {len(result.jobs) - invalid} ok, {invalid} invalid"


def print_invalid_jobs(result: Preflight, *, stream: TextIO | None = None) -> None:
    """Every invalid job, with its index, overrides and every error; then the counts.

    ``stream`` defaults to the current ``sys.stderr`` (looked up at the call).
    """
    stream = stream or sys.stderr
    for job in result.invalid:
        print_findings(job.errors, (), context=f"job {job.index}: {_overrides(job)}", stream=stream)
        print(file=stream)
    print(f"depthconf: sweep of {counts(result)}; no job was launched.", file=stream)
    stream.flush()


def print_job_table(result: Preflight, *, stream: TextIO | None = None) -> None:
    """The dry run: one line per job, the counts, then the errors of every invalid job.

    ``stream`` defaults to the current ``sys.stdout`` (looked up at the call).
    """
    stream = stream or sys.stdout
    width = max(len(_result(job)) for job in result.jobs) if result.jobs else 6
    index_width = max(3, len(str(len(result.jobs) - 1)))
    print(f"{'job':<{index_width}}  {'result':<{width}}  overrides", file=stream)
    for job in result.jobs:
        line = f"{job.index:<{index_width}}  {_result(job):<{width}}  {_overrides(job)}"
        print(line, file=stream)
    print(f"\n{counts(result)}; nothing was launched (dry run).", file=stream)
    for job in result.invalid:
        print(file=stream)
        print_findings(job.errors, (), context=f"job {job.index}: {_overrides(job)}", stream=stream)
    stream.flush()
