"""The pre-flight: per-job verdicts, composition failures as violations, one base per selection."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import pytest

from depthconf.composition import Composed
from depthconf.sweep import (
    JobVerdict,
    Preflight,
    SweepSource,
    dry_run,
    expand,
    preflight,
    print_invalid_jobs,
    print_job_table,
)
from depthconf.validation import ConfigError, Violation


def _codes(result: Preflight) -> list[list[str]]:
    return [[v.code for v in job.errors] for job in result.jobs]


def test_verdicts_in_job_order(source: SweepSource) -> None:
    jobs = expand(["checkpoint.save_top_k=-1,3,0", "experiment=resnet_san_ncdb,resnet_san_kitti"])
    result = preflight(jobs, source)
    assert [job.index for job in result.jobs] == list(range(6))
    assert [list(job.overrides) for job in result.jobs] == jobs
    assert [job.ok for job in result.jobs] == [True, True, False, False, False, False]
    assert not hasattr(result.jobs[0], "config")  # verdicts only, never the configs


@pytest.mark.parametrize(
    ("sweep", "codes"),
    [
        (["experiment=resnet_san_ncdb,no_such_experiment"], [[], ["unknown_option"]]),
        (["checkpoint.period=1,abc"], [[], ["wrong_type"]]),
        (
            ["experiment=resnet_san_ncdb,resnet_san_kitti", "checkpoint.save_topk=1,3"],
            [["unknown_key"]] * 4,
        ),
        (
            ["experiment=resnet_san_ncdb", "checkpoint=best_3", "checkpoint.mode=min,up"],
            [[], ["wrong_type"]],
        ),
        (["name=ok,${no.such.key}"], [[], ["interpolation"]]),
    ],
)
def test_composition_failures_are_per_job_violations(
    sweep: list[str], codes: list[list[str]], source: SweepSource
) -> None:
    assert _codes(preflight(expand(sweep), source)) == codes


def test_one_composition_per_group_selection(
    source: SweepSource, monkeypatch: pytest.MonkeyPatch
) -> None:
    composed: list[tuple[str, ...]] = []
    real = SweepSource.compose

    def counting(self: SweepSource, overrides: Sequence[str]) -> Composed:
        composed.append(tuple(overrides))
        return real(self, overrides)

    monkeypatch.setattr(SweepSource, "compose", counting)
    jobs = expand(
        [
            "experiment=resnet_san_ncdb,resnet_san_kitti",
            "checkpoint.save_top_k=-1,1,2",
            "datasets.train.batch_size=1,2,3",
        ]
    )
    result = preflight(jobs, source)
    assert len(result.jobs) == 18
    assert composed == [("experiment=resnet_san_ncdb",), ("experiment=resnet_san_kitti",)]


def test_dry_run_composes_with_the_sweeps_hydra_overrides(tmp_path: Path) -> None:
    extra = tmp_path / "extra" / "experiment"
    extra.mkdir(parents=True)
    extra.joinpath("tiny_ncdb.yaml").write_text(
        "# @package _global_\ndefaults:\n  - resnet_san_ncdb\n  - _self_\nname: tiny_ncdb\n",
        encoding="utf-8",
    )
    searchpath = f"hydra.searchpath=[file://{tmp_path / 'extra'}]"
    result = dry_run([searchpath, "experiment=tiny_ncdb,resnet_san_ncdb"])
    assert [job.ok for job in result.jobs] == [True, True]
    without = dry_run(["experiment=tiny_ncdb,resnet_san_ncdb"])
    assert _codes(without) == [["unknown_option"], []]


def test_dry_run_of_a_sweep_that_cannot_start() -> None:
    with pytest.raises(ConfigError) as raised:
        dry_run(["checkpoint.save_topk=3", "experiment=resnet_san_ncdb,resnet_san_kitti"])
    assert raised.value.violations[0].code == "unknown_key"


def _violation(path: str) -> Violation:
    return Violation(path, "3", "a rule", "a fix", "code")


def test_reports() -> None:
    result = Preflight(
        (
            JobVerdict(0, ("a=1",)),
            JobVerdict(1, ("a=2",), (_violation("x"), _violation("y"))),
            JobVerdict(2, (), (), (_violation("w"),)),
        )
    )
    table = io.StringIO()
    print_job_table(result, stream=table)
    lines = table.getvalue().splitlines()
    assert lines[0].split() == ["job", "result", "overrides"]
    assert lines[1].split() == ["0", "ok", "a=1"]
    assert lines[2].split() == ["1", "FAILED:", "2", "errors", "a=2"]
    assert lines[3].split() == ["2", "ok", "(1", "warning)", "(no", "overrides)"]
    assert "3 jobs: 2 ok, 1 invalid; nothing was launched (dry run)." in table.getvalue()
    assert "2 errors in the config (job 1: a=2)" in table.getvalue()
    invalid = io.StringIO()
    print_invalid_jobs(result, stream=invalid)
    text = invalid.getvalue()
    assert "job 1: a=2" in text and "job 0" not in text and "job 2" not in text
    assert text.rstrip().endswith("sweep of 3 jobs: 2 ok, 1 invalid; no job was launched.")
