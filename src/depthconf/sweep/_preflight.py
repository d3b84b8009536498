"""The pre-flight: every job of a sweep composed and validated before any job launches.

Composing a job with Hydra costs tens of milliseconds; validating it, a fraction
of one. So Hydra composes once per distinct selection of config groups (the
*base*), and each job's value overrides are applied to that base with Hydra's own
``_apply_overrides_to_config`` (:mod:`~depthconf.sweep._apply`), which is what Hydra
itself does after composing the defaults tree. The verdict always comes from the
one validator, :func:`depthconf.validation.check`, via one of three routes:

``fast``
    the job's resolved data is built incrementally (:mod:`~depthconf.sweep._plain`)
    and judged by ``check`` (quoting the job's overrides);
``full``
    the job's whole DictConfig is judged by ``check`` (a ``???`` value, an
    interpolation that fails, or an interpolation on an override's path);
``hydra``
    the job is composed from scratch by Hydra (an override that does not parse, or
    whose base cannot be composed: Hydra's error is the verdict).

::

    >>> from depthconf.sweep import dry_run
    >>> result = dry_run(["experiment=resnet_san_ncdb", "checkpoint.save_top_k=-1,3"])
    >>> [job.ok for job in result.jobs]
    [True, False]
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from omegaconf import OmegaConf, SCMode

from depthconf.composition import COMPOSE_FAILURES, Composed, translate
from depthconf.composition._hydra_compat import Override, apply_overrides
from depthconf.sweep._apply import AppliedOverrides
from depthconf.sweep._overrides import OverrideSplitter, Split
from depthconf.sweep._plain import NeedsFullCheck, Shared
from depthconf.sweep._source import SweepSource
from depthconf.validation import Report, Violation, check


@dataclass(frozen=True)
class Outcome:
    """One judged job: its report, the route it took, and (on request) the data judged."""

    index: int
    overrides: tuple[str, ...]
    report: Report
    route: str
    data: Mapping[str, Any] | None = None


def _failed(index: int, job: tuple[str, ...], error: BaseException, route: str) -> Outcome:
    return Outcome(index, job, Report(None, (translate(error, job),)), route)


def _check_full(index: int, composed: Composed, route: str, keep_data: bool) -> Outcome:
    report = check(composed.config, overrides=composed.overrides)
    data = None
    if keep_data:
        try:
            plain = OmegaConf.to_container(
                composed.config, resolve=True, structured_config_mode=SCMode.DICT
            )
        except Exception:  # the report has said why
            plain = None
        data = cast(dict[str, Any], plain) if isinstance(plain, dict) else None
    return Outcome(index, composed.overrides, report, route, data)


class _Base:
    """One composed base and the jobs that share it."""

    def __init__(self, composed: Composed) -> None:
        self.composed = composed
        self.shared: Shared | None = None
        try:  # taken before any job's overrides apply
            self.shared = Shared.of(composed.config)
        except Exception:  # every job of this base is then judged whole
            self.shared = None

    def judge(
        self, index: int, job: tuple[str, ...], values: Sequence[Override], keep: bool
    ) -> Outcome:
        base, choices = self.composed.config, self.composed.choices
        if self.shared is not None:
            with AppliedOverrides(base, values) as applied:
                if applied.error is not None:
                    return _failed(index, job, applied.error, "fast")
                if applied.touched is not None:
                    try:
                        data = self.shared.job_data(base, applied.touched)
                        report = check(data, overrides=job)
                    except NeedsFullCheck:  # the shortcut cannot vouch: judge it whole
                        # base, as it is now, is the job's config
                        return _check_full(index, Composed(base, job, choices), "full", keep)
                    return Outcome(index, job, report, "fast", data if keep else None)
        # An interpolation on an override's path (or a base the shortcut cannot read):
        # apply the overrides to a whole copy, as Hydra would to a fresh composition.
        config = copy.deepcopy(base)
        try:
            apply_overrides(list(values), config)
        except COMPOSE_FAILURES as error:
            return _failed(index, job, error, "full")
        return _check_full(index, Composed(config, job, choices), "full", keep)


def _from_scratch(index: int, job: tuple[str, ...], source: SweepSource, keep: bool) -> Outcome:
    try:
        composed = source.compose(job)
    except COMPOSE_FAILURES as error:
        return _failed(index, job, error, "hydra")
    return _check_full(index, composed, "hydra", keep)


def judge_jobs(
    jobs: Sequence[Sequence[str]], source: SweepSource, *, keep_data: bool = False
) -> Iterator[Outcome]:
    """Judge every job, grouped by base (so not in job order); one base alive at a time."""
    repo = source.repository
    splitter = OverrideSplitter(repo) if repo is not None else None
    by_base: dict[tuple[str, ...], list[tuple[int, Split]]] = {}
    for index, overrides in enumerate(jobs):
        split = splitter(overrides) if splitter is not None else None
        if split is None:
            yield _from_scratch(index, tuple(overrides), source, keep_data)
        else:
            by_base.setdefault(split.groups, []).append((index, split))
    for groups, members in by_base.items():
        try:
            base = _Base(source.compose(groups))
        except COMPOSE_FAILURES as error:  # composing any of these jobs fails the same way
            for index, _ in members:
                yield _failed(index, tuple(jobs[index]), error, "hydra")
            continue
        for index, split in members:
            yield base.judge(index, tuple(jobs[index]), split.values, keep_data)


@dataclass(frozen=True)
class JobReport:
    """What the pre-flight keeps of a job: its overrides and its findings."""

    index: int
    overrides: tuple[str, ...]
    errors: tuple[Violation, ...] = ()
    warnings: tuple[Violation, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class Preflight:
    """The verdict on every job of a sweep, in job order."""

    jobs: tuple[JobReport, ...]

    @property
    def invalid(self) -> tuple[JobReport, ...]:
        return tuple(job for job in self.jobs if not job.ok)

    @property
    def ok(self) -> bool:
        return not self.invalid

    @property
    def counts(self) -> str:
        """'4 jobs: 3 ok, 1 invalid'."""
        total, invalid = len(self.jobs), len(self.invalid)
        return f"{plural(total, 'job')}: {total - invalid} ok, {invalid} invalid"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def preflight(jobs: Sequence[Sequence[str]], source: SweepSource) -> Preflight:
    """Compose and validate every job; keep only the verdicts, never the configs."""
    verdicts: list[JobReport | None] = [None] * len(jobs)
    for outcome in judge_jobs(jobs, source):
        report = outcome.report
        verdicts[outcome.index] = JobReport(
            outcome.index, outcome.overrides, report.errors, report.warnings
        )
    assert all(v is not None for v in verdicts)
    return Preflight(tuple(v for v in verdicts if v is not None))
