"""The findings of an invalid sweep, located as ``depthconf check`` locates them.

The pre-flight judges jobs and keeps their findings; where each value came from
is worked out only for a sweep that will be reported as invalid, once per base
(the jobs' shared group selection): its files are read once, and each job adds
its own value overrides. A job whose base does not compose gets the base's
diagnosis: every mistake of its files, each at its line.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from depthconf.composition import COMPOSE_FAILURES
from depthconf.sweep._overrides import OverrideSplitter
from depthconf.sweep._preflight import JobReport, Preflight
from depthconf.sweep._source import SweepSource
from depthconf.validation import Report

if TYPE_CHECKING:  # imported when an invalid sweep is reported, not before
    from depthconf.composition._provenance import Sources


def _base(source: SweepSource, groups: tuple[str, ...]) -> Sources | Report | None:
    """The sources of a base that composes; the diagnosis of one that does not."""
    from depthconf.composition._diagnose import diagnose, sources_of

    lines = [*source.hydra_overrides, *groups]
    try:
        source.compose(groups)
        return sources_of(source.loader, source.config_name, lines)
    except COMPOSE_FAILURES:
        return diagnose(source.loader, source.config_name, lines)


def located(result: Preflight, source: SweepSource) -> Preflight:
    """``result`` with the findings of every invalid job located (valid jobs unchanged)."""
    if result.ok:
        return result
    from depthconf.composition._locate import locate
    from depthconf.composition._provenance import Sources

    repo = source.repository
    splitter = OverrideSplitter(repo) if repo is not None else None
    bases: dict[tuple[str, ...], Sources | Report | None] = {}
    jobs: list[JobReport] = []
    for job in result.jobs:
        split = splitter(job.overrides) if splitter is not None and not job.ok else None
        if split is None:
            jobs.append(job)
            continue
        if split.groups not in bases:
            bases[split.groups] = _base(source, split.groups)
        base = bases[split.groups]
        if isinstance(base, Sources):
            sources = base.with_overrides(split.values)
            errors, warnings = locate(job.errors, sources), locate(job.warnings, sources)
        elif isinstance(base, Report) and base.errors:
            errors, warnings = base.errors, base.warnings
        else:
            errors, warnings = job.errors, job.warnings
        jobs.append(dataclasses.replace(job, errors=errors, warnings=warnings))
    return Preflight(tuple(jobs))
