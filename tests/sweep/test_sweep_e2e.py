"""Real multiruns through the CLI and a ``@depthconf.main`` app, on every launcher."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliResult, assert_no_traceback, cli_env, copy_conf
from tests.sweep.marker_app import MARKER

Cli = Callable[..., CliResult]
LAUNCHERS = ["basic", "joblib", "submitit_local"]
VALID = ["experiment=resnet_san_ncdb,resnet_san_kitti", "checkpoint.period=1,2"]
ONE_INVALID = ["experiment=resnet_san_ncdb", "checkpoint.save_top_k=-1,3"]


def _launcher(name: str) -> list[str]:
    return [] if name == "basic" else [f"hydra/launcher={name}"]


def _markers(sweep: Path, name: str = "config.validated.yaml") -> list[Path]:
    return sorted(sweep.rglob(name)) if sweep.exists() else []


@pytest.mark.slow
@pytest.mark.parametrize("launcher", LAUNCHERS)
def test_a_valid_sweep_runs_every_job(cli: Cli, tmp_path: Path, launcher: str) -> None:
    sweep = tmp_path / "sweep"
    result = cli("run", "-m", *VALID, f"hydra.sweep.dir={sweep}", *_launcher(launcher))
    assert result.returncode == 0, result.output
    assert [p.parent.name for p in _markers(sweep)] == ["0", "1", "2", "3"]
    assert "depthconf pre-flight: 4 jobs: 4 ok, 0 invalid" in result.output


@pytest.mark.slow
@pytest.mark.parametrize("launcher", LAUNCHERS)
def test_one_invalid_job_launches_none(cli: Cli, tmp_path: Path, launcher: str) -> None:
    sweep = tmp_path / "sweep"
    result = cli("run", "-m", *ONE_INVALID, f"hydra.sweep.dir={sweep}", *_launcher(launcher))
    assert result.returncode == 2, result.output
    assert_no_traceback(result)
    assert "job 1: experiment=resnet_san_ncdb checkpoint.save_top_k=3" in result.stderr
    assert "checkpoint.monitor, checkpoint.mode" in result.stderr
    assert "sweep of 2 jobs: 1 ok, 1 invalid; no job was launched." in result.stderr
    assert not sweep.exists()  # no sweep dir, no job dir, no multirun.yaml


@pytest.mark.slow
def test_sweeper_dry_run_launches_nothing(cli: Cli, tmp_path: Path) -> None:
    sweep = tmp_path / "sweep"
    result = cli("run", "-m", *VALID, f"hydra.sweep.dir={sweep}", "hydra.sweeper.dry_run=true")
    assert result.returncode == 0, result.output
    assert "4 jobs: 4 ok, 0 invalid; nothing was launched (dry run)." in result.stdout
    assert not sweep.exists()


@pytest.mark.slow
def test_check_multirun_lists_every_job(cli: Cli, tmp_path: Path) -> None:
    result = cli("check", "-m", *ONE_INVALID)
    assert result.returncode == 2, result.output
    assert_no_traceback(result)
    lines = result.stdout.splitlines()
    assert lines[1].split()[:2] == ["0", "ok"]
    assert lines[2].split()[:3] == ["1", "FAILED:", "1"]
    assert "experiment=resnet_san_ncdb checkpoint.save_top_k=3" in lines[2]
    assert "2 jobs: 1 ok, 1 invalid; nothing was launched (dry run)." in result.stdout
    assert "checkpoint.monitor, checkpoint.mode" in result.stdout
    valid = cli("check", "-m", *VALID)
    assert valid.returncode == 0, valid.output
    assert "4 jobs: 4 ok, 0 invalid" in valid.stdout
    assert not list(tmp_path.iterdir())  # the dry run wrote nothing


@pytest.mark.slow
def test_check_multirun_reports_a_sweep_that_cannot_start(cli: Cli) -> None:
    result = cli("check", "-m", "checkpoint.save_topk=1,2", "experiment=nope")
    assert result.returncode == 2
    assert_no_traceback(result)
    assert "experiment" in result.stderr and "nope" in result.stderr


@pytest.fixture
def plain_conf(tmp_path: Path) -> Path:
    """A copy of conf/ that leaves Hydra's basic sweeper selected."""
    conf = copy_conf(tmp_path)
    train = conf / "train.yaml"
    lines = train.read_text(encoding="utf-8").splitlines(keepends=True)
    train.write_text("".join(x for x in lines if "hydra/sweeper" not in x), encoding="utf-8")
    return conf


