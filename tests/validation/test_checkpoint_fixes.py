"""The checkpoint findings that need the whole config, pinned branch by branch.

``src/depthconf/validation/rules/checkpoint.py`` completes the fixes of the checkpoint
section's ``monitor_required`` and ``mode_required`` (which metric, which dataset, which
direction) and judges the checkpoint settings against the datasets (``monitor_index``,
file names, no validation dataset, ``validate_first``). A fix is what the user copies,
so each row pins the exact text for a config that reaches one branch: mutation testing
(``make mutation``) showed the branches for other profiles, several validation datasets,
broken sections and non-path prefix parts each unpinned.

Trainer paths are at commit 208e293 of the team's fork (upstream de53b31 where said).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pytest

import depthconf
from depthconf.schema import to_dict
from depthconf.validation import Violation
from tests.validation.test_rule_boundaries import EXPERIMENT, NO_VALIDATION, TWO_VALIDATION, changed

# The base writes checkpoints (checkpoint.filepath=checkpoints) and keeps them all; keeping
# the best 3 without a monitor is monitor_required (configs/default_config.py:249,
# packnet_sfm/models/model_checkpoint.py:132-134).
RANK_WITHOUT_MONITOR = {"checkpoint.save_top_k": 3}
KEEP_ALL = "checkpoint.save_top_k=-1 to keep every checkpoint"
PLACEHOLDER = (
    "checkpoint.monitor=<metric> checkpoint.mode=<min|max> (depthconf proposes a metric once "
    f"the errors in the datasets it reads are fixed), or {KEEP_ALL}"
)
NO_CHECKPOINTS = "checkpoint.filepath='' to write no checkpoints"
# A broadcast list of length 2 against a dataset count of 1 (packnet_sfm/utils/misc.py:47).
MISMATCHED = {"datasets.validation.dataset": ["ncdb", "ncdb"]}


@dataclass(frozen=True)
class Pinned:
    """The one finding with ``code`` that ``changes`` give, and its text (None: not pinned)."""

    changes: Mapping[str, Any]
    code: str
    path: str
    fix: str
    value: str | None = None
    rule: str | None = None


def _name_format(
    field: str, written: Any, value: str, prefix: str, bad: str, error: str, renamed: str
) -> Pinned:
    """checkpoint_name_format for validation dataset 0's ``field`` [C8]."""
    # packnet_sfm/utils/config.py:87-96 names the files after the prefix of
    # packnet_sfm/utils/logging.py:50-59; model_checkpoint.py:112-117 str.formats them.
    return Pinned(
        {f"datasets.validation.{field}": written},
        "checkpoint_name_format",
        f"datasets.validation.{field}[0], checkpoint.filepath",
        f"rename it without {bad} (e.g. {renamed!r}), or {NO_CHECKPOINTS}",
        value=repr(value),
        rule=(
            f"the key prefix of validation dataset 0 is {prefix!r}, and the trainer puts it "
            "into every checkpoint file name through str.format, which reads "
            f"{bad} as part of a format field: the trainer fails at the first checkpoint save "
            f"with {error}, whatever save_top_k (packnet_sfm/models/model_checkpoint.py:112-117)"
        ),
    )


def _without_validation(index: int, trainer: str) -> Pinned:
    """checkpoint_without_validation: a split file but no dataset or path [S5]."""
    return Pinned(
        {
            **NO_VALIDATION,
            "datasets.validation.split": ["splits/a.json"],
            "checkpoint.monitor_index": index,
        },
        "checkpoint_without_validation",
        "checkpoint.filepath, datasets.validation",
        f"add a validation dataset (datasets.validation.dataset/path/split), or {NO_CHECKPOINTS}",
        value="filepath='checkpoints', no validation dataset",
        rule=(
            "checkpoints are named after (and ranked by) a metric of validation dataset "
            f"checkpoint.monitor_index={index}, but datasets.validation lists no dataset: "
            f"the trainer {trainer}"
        ),
    )


