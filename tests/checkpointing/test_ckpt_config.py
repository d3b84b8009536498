"""``CheckpointKeeper.from_config`` with a stand-in config and stand-in metric functions."""

from __future__ import annotations

import sys
import types
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any

import pytest

from depthconf.checkpointing import CheckpointKeeper

from .helpers import writer

KEY = "ncdb-cls-combined_val-abs_rel_lin"
TEMPLATE = "{epoch:02d}_{" + KEY + ":.3f}"

Install = Callable[[str | None, str], None]


class Mode(Enum):  # a plain Enum: only ``.value`` is "min"/"max"
    min = "min"
    max = "max"


@pytest.fixture
def fake_metrics(monkeypatch: pytest.MonkeyPatch) -> Install:
    """Replace ``depthconf.metrics.monitor_key`` / ``checkpoint_filename`` (or provide them)."""

    def install(monitor: str | None, filename: str) -> None:
        try:
            import depthconf.metrics as module
        except ImportError:  # the owner's module is not there: provide a stand-in
            import depthconf

            module = types.ModuleType("depthconf.metrics")
            monkeypatch.setitem(sys.modules, "depthconf.metrics", module)
            monkeypatch.setattr(depthconf, "metrics", module, raising=False)
        monkeypatch.setattr(module, "monitor_key", lambda cfg: monitor, raising=False)
        monkeypatch.setattr(module, "checkpoint_filename", lambda cfg: filename, raising=False)

    return install


def config(**checkpoint: Any) -> Any:
    section = {"filepath": "ckpt", "save_top_k": 3, "period": 1, "mode": Mode.min}
    section["save_last"] = False
    section.update(checkpoint)
    name = section.pop("name", "run1")
    return types.SimpleNamespace(name=name, checkpoint=types.SimpleNamespace(**section))


def test_relative_filepath_goes_under_run_dir_and_run_name(
    tmp_path: Path, fake_metrics: Install
) -> None:
    fake_metrics(KEY, TEMPLATE)
    cfg = config(save_top_k=2, period=2, mode=Mode.max, save_last=True)
    keeper = CheckpointKeeper.from_config(cfg, run_dir=tmp_path)
    assert keeper.directory == tmp_path / "ckpt" / "run1"
    assert (keeper.save_top_k, keeper.period, keeper.save_last) == (2, 2, True)
    assert (keeper.monitor, keeper.mode) == (KEY, "max")
    decision = keeper.on_validation_end(1, {KEY: 0.1234}, writer(1))
    assert decision.written == keeper.directory / f"epoch=01_{KEY}=0.123.ckpt"


def test_absolute_filepath_and_no_run_name(tmp_path: Path, fake_metrics: Install) -> None:
    fake_metrics(None, "{epoch:02d}")
    cfg = config(filepath=str(tmp_path / "abs"), name="", save_top_k=-1, mode=None)
    keeper = CheckpointKeeper.from_config(cfg, run_dir=tmp_path / "elsewhere")
    assert keeper.directory == tmp_path / "abs"
    assert keeper.monitor is None
    assert keeper.mode is None


def test_relative_filepath_defaults_to_the_current_directory(
    tmp_path: Path, fake_metrics: Install, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_metrics(KEY, TEMPLATE)
    monkeypatch.chdir(tmp_path)
    keeper = CheckpointKeeper.from_config(config())
    assert keeper.directory == tmp_path / "ckpt" / "run1"


def test_empty_filepath_means_disabled(fake_metrics: Install) -> None:
    fake_metrics(KEY, TEMPLATE)
    with pytest.raises(ValueError, match=r"checkpoint\.filepath is empty.*disables"):
        CheckpointKeeper.from_config(config(filepath=""))


def test_top_k_without_a_monitor_is_rejected(tmp_path: Path, fake_metrics: Install) -> None:
    fake_metrics(None, "{epoch:02d}")
    with pytest.raises(ValueError, match="monitor"):
        CheckpointKeeper.from_config(config(), run_dir=tmp_path)


def test_the_real_schema_objects_fit(tmp_path: Path, fake_metrics: Install) -> None:
    schema = pytest.importorskip("depthconf.schema")
    fake_metrics(KEY, TEMPLATE)
    section = schema.CheckpointConfig(
        filepath="ckpt", save_top_k=2, monitor="abs_rel_lin", mode=schema.Mode.min
    )
    cfg = schema.TrainConfig(name="real", checkpoint=section)
    keeper = CheckpointKeeper.from_config(cfg, run_dir=tmp_path)
    assert keeper.directory == tmp_path / "ckpt" / "real"
    assert (keeper.save_top_k, keeper.mode) == (2, "min")
