"""``CheckpointKeeper.from_config`` with real composed configs."""

from __future__ import annotations

from pathlib import Path

import pytest

import depthconf
from depthconf.checkpointing import CheckpointKeeper, checkpoint_filename
from depthconf.schema import Mode

from .helpers import writer

EXPERIMENT = "resnet_san_ncdb"
PREFIX = "ncdb-cls-combined_val-depth_original"


def test_relative_filepath_goes_under_run_dir_and_run_name(tmp_path: Path) -> None:
    cfg = depthconf.compose(
        EXPERIMENT,
        [
            "checkpoint=best_3",
            "checkpoint.save_top_k=2",
            "checkpoint.period=2",
            "checkpoint.save_last=true",
            "checkpoint.monitor=a1_lin",
            "checkpoint.mode=max",
            "name=run1",
        ],
    )
    keeper = CheckpointKeeper.from_config(cfg, run_dir=tmp_path)
    key = f"{PREFIX}-a1_lin"
    assert keeper.directory == tmp_path / "checkpoints" / "run1"
    assert (keeper.save_top_k, keeper.period, keeper.save_last) == (2, 2, True)
    assert (keeper.monitor, keeper.mode) == (key, Mode.max)
    assert keeper.settings.filename == checkpoint_filename(cfg)
    decision = keeper.on_validation_end(1, {key: 0.1234}, writer(1))
    assert decision.written == keeper.directory / f"epoch=01_{key}=0.123.ckpt"


def test_absolute_filepath_and_no_run_name(tmp_path: Path) -> None:
    cfg = depthconf.compose(EXPERIMENT, [f"checkpoint.filepath={tmp_path / 'abs'}", "name=''"])
    keeper = CheckpointKeeper.from_config(cfg, run_dir=tmp_path / "elsewhere")
    assert keeper.directory == tmp_path / "abs"
    assert keeper.monitor is None
    assert keeper.mode is None


def test_relative_filepath_defaults_to_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    keeper = CheckpointKeeper.from_config(depthconf.compose(EXPERIMENT, ["name=run1"]))
    assert keeper.directory == tmp_path / "checkpoints" / "run1"


def test_empty_filepath_means_disabled() -> None:
    cfg = depthconf.compose(EXPERIMENT, ["checkpoint.filepath=''"])
    with pytest.raises(ValueError, match=r"checkpoint\.filepath is empty.*disables"):
        CheckpointKeeper.from_config(cfg)


def test_top_k_without_a_monitor_is_rejected_by_keeper_and_schema(tmp_path: Path) -> None:
    # the same policy, defined once (depthconf.schema._policy): the keeper refuses it...
    with pytest.raises(ValueError, match="monitor"):
        CheckpointKeeper(tmp_path, save_top_k=3)
    # ...and so does the config, so from_config never gets such a policy
    with pytest.raises(depthconf.ConfigError, match="monitor"):
        depthconf.compose(EXPERIMENT, ["checkpoint.save_top_k=3"])


def test_the_keeper_takes_the_schema_mode_and_plain_strings(tmp_path: Path) -> None:
    for mode in (Mode.min, "min"):
        keeper = CheckpointKeeper(tmp_path / str(id(mode)), save_top_k=1, monitor="m", mode=mode)
        assert keeper.mode is Mode.min
        keeper.close()
    with pytest.raises(ValueError, match="mode must be 'min' or 'max'"):
        CheckpointKeeper(tmp_path / "x", save_top_k=1, monitor="m", mode="auto")
