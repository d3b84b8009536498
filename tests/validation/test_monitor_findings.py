"""The monitor rules' findings, complete, for a config that triggers each of them.

``src/depthconf/validation/rules/monitor.py`` says whether ``checkpoint.monitor`` names a
key the validation loop returns for the monitored dataset, in the right direction. Each
row below composes a real config that reaches one branch of it and pins *every* finding
those rules give (code, keys, value, rule, fix, detail): one finding too many (a
shadowed-prefix warning on top of the monitor's own error), one too few, or a fix the user
would copy wrongly fails the row. Mutation testing (``make mutation``) showed that no-GT,
other-dataset and shadowed monitors and the no-validation message were not checked at all.

Trainer facts behind the rows (the team's fork at 208e293):
- the trainer prefixes the monitor with the prefix of validation dataset monitor_index
  (packnet_sfm/utils/config.py:89-92), so a full key of another dataset is never emitted;
- the prefix ignores input_depth_type (packnet_sfm/utils/logging.py:33-61) and a later
  dataset's keys overwrite an earlier one's (packnet_sfm/utils/reduce.py:143-150);
- a key validation never returns is filled in as 0.000 in every checkpoint file name, and
  a relaunch into the same directory loops forever (packnet_sfm/models/model_checkpoint.py
  :112-117, :129-130); KITTI has ground truth only with a depth_type
  (packnet_sfm/datasets/kitti_dataset_optimized.py:298).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any, NamedTuple

import pytest

import depthconf
from depthconf.schema import to_dict
from depthconf.validation import Report, Violation
from tests.trainer.facts import D0, E0, K0
from tests.validation.test_rule_boundaries import changed

#: Every code monitor.py emits; findings of other rules are not this file's business.
CODES = frozenset(
    {
        "monitor_no_validation",
        "monitor_no_ground_truth",
        "monitor_is_loss",
        "monitor_other_dataset",
        "monitor_unknown",
        "monitor_shadowed",
        "mode_direction",
        "shadowed_dataset",
        "monitor_mapping",
    }
)
MIN = {"checkpoint.mode": "min"}
NO_VALIDATION = {f"datasets.validation.{key}": [] for key in ("dataset", "path", "split")}
#: Three datasets: 0 has a prefix of its own, 1 and 2 share one.
THREE = {
    "datasets.validation.split": [
        "data_splits/eigen_test_files_400.txt",
        "data_splits/eigen_test_files.txt",
        "data_splits/eigen_test_files.txt",
    ],
    "datasets.validation.depth_type": ["groundtruth"],
    "datasets.validation.input_depth_type": ["velodyne", "velodyne", ""],
}
#: Two datasets with prefixes of their own (trainer/test_facts_datasets.py's K0_APART).
APART = {
    "datasets.validation.split": [
        "data_splits/eigen_test_files_400.txt",
        "data_splits/eigen_test_files.txt",
    ]
}
KITTI = "validation dataset {} (KITTI at '/workspace/data/KITTI_raw')"
NCDB = "validation dataset 0 (ncdb at '/workspace/data/ncdb-cls')"
NCDB_PREFIX = "ncdb-cls-combined_val-depth_original"
HANGS = (
    "the trainer writes 0.000 for it into every checkpoint file name, so relaunching this "
    "run (name '{}') into the same directory hangs at the first checkpoint save, in an "
    "endless loop (packnet_sfm/models/model_checkpoint.py:112-117, :129-130)"
)
FORK_NAMES = (
    "abs_rel, sqr_rel, rmse, rmse_log, a1, a2, a3 (7 metrics), each with the mode suffix "
    "_lin, _lin_gt, _log or _log_gt (e.g. abs_rel_lin)"
)


class Seen(NamedTuple):
    severity: str
    code: str
    keys: str
    value: str
    rule: str
    fix: str
    detail: str = ""


def _seen(v: Violation) -> Seen:
    keys = ", ".join(".".join(map(str, key)) for key in v.keys)
    return Seen(str(v.severity), str(v.code), keys, v.value, v.rule, v.fix, v.detail)


@cache
def _base(name: str) -> dict[str, Any]:
    """The trainer-fact bases, composed once: E0 (ncdb, one validation dataset), K0
    (KITTI, whose two validation datasets share split and depth_type and differ only in
    input_depth_type (velodyne, ''): one key prefix, and dataset 1's values win) and D0
    (ncdb with a dual-head network)."""
    overrides = {"ncdb": E0, "kitti": K0, "dual_head": D0}[name]
    return to_dict(depthconf.compose(overrides[0].split("=")[1], overrides[1:]))


def _check(base: str, changes: Mapping[str, Any]) -> Report:
    return depthconf.check(changed(_base(base), changes))


def monitor_findings(base: str, changes: Mapping[str, Any]) -> list[Seen]:
    report = _check(base, changes)
    return [_seen(v) for v in (*report.errors, *report.warnings) if v.code in CODES]


CASES: list[tuple[str, str, dict[str, Any], list[Seen]]] = [
    (
        # filepath '' builds no keeper (scripts/core/train.py:66-67), so only the monitor
        # itself is wrong; trainer.md S5 covers filepath set (checkpoint_without_validation).
        "no validation dataset, no checkpoints",
        "ncdb",
        {**NO_VALIDATION, "checkpoint.filepath": "", "checkpoint.monitor": "abs_rel_lin", **MIN},
        [
            Seen(
                "error",
                "monitor_no_validation",
                "checkpoint.monitor",
                "'abs_rel_lin'",
                "ranking checkpoints needs validation metrics, but datasets.validation lists "
                "no dataset",
                "add a validation dataset (datasets.validation.dataset/path/split), or "
                "checkpoint.save_top_k=-1 and no monitor",
            )
        ],
    ),
    (
        # with checkpoints written, checkpoint_without_validation is the one finding
        # (packnet_sfm/utils/config.py:243-245); the monitor rule stays silent
        "no validation dataset, checkpoints written",
        "ncdb",
        {**NO_VALIDATION, "checkpoint.monitor": "abs_rel_lin", **MIN},
        [],
    ),
    (
        # KITTI without a depth_type has no ground truth
        # (packnet_sfm/datasets/kitti_dataset_optimized.py:298)
        "monitored dataset without ground truth",
        "kitti",
        {
            "datasets.validation.depth_type": ["", ""],
            "checkpoint.monitor": "abs_rel_lin",
            "checkpoint.monitor_index": 1,
            **MIN,
        },
        [
            Seen(
                "error",
                "monitor_no_ground_truth",
                "checkpoint.monitor, checkpoint.monitor_index",
                "monitor='abs_rel_lin', monitor_index=1",
                f"{KITTI.format(1)} has no ground-truth depth, so validation emits no metric "
                f"for it and there is nothing to monitor; {HANGS.format('resnet_san_kitti')}",
                "set its depth_type (datasets.validation.depth_type[1]), e.g. groundtruth for "
                "KITTI",
            )
        ],
    ),
    (
        # the trainer prepends the monitored dataset's prefix (packnet_sfm/utils/config.py:89-92)
        "full key of another validation dataset",
        "kitti",
        {
            **APART,
            "checkpoint.monitor": "KITTI_raw-eigen_test_files-groundtruth-abs_rel_lin",
            **MIN,
        },
        [
            Seen(
                "error",
                "monitor_other_dataset",
                "checkpoint.monitor, checkpoint.monitor_index",
                "monitor='KITTI_raw-eigen_test_files-groundtruth-abs_rel_lin', monitor_index=0",
                f"the key belongs to {KITTI.format(1)}, not to the monitored {KITTI.format(0)}: "
                "the trainer prefixes it with the monitored dataset's prefix again, and "
                f"{HANGS.format('resnet_san_kitti')}",
                "checkpoint.monitor_index=1",
            )
        ],
    ),
    (
        # The error replaces the shadowed-prefix warning for the monitored dataset, and a
        # shadowed key is not resolved, so no mapping warning either (abs_rel_log is the
        # log mapping, the model trains with the linear one). Prefixes ignore
        # input_depth_type (packnet_sfm/utils/logging.py:33-61); later keys win
        # (packnet_sfm/utils/reduce.py:143-150).
        "monitored dataset shadowed by a later one",
        "kitti",
        {"checkpoint.monitor": "abs_rel_log", **MIN},
        [
            Seen(
                "error",
                "monitor_shadowed",
                "checkpoint.monitor, checkpoint.monitor_index",
                "monitor='abs_rel_log', monitor_index=0",
                f"{KITTI.format(0)} and validation dataset 1 share the prefix "
                "'KITTI_raw-eigen_test_files_400-groundtruth', so they emit the same keys and "
                "the later one's values win: the keeper would silently track dataset 1",
                "checkpoint.monitor_index=1, or tell the datasets apart (a different split "
                "file name, depth_type or camera)",
            )
        ],
    ),
    *[
        (
            f"shadowed dataset 0, {label}",
            "kitti",
            monitor,
            [
                Seen(
                    "warning",
                    "shadowed_dataset",
                    "datasets.validation",
                    "prefix 'KITTI_raw-eigen_test_files_400-groundtruth'",
                    f"{KITTI.format(0)} and validation dataset 1 differ only in "
                    "input_depth_type, which key prefixes ignore: they emit the same keys and "
                    "only dataset 1's metrics survive",
                    "give them different split file names, depth types or cameras, or drop one",
                    "datasets 0 and 1",
                )
            ],
        )
        for label, monitor in [
            ("no monitor", {"checkpoint.monitor": None}),
            (
                "dataset 1 monitored",
                {"checkpoint.monitor": "abs_rel_lin", "checkpoint.monitor_index": 1, **MIN},
            ),
        ]
    ],
    (
        # a dataset with a prefix of its own before the shadowed pair: each dataset is
        # looked at, not only the first
        "shadowed dataset 1 after an unshadowed dataset 0",
        "kitti",
        {**THREE, "checkpoint.monitor": "abs_rel_lin", **MIN},
        [
            Seen(
                "warning",
                "shadowed_dataset",
                "datasets.validation",
                "prefix 'KITTI_raw-eigen_test_files-groundtruth'",
                f"{KITTI.format(1)} and validation dataset 2 differ only in input_depth_type, "
                "which key prefixes ignore: they emit the same keys and only dataset 2's "
                "metrics survive",
                "give them different split file names, depth types or cameras, or drop one",
                "datasets 1 and 2",
            )
        ],
    ),
    (
        # nothing is close to the monitor: no suggestion, "Closest: none"
        "unknown monitor with no close name",
        "ncdb",
        {"checkpoint.monitor": "zzz", **MIN},
        [
            Seen(
                "error",
                "monitor_unknown",
                "checkpoint.monitor",
                "'zzz'",
                f"{NCDB} does not emit this key; {HANGS.format('resnet_san_ncdb')}. Keys are "
                f"'<prefix>-<metric><mode>' with prefix '{NCDB_PREFIX}'; it emits: "
                f"{FORK_NAMES}. Closest: none",
                # the monitor must go too: save_top_k=-1 alone leaves this error
                "checkpoint.monitor=null checkpoint.save_top_k=-1 to keep every checkpoint "
                "without ranking",
            )
        ],
    ),
    (
        # a1 (delta < 1.25 accuracy) is higher-is-better
        "mode min on an accuracy",
        "ncdb",
        {"checkpoint.save_top_k": 3, "checkpoint.monitor": "a1_lin", **MIN},
        [
            Seen(
                "error",
                "mode_direction",
                "checkpoint.mode",
                "min",
                f"{NCDB_PREFIX}-a1_lin is higher is better, so mode=min would make the keeper "
                "keep the worst checkpoints",
                "checkpoint.mode=max",
            )
        ],
    ),
    (
        # rmse_log is an error (lower is better); _log_gt is the log mapping while the model
        # trains with the linear one (packnet_sfm/models/model_wrapper.py:62, :689-692)
        "mode max on an error, of the other mapping",
        "ncdb",
        {"checkpoint.monitor": "rmse_log_gt", "checkpoint.mode": "max"},
        [
            Seen(
                "error",
                "mode_direction",
                "checkpoint.mode",
                "max",
                f"{NCDB_PREFIX}-rmse_log_gt is lower is better, so mode=max would make the "
                "keeper keep the worst checkpoints",
                "checkpoint.mode=min",
            ),
            Seen(
                "warning",
                "monitor_mapping",
                "checkpoint.monitor, model.params.use_log_space",
                "monitor='rmse_log_gt', use_log_space=false",
                "accepted, but the model trains with the linear sigmoid-to-depth mapping "
                f"(use_log_space=false) while {NCDB_PREFIX}-rmse_log_gt is computed with the "
                "log mapping, and the training mapping's own metrics are not emitted: "
                "checkpoints are ranked by a mapping the model was not trained with "
                "(packnet_sfm/models/model_wrapper.py:62, :689-692)",
                "checkpoint.monitor=rmse_lin_gt",
            ),
        ],
    ),
    (
        # the other way round: trained in log space, ranked by a linear-mapping key
        # (packnet_sfm/models/model_wrapper.py:62, :689-692)
        "linear-mapping monitor, log-space training",
        "ncdb",
        {
            "checkpoint.monitor": "a2_lin",
            "checkpoint.mode": "max",
            "model.params.use_log_space": True,
        },
        [
            Seen(
                "warning",
                "monitor_mapping",
                "checkpoint.monitor, model.params.use_log_space",
                "monitor='a2_lin', use_log_space=true",
                "accepted, but the model trains with the log sigmoid-to-depth mapping "
                f"(use_log_space=true) while {NCDB_PREFIX}-a2_lin is computed with the "
                "linear mapping, and the training mapping's own metrics are not emitted: "
                "checkpoints are ranked by a mapping the model was not trained with "
                "(packnet_sfm/models/model_wrapper.py:62, :689-692)",
                "checkpoint.monitor=a2_log",
            )
        ],
    ),
    (
        # a dual-head network evaluates one depth for every mode, whatever the mapping
        # (packnet_sfm/models/model_wrapper.py:680-686)
        "dual head, log-space training, linear-mapping monitor",
        "dual_head",
        {"checkpoint.monitor": "abs_rel_lin", **MIN, "model.params.use_log_space": True},
        [],
    ),
]


@pytest.mark.parametrize(
    ("base", "changes", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_the_monitor_rules_say_exactly_this(
    base: str, changes: dict[str, Any], expected: list[Seen]
) -> None:
    assert monitor_findings(base, changes) == expected


def _applied(fix: str) -> dict[str, Any]:
    """The settings of a fix's first alternative ('k=v k=v, or ...'), as plain data."""
    first = fix.split(", or ")[0]
    pairs = [word.split("=", 1) for word in first.split() if "=" in word]
    return {key: _value(value) for key, value in pairs}


def _value(text: str) -> Any:
    if text == "null":
        return None
    return int(text) if text.lstrip("-").isdigit() else text


@pytest.mark.parametrize(
    "title",
    [
        "full key of another validation dataset",
        "monitored dataset shadowed by a later one",
        "mode min on an accuracy",
        "mode max on an error, of the other mapping",
        "unknown monitor with no close name",
    ],
)
def test_the_fix_of_a_monitor_error_fixes_it(title: str) -> None:
    """A user who copies the fix gets a config that validates (the error's own fix, first)."""
    base, changes, expected = next(case[1:] for case in CASES if case[0] == title)
    (error,) = [seen for seen in expected if seen.severity == "error"]
    fixed = _check(base, {**changes, **_applied(error.fix)})
    assert [v.code for v in fixed.errors] == []
