"""The composition memo of ``make mutation`` (tests/compose_memo.py): a memoized
composition is the composition, a failure is never kept, and a conf/ edit is a new key."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from depthconf.composition import conf_dir
from tests.compose_memo import MEMO_ENV, Memo, tree_digest
from tests.conftest import REPO, cli_env


def test_a_kept_result_is_a_fresh_copy_read_back_by_another_process(tmp_path: Path) -> None:
    memo = Memo(tmp_path)
    first = memo.get_or_make("k", lambda: {"a": [1]})
    first["a"].append(2)  # the caller changes what it got
    assert memo.get_or_make("k", lambda: pytest.fail("made twice")) == {"a": [1]}
    assert Memo(tmp_path).get_or_make("k", lambda: pytest.fail("not read back")) == {"a": [1]}


def test_a_failure_is_not_kept(tmp_path: Path) -> None:
    memo = Memo(tmp_path)

    def fails() -> object:
        raise ValueError("no")

    with pytest.raises(ValueError, match="no"):
        memo.get_or_make("k", fails)
    assert memo.get_or_make("k", lambda: 3) == 3


def test_an_edit_anywhere_in_conf_is_a_new_digest(tmp_path: Path) -> None:
    copy = tmp_path / "conf"
    shutil.copytree(conf_dir(), copy)
    before = tree_digest(copy)
    assert tree_digest(copy) == before
    checkpoint = next(copy.glob("checkpoint/*.yaml"))
    checkpoint.write_text(checkpoint.read_text() + "\n# edited\n")
    assert tree_digest(copy) != before


def test_installed_it_answers_every_depthconf_composition(tmp_path: Path) -> None:
    """In a process of its own: install() patches the running depthconf for good."""
    program = (
        "import tests.conftest\n"  # installs from the environment, as the tests do
        "import depthconf\n"
        "from depthconf.composition import compose_config\n"
        "from depthconf.validation import ConfigError\n"
        "args = ['experiment=resnet_san_ncdb', 'checkpoint.period=2']\n"
        "a, b = compose_config(args), depthconf.compose_config(args)\n"
        "assert a.config == b.config and a.config is not b.config\n"
        "assert a.config.checkpoint.period == 2, a.config.checkpoint\n"
        "try:\n"
        "    compose_config(['experiment=no_such_experiment'])\n"
        "except ConfigError:\n"
        "    print('refused')\n"
    )
    env = cli_env() | {MEMO_ENV: str(tmp_path), "PYTHONPATH": f"{REPO}:{REPO / 'src'}"}
    done = subprocess.run(
        [sys.executable, "-c", program], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "refused"
    assert len(list(tmp_path.glob("*.pkl"))) == 1  # one composition, the failure not kept
