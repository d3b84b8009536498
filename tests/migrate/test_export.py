"""to_legacy / legacy_yaml: the legacy layout, prepared, proven against the real yacs."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

import depthconf
from depthconf.composition import experiment_names
from depthconf.legacy import legacy_cfgnode, legacy_key_paths, legacy_yaml, load_legacy, to_legacy
from depthconf.legacy._tree import flatten
from depthconf.metrics import checkpoint_filename, monitor_key

yacs_config = pytest.importorskip("yacs.config")

CASES = [
    *[(name, ()) for name in experiment_names()],
    ("resnet_san_ncdb_640x384", ("checkpoint=best_3",)),
    ("resnet_san_kitti", ("checkpoint=best_3", "checkpoint.monitor_index=1")),
    (
        "packnet_san_kitti",
        (
            "trainer=upstream_de53b31",
            "checkpoint=best_3",
            "checkpoint.monitor=a1",
            "checkpoint.mode=max",
        ),
    ),
    ("packnet_san_kitti", ("checkpoint.mode=min", "checkpoint.monitor=rmse_lin")),
    ("resnet_san_ncdb", ("name=", "wandb.name='123'", "model.checkpoint_path='(1, 2)'")),
]


def assert_identical(a: Any, b: Any, where: str = "") -> None:
    """Same values with the same types all the way down (a CfgNode is a mapping)."""
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        assert sorted(a) == sorted(b), where
        for key in a:
            assert_identical(a[key], b[key], f"{where}.{key}")
        return
    assert type(a) is type(b), f"{where}: {a!r} vs {b!r}"
    if isinstance(a, list | tuple):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            assert_identical(x, y, f"{where}[{i}]")
    else:
        assert a == b, f"{where}: {a!r} != {b!r}"


@pytest.fixture(autouse=True)
def _quiet_wandb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WANDB_PROJECT", raising=False)
    monkeypatch.delenv("WANDB_ENTITY", raising=False)


@pytest.mark.parametrize(("experiment", "overrides"), CASES, ids=lambda c: str(c))
def test_yacs_merges_the_export_and_holds_the_same_values(
    experiment: str, overrides: tuple[str, ...], tmp_path: Path
) -> None:
    cfg = depthconf.compose(experiment, list(overrides))
    legacy = to_legacy(cfg)
    assert set(flatten(legacy)) == legacy_key_paths()  # every legacy key, no schema-only key
    exported = tmp_path / "legacy.yaml"
    exported.write_text(legacy_yaml(legacy, header="exported"), encoding="utf-8")
    node = legacy_cfgnode()
    node.merge_from_file(str(exported))  # raises on any unknown key or type mismatch
    assert isinstance(node, yacs_config.CfgNode)
    assert_identical(legacy, node)
    # our legacy loader accepts it too, with the same (already broadcast) values
    loaded = load_legacy(exported)
    assert loaded.ok, [str(p) for p in loaded.problems]
    assert_identical(legacy, loaded.values)


def test_prepare_step_names_the_full_key_and_the_file_template() -> None:
    cfg = depthconf.compose("resnet_san_ncdb_640x384", ["checkpoint=best_3"])
    checkpoint = to_legacy(cfg)["checkpoint"]
    key = monitor_key(cfg)
    assert key == "ncdb-cls-640x384-combined_val-depth_original-abs_rel_lin"
    assert checkpoint["monitor"] == key
    assert checkpoint["mode"] == "min"
    assert (
        checkpoint["filepath"] == f"checkpoints/resnet_san_ncdb_640x384/{checkpoint_filename(cfg)}"
    )
    assert checkpoint["filepath"].endswith("/{epoch:02d}_{" + key + ":.3f}")


def test_unmonitored_export_names_no_key() -> None:
    cfg = depthconf.compose("resnet_san_ncdb")
    checkpoint = to_legacy(cfg)["checkpoint"]
    assert checkpoint["monitor"] == ""
    assert checkpoint["mode"] == "auto"
    assert checkpoint["filepath"] == "checkpoints/resnet_san_ncdb/{epoch:02d}"
    assert checkpoint["save_top_k"] == -1


def test_legacy_shapes_and_types() -> None:
    legacy = to_legacy(depthconf.compose("resnet_san_kitti"))
    assert legacy["model"]["depth_net"]["variant"] == "s"  # legacy default, ignored by ResNets
    assert legacy["model"]["loss"]["silog_ratio"] == 10
    assert type(legacy["model"]["loss"]["silog_ratio"]) is int
    assert legacy["datasets"]["augmentation"]["crop_train_borders"] == (-352.0, 0.0, 0.5, 1216.0)
    validation = legacy["datasets"]["validation"]
    assert validation["dataset"] == ["KITTI", "KITTI"]  # broadcast
    assert validation["cameras"] == [[], []]
    assert "repeat" not in validation
    assert "trainer" not in legacy and "save_last" not in legacy["checkpoint"]


def test_strings_yacs_would_evaluate_are_quoted(tmp_path: Path) -> None:
    cfg = depthconf.compose("resnet_san_ncdb", ["wandb.name='123'", "save.folder='[1]'"])
    text = legacy_yaml(to_legacy(cfg))
    assert "name: '''123'''" in text
    path = tmp_path / "legacy.yaml"
    path.write_text(text, encoding="utf-8")
    node = legacy_cfgnode()
    node.merge_from_file(str(path))
    assert node.wandb.name == "123" and node.save.folder == "[1]"


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        (["checkpoint.save_last=true"], "legacy_export_schema_only"),
        (["model.loss.silog_ratio=10.5"], "legacy_export_type"),
    ],
)
def test_values_the_legacy_trainer_cannot_hold_are_errors(overrides: list[str], code: str) -> None:
    cfg = depthconf.compose("resnet_san_ncdb", overrides)
    with pytest.raises(depthconf.ConfigError) as caught:
        depthconf.to_legacy(cfg)
    assert [v.code for v in caught.value.violations] == [code]


def test_an_invalid_config_is_not_exported() -> None:
    broken = depthconf.compose("resnet_san_ncdb")
    broken.checkpoint.save_top_k = 3  # the founding mistake, made after validation
    with pytest.raises(depthconf.ConfigError) as caught:
        to_legacy(broken)
    assert "monitor_required" in [v.code for v in caught.value.violations]
