"""The keeper refuses, with a message, what would otherwise fail late or rank garbage."""

from __future__ import annotations

from pathlib import Path

import pytest

import depthconf
from depthconf.checkpointing import CheckpointKeeper


def test_every_validated_monitored_config_builds_a_keeper(tmp_path: Path) -> None:
    """The schema demands what the keeper demands: a monitored -1 config has a mode."""
    with pytest.raises(depthconf.ConfigError) as error:
        depthconf.compose("resnet_san_ncdb", ["checkpoint.monitor=abs_rel_lin"])
    assert error.value.violations[0].fix.startswith("checkpoint.mode=min")
    cfg = depthconf.compose(
        "resnet_san_ncdb", ["checkpoint.monitor=abs_rel_lin", "checkpoint.mode=min"]
    )
    keeper = CheckpointKeeper.from_config(cfg, tmp_path)
    assert keeper.monitor == "ncdb-cls-combined_val-depth_original-abs_rel_lin"


def test_a_save_that_writes_nothing_publishes_nothing(tmp_path: Path) -> None:
    keeper = CheckpointKeeper(tmp_path, save_top_k=1, monitor="loss", mode="min")
    keeper.on_validation_end(0, {"loss": 0.5}, lambda p: p.write_bytes(b"real"))
    with pytest.raises(RuntimeError, match="wrote nothing"):
        keeper.on_validation_end(1, {"loss": 0.1}, lambda p: None)
    assert [p.name for p, _ in keeper.kept] == ["epoch=00_loss=0.500.ckpt"]
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
        "epoch=00_loss=0.500.ckpt"
    ]


def test_a_save_that_adds_its_own_suffix_is_named(tmp_path: Path) -> None:
    keeper = CheckpointKeeper(tmp_path, save_top_k=-1)
    with pytest.raises(RuntimeError, match=r"instead"):
        keeper.on_validation_end(0, {}, lambda p: p.with_name(p.name + ".npy").write_bytes(b"x"))


def test_a_file_where_the_directory_should_be(tmp_path: Path) -> None:
    target = tmp_path / "ckpt"
    target.write_text("not a directory")
    with pytest.raises(NotADirectoryError, match=r"checkpoint\.filepath"):
        CheckpointKeeper(target, save_top_k=-1)
