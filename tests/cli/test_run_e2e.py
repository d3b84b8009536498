"""``depthconf run`` and ``depthconf check`` for valid configs, through real processes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml

import depthconf
from depthconf.schema import to_dict
from tests.conftest import CliResult, assert_no_traceback

Cli = Callable[..., CliResult]


def test_check_prints_a_summary(cli: Cli) -> None:
    result = cli("check", "experiment=resnet_san_ncdb_dual_head_640x384")
    assert result.returncode == 0, result.output
    out = result.stdout
    assert out.startswith("ok  experiment=resnet_san_ncdb_dual_head_640x384")
    for needle in (
        "ResNetSAN01 18A",
        "sparse-ssi-silog",
        "ncdb-cls-640x384-combined_val-depth_original",
        "every 2 epochs, keep all",
    ):
        assert needle in out, needle


def test_check_all_passes_the_seven_experiments(cli: Cli) -> None:
    result = cli("check", "--all")
    assert result.returncode == 0, result.output
    assert "7 experiments: 7 ok, 0 failed" in result.stdout
    assert result.stdout.count(" ok") >= 7


def test_check_all_fails_when_an_override_breaks_every_experiment(cli: Cli) -> None:
    result = cli("check", "--all", "checkpoint.save_top_k=0")
    assert result.returncode == 2
    assert "7 experiments: 0 ok, 7 failed" in result.stdout
    assert_no_traceback(result)


def test_run_writes_the_validated_config_and_prints_the_plan(cli: Cli, tmp_path: Path) -> None:
    result = cli("run", "experiment=resnet_san_ncdb", f"hydra.run.dir={tmp_path / 'run'}")
    assert result.returncode == 0, result.output
    written = yaml.safe_load((tmp_path / "run" / "config.validated.yaml").read_text())
    assert written == to_dict(depthconf.compose("resnet_san_ncdb"))
    assert "checkpoint plan:" in result.stdout
    assert f"{tmp_path / 'run' / 'checkpoints' / 'resnet_san_ncdb'}" in result.stdout
    assert "50 checkpoints in 50 epochs" in result.stdout


def test_run_plan_for_top_k(cli: Cli, tmp_path: Path) -> None:
    result = cli(
        "run",
        "experiment=resnet_san_ncdb_640x384",
        "checkpoint=best_3",
        "checkpoint.period=2",
        f"hydra.run.dir={tmp_path / 'run'}",
    )
    assert result.returncode == 0, result.output
    assert "every 2 epochs: up to 15 checkpoints in 30 epochs" in result.stdout
    assert "the best 3: 3 at the end" in result.stdout
    assert (
        "ncdb-cls-640x384-combined_val-depth_original-abs_rel_lin (mode=min: lower is better)"
        in result.stdout
    )


def test_multirun_runs_two_jobs_with_the_basic_launcher(cli: Cli, tmp_path: Path) -> None:
    sweep = tmp_path / "sweep"
    result = cli(
        "run", "-m", "experiment=resnet_san_ncdb,resnet_san_kitti", f"hydra.sweep.dir={sweep}"
    )
    assert result.returncode == 0, result.output
    names = {
        yaml.safe_load((sweep / str(i) / "config.validated.yaml").read_text())["name"]
        for i in (0, 1)
    }
    assert names == {"resnet_san_ncdb", "resnet_san_kitti"}


def test_hydra_flags_still_work(cli: Cli) -> None:
    job = cli("run", "experiment=resnet_san_ncdb", "--cfg", "job")
    assert job.returncode == 0 and "name: resnet_san_ncdb" in job.stdout
    info = cli("run", "--info")
    assert info.returncode == 0 and "Hydra" in info.stdout
    helped = cli("run", "--help")
    assert helped.returncode == 0 and "checkpoint" in helped.stdout


def test_python_dash_m_and_usage(cli: Cli) -> None:
    result = cli("--help")
    assert result.returncode == 0 and "depthconf check" in result.stdout
