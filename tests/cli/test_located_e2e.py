"""Mistakes in conf/ files through a real ``depthconf`` process: every one in one run, each
located by file and line; ``explain``; ``--config-dir`` on every command (issue 10)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from depthconf.composition import conf_dir
from tests.cli.test_errors_e2e import Cli
from tests.composition.test_fuzz_files import mutated
from tests.conftest import CliResult, assert_no_traceback, copy_conf, run_cli

GLOBAL = "# @package _global_\n"


def _line(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, text in enumerate(lines, start=1) if needle in text)


def _invalid(result: CliResult, *needles: str) -> None:
    assert result.returncode == 2, result.output
    assert_no_traceback(result)
    for needle in needles:
        assert needle in result.output, (needle, result.output)


def test_three_mistakes_of_an_experiment_in_one_check(conf_copy: Path, cli: Cli) -> None:
    path = conf_copy / "experiment" / "my_exp.yaml"
    path.write_text(
        f"{GLOBAL}name: my_exp\narch:\n  max_epochs: fifty\ndatasets:\n  train:\n"
        "    num_workrs: 8\ncheckpoint:\n  save_top_k: 2\n  monitor: abs_rel\n",
        encoding="utf-8",
    )
    result = cli("check", "experiment=my_exp")
    shown = "conf/experiment/my_exp.yaml"
    _invalid(
        result,
        f"{shown}:{_line(path, 'num_workrs')}:",
        f"in {shown} line {_line(path, 'num_workrs')}: rename num_workrs to num_workers",
        f"{shown}:{_line(path, 'fifty')}:",
        f"in {shown} line {_line(path, 'fifty')}: give max_epochs an integer",
        "checkpoint.monitor, checkpoint.mode",
        f"checkpoint.save_top_k: {shown}:{_line(path, 'save_top_k')}",
    )


def test_three_mistakes_of_a_group_option_file_with_config_dir(tmp_path: Path) -> None:
    conf = copy_conf(tmp_path / "team")
    option = conf / "checkpoint" / "mine.yaml"
    option.write_text("filepath: ckpt\nsave_top_k: 2\nmonitr: abs_rel\nperiod: two\n")
    result = run_cli("check", "-cd", str(conf), "checkpoint=mine", cwd=tmp_path)
    shown = "conf/checkpoint/mine.yaml"
    _invalid(
        result,
        f"{shown}:{_line(option, 'monitr')}:",
        f"{shown}:{_line(option, 'period')}:",
        "checkpoint.monitor, checkpoint.mode",
        f"{shown}:{_line(option, 'save_top_k')}",
    )
    assert re.search(r"depthconf: [3-9] errors", result.stderr), result.stderr


def test_a_mistake_split_across_two_files(conf_copy: Path, cli: Cli) -> None:
    option = conf_copy / "checkpoint" / "top2.yaml"
    option.write_text("filepath: ckpt\nsave_top_k: 2\n")
    experiment = conf_copy / "experiment" / "split.yaml"
    experiment.write_text(f"{GLOBAL}checkpoint:\n  monitor: abs_rel_lin\n")
    result = cli("check", "experiment=split", "checkpoint=top2")
    _invalid(
        result,
        f"checkpoint.monitor: conf/experiment/split.yaml:{_line(experiment, 'monitor')}",
        f"checkpoint.save_top_k: conf/checkpoint/top2.yaml:{_line(option, 'save_top_k')}",
    )


def test_explain_the_chain_of_the_issue(cli: Cli) -> None:
    best_3 = conf_dir() / "checkpoint" / "best_3.yaml"
    result = cli(
        "explain",
        "checkpoint.save_top_k",
        "experiment=resnet_san_ncdb",
        "checkpoint=best_3",
        "checkpoint.save_top_k=5",
    )
    assert result.returncode == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("checkpoint.save_top_k = 5")
    assert lines[1] == "  1. the schema default: -1"
    assert lines[2].startswith(f"  2. conf/checkpoint/best_3.yaml:{_line(best_3, 'save_top_k')}")
    assert any(
        line.startswith("  3. command-line override 'checkpoint.save_top_k=5': 5") for line in lines
    )


def test_explain_in_a_sweep_groups_jobs(cli: Cli) -> None:
    result = cli("explain", "checkpoint.monitor", "-m", "checkpoint=best_3,save_all")
    assert result.returncode == 0, result.output
    assert "in a sweep of 2 jobs: 2 different explanation(s)" in result.stdout
    assert "conf/checkpoint/best_3.yaml:" in result.stdout


def test_explain_of_a_config_that_does_not_compose(conf_copy: Path, cli: Cli) -> None:
    (conf_copy / "experiment" / "broken.yaml").write_text(f"{GLOBAL}arch: {{max_epochs: x}}\n")
    _invalid(cli("explain", "arch", "experiment=broken"), "conf/experiment/broken.yaml:2:")


@pytest.mark.parametrize(
    "command",
    [
        ("check",),
        ("run",),
        ("export", "--legacy"),
        ("explain", "checkpoint"),
        ("migrate", "--check", "."),
    ],
)
def test_a_config_dir_without_the_primary_config(tmp_path: Path, command: tuple[str, ...]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_cli(*command, "--config-dir", str(empty), cwd=tmp_path)
    _invalid(result, "--config-dir", "train.yaml")
    assert not (tmp_path / "outputs").exists()


def test_config_dir_selects_the_team_conf(tmp_path: Path) -> None:
    conf = copy_conf(tmp_path / "team")
    (conf / "experiment" / "team_only.yaml").write_text(f"{GLOBAL}name: team_only\n")
    for command in (("check",), ("export", "--legacy"), ("explain", "name")):
        result = run_cli(*command, "-cd", str(conf), "experiment=team_only", cwd=tmp_path)
        assert result.returncode == 0, result.output
    result = run_cli(
        "run", "-cd", str(conf), "experiment=team_only", "hydra.run.dir=out", cwd=tmp_path
    )
    assert result.returncode == 0, result.output
    assert "ok  experiment=team_only" in result.stdout


def test_export_out_dash_writes_to_stdout(cli: Cli, tmp_path: Path) -> None:
    result = cli("export", "--legacy", "experiment=resnet_san_ncdb", "--out", "-")
    assert result.returncode == 0, result.output
    assert "checkpoint:" in result.stdout
    assert not (tmp_path / "-").exists()


def test_a_sweep_reports_file_mistakes_located(conf_copy: Path, cli: Cli) -> None:
    path = conf_copy / "experiment" / "swept.yaml"
    path.write_text(f"{GLOBAL}checkpoint:\n  save_top_k: 2\n")
    result = cli("check", "-m", "experiment=swept", "checkpoint.period=1,2")
    _invalid(result, f"conf/experiment/swept.yaml:{_line(path, 'save_top_k')}", "2 invalid")


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mutated())
def test_mutated_experiments_through_the_cli(tmp_path_factory: Any, text: str) -> None:
    conf = tmp_path_factory.mktemp("cli") / "conf"
    shutil.copytree(conf_dir(), conf)
    (conf / "experiment" / "mutated.yaml").write_text(text, encoding="utf-8")
    result = run_cli("check", "-cd", str(conf), "experiment=mutated", cwd=conf.parent)
    assert_no_traceback(result)
    assert result.returncode in (0, 2), result.output
    assert "see the message above" not in result.output
