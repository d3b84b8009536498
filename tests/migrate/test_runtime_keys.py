"""F1a: the trainer's run-time keys in a legacy file are accepted, dropped, and explained.

configs/default_config.py:289-294 defines ``config``, ``default``, ``prepared``,
``wandb.url``, ``checkpoint.s3_url`` and ``save.pretrained``; yacs merges all six from a
YAML. They are run-time state (trainer.md 3a), so migrate drops each one the file sets
with a warning, and never carries ``prepared: true`` over: it would skip the trainer's
preparation (packnet_sfm/utils/config.py:235-236) and every ``checkpoint_path`` load
(packnet_sfm/models/model_wrapper.py:951, :967, :1009).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from depthconf.legacy import RUNTIME_ONLY_KEYS, load_legacy, migrate
from depthconf.legacy._hints import UPSTREAM_ONLY_KEYS, unknown_key_fix
from tests.migrate.trainer_files import Y0

RUNTIME = """\
prepared: True
config: x.yaml
default: configs/default_config
save: {pretrained: a.ckpt}
wandb: {url: 'http://x'}
checkpoint: {s3_url: 's3://x'}
"""

#: where the trainer sets each key (the citation every warning must carry)
WHERE = {
    "config": "packnet_sfm/utils/config.py:118",
    "default": "packnet_sfm/utils/config.py:111",
    "prepared": "packnet_sfm/utils/config.py:235-236",
    "wandb.url": "packnet_sfm/trainers/horovod_trainer.py:56",
    "checkpoint.s3_url": "packnet_sfm/utils/config.py:99",
    "save.pretrained": "packnet_sfm/utils/config.py:330",
}

Write = Callable[[str, str], Path]


def test_the_loader_accepts_all_six(legacy_file: Write) -> None:
    # F1a: yacs merges them (configs/default_config.py:289-294); no legacy problem
    cfg = load_legacy(legacy_file("train_y0.yaml", Y0 + RUNTIME))
    assert cfg.ok, [str(p) for p in cfg.problems]
    assert cfg.get("prepared") is True and cfg.get("save.pretrained") == "a.ckpt"
    assert cfg.explicit >= RUNTIME_ONLY_KEYS


def test_migrate_drops_them_with_a_warning_each(legacy_file: Write) -> None:
    # F1a (configs/default_config.py:289-294; their uses: trainer.md 3a)
    result = migrate(legacy_file("train_y0.yaml", Y0 + RUNTIME))
    assert result.ok, [v.render() for v in result.errors]
    found = {w.path: w for w in result.warnings if w.code == "legacy_runtime_key"}
    assert set(found) == RUNTIME_ONLY_KEYS
    for key, where in WHERE.items():
        assert "run-time state, not configuration" in found[key].rule
        assert where in found[key].rule, key
        assert "migrate drops it" in found[key].rule
    assert result.text is not None and result.composed is not None
    written = [line for line in result.text.splitlines() if not line.startswith("#")]
    assert not any(
        line.lstrip().startswith(("prepared", "pretrained", "s3_url")) for line in written
    )
    assert "# not migrated (run-time state of the trainer, see the warning): prepared: True" in (
        result.text
    )
    assert "prepared" not in result.composed and "pretrained" not in result.composed["save"]


def test_prepared_true_is_never_carried_over(legacy_file: Write) -> None:
    # prepared skips preparation (packnet_sfm/utils/config.py:235-236) and the checkpoint_path
    # loads (packnet_sfm/models/model_wrapper.py:951, :967, :1009): the warning says so
    text = Y0 + "prepared: True\n"
    text = text.replace(
        "    name: SemiSupCompletionModel\n",
        "    name: SemiSupCompletionModel\n    checkpoint_path: /ckpt/pretrained.ckpt\n",
    )
    result = migrate(legacy_file("train_y0.yaml", text))
    assert result.ok, [v.render() for v in result.errors]
    (warning,) = result.warnings
    assert warning.path == "prepared" and warning.value == "True"
    assert "model.checkpoint_path" in warning.rule
    assert "model_wrapper.py:951, :967, :1009" in warning.rule
    assert "prepared like any other and loads its checkpoint paths" in warning.rule
    assert warning.fix.startswith("remove prepared")
    assert result.config is not None
    assert result.config.model.checkpoint_path == "/ckpt/pretrained.ckpt"


@pytest.mark.parametrize("key", sorted(RUNTIME_ONLY_KEYS))
def test_no_upstream_only_hint_for_runtime_keys(key: str) -> None:
    # the old hint called them "set by the upstream trainer, not a field of the team's
    # defaults", which is false for the fork (configs/default_config.py:289-294)
    assert key not in UPSTREAM_ONLY_KEYS
    parent, _, leaf = key.rpartition(".")
    assert "upstream" not in unknown_key_fix(parent, leaf, [])


def test_a_wrong_type_is_still_a_legacy_problem(legacy_file: Write) -> None:
    # yacs type-checks them like any key (packnet_sfm/utils/config.py:117): bool default
    cfg = load_legacy(legacy_file("train_y0.yaml", Y0 + "prepared: 1\n"))
    assert [(p.code.value, p.path) for p in cfg.problems] == [("legacy_wrong_type", "prepared")]