def _index_range(count: int, index: int, filepath: str, trainer: str) -> Pinned:
    splits = [f"splits/{name}.json" for name in "abcd"[:count]]
    return Pinned(
        {
            "datasets.validation.split": splits,
            "datasets.validation.mask_file": ["binary_mask.png"] * count,
            "datasets.validation.use_mask": [True] * count,
            "checkpoint.monitor_index": index,
            "checkpoint.filepath": filepath,
        },
        "monitor_index_range",
        "checkpoint.monitor_index",
        f"checkpoint.monitor_index={count - 1}",
        value=str(index),
        rule=(
            "monitor_index selects the validation dataset the monitor refers to; there are "
            f"{count} validation dataset(s) after broadcasting, so it must be below {count}"
            f"{trainer}"
        ),
    )


PINNED: dict[str, Pinned] = {
    # propose_monitor: abs_rel in the mode of the mapping the model trains with; upstream
    # names no mapping for its modes, so its first mode ('', the plain key) is proposed.
    "monitor: upstream profile": Pinned(
        {**RANK_WITHOUT_MONITOR, "trainer.profile": "upstream_de53b31"},
        "monitor_required",
        "checkpoint.monitor, checkpoint.mode",
        f"checkpoint.monitor=abs_rel checkpoint.mode=min, or {KEEP_ALL}",
    ),
    "monitor: the monitored dataset first": Pinned(
        {**RANK_WITHOUT_MONITOR, **TWO_VALIDATION, "checkpoint.monitor_index": 1},
        "monitor_required",
        "checkpoint.monitor, checkpoint.mode",
        f"checkpoint.monitor=abs_rel_lin checkpoint.mode=min, or {KEEP_ALL}",
    ),
    # Same prefix twice: only dataset 1's metrics survive (shadowed_dataset), so rank by it.
    "monitor: the monitored dataset is shadowed": Pinned(
        {
            **RANK_WITHOUT_MONITOR,
            **TWO_VALIDATION,
            "datasets.validation.split": ["splits/a.json", "splits/a.json"],
        },
        "monitor_required",
        "checkpoint.monitor, checkpoint.mode",
        "checkpoint.monitor=abs_rel_lin checkpoint.mode=min checkpoint.monitor_index=1, "
        f"or {KEEP_ALL}",
    ),
    # KITTI without a depth type has no ground truth (kitti_dataset_optimized.py:298).
    "monitor: the monitored dataset has no ground truth": Pinned(
        {
            **RANK_WITHOUT_MONITOR,
            **TWO_VALIDATION,
            "datasets.validation.dataset": ["ncdb", "KITTI"],
            "datasets.validation.depth_type": ["depth_original", ""],
            "checkpoint.monitor_index": 1,
        },
        "monitor_required",
        "checkpoint.monitor, checkpoint.mode",
        "checkpoint.monitor=abs_rel_lin checkpoint.mode=min checkpoint.monitor_index=0, "
        f"or {KEEP_ALL}",
    ),
    # An Image dataset never has ground truth (packnet_sfm/datasets/image_dataset.py:47-48).
    "monitor: no dataset has ground truth": Pinned(
        {
            **RANK_WITHOUT_MONITOR,
            "datasets.validation.dataset": ["Image"],
            "datasets.validation.depth_type": [""],
        },
        "monitor_required",
        "checkpoint.monitor, checkpoint.mode",
        "checkpoint.save_top_k=-1 (no validation dataset has ground truth to rank by)",
    ),
    # The proposal reads the profile, the trained mapping and monitor_index: with an
    # error in any of them, it is a placeholder, not a guess from a default.
    "monitor: trainer.profile has an error": Pinned(
        {**RANK_WITHOUT_MONITOR, "trainer.profile": "no_such_trainer"},
        "monitor_required",
        "checkpoint.monitor, checkpoint.mode",
        PLACEHOLDER,
    ),
    "monitor: model.params has an error": Pinned(
        {**RANK_WITHOUT_MONITOR, "model.params.use_log_space": "maybe"},
        "monitor_required",
        "checkpoint.monitor, checkpoint.mode",
        PLACEHOLDER,
    ),
    "monitor: monitor_index has an error": Pinned(
        {**RANK_WITHOUT_MONITOR, "checkpoint.monitor_index": -1},
        "monitor_required",
        "checkpoint.monitor, checkpoint.mode",
        PLACEHOLDER,
    ),
    "monitor: datasets has an error": Pinned(
        {**RANK_WITHOUT_MONITOR, "datasets.validation.batch_size": 0},
        "monitor_required",
        "checkpoint.monitor, checkpoint.mode",
        PLACEHOLDER,
    ),
    # packnet_sfm/utils/config.py:243-245 counts the split entries: index 1 of 1 asserts.
    "no validation, index past the split": _without_validation(
        1,
        "fails at start-up: AssertionError 'You need to monitor a valid dataset' "
        "(packnet_sfm/utils/config.py:243-245)",
    ),
    # A split without a path builds no dataset (model_wrapper.py:1035-1036), then the
    # validation loader is built from None (:254 -> :1183).
    "no validation, index within the split": _without_validation(
        0,
        "fails at the start of training: TypeError 'NoneType' object is not iterable "
        "(packnet_sfm/models/model_wrapper.py:254, :1183)",
    ),
    "monitor_index 3 of 3, writing checkpoints": _index_range(
        3,
        3,
        "checkpoints",
        "; the trainer fails at start-up: AssertionError 'You need to monitor a valid "
        "dataset' (packnet_sfm/utils/config.py:243-245)",
    ),
    "monitor_index 1 of 1, writing checkpoints": _index_range(
        1,
        1,
        "checkpoints",
        "; the trainer fails at start-up: AssertionError 'You need to monitor a valid "
        "dataset' (packnet_sfm/utils/config.py:243-245)",
    ),
    # Without a filepath the trainer builds no keeper and never asserts (train.py:66-67).
    "monitor_index 5 of 2, no checkpoints": _index_range(2, 5, "", ""),
    "name: a '.' in the path's stem": _name_format(
        "path",
        ["/data/ncdb.cls.v2"],
        "/data/ncdb.cls.v2",
        "ncdb.cls-combined_val-depth_original",
        "'.'",
        "KeyError",
        "/data/ncdb_cls.v2",
    ),
    "name: a '.' in the depth type": _name_format(
        "depth_type",
        ["depth.x"],
        "depth.x",
        "ncdb-cls-combined_val-depth.x",
        "'.'",
        "KeyError",
        "depth_x",
    ),
    "name: '/' and ':' in the depth type": _name_format(
        "depth_type",
        ["depth/x:y"],
        "depth/x:y",
        "ncdb-cls-combined_val-depth/x:y",
        "'/' and ':'",
        "ValueError",
        "depth_x_y",
    ),
    "name: '.' and ':' in the depth type": _name_format(
        "depth_type",
        ["a.b:c"],
        "a.b:c",
        "ncdb-cls-combined_val-a.b:c",
        "'.' and ':'",
        "KeyError or ValueError",
        "a_b_c",
    ),
    "name: a '.' in the one camera": _name_format(
        "cameras",
        [["cam.0"]],
        "cam.0",
        "ncdb-cls-combined_val-depth_original-cam.0",
        "'.'",
        "KeyError",
        "cam_0",
    ),
}


