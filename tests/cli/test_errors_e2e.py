"""Every kind of user mistake, through a real ``depthconf`` process: exit 2, no traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliResult, assert_no_traceback, copy_conf, run_cli

Cli = Callable[..., CliResult]


def _invalid(result: CliResult, *needles: str) -> None:
    assert result.returncode == 2, result.output
    assert_no_traceback(result)
    for needle in needles:
        assert needle in result.output, (needle, result.output)


@pytest.mark.parametrize("command", ["check", "run"])
def test_founding_incident_is_a_launch_error(cli: Cli, command: str) -> None:
    result = cli(command, "experiment=resnet_san_ncdb", "checkpoint.save_top_k=3")
    _invalid(
        result,
        "checkpoint.monitor",
        "checkpoint.mode",
        "save_top_k=3",
        "fix:   checkpoint.monitor=abs_rel_lin checkpoint.mode=min",
        "nothing was launched",
    )


def test_founding_incident_fixed(cli: Cli) -> None:
    result = cli(
        "check",
        "experiment=resnet_san_ncdb",
        "checkpoint.save_top_k=3",
        "checkpoint.monitor=abs_rel_lin",
        "checkpoint.mode=min",
    )
    assert result.returncode == 0, result.output
    assert result.stdout.startswith("ok  experiment=resnet_san_ncdb")
    assert (
        "ncdb-cls-combined_val-depth_original-abs_rel_lin (mode=min: lower is better)"
        in result.stdout
    )


@pytest.mark.parametrize("command", ["check", "run"])
def test_wrong_type(cli: Cli, command: str) -> None:
    result = cli(command, "experiment=resnet_san_ncdb", "checkpoint.save_top_k=three")
    _invalid(result, "checkpoint.save_top_k", "'checkpoint.save_top_k=three'", "Integer")


@pytest.mark.parametrize("command", ["check", "run"])
def test_unknown_key_with_did_you_mean(cli: Cli, command: str) -> None:
    result = cli(command, "checkpoint.save_topk=3")
    _invalid(result, "checkpoint.save_topk", "did you mean 'save_top_k'", "checkpoint.save_top_k=3")


def test_appended_unknown_key(cli: Cli) -> None:
    _invalid(cli("check", "+checkpoint.monitr=x"), "checkpoint.monitr", "did you mean 'monitor'")


@pytest.mark.parametrize("command", ["check", "run"])
def test_unknown_group_option_lists_available(cli: Cli, command: str) -> None:
    result = cli(command, "experiment=resnet_san_ncbd")
    _invalid(
        result,
        "'experiment=resnet_san_ncbd'",
        "did you mean 'resnet_san_ncdb'",
        "resnet_san_ncdb_dual_head_640x384",
        "fix:   experiment=resnet_san_ncdb",
    )


def test_unknown_nested_group_option(cli: Cli) -> None:
    _invalid(cli("check", "model/depth_net=resnet"), "model/depth_net", "resnet_san_18")


def test_bad_enum_value(cli: Cli) -> None:
    _invalid(cli("check", "checkpoint.mode=auto"), "checkpoint.mode", "checkpoint.mode=min")


def test_missing_mandatory_value(cli: Cli) -> None:
    _invalid(cli("check", "checkpoint.monitor=???"), "checkpoint.monitor", "mandatory")


def test_override_syntax(cli: Cli) -> None:
    _invalid(cli("check", "checkpoint.save_top_k"), "checkpoint.save_top_k", "key=value")


def test_cross_field_violations_all_at_once(cli: Cli) -> None:
    result = cli(
        "check",
        "experiment=resnet_san_ncdb",
        "checkpoint.save_top_k=0",
        "model.optimizer.depth.lr=-1",
        "model.depth_net.use_dual_head=true",
        "model/depth_net=packnet_san",
    )
    _invalid(
        result,
        "3 errors",
        "checkpoint.save_top_k",
        "'checkpoint.save_top_k=0'",
        "model.optimizer.depth.lr",
        "model.depth_net.use_dual_head",
    )


@pytest.fixture
def broken_conf(tmp_path: Path) -> Path:
    copy = copy_conf(tmp_path)
    (copy / "experiment" / "broken.yaml").write_text(
        "# @package _global_\nname: broken\nmodel: {name: [SemiSup\n", encoding="utf-8"
    )
    return copy


@pytest.mark.parametrize("command", ["check", "run"])
def test_yaml_syntax_error_names_file_and_line(
    broken_conf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.setenv("DEPTHCONF_CONF_DIR", str(broken_conf))
    result = run_cli(command, "experiment=broken", cwd=tmp_path)
    _invalid(result, "conf/experiment/broken.yaml:4:", "YAML syntax error", "line 4: fix the YAML")


def test_run_creates_no_output_for_an_invalid_config(cli: Cli, tmp_path: Path) -> None:
    result = cli("run", "experiment=resnet_san_ncdb", "checkpoint.save_top_k=3")
    assert result.returncode == 2
    assert not (tmp_path / "outputs").exists()


def test_unknown_command(cli: Cli) -> None:
    result = cli("chek")
    assert result.returncode == 2 and "unknown command" in result.stderr


@pytest.mark.parametrize("command", ["check", "run"])
def test_broken_interpolation(cli: Cli, command: str) -> None:
    result = cli(command, "experiment=resnet_san_ncdb", "name=${nonexistent}")
    _invalid(result, "name", "'name=${nonexistent}'", "cannot be resolved")


def test_multirun_whose_sweep_config_fails(cli: Cli, tmp_path: Path) -> None:
    """An unknown key that is not swept fails before any sweeper runs: same report, exit 2."""
    result = cli(
        "run",
        "-m",
        "experiment=resnet_san_ncdb,resnet_san_kitti",
        "checkpoint.save_topk=3",
        f"hydra.sweep.dir={tmp_path / 'sweep'}",
    )
    _invalid(result, "did you mean 'save_top_k'", "'checkpoint.save_topk=3'")
    assert not (tmp_path / "sweep").exists()


def test_unknown_key_inside_a_dict_override(cli: Cli) -> None:
    result = cli("check", "checkpoint={save_top_k:3,foo:1}")
    _invalid(result, "checkpoint.foo", "remove 'foo' from 'checkpoint={save_top_k:3,foo:1}'")


def test_sweeper_params_need_plus_on_the_command_line(cli: Cli) -> None:
    result = cli("check", "-m", "hydra.sweeper.params={checkpoint.period:'1,2'}")
    _invalid(result, "cannot gain the new key", "fix:   +hydra.sweeper.params=")
