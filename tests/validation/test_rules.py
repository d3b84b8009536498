"""Every rule of the schema, each with a passing and a failing case."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from depthconf.validation import check

Mutation = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Mutation:
    def mutate(cfg: dict[str, Any]) -> None:
        *parents, leaf = path.split(".")
        node = cfg
        for part in parents:
            node = node[part]
        node[leaf] = value

    return mutate


def _all(*mutations: Mutation) -> Mutation:
    def mutate(cfg: dict[str, Any]) -> None:
        for m in mutations:
            m(cfg)

    return mutate


TOP3 = _all(
    _set("checkpoint.save_top_k", 3),
    _set("checkpoint.monitor", "abs_rel_lin"),
    _set("checkpoint.mode", "min"),
)

# (rule, passing mutation, failing mutation, error code, path of the failure)
CASES: list[tuple[str, Mutation, Mutation, str, str]] = [
    (
        "save_top_k -1 keeps all",
        _set("checkpoint.save_top_k", -1),
        _set("checkpoint.save_top_k", 0),
        "save_top_k_zero",
        "checkpoint.save_top_k",
    ),
    (
        "save_top_k below -1",
        TOP3,
        _set("checkpoint.save_top_k", -2),
        "save_top_k_range",
        "checkpoint.save_top_k",
    ),
    (
        "top-k needs monitor and mode",
        TOP3,
        _set("checkpoint.save_top_k", 3),
        "monitor_required",
        "checkpoint.monitor, checkpoint.mode",
    ),
    (
        "top-k needs mode too",
        TOP3,
        _all(_set("checkpoint.save_top_k", 3), _set("checkpoint.monitor", "abs_rel_lin")),
        "monitor_required",
        "checkpoint.monitor, checkpoint.mode",
    ),
    (
        "a monitor needs a mode even when keeping all",
        _all(_set("checkpoint.monitor", "abs_rel_lin"), _set("checkpoint.mode", "min")),
        _set("checkpoint.monitor", "abs_rel_lin"),
        "mode_required",
        "checkpoint.mode",
    ),
    (
        "period >= 1",
        _set("checkpoint.period", 2),
        _set("checkpoint.period", 0),
        "greater_than_equal",
        "checkpoint.period",
    ),
    (
        "monitor_index >= 0",
        _set("checkpoint.monitor_index", 0),
        _set("checkpoint.monitor_index", -1),
        "greater_than_equal",
        "checkpoint.monitor_index",
    ),
    (
        "monitor_index below dataset count",
        _set("checkpoint.monitor_index", 0),
        _set("checkpoint.monitor_index", 1),
        "monitor_index_range",
        "checkpoint.monitor_index",
    ),
    (
        "broadcast lengths",
        _all(
            _set("datasets.validation.depth_type", ["depth", "distance"]),
            _set("datasets.validation.mask_file", ["binary_mask.png"] * 2),  # not broadcast
            _set("datasets.validation.use_mask", [True, True]),
        ),
        _set("datasets.validation.input_depth_type", ["", ""]),
        "broadcast_length",
        "datasets.validation.input_depth_type",
    ),
    (
        "dataset needs a path",
        _set("datasets.train.path", ["/data/x"]),
        _set("datasets.train.path", [""]),
        "empty_path",
        "datasets.train.path[0]",
    ),
    (
        "listed dataset needs any path",
        _set("datasets.test.path", ["/data/x"]),
        _set("datasets.test.path", []),
        "broadcast_length",
        "datasets.test.path",
    ),
    (
        "dataset kinds",
        _set("datasets.train.dataset", ["DGP"]),
        _set("datasets.train.dataset", ["NCDB"]),
        "unknown_choice",
        "datasets.train.dataset[0]",
    ),
    (
        "depth net names",
        _set("model.depth_net.name", "ResNetSAN01"),
        _set("model.depth_net.name", "ResNetSan01"),
        "unknown_choice",
        "model.depth_net.name",
    ),
    (
        "model names",
        _set("model.name", "SemiSupCompletionModel"),
        _set("model.name", "SupModel"),
        "unknown_choice",
        "model.name",
    ),
    (
        "resnet version",
        _set("model.depth_net.version", "50A"),
        _set("model.depth_net.version", "1A"),
        "network_version",
        "model.depth_net.version",
    ),
    (
        "packnet version",
        _all(_set("model.depth_net.name", "PackNetSAN01"), _set("model.depth_net.version", "1A")),
        _all(_set("model.depth_net.name", "PackNetSAN01"), _set("model.depth_net.version", "18A")),
        "network_version",
        "model.depth_net.version",
    ),
    (
        "yolo takes no version",
        _all(
            _set("model.depth_net.name", "YOLOv8SAN01"),
            _set("model.depth_net.version", ""),
            _set("model.depth_net.variant", "m"),
        ),
        _all(_set("model.depth_net.name", "YOLOv8SAN01"), _set("model.depth_net.variant", "m")),
        "network_version",
        "model.depth_net.version",
    ),
    (
        "dual head only on ResNetSAN01",
        _set("model.depth_net.use_dual_head", True),
        _all(
            _set("model.depth_net.use_dual_head", True), _set("model.depth_net.name", "DepthResNet")
        ),
        "dual_head_network",
        "model.depth_net.use_dual_head",
    ),
    (
        "yolo variants",
        _all(
            _set("model.depth_net.name", "YOLOv8SAN01"),
            _set("model.depth_net.version", ""),
            _set("model.depth_net.variant", "x"),
        ),
        _all(
            _set("model.depth_net.name", "YOLOv8SAN01"),
            _set("model.depth_net.version", ""),
            _set("model.depth_net.variant", "xl"),
        ),
        "unknown_choice",
        "model.depth_net.variant",
    ),
    (
        "variant only for yolo",
        _set("model.depth_net.variant", None),
        _set("model.depth_net.variant", "s"),
        "variant_network",
        "model.depth_net.variant",
    ),
    (
        "depth range",
        _set("model.params.min_depth", 0.0),
        _set("model.params.min_depth", 100.0),
        "depth_range",
        "model.params.min_depth, model.params.max_depth",
    ),
    (
        "depth range non-negative",
        _set("model.params.min_depth", 0.5),
        _set("model.params.min_depth", -0.1),
        "depth_range",
        "model.params.min_depth",
    ),
    (
        "learning rate > 0",
        _set("model.optimizer.depth.lr", 1e-3),
        _set("model.optimizer.depth.lr", 0.0),
        "lr",
        "model.optimizer.depth.lr",
    ),
    (
        "pose learning rate > 0",
        _set("model.optimizer.pose.lr", 1e-3),
        # The pose group exists only with a pose network (weight below 1.0).
        _all(
            _set("model.optimizer.pose.lr", -1e-3),
            _set("model.loss.supervised_loss_weight", 0.9),
            _set("model.pose_net.name", "PoseResNet"),
            _set("model.pose_net.version", "18pt"),
        ),
        "lr",
        "model.optimizer.pose.lr",
    ),
    (
        "weight decay >= 0",
        _set("model.optimizer.depth.weight_decay", 0.01),
        _set("model.optimizer.depth.weight_decay", -0.01),
        "weight_decay",
        "model.optimizer.depth.weight_decay",
    ),
    (
        "StepLR step_size",
        _set("model.scheduler.step_size", 1),
        _set("model.scheduler.step_size", 0),
        "step_size",
        "model.scheduler.step_size",
    ),
    (
        "StepLR gamma",
        _set("model.scheduler.gamma", 1.5),  # a growing rate is what torch defines (O9)
        _set("model.scheduler.gamma", -0.5),
        "gamma",
        "model.scheduler.gamma",
    ),
    (
        "StepLR gamma positive",
        _set("model.scheduler.gamma", 0.1),
        _set("model.scheduler.gamma", 0.0),
        "gamma",
        "model.scheduler.gamma",
    ),
    (
        "CosineAnnealingLR T_max",
        _all(_set("model.scheduler.name", "CosineAnnealingLR"), _set("model.scheduler.T_max", 1)),
        _all(_set("model.scheduler.name", "CosineAnnealingLR"), _set("model.scheduler.T_max", 0)),
        "T_max",
        "model.scheduler.T_max",
    ),
    (
        "scheduler names",
        _set("model.scheduler.name", "ExponentialLR"),
        _set("model.scheduler.name", "StepLr"),
        "unknown_choice",
        "model.scheduler.name",
    ),
    (
        "optimizer names",
        _set("model.optimizer.name", "AdamW"),
        _set("model.optimizer.name", "Adamw"),
        "unknown_choice",
        "model.optimizer.name",
    ),
    (
        "supervised methods",
        _set("model.loss.supervised_method", "berhu"),
        _set("model.loss.supervised_method", "sparse-silog2"),
        "unknown_choice",
        "model.loss.supervised_method",
    ),
    (
        "wandb destination",
        _all(_set("wandb.dry_run", True), _set("wandb.entity", "team")),
        _all(_set("wandb.dry_run", False), _set("wandb.entity", "team")),
        "wandb_destination",
        "wandb.project",
    ),
    (
        "image_shape",
        _set("datasets.augmentation.image_shape", [384, 640]),
        _set("datasets.augmentation.image_shape", [384]),
        "image_shape",
        "datasets.augmentation.image_shape",
    ),
    (
        "image_shape positive",
        _set("datasets.augmentation.image_shape", []),
        _set("datasets.augmentation.image_shape", [0, 640]),
        "image_shape",
        "datasets.augmentation.image_shape",
    ),
    (
        "crop borders",
        _set("datasets.augmentation.crop_train_borders", [-352, 0, 0.5, 1216]),
        _set("datasets.augmentation.crop_eval_borders", [1, 2, 3]),
        "crop_borders",
        "datasets.augmentation.crop_eval_borders",
    ),
    (
        "unknown keys",
        _set("checkpoint.monitor", None),
        _set("checkpoint.save_topk", 3),
        "unknown_key",
        "checkpoint.save_topk",
    ),
]


@pytest.mark.parametrize(("name", "good", "bad", "code", "path"), CASES, ids=[c[0] for c in CASES])
def test_rule(
    ncdb: dict[str, Any], name: str, good: Mutation, bad: Mutation, code: str, path: str
) -> None:
    passing = __import__("copy").deepcopy(ncdb)
    good(passing)
    report = check(passing)
    assert report.ok, [v.render() for v in report.errors]

    bad(ncdb)
    report = check(ncdb)
    assert not report.ok
    found = {(v.code, v.path) for v in report.errors}
    assert (code, path) in found, [v.render() for v in report.errors]
    violation = next(v for v in report.errors if v.code == code)
    assert violation.rule and violation.fix and violation.value


def test_all_violations_are_reported_together(ncdb: dict[str, Any]) -> None:
    _set("checkpoint.save_top_k", 3)(ncdb)
    _set("model.optimizer.depth.lr", -1.0)(ncdb)
    _set("wandb.dry_run", False)(ncdb)
    _set("datasets.augmentation.image_shape", [1])(ncdb)
    _set("arch.max_epochs", 0)(ncdb)  # a field error in another section
    codes = {v.code for v in check(ncdb).errors}
    assert {"monitor_required", "lr", "wandb_destination", "image_shape"} <= codes
    assert "greater_than_equal" in codes


def test_field_error_in_a_section_skips_only_rules_that_read_it(ncdb: dict[str, Any]) -> None:
    _set("checkpoint.period", 0)(ncdb)
    _set("checkpoint.save_top_k", 3)(ncdb)
    _set("model.scheduler.gamma", 0.0)(ncdb)
    codes = {v.code for v in check(ncdb).errors}
    # the top-k rule reads save_top_k, monitor and mode, not period: it is still reported
    assert codes == {"greater_than_equal", "gamma", "monitor_required"}
    _set("checkpoint.mode", "sideways")(ncdb)
    codes = {v.code for v in check(ncdb).errors}
    assert "monitor_required" not in codes  # it reads mode, which is broken now


def test_zero_message_explains_both_readings(ncdb: dict[str, Any]) -> None:
    _set("checkpoint.save_top_k", 0)(ncdb)
    (violation,) = check(ncdb).errors
    assert "legacy" in violation.rule and "Lightning" in violation.rule
    assert "checkpoint.save_top_k=-1" in violation.fix and "filepath" in violation.fix


def test_broadcasting_derives_count_from_split_cameras_depth_type(ncdb: dict[str, Any]) -> None:
    _set("datasets.validation.depth_type", ["depth", "distance"])(ncdb)
    # mask_file and use_mask are read per dataset, not broadcast (trainer.md D6, D7)
    _set("datasets.validation.mask_file", ["binary_mask.png"] * 2)(ncdb)
    _set("datasets.validation.use_mask", [True, True])(ncdb)
    report = check(ncdb)
    assert report.config is not None
    entries = report.config.datasets.validation.entries()
    assert [e.depth_type for e in entries] == ["depth", "distance"]
    assert [e.path for e in entries] == ["/workspace/data/ncdb-cls"] * 2


def test_broadcast_error_names_lists_and_lengths(ncdb: dict[str, Any]) -> None:
    _set("datasets.validation.split", ["a.json", "b.json", "c.json"])(ncdb)
    _set("datasets.validation.path", ["/x", "/y"])(ncdb)
    (violation,) = check(ncdb).errors
    assert violation.path == "datasets.validation.path"
    assert "split=3" in violation.rule and "has 2" in violation.rule


def test_translate_survives_a_cyclic_exception_chain() -> None:
    from depthconf.composition import translate

    first, second = ValueError("first"), KeyError("second")
    first.__context__, second.__context__ = second, first
    assert translate(first, ()).rule == "first"