@pytest.fixture(scope="module")
def base() -> dict[str, Any]:
    return to_dict(depthconf.compose(EXPERIMENT))


def _the_one(base: Mapping[str, Any], changes: Mapping[str, Any], code: str) -> Violation:
    report = depthconf.check(changed(base, changes))
    found = [v for v in (*report.errors, *report.warnings) if v.code == code]
    assert len(found) == 1, [v.render() for v in (*report.errors, *report.warnings)]
    return found[0]


@pytest.mark.parametrize("row", PINNED.values(), ids=PINNED.keys())
def test_the_finding_reads_as_pinned(base: dict[str, Any], row: Pinned) -> None:
    found = _the_one(base, row.changes, row.code)
    assert found.path == row.path
    assert found.fix == row.fix
    if row.value is not None:
        assert found.value == row.value
    if row.rule is not None:
        assert found.rule == row.rule


def test_a_broadcast_mismatch_gets_no_metric_proposed(base: dict[str, Any]) -> None:
    """The keys cannot be known until the lists broadcast: the fix proposes no key of
    a dataset, and still begins with a checkpoint override to copy."""
    found = _the_one(base, {**RANK_WITHOUT_MONITOR, **MISMATCHED}, "monitor_required")
    assert re.match(r"checkpoint\.(monitor|save_top_k)=", found.fix), found.fix
    assert "abs_rel" not in found.fix


