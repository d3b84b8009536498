"""to_legacy / legacy_yaml: the trainer's layout, unprepared, proven against yacs and the
trainer's preparation (restated in ``tests/legacy/trainer_reference.py``; the real trainer
runs in ``tests/trainer/test_conformance.py`` when a checkout is available)."""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yacs.config  # noqa: F401  (a dev dependency: missing, this module fails, never skips)

import depthconf
from depthconf.checkpointing import checkpoint_filename
from depthconf.composition import experiment_names
from depthconf.legacy import (
    RUNTIME_ONLY_KEYS,
    legacy_cfgnode,
    legacy_defaults,
    legacy_key_paths,
    legacy_yaml,
    load_legacy,
    to_legacy,
)
from depthconf.legacy._tree import flatten
from depthconf.metrics import emitted_keys, monitor_key, returned_keys
from tests.legacy.trainer_reference import parse_train_config

CASES = [
    *[(name, ()) for name in experiment_names()],
    ("resnet_san_ncdb_640x384", ("checkpoint=best_3",)),
    ("resnet_san_kitti", ("checkpoint=best_3", "checkpoint.monitor_index=1")),
    ("packnet_san_kitti", ("checkpoint.mode=min", "checkpoint.monitor=rmse_lin")),
    (
        "resnet_san_ncdb",
        ("checkpoint=best_3", "checkpoint.monitor=a1_log_gt", "checkpoint.mode=max"),
    ),
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


def plain(node: Any) -> dict[str, Any]:
    """A merged yacs node as plain nested dicts."""
    return {k: plain(v) if isinstance(v, Mapping) else v for k, v in node.items()}


def _drop(tree: dict[str, Any], dotted: str) -> None:
    *parents, leaf = dotted.split(".")
    for part in parents:
        tree = tree[part]
    tree.pop(leaf, None)


def export_file(cfg: depthconf.TrainConfig, directory: Path) -> Path:
    path = directory / "legacy.yaml"
    path.write_text(legacy_yaml(to_legacy(cfg), header="exported"), encoding="utf-8")
    return path


def named_key(cfg: depthconf.TrainConfig) -> str:
    """The key checkpoints are named by: the monitor, else the first key of monitor_index."""
    key = monitor_key(cfg)
    if key is not None:
        return key
    return emitted_keys(cfg)[cfg.checkpoint.monitor_index].keys[0]


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
    # every configuration key of the trainer's defaults; never its run-time state
    # (configs/default_config.py:289-294), least of all prepared (trainer.md S8, F1a)
    assert set(flatten(legacy)) == legacy_key_paths() - RUNTIME_ONLY_KEYS
    exported = export_file(cfg, tmp_path)
    assert "prepared" not in exported.read_text(encoding="utf-8")
    node = legacy_cfgnode()
    node.merge_from_file(str(exported))  # raises on any unknown key or type mismatch
    merged = plain(node)
    for key in RUNTIME_ONLY_KEYS:
        _drop(merged, key)
    assert_identical(legacy, merged)
    # our legacy loader accepts it too, with the same (already broadcast) values
    loaded = load_legacy(exported)
    assert loaded.ok, [str(p) for p in loaded.problems]
    values = dict(loaded.values)
    for key in RUNTIME_ONLY_KEYS:
        _drop(values, key)
    assert_identical(legacy, values)


@pytest.mark.parametrize(("experiment", "overrides"), CASES, ids=lambda c: str(c))
def test_the_trainers_preparation_names_the_emitted_key(
    experiment: str, overrides: tuple[str, ...], tmp_path: Path
) -> None:
    # S8: the export is unprepared, and the trainer's own prepare_train_config
    # (packnet_sfm/utils/config.py:220-255; set_checkpoint :87-96) turns the short monitor
    # into the key validation emits and the directory into the file-name template.
    cfg = depthconf.compose(experiment, list(overrides))
    prepared = parse_train_config(export_file(cfg, tmp_path))
    key = named_key(cfg)
    assert prepared.checkpoint.monitor == key
    assert key in returned_keys(cfg)
    template = "{epoch:02d}_{" + key + ":.3f}"
    assert prepared.checkpoint.filepath == posixpath.join(
        cfg.checkpoint.filepath, prepared.name, template
    )
    if cfg.name:
        assert prepared.name == cfg.name
    if monitor_key(cfg) is not None:
        assert template == checkpoint_filename(cfg)


def test_s8_export_is_unprepared_and_prepares_once() -> None:
    # S8: a prepared export (full key, templated path) without prepared: true was prepared a
    # second time by the trainer (packnet_sfm/utils/config.py:235-236 not skipped, :87-96):
    # 'ncdb-...-ncdb-...-abs_rel_lin', never emitted. The export is now the short form.
    cfg = depthconf.compose("resnet_san_ncdb_640x384", ["checkpoint=best_3"])
    checkpoint = to_legacy(cfg)["checkpoint"]
    assert checkpoint["monitor"] == "abs_rel_lin"
    assert checkpoint["mode"] == "min"
    assert checkpoint["filepath"] == "checkpoints"
    assert checkpoint["save_top_k"] == 3
    assert monitor_key(cfg) == "ncdb-cls-640x384-combined_val-depth_original-abs_rel_lin"


def test_a_full_key_monitor_is_exported_short() -> None:
    # set_checkpoint always prepends the prefix (packnet_sfm/utils/config.py:89-92)
    key = "ncdb-cls-combined_val-depth_original-rmse_lin"
    cfg = depthconf.compose(
        "resnet_san_ncdb", ["checkpoint=best_3", f"checkpoint.monitor={key}", "checkpoint.mode=min"]
    )
    assert to_legacy(cfg)["checkpoint"]["monitor"] == "rmse_lin"


def test_unmonitored_export_monitors_an_emitted_key() -> None:
    # C10 (packnet_sfm/models/model_checkpoint.py:109-130): the trainer names files after the
    # monitor even with save_top_k -1 (config.py:94-96); a key it never emits is filled with
    # 0, so a fixed run name gives the same file name in every run and a relaunch loops
    # forever. Unmonitored, the export names files by the first emitted key, with its
    # direction as mode; with save_top_k -1 nothing is ranked by it (model_checkpoint.py:137).
    cfg = depthconf.compose("resnet_san_ncdb")
    assert cfg.checkpoint.monitor is None and cfg.checkpoint.save_top_k == -1
    checkpoint = to_legacy(cfg)["checkpoint"]
    assert checkpoint["monitor"] == "abs_rel_lin"
    assert checkpoint["mode"] == "min"
    assert checkpoint["filepath"] == "checkpoints"
    assert checkpoint["save_top_k"] == -1


def test_unmonitored_export_on_a_shadowed_dataset_takes_the_direction_of_the_key() -> None:
    # F3b: resnet_san_kitti's two validation datasets share a prefix; the key is the same
    cfg = depthconf.compose("resnet_san_kitti")
    assert emitted_keys(cfg)[0].shadowed_by == 1
    checkpoint = to_legacy(cfg)["checkpoint"]
    assert (checkpoint["monitor"], checkpoint["mode"], checkpoint["monitor_index"]) == (
        "abs_rel_lin",
        "min",
        0,
    )


def test_without_filepath_no_monitor_is_needed() -> None:
    # scripts/core/train.py:66-67 builds no keeper; set_checkpoint only clears s3_path
    cfg = depthconf.compose("resnet_san_ncdb", ["checkpoint.filepath="])
    checkpoint = to_legacy(cfg)["checkpoint"]
    assert checkpoint["filepath"] == ""
    assert checkpoint["monitor"] == "abs_rel_lin"  # still the emitted key of dataset 0


def test_a_checkpoint_without_validation_is_refused_before_export() -> None:
    # S5 (packnet_sfm/utils/config.py:243-245) is a launch error of the validator itself.
    empty = ["datasets.validation.dataset=[]", "datasets.validation.path=[]"]
    with pytest.raises(depthconf.ConfigError) as caught:
        depthconf.compose("packnet_san_kitti", [*empty, "datasets.validation.split=[]"])
    assert [v.code for v in caught.value.violations] == ["checkpoint_without_validation"]


@pytest.mark.parametrize(
    ("overrides", "fix"),
    [
        # a KITTI validation dataset without depth_type emits no metric
        # (packnet_sfm/utils/reduce.py:143-150 gets nothing to name)
        (["datasets.validation.depth_type=['']"], "add a validation dataset with ground truth"),
    ],
)
def test_a_checkpoint_no_emitted_key_can_name_is_refused(overrides: list[str], fix: str) -> None:
    cfg = depthconf.compose("packnet_san_kitti", overrides)
    assert cfg.checkpoint.filepath  # a keeper would be built (scripts/core/train.py:66-67)
    with pytest.raises(depthconf.ConfigError) as caught:
        to_legacy(cfg)
    (violation,) = caught.value.violations
    assert violation.code == "legacy_export_unnamed_checkpoint"
    assert violation.path == "checkpoint.filepath, checkpoint.monitor_index"
    assert fix in violation.fix and "checkpoint.filepath=''" in violation.fix
    assert "config.py:89-96" in violation.rule


def test_refusal_points_at_a_dataset_with_ground_truth() -> None:
    cfg = depthconf.compose(
        "resnet_san_kitti", ["datasets.validation.depth_type=['',groundtruth]", "name=x"]
    )
    with pytest.raises(depthconf.ConfigError) as caught:
        to_legacy(cfg)
    (violation,) = caught.value.violations
    assert violation.fix.startswith("checkpoint.monitor_index=1")
    fixed = dataclasses.replace(
        cfg, checkpoint=dataclasses.replace(cfg.checkpoint, monitor_index=1)
    )
    assert to_legacy(fixed)["checkpoint"]["monitor_index"] == 1


def test_s9_crop_borders_keep_ints_and_floats(tmp_path: Path) -> None:
    # S9: the trainer reads an int border as pixels and a float as a fraction
    # (packnet_sfm/utils/misc.py:106-123); -352.0 would be a fraction: AssertionError
    # 'Crop borders ... are invalid' (misc.py:143-144) at the first step.
    borders = "[-352,0,0.5,1216]"
    cfg = depthconf.compose(
        "resnet_san_kitti",
        [
            f"datasets.augmentation.crop_train_borders={borders}",
            f"datasets.augmentation.crop_eval_borders={borders}",
        ],
    )
    augmentation = to_legacy(cfg)["datasets"]["augmentation"]
    for key in ("crop_train_borders", "crop_eval_borders"):
        assert_identical(augmentation[key], (-352, 0, 0.5, 1216), key)
    text = export_file(cfg, tmp_path).read_text(encoding="utf-8")
    assert "crop_train_borders: [-352, 0, 0.5, 1216]" in text
    node = parse_train_config(tmp_path / "legacy.yaml")
    assert_identical(node.datasets.augmentation.crop_eval_borders, (-352, 0, 0.5, 1216))


def test_s2_float_keys_are_written_as_floats(tmp_path: Path) -> None:
    # S2: yacs refuses an int where the trainer's default is a float
    # (packnet_sfm/utils/config.py:117: 'Type mismatch (float vs int)'); ints given on the
    # command line reach the export as floats, for every float key of the defaults.
    cfg = depthconf.compose(
        "resnet_san_ncdb",
        ["model.params.max_depth=100", "model.optimizer.depth.lr=1", "arch.clip_grad=1"],
    )
    legacy = flatten(to_legacy(cfg))
    floats = [k for k, v in flatten(legacy_defaults()).items() if type(v) is float]
    assert len(floats) > 40
    for key in floats:
        if key not in RUNTIME_ONLY_KEYS:
            assert type(legacy[key]) is float, (key, legacy[key])
    text = export_file(cfg, tmp_path).read_text(encoding="utf-8")
    assert "max_depth: 100.0" in text and "lr: 1.0" in text and "clip_grad: 1.0" in text
    node = legacy_cfgnode()
    node.merge_from_file(str(tmp_path / "legacy.yaml"))  # no type mismatch
    assert node.model.params.max_depth == 100.0


def test_legacy_shapes_and_types() -> None:
    legacy = to_legacy(depthconf.compose("resnet_san_kitti"))
    assert legacy["model"]["depth_net"]["variant"] == "s"  # legacy default, ignored by ResNets
    assert legacy["model"]["loss"]["silog_ratio"] == 10
    assert type(legacy["model"]["loss"]["silog_ratio"]) is int  # default_config.py:63
    validation = legacy["datasets"]["validation"]
    assert validation["dataset"] == ["KITTI", "KITTI"]  # broadcast
    assert validation["cameras"] == [[], []]
    assert "repeat" not in validation
    assert "trainer" not in legacy and "save_last" not in legacy["checkpoint"]
    assert not {"config", "default", "prepared"} & set(legacy)


def test_strings_yacs_would_evaluate_are_quoted(tmp_path: Path) -> None:
    cfg = depthconf.compose("resnet_san_ncdb", ["wandb.name='123'", "save.folder='[1]'"])
    text = legacy_yaml(to_legacy(cfg))
    assert "name: '''123'''" in text
    path = tmp_path / "legacy.yaml"
    path.write_text(text, encoding="utf-8")
    node = legacy_cfgnode()
    node.merge_from_file(str(path))
    assert node.wandb.name == "123" and node.save.folder == "[1]"


def test_values_the_legacy_trainer_cannot_hold_are_errors() -> None:
    cfg = depthconf.compose("resnet_san_ncdb", ["checkpoint.save_last=true"])
    with pytest.raises(depthconf.ConfigError) as caught:
        depthconf.to_legacy(cfg)
    assert [v.code for v in caught.value.violations] == ["legacy_export_schema_only"]


def test_an_invalid_config_is_not_exported() -> None:
    broken = depthconf.compose("resnet_san_ncdb")
    broken.checkpoint.save_top_k = 3  # the founding mistake, made after validation
    with pytest.raises(depthconf.ConfigError) as caught:
        to_legacy(broken)
    assert "monitor_required" in [v.code for v in caught.value.violations]


def test_f1c5_tuple_defaults_are_written_as_lists_and_merged_as_tuples(tmp_path: Path) -> None:
    # F1c.5: the trainer's defaults for these keys are tuples (configs/default_config.py:81,
    # :161-164); yacs converts a YAML list to the default's tuple (packnet_sfm/utils/config.py
    # :117), so only the element types matter (S9)
    cfg = depthconf.compose(
        "resnet_san_ncdb_640x384", ["datasets.augmentation.crop_eval_borders=[23,26]"]
    )
    keys = {
        "model.depth_net.force_output_shape": (),
        "datasets.augmentation.image_shape": (384, 640),
        "datasets.augmentation.jittering": (0.2, 0.2, 0.2, 0.05),
        "datasets.augmentation.crop_train_borders": (),
        "datasets.augmentation.crop_eval_borders": (23, 26),
    }
    legacy = flatten(to_legacy(cfg))
    node = flatten(plain(parse_train_config(export_file(cfg, tmp_path))))
    for key, value in keys.items():
        assert_identical(legacy[key], value, key)
        assert_identical(node[key], value, key)


def test_export_is_for_the_fork_only() -> None:
    # Upstream's configs/default_config.py lacks most of the fork's keys, and yacs
    # refuses a key its defaults lack (packnet_sfm/utils/config.py:117).
    cfg = depthconf.compose("packnet_san_kitti", ["trainer=upstream_de53b31"])
    with pytest.raises(depthconf.ConfigError) as error:
        to_legacy(cfg)
    assert error.value.violations[0].code == "legacy_export_profile"
    assert error.value.violations[0].fix == "trainer=fork_208e293"
