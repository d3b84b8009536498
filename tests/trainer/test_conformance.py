"""Conformance with the real trainer: exported configs load through its own config path.

Runs only when ``DEPTHCONF_TRAINER_DIR`` points at a checkout of the team's trainer (the
PackNet-SfM fork at 208e293); CI stays self-contained and skips it. A maintainer runs
it before a release with ``make conformance DEPTHCONF_TRAINER_DIR=/path/to/trainer``.

For every bundled experiment, and with ``checkpoint=best_3`` where that validates, the
config is exported with ``to_legacy`` and loaded by the trainer's ``parse_train_file``
(scripts/core/train.py:44; packnet_sfm/utils/config.py:163-255: defaults, yacs merge,
prepare), then its checkpoint keeper is built (scripts/core/train.py:66-67) and names a
file from the keys validation emits. Those keys come from the trainer's own prefix
function (packnet_sfm/utils/logging.py:33-61) and metric names and modes
(packnet_sfm/models/model_wrapper.py:60-62, read with ast). All of it runs in a
subprocess (``trainer_driver.py``) with torch, numpy and termcolor stubbed there only.
"""

from __future__ import annotations

import functools
import json
import os
import posixpath
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import depthconf
from depthconf.composition import experiment_names
from depthconf.legacy import legacy_defaults, legacy_yaml, to_legacy
from depthconf.legacy._tree import flatten
from depthconf.metrics import emitted_keys, monitor_key, resolve_monitor

TRAINER_ENV = "DEPTHCONF_TRAINER_DIR"
TRAINER = os.environ.get(TRAINER_ENV, "")
DRIVER = Path(__file__).with_name("trainer_driver.py")

pytestmark = pytest.mark.skipif(
    not TRAINER,
    reason=f"{TRAINER_ENV} is not set: the conformance test needs a checkout of the trainer "
    f"(make conformance {TRAINER_ENV}=/path/to/packnet-sfm-resnet-san)",
)

CASES = [(name, extra) for name in experiment_names() for extra in ((), ("checkpoint=best_3",))]


def _case_id(case: tuple[str, tuple[str, ...]]) -> str:
    name, extra = case
    return " ".join((f"experiment={name}", *extra))


def _trainer_dir() -> Path:
    path = Path(TRAINER).expanduser().resolve()
    config = path / "packnet_sfm" / "utils" / "config.py"
    if not config.is_file() or not (path / "configs" / "default_config.py").is_file():
        pytest.fail(
            f"{TRAINER_ENV}={TRAINER} is not a checkout of the trainer: {config} or "
            f"{path / 'configs' / 'default_config.py'} is missing; point it at the repository root"
        )
    return path


def _run_driver(*args: str, cwd: Path) -> Any:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WANDB_")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # never write into the trainer's checkout
    done = subprocess.run(
        [sys.executable, str(DRIVER), str(_trainer_dir()), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(autouse=True)
def _no_wandb_env(monkeypatch: pytest.MonkeyPatch) -> None:
    # the trainer's defaults read WANDB_PROJECT / WANDB_ENTITY (configs/default_config.py:273-274)
    monkeypatch.delenv("WANDB_PROJECT", raising=False)
    monkeypatch.delenv("WANDB_ENTITY", raising=False)


@functools.cache
def _composed(case: tuple[str, tuple[str, ...]]) -> depthconf.TrainConfig | str:
    name, extra = case
    try:
        return depthconf.compose(name, list(extra))
    except depthconf.ConfigError as error:
        return "; ".join(f"{v.path} ({v.code})" for v in error.violations)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Every validating case exported into one directory and loaded by one driver run."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("WANDB_PROJECT", raising=False)
        patch.delenv("WANDB_ENTITY", raising=False)
        work = tmp_path_factory.mktemp("conformance")
        files: dict[str, str] = {}
        for case in CASES:
            cfg = _composed(case)
            if isinstance(cfg, str):
                continue
            path = work / f"{_case_id(case).replace(' ', '_').replace('=', '-')}.yaml"
            path.write_text(legacy_yaml(to_legacy(cfg)), encoding="utf-8")
            files[_case_id(case)] = str(path)
        output = _run_driver("load", *files.values(), cwd=work)
    return {case: output["files"][path] for case, path in files.items()} | {
        "_names": (output["keys"], output["modes"])
    }


def _named_key(cfg: depthconf.TrainConfig) -> str:
    """depthconf's key for the checkpoint names: the monitor, else the first emitted key."""
    return monitor_key(cfg) or emitted_keys(cfg)[cfg.checkpoint.monitor_index].keys[0]


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_the_trainer_loads_the_export_with_an_emitted_monitor(
    case: tuple[str, tuple[str, ...]], loaded: dict[str, Any]
) -> None:
    cfg = _composed(case)
    if isinstance(cfg, str):
        pytest.skip(f"does not validate in depthconf: {cfg}")
    got = loaded[_case_id(case)]
    # S1, S2, S3, S9, F1d.1...: yacs merges the file and prepare_train_config accepts it
    assert got["loaded"], got["error"]
    assert got["prepared"] is False  # S8: never written prepared (config.py:235-236)
    if cfg.name:
        assert got["name"] == cfg.name
    keys, modes = loaded["_names"]
    # S8: the prepared monitor is a key the validation loop emits, named by the trainer's
    # own prefix function and metric names (logging.py:33-61, model_wrapper.py:60-62)
    prefix = got["prefixes"][got["monitor_index"]]
    assert got["monitor"] in {f"{prefix}-{k}{m}" for k in keys for m in modes}
    assert got["monitor"] == _named_key(cfg)
    template = "{epoch:02d}_{" + got["monitor"] + ":.3f}"
    assert got["filepath"] == posixpath.join(cfg.checkpoint.filepath, got["name"], template)
    keeper = got["keeper"]
    assert keeper is not None and "error" not in keeper, keeper
    # the keeper finds its metric (`assert current`, model_checkpoint.py:132-134) and names
    # a file that carries its value (C10: not the same name in every run, :109-130)
    assert keeper["current"] is not None
    assert f"{got['monitor']}=0.123" in keeper["filename"]
    resolution = resolve_monitor(cfg)
    if resolution is not None and resolution.direction is not None:
        assert keeper["mode"] == resolution.direction.value
    assert keeper["save_top_k"] == cfg.checkpoint.save_top_k
    # S9: crop borders the trainer can use on a KITTI image (misc.py:77-146), ints as pixels
    for key, borders in got["crops"].items():
        assert isinstance(borders, list), f"{key}: {borders}"


def test_at_least_every_bundled_experiment_is_checked(loaded: dict[str, Any]) -> None:
    checked = {case.split()[0] for case in loaded if case != "_names"}
    assert checked == {f"experiment={name}" for name in experiment_names()}


def test_the_legacy_defaults_are_the_trainers(tmp_path: Path) -> None:
    # F1a, F1c.5, F1d.1, S2: key for key, value for value, type for type (repr tells
    # 10 from 10.0 and () from []), in the order of configs/default_config.py
    theirs = _run_driver("defaults", cwd=tmp_path)["defaults"]
    ours = [(key, repr(value)) for key, value in flatten(legacy_defaults()).items()]
    assert [key for key, _ in ours] == [key for key, _ in theirs]
    assert dict(ours) == dict(theirs)
