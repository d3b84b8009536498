"""``depthconf migrate`` and ``depthconf export --legacy``, as a user runs them.

Most tests call the CLI entry point in-process against a private copy of conf/
(DEPTHCONF_CONF_DIR); the ``slow`` ones run real subprocesses.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from depthconf.cli import main
from depthconf.composition import CONF_DIR_ENV, conf_dir
from depthconf.legacy import legacy_cfgnode
from depthconf.validation import ConfigError
from tests.conftest import CliResult, assert_no_traceback, cli_env, copy_conf, run_cli
from tests.legacy.trainer_reference import parse_train_config
from tests.migrate.conftest import FIXTURES, TEAM, expected_rows

REPO = Path(__file__).resolve().parents[2]
RELATIVE_FIXTURES = FIXTURES.relative_to(REPO)
CaptureFixture = pytest.CaptureFixture[str]


def tree_digest(directory: Path) -> dict[str, str]:
    return {
        str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def shared_conf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One conf copy shared by this module's tests that do not depend on the hand-written
    experiments (the group-option candidates composed in it are reused between tests)."""
    return copy_conf(tmp_path_factory.mktemp("shared"))


@pytest.fixture
def conf(shared_conf: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(CONF_DIR_ENV, str(shared_conf))
    return shared_conf


def test_usage_lists_the_new_commands(capsys: CaptureFixture) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "migrate LEGACY.yaml" in out and "migrate --check DIR" in out
    assert "export --legacy" in out


def test_check_prints_one_row_per_file_and_the_counts(conf: Path, capsys: CaptureFixture) -> None:
    before = tree_digest(conf)
    assert main(["migrate", "--check", str(FIXTURES)]) == 2
    out = capsys.readouterr().out
    rows = {line.split()[0]: line for line in out.splitlines() if ".yaml " in line}
    for row in expected_rows():
        line = rows[row.name]
        if row.status == "unreadable":
            assert "unreadable" in line
        elif row.name in TEAM:
            assert "migrated and valid" in line
        else:
            assert "migrated with errors" in line
    assert "24 files: 5 migrated and valid, 15 migrated with errors, 4 unreadable" in out
    assert tree_digest(conf) == before  # --check never writes into conf/


def test_check_exits_0_when_every_file_is_valid(
    conf: Path, tmp_path: Path, capsys: CaptureFixture
) -> None:
    folder = tmp_path / "good"
    folder.mkdir()
    for name in TEAM[:2]:
        shutil.copy(FIXTURES / name, folder / name)
    assert main(["migrate", "--check", str(folder)]) == 0
    assert "2 files: 2 migrated and valid, 0 migrated with errors, 0 unreadable" in (
        capsys.readouterr().out
    )


@pytest.mark.parametrize("args", [["--check", "/nonexistent"], [], ["--check", ".", "x.yaml"]])
def test_migrate_usage_errors(conf_copy: Path, args: list[str], capsys: CaptureFixture) -> None:
    assert main(["migrate", *args]) == 2
    assert "fix:" in capsys.readouterr().err


def test_check_needs_a_folder(capsys: CaptureFixture) -> None:
    with pytest.raises(SystemExit) as caught:  # argparse: usage and exit status 2
        main(["migrate", "--check"])
    assert caught.value.code == 2
    assert "--check" in capsys.readouterr().err


@pytest.mark.parametrize("name", TEAM)
def test_migrated_team_experiments_pass_depthconf_check(
    conf: Path, name: str, capsys: CaptureFixture
) -> None:
    assert main(["migrate", str(FIXTURES / name), "--force"]) == 0
    out = capsys.readouterr().out
    experiment = name.removeprefix("train_").removesuffix(".yaml")
    written = conf / "experiment" / f"{experiment}.yaml"
    assert f"-> {written}" in out and f"ok  experiment={experiment}" in out
    assert main(["check", f"experiment={experiment}"]) == 0
    assert f"ok  experiment={experiment}" in capsys.readouterr().out


def test_invalid_migration_is_written_reported_and_checked_the_same(
    conf_copy: Path, capsys: CaptureFixture
) -> None:
    assert main(["migrate", str(FIXTURES / "incident_save_top_k_3.yaml")]) == 2
    captured = capsys.readouterr()
    written = conf_copy / "experiment" / "incident_save_top_k_3.yaml"
    assert written.is_file()
    assert "checkpoint.monitor, checkpoint.mode" in captured.err
    # migrate locates it in the legacy file, check in the written experiment (issue 10)
    assert "incident_save_top_k_3.yaml line 30: checkpoint.monitor=abs_rel_lin" in captured.err
    assert main(["check", "experiment=incident_save_top_k_3"]) == 2
    err = capsys.readouterr().err
    assert "in conf/experiment/incident_save_top_k_3.yaml: add `monitor: abs_rel_lin` and " in err


def test_unreadable_file_writes_nothing(conf_copy: Path, capsys: CaptureFixture) -> None:
    before = tree_digest(conf_copy)
    assert main(["migrate", str(FIXTURES / "broken_yaml.yaml")]) == 2
    err = capsys.readouterr().err
    assert "broken_yaml.yaml:7:9" in err and "invalid YAML at line 7, column 9" in err
    assert tree_digest(conf_copy) == before


def test_existing_experiment_is_kept_without_force(conf_copy: Path, capsys: CaptureFixture) -> None:
    target = conf_copy / "experiment" / "resnet_san_ncdb.yaml"
    hand_written = target.read_text()
    assert main(["migrate", str(FIXTURES / "train_resnet_san_ncdb.yaml")]) == 2
    assert "--force" in capsys.readouterr().err
    assert target.read_text() == hand_written


def test_out_and_name(conf: Path, tmp_path: Path, capsys: CaptureFixture) -> None:
    out = tmp_path / "elsewhere" / "x.yaml"
    source = str(FIXTURES / "train_resnet_san_ncdb_dual_head_640x384.yaml")
    assert main(["migrate", source, "--name", "ncdb_copy", "--out", str(out)]) == 0
    assert yaml.safe_load(out.read_text())["name"] == "ncdb_copy"
    capsys.readouterr()
    assert main(["migrate", source, "--out", "-"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("# @package _global_\n")
    assert "ok  experiment=resnet_san_ncdb_dual_head_640x384" in captured.err
    assert main(["migrate", source, "--name", "no spaces"]) == 2
    assert "--name" in capsys.readouterr().err


def test_export_writes_yaml_that_yacs_merges(tmp_path: Path, capsys: CaptureFixture) -> None:
    out = tmp_path / "legacy.yaml"
    args = ["export", "--legacy", "experiment=resnet_san_ncdb", "checkpoint=best_3"]
    assert main([*args, "--out", str(out)]) == 0
    node = legacy_cfgnode()
    node.merge_from_file(str(out))
    assert node.checkpoint.monitor == "abs_rel_lin"  # unprepared (S8): the trainer prefixes it
    assert (
        parse_train_config(out).checkpoint.monitor
        == "ncdb-cls-combined_val-depth_original-abs_rel_lin"
    )
    capsys.readouterr()
    assert main(args) == 0
    assert capsys.readouterr().out == out.read_text()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["--legacy", "experiment=resnet_san_ncdb", "checkpoint.save_top_k=3"],
            "checkpoint.monitor, checkpoint.mode",
        ),
        (["experiment=resnet_san_ncdb"], "the only export format"),
        (["--legacy", "experiment=nope"], "has no option 'nope'"),
        (["--legacy", "checkpoint.save_last=true"], "no last.ckpt"),
    ],
)
def test_export_errors(args: list[str], expected: str, capsys: CaptureFixture) -> None:
    assert main(["export", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert expected in captured.err


@pytest.mark.slow
def test_check_subprocess_has_no_traceback() -> None:
    result = run_cli("migrate", "--check", str(RELATIVE_FIXTURES))
    assert_no_traceback(result)
    assert result.returncode == 2
    assert "24 files: 5 migrated and valid, 15 migrated with errors, 4 unreadable" in result.stdout


@pytest.mark.slow
def test_migrate_then_check_subprocess(conf_copy: Path) -> None:
    migrated = run_cli("migrate", str(FIXTURES / "train_yolov8_san_kitti.yaml"), "--force")
    assert_no_traceback(migrated)
    assert migrated.returncode == 0, migrated.output
    checked = run_cli("check", "experiment=yolov8_san_kitti")
    assert checked.returncode == 0, checked.output
    for name in ("unknown_keys.yaml", "not_utf8.yaml", "wrong_types.yaml"):
        failed = run_cli("migrate", str(FIXTURES / name), "--out", "-")
        assert_no_traceback(failed)
        assert failed.returncode == 2


@pytest.mark.slow
def test_export_subprocess() -> None:
    result = run_cli("export", "--legacy", "experiment=packnet_san_kitti")
    assert_no_traceback(result)
    assert result.returncode == 0, result.output
    assert yaml.safe_load(result.stdout)["model"]["depth_net"]["name"] == "PackNetSAN01"


def test_export_refuses_an_existing_out_without_force(
    tmp_path: Path, capsys: CaptureFixture
) -> None:
    out = tmp_path / "legacy.yaml"
    out.write_text("# mine\n", encoding="utf-8")
    args = ["export", "--legacy", "experiment=resnet_san_ncdb", "--out", str(out)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "depthconf: export cannot proceed." in err and "--force" in err
    assert out.read_text(encoding="utf-8") == "# mine\n"
    assert main([*args, "--force"]) == 0
    assert "checkpoint:" in out.read_text(encoding="utf-8")


def test_export_out_failure_is_a_usage_error(tmp_path: Path, capsys: CaptureFixture) -> None:
    out = tmp_path / "no such folder" / "legacy.yaml"
    assert main(["export", "--legacy", "experiment=resnet_san_ncdb", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "depthconf: export cannot proceed." in err and "cannot write" in err
    assert "in the config" not in err and "nothing was launched" not in err


def test_migrate_usage_errors_have_a_usage_headline(conf: Path, capsys: CaptureFixture) -> None:
    source = str(FIXTURES / "train_resnet_san_ncdb.yaml")
    assert main(["migrate", source, "--name", "no spaces"]) == 2
    err = capsys.readouterr().err
    assert "depthconf: migrate cannot proceed." in err and "--name" in err


def test_conf_dir_without_train_yaml_is_a_config_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CONF_DIR_ENV, str(tmp_path))
    with pytest.raises(ConfigError) as caught:
        conf_dir()
    (violation,) = caught.value.violations
    assert (violation.path, violation.value) == (CONF_DIR_ENV, str(tmp_path))
    assert "train.yaml is missing" in violation.rule and CONF_DIR_ENV in violation.fix


def test_migrate_with_a_wrong_conf_dir_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: CaptureFixture
) -> None:
    monkeypatch.setenv(CONF_DIR_ENV, str(tmp_path))
    assert main(["migrate", str(FIXTURES / "train_resnet_san_ncdb.yaml")]) == 2
    err = capsys.readouterr().err
    assert CONF_DIR_ENV in err and "train.yaml is missing" in err


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["check", "--all"],
        ["export", "--legacy"],
        ["migrate", str(FIXTURES / "train_resnet_san_ncdb.yaml")],
        ["migrate", "--check", str(FIXTURES)],
    ],
)
def test_a_wrong_conf_dir_is_reported_by_every_command(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: CaptureFixture
) -> None:
    monkeypatch.setenv(CONF_DIR_ENV, str(tmp_path))
    assert main(args) == 2
    err = capsys.readouterr().err
    assert f"{CONF_DIR_ENV}\n" in err and "train.yaml is missing" in err
    assert "config_name" not in err


@pytest.mark.parametrize("command", ["check", "run", "migrate", "export"])
def test_a_wrong_conf_dir_exits_2_without_traceback(tmp_path: Path, command: str) -> None:
    legacy = str(FIXTURES / "train_resnet_san_ncdb.yaml")
    args = {"migrate": [legacy], "export": ["--legacy"]}.get(command, [])
    env_dir = tmp_path / "not_conf"
    env_dir.mkdir()
    result = _run_with_conf_dir(env_dir, command, *args)
    assert_no_traceback(result)
    assert result.returncode == 2
    assert CONF_DIR_ENV in result.stderr and "train.yaml is missing" in result.stderr


def _run_with_conf_dir(directory: Path, *args: str) -> CliResult:
    done = subprocess.run(
        [sys.executable, "-m", "depthconf", *args],
        cwd=directory,
        env=cli_env() | {CONF_DIR_ENV: str(directory)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return CliResult(done.returncode, done.stdout, done.stderr)
