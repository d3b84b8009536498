"""Fidelity: the legacy loader and the composed migrated experiment agree, field by field.

For every readable fixture, every legacy key is compared after broadcasting
(legacy: ``load_legacy``'s values; depthconf: the composed experiment, split rows
from ``SplitConfig.entries()``). Tuples and lists compare alike, as do ``80`` and
``80.0``; bools and strings compare strictly. The only differences allowed are the
documented intentional changes below, each with the exact condition under which
it applies.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from depthconf.legacy import (
    RUNTIME_ONLY_KEYS,
    SPLITS,
    LegacyConfig,
    MigrationResult,
    legacy_key_paths,
)
from depthconf.schema import (
    BroadcastError,
    TestSplitConfig,
    TrainSplitConfig,
    ValidationSplitConfig,
)
from depthconf.schema._vocabulary import YOLO_NETS
from tests.migrate.conftest import codes, expected_rows

READABLE = [e.name for e in expected_rows() if e.status != "unreadable"]
_SPLIT_TYPES = {
    "train": TrainSplitConfig,
    "validation": ValidationSplitConfig,
    "test": TestSplitConfig,
}

Rule = Callable[[LegacyConfig, MigrationResult, Any, Any], bool]

#: The documented intentional differences (README "Intentional changes from the legacy
#: defaults", and the migration decisions): key -> (why, when it applies).
INTENTIONAL: dict[str, tuple[str, Rule]] = {
    "name": (
        "legacy '' means 'generated at run time from the file name'; the experiment names "
        "the run after itself. A legacy null is kept as None by yacs and the trainer "
        "(packnet_sfm/utils/config.py:62-63), which then fails joining it into the "
        "checkpoint path (:94-96): the experiment's own name is what the run needs",
        lambda lg, res, old, new: old in ("", None) and new == res.name,
    ),
    "checkpoint.monitor": (
        "the legacy default monitor 'loss' (never emitted) is gone: no default monitor",
        lambda lg, res, old, new: (
            not lg.is_explicit("checkpoint.monitor") and old == "loss" and new is None
        ),
    ),
    "checkpoint.mode": (
        "the legacy default 'auto' is gone; an explicit 'auto' is an error, not migrated",
        lambda lg, res, old, new: (
            old == "auto"
            and new is None
            and (not lg.is_explicit("checkpoint.mode") or "legacy_mode_auto" in codes(res))
        ),
    ),
    "checkpoint.save_top_k": (
        "the legacy default 5 without checkpoint.filepath (no checkpoints) becomes -1",
        lambda lg, res, old, new: (
            not lg.is_explicit("checkpoint.save_top_k")
            # '' writes no checkpoint; a filepath the schema cannot hold (null) is not
            # migrated, is an error of its own, and leaves the migrated config at ''
            and (
                lg.get("checkpoint.filepath") == ""
                or any(n.key == "checkpoint.filepath" for n in res.not_migrated)
            )
            and old == 5
            and new == -1
        ),
    ),
    "model.depth_net.variant": (
        "the legacy default 's' means nothing for a network other than YOLOv8SAN01: unset",
        lambda lg, res, old, new: (
            lg.get("model.depth_net.name") not in YOLO_NETS and old == "s" and new is None
        ),
    ),
}


def alike(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b or (math.isnan(a) and math.isnan(b))
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(alike(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def _get(tree: Mapping[str, Any], key: str) -> Any:
    node: Any = tree
    for part in key.split("."):
        node = node[part]
    return node


def broadcast_columns(composed: Mapping[str, Any], split: str) -> dict[str, Any]:
    """The split's lists after the trainer's broadcasting, through the schema's own rows."""
    plain = dict(composed["datasets"][split])
    try:
        section = TypeAdapter(_SPLIT_TYPES[split]).validate_python(plain)
        entries = section.entries()
    except (BroadcastError, ValidationError):  # the split refuses lists it cannot broadcast
        return plain  # not broadcastable: compare as written (the validator reports it)
    if not entries:
        return plain
    columns = {key: [getattr(e, key) for e in entries] for key in section.BROADCAST_FIELDS}
    columns["cameras"] = [list(c) for c in columns["cameras"]]
    return {**plain, **columns}


def differences(result: MigrationResult) -> dict[str, tuple[Any, Any]]:
    legacy, composed = result.legacy, result.composed
    assert legacy is not None and composed is not None
    view = {**composed, "datasets": {**composed["datasets"]}}
    for split in SPLITS:
        view["datasets"][split] = broadcast_columns(composed, split)
    diff = {}
    # the trainer's run-time keys are state, never migrated (F1a: tests/migrate/test_runtime_keys)
    for key in sorted(legacy_key_paths() - RUNTIME_ONLY_KEYS):
        old, new = legacy.get(key), _get(view, key)
        if not alike(old, new):
            diff[key] = (old, new)
    return diff


@pytest.mark.parametrize("name", READABLE)
def test_migrated_experiment_reproduces_the_legacy_values(
    migrated: dict[str, MigrationResult], name: str
) -> None:
    result = migrated[name]
    assert result.legacy is not None and result.composed is not None
    for key, (old, new) in differences(result).items():
        assert key in INTENTIONAL, f"{key}: legacy {old!r}, migrated {new!r}"
        why, applies = INTENTIONAL[key]
        assert applies(result.legacy, result, old, new), f"{key}: {old!r} -> {new!r} ({why})"


@pytest.mark.parametrize("name", READABLE)
def test_schema_only_keys_take_their_documented_values(
    migrated: dict[str, MigrationResult], name: str
) -> None:
    composed = migrated[name].composed or {}
    assert composed["trainer"]["profile"] == "fork_208e293"
    assert composed["checkpoint"]["save_last"] is False


def test_every_intentional_difference_occurs_in_the_fixtures(
    migrated: dict[str, MigrationResult],
) -> None:
    """The list above is not stale: each documented change is exercised."""
    seen = {key for name in READABLE for key in differences(migrated[name])}
    assert seen == set(INTENTIONAL)


@pytest.mark.parametrize("name", READABLE)
def test_crop_borders_keep_their_element_types(
    migrated: dict[str, MigrationResult], name: str
) -> None:
    # S9: the trainer reads an int border as pixels and a float as a fraction
    # (packnet_sfm/utils/misc.py:106-123), so -352 must not become -352.0 on the way:
    # ``alike`` above compares numbers by value only, this compares their types.
    result = migrated[name]
    assert result.legacy is not None and result.composed is not None
    for key in ("crop_train_borders", "crop_eval_borders"):
        old = result.legacy.get(f"datasets.augmentation.{key}")
        new = result.composed["datasets"]["augmentation"][key]
        assert [type(v) for v in old] == [type(v) for v in new], (key, old, new)