def test_a_broadcast_mismatch_still_gets_a_mode_fix(base: dict[str, Any]) -> None:
    """The emitted keys cannot be built (SplitConfig.entries raises); the finding and
    its fix are still reported, not a crash."""
    found = _the_one(base, {"checkpoint.monitor": "a1_lin", **MISMATCHED}, "mode_required")
    assert found.fix == "checkpoint.mode=<min|max>, or checkpoint.monitor=null"


@pytest.mark.parametrize(
    "broken",
    [
        {"datasets.train.batch_size": 0},  # datasets
        {"model.depth_net.version": None},  # model
        {"trainer.profile": "no_such_trainer"},  # trainer
    ],
    ids=["datasets", "model", "trainer"],
)
def test_the_mode_is_not_guessed_while_the_monitor_cannot_be_resolved(
    base: dict[str, Any], broken: dict[str, Any]
) -> None:
    """a1 is an accuracy (max): a guessed 'min' would have the user trade one error for
    mode_direction. While a section resolve_monitor reads has an error, the user picks;
    once it is fixed, the metric's own direction is proposed."""
    found = _the_one(base, {"checkpoint.monitor": "a1_lin", **broken}, "mode_required")
    assert found.fix == "checkpoint.mode=<min|max>, or checkpoint.monitor=null"
    resolved = _the_one(base, {"checkpoint.monitor": "a1_lin"}, "mode_required")
    assert resolved.fix == "checkpoint.mode=max, or checkpoint.monitor=null"


# Configs on the quiet side of a checkpoint rule: the code must not be reported at all.
QUIET: dict[str, tuple[Mapping[str, Any], str]] = {
    # scripts/core/train.py:66-67 builds no keeper without a filepath: nothing is saved.
    "validate_first without checkpoints": (
        {"arch.validate_first": True, "checkpoint.filepath": ""},
        "validate_first_checkpoint",
    ),
    "checkpoints without validate_first": (
        {"arch.validate_first": False},
        "validate_first_checkpoint",
    ),
    "a '.' in the split, no checkpoints": (
        {"datasets.validation.split": ["splits/combined.val.json"], "checkpoint.filepath": ""},
        "checkpoint_name_format",
    ),
    # dataset_lists reports the lists; there is no dataset count to compare with.
    "monitor_index past lists that do not broadcast": (
        {**MISMATCHED, "checkpoint.monitor_index": 1},
        "monitor_index_range",
    ),
}


@pytest.mark.parametrize(("changes", "code"), QUIET.values(), ids=QUIET.keys())
def test_the_rule_stays_quiet(base: dict[str, Any], changes: Mapping[str, Any], code: str) -> None:
    report = depthconf.check(changed(base, changes))
    assert code not in {v.code for v in (*report.errors, *report.warnings)}
