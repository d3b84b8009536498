"""The pre-flight: per-job verdicts, composition failures as violations, one base per selection."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import pytest

import depthconf.sweep._preflight
from depthconf.composition import Composed, config_loader, load_sweep_config
from depthconf.sweep import (
    JobReport,
    Preflight,
    SweepSource,
    dry_run,
    expand,
    preflight,
    print_invalid_jobs,
    print_job_table,
)
from depthconf.validation import ConfigError, Severity, Violation


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
            JobReport(0, ("a=1",)),
            JobReport(1, ("a=2",), (_violation("x"), _violation("y"))),
            JobReport(2, (), (), (_violation("w"),)),
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


def test_reports_print_each_distinct_warning_once_with_its_jobs() -> None:
    shared, once = _warning("w"), _warning("v")
    result = Preflight(
        (
            JobReport(0, ("a=1",), (), (shared,)),
            JobReport(1, ("a=2",), (), (shared, once)),
            JobReport(2, ("a=3",)),
            JobReport(3, ("a=4",), (_violation("x"),), (shared,)),
        )
    )
    table = io.StringIO()
    print_job_table(result, stream=table)
    text = table.getvalue()
    assert text.count("\n  w\n") == 1 and text.count("\n  v\n") == 1
    assert "depthconf: warning (jobs 0-1, 3):" in text
    assert "depthconf: warning (job 1):" in text


def _warning(path: str) -> Violation:
    return Violation(path, "3", "a rule", "a fix", "code", Severity.warning)


@pytest.mark.parametrize("size", ["0", "-1"])
def test_dry_run_refuses_a_batch_size_below_one(size: str) -> None:
    with pytest.raises(ConfigError) as raised:
        dry_run(["checkpoint.period=1,2", f"hydra.sweeper.max_batch_size={size}"])
    (violation,) = raised.value.violations
    assert violation.path == "hydra.sweeper.max_batch_size"
    assert violation.override == f"hydra.sweeper.max_batch_size={size}"
    assert violation.value == size


def test_dry_run_accepts_a_batch_size() -> None:
    assert len(dry_run(["checkpoint.period=1,2", "hydra.sweeper.max_batch_size=1"]).jobs) == 2


@pytest.mark.parametrize(
    ("sweep", "path"),
    [
        (["experiment=glob(*nope*)"], "experiment"),
        (["name=a,b", "checkpoint.period=range(1,1)"], "checkpoint.period"),
    ],
)
def test_dry_run_refuses_a_sweep_with_no_job(sweep: list[str], path: str) -> None:
    with pytest.raises(ConfigError) as raised:
        dry_run(sweep)
    (violation,) = raised.value.violations
    assert (violation.path, violation.code) == (path, "empty_sweep")
    assert violation.override == sweep[-1]


def test_dry_run_leaves_interpolations_in_overrides_to_the_jobs() -> None:
    assert [job.ok for job in dry_run(["name=a,b", "hydra.job.name=${nope}"]).jobs] == [True, True]
    (job,) = dry_run(["name=${nope}"]).jobs
    assert [v.code for v in job.errors] == ["interpolation"]


def test_dry_run_takes_params_from_the_command_line() -> None:
    result = dry_run(["+hydra.sweeper.params={checkpoint.period:'1,2'}"])
    assert [job.overrides for job in result.jobs] == [
        ("checkpoint.period=1",),
        ("checkpoint.period=2",),
    ]


@pytest.mark.parametrize(
    ("target", "sweep"),
    [
        ("check", ["experiment=resnet_san_ncdb", "checkpoint.period=1,2"]),  # fast route
        ("check", ["name=a,${nonexistent}"]),  # full route
    ],
)
def test_a_bug_in_the_validator_is_not_a_users_mistake(
    target: str, sweep: list[str], source: SweepSource, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a rule has a bug")

    monkeypatch.setattr(depthconf.sweep._preflight, target, broken)
    with pytest.raises(RuntimeError, match="a rule has a bug"):
        preflight(expand(sweep), source)


def test_load_sweep_config() -> None:
    with config_loader() as loader:
        master = load_sweep_config(loader, "train", ["checkpoint.period=1,2"])
        assert list(master.hydra.overrides.task) == ["checkpoint.period=1,2"]
        with pytest.raises(ConfigError) as raised:
            load_sweep_config(loader, "train", ["checkpoint.save_topk=1"])
    assert raised.value.violations[0].code == "unknown_key"
    assert raised.value.context == "checkpoint.save_topk=1"
