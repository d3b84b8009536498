"""Shared fixtures: a valid base config, a private conf/ copy, and the CLI run as a real
subprocess."""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import depthconf
from depthconf.composition import CONF_DIR_ENV, conf_dir
from depthconf.schema import to_dict
from tests.compose_memo import install_from_environment

install_from_environment()  # make mutation only: see tests/compose_memo.py

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"


@dataclass(frozen=True)
class CliResult:
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def cli_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    env.pop("HYDRA_FULL_ERROR", None)
    return env


def run_cli(*args: str, cwd: Path | None = None, timeout: float = 120) -> CliResult:
    """``depthconf ARGS...`` in a fresh interpreter, exactly as a user runs it."""
    done = subprocess.run(
        [sys.executable, "-m", "depthconf", *args],
        cwd=cwd or REPO,
        env=cli_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return CliResult(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def cli(tmp_path: Path) -> Callable[..., CliResult]:
    def call(*args: str) -> CliResult:
        return run_cli(*args, cwd=tmp_path)

    return call


def copy_conf(parent: Path) -> Path:
    """A private copy of the conf/ directory, as ``parent/conf``."""
    copy = parent / "conf"
    shutil.copytree(conf_dir(), copy)
    return copy


@pytest.fixture
def conf_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of conf/, selected through DEPTHCONF_CONF_DIR (also for subprocesses)."""
    copy = copy_conf(tmp_path)
    monkeypatch.setenv(CONF_DIR_ENV, str(copy))
    return copy


_BASE: dict[str, Any] = {}


@pytest.fixture
def ncdb() -> dict[str, Any]:
    """A fresh plain-data copy of the valid resnet_san_ncdb config, to break on purpose."""
    if not _BASE:
        _BASE.update(to_dict(depthconf.compose("resnet_san_ncdb")))
    return copy.deepcopy(_BASE)


def assert_no_traceback(result: CliResult) -> None:
    assert "Traceback" not in result.output, result.output