def _app(conf: Path, *args: str) -> CliResult:
    env = cli_env() | {"DEPTHCONF_CONF_DIR": str(conf)}
    app = Path(__file__).with_name("marker_app.py")
    done = subprocess.run(
        [sys.executable, str(app), *args], env=env, capture_output=True, text=True, timeout=120
    )
    return CliResult(done.returncode, done.stdout, done.stderr)


@pytest.mark.slow
def test_an_app_selects_the_sweeper_on_the_command_line(plain_conf: Path, tmp_path: Path) -> None:
    sweep = tmp_path / "sweep"
    invalid = _app(
        plain_conf, "-m", "hydra/sweeper=depthconf", *ONE_INVALID, f"hydra.sweep.dir={sweep}"
    )
    assert invalid.returncode == 2, invalid.output
    assert_no_traceback(invalid)
    assert "job 1: experiment=resnet_san_ncdb checkpoint.save_top_k=3" in invalid.stderr
    assert _markers(sweep, MARKER) == []
    valid = _app(plain_conf, "-m", "hydra/sweeper=depthconf", *VALID, f"hydra.sweep.dir={sweep}")
    assert valid.returncode == 0, valid.output
    assert len(_markers(sweep, MARKER)) == 4


@pytest.mark.slow
def test_interpolations_in_sweep_overrides_are_left_to_the_jobs(cli: Cli) -> None:
    broken = cli("check", "-m", "name=${nope}")
    assert broken.returncode == 2, broken.output
    assert_no_traceback(broken)
    assert "Interpolation key 'nope' not found" in broken.stdout
    hydra = cli("check", "-m", "name=a,b", "hydra.job.name=${nope}")
    assert hydra.returncode == 0, hydra.output
    assert_no_traceback(hydra)
    assert "2 jobs: 2 ok, 0 invalid" in hydra.stdout


@pytest.mark.slow
def test_a_sweep_that_cannot_be_batched_or_is_empty_exits_2(cli: Cli, tmp_path: Path) -> None:
    sweep = tmp_path / "sweep"
    zero = cli(
        "run",
        "-m",
        "checkpoint.period=1,2",
        "hydra.sweeper.max_batch_size=0",
        f"hydra.sweep.dir={sweep}",
    )
    assert zero.returncode == 2, zero.output
    assert_no_traceback(zero)
    assert "hydra.sweeper.max_batch_size" in zero.stderr and "at least 1 job" in zero.stderr
    assert not sweep.exists()
    empty = cli("check", "-m", "experiment=glob(*nope*)")
    assert empty.returncode == 2, empty.output
    assert_no_traceback(empty)
    assert "command-line override 'experiment=glob(*nope*)'" in empty.stderr


@pytest.mark.slow
def test_check_multirun_prints_each_warning_once(cli: Cli) -> None:
    # The default config warns about its validation sets (and, with min_depth 0.0, about
    # the 0.5 training uses instead: packnet_sfm/models/SemiSupCompletionModel.py:43-45).
    result = cli("check", "-m", "name=a,b", "model.params.min_depth=0.1")
    assert result.returncode == 0, result.output
    assert result.stdout.count("depthconf: warning (jobs 0-1):") >= 1
    warnings = [
        line for line in result.stdout.splitlines() if line.startswith("depthconf: warning")
    ]
    assert len(warnings) == len(set(warnings))
