"""examples/train_loop.py runs end to end: @depthconf.main + the keeper, as a user runs it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from depthconf.checkpointing import LOCK_NAME, MANIFEST_NAME
from tests.checkpointing.helpers import child_env
from tests.conftest import REPO

SCRIPT = REPO / "examples" / "train_loop.py"


def _run(
    tmp_path: Path, *overrides: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), f"hydra.run.dir={tmp_path / 'run'}", *overrides],
        cwd=tmp_path,
        env=env or child_env(),  # by default a single process: no launcher rank variable
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.mark.slow
def test_top_2_keeps_the_two_best_epochs(tmp_path: Path) -> None:
    done = _run(
        tmp_path,
        "experiment=resnet_san_ncdb",
        "arch.max_epochs=8",
        "checkpoint.save_top_k=2",
        "checkpoint.monitor=abs_rel_lin",
        "checkpoint.mode=min",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    directory = tmp_path / "run" / "checkpoints" / "resnet_san_ncdb"
    assert f"rank 0 writes checkpoints in {directory}" in done.stdout
    values = [float(v) for v in re.findall(r"value=([0-9.]+)", done.stdout)]
    assert len(values) == 8
    files = sorted(p.name for p in directory.iterdir())
    assert {MANIFEST_NAME, LOCK_NAME} <= set(files)
    kept = sorted(
        float(m[1])
        for name in files
        if (
            m := re.search(
                r"ncdb-cls-combined_val-depth_original-abs_rel_lin=([0-9.]+)\.ckpt$", name
            )
        )
    )
    assert kept == pytest.approx(sorted(values)[:2], abs=5e-4)
    assert len(files) == 4


@pytest.mark.slow
def test_an_invalid_config_never_starts_training(tmp_path: Path) -> None:
    done = _run(tmp_path, "experiment=resnet_san_ncdb", "checkpoint.save_top_k=2")
    assert done.returncode == 2
    assert "checkpoint.monitor, checkpoint.mode" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "run").exists()


@pytest.mark.slow
def test_an_unreadable_launcher_rank_stops_before_training(tmp_path: Path) -> None:
    overrides = ["experiment=resnet_san_ncdb", "checkpoint.save_top_k=-1"]
    done = _run(tmp_path, *overrides, env=child_env(RANK="0", SLURM_PROCID="zero"))
    assert done.returncode == 2, done.stdout + done.stderr
    assert "train_loop: the environment variable SLURM_PROCID='zero'" in done.stderr
    assert "Traceback" not in done.stderr
    assert "epoch 0" not in done.stdout
    assert not (tmp_path / "run" / "checkpoints").exists()
