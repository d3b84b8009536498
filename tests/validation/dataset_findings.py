"""The dataset rules' findings in full, for the tables of ``test_*_findings_text.py``.

``message_text.golden`` pins the text of one config per trainer fact; those tables add
the variants a rule's message or branch depends on: the second dataset of a list, a
broadcast entry, a name with and without a close match, a split the rule must leave
alone, both sides of the conditions that pick between an error and a warning. Mutation
testing (``make mutation``) showed that those branches, and the fix a user copies, could
change with every other table green.

A row is a plain-data change of a clean base (composed once), judged by
``depthconf.check``. :func:`rendered` gives the findings of the codes the dataset rules
emit (``validation/rules/datasets.py``, ``ncdb.py``, ``ground_truth.py``,
``augmentation.py``) as the user reads them: severity, code, keys, value, rule and fix.
In a rule, the trainer's sentence (a :class:`~depthconf.trainer.Failure` or
:class:`~depthconf.trainer.Quirk` of the profile, pinned word for word by the golden
file) is written as the fact's name, e.g. ``the trainer <data.hue>``, and the profile's
title as ``<title>``: the row still shows which fact the rule cites.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

import depthconf
from depthconf.findings import Code
from depthconf.schema import to_dict
from depthconf.trainer import PROFILES, Failure, Quirk
from tests.trainer.facts import K0
from tests.validation.test_rule_boundaries import changed

#: A row: the base (``ncdb`` or ``kitti``), the changes (dotted key -> value), and the
#: findings :func:`rendered` must give.
Row = tuple[str, Mapping[str, Any], list[str]]

#: Every code the four dataset rule modules emit (unknown_choice: at datasets.* only).
CODES = frozenset(
    {
        Code.unknown_choice,
        Code.ncdb_depth_type,
        Code.ncdb_split_format,
        Code.image_depth_type,
        Code.no_train_dataset,
        Code.no_validation_dataset,
        Code.mask_file_length,
        Code.use_mask_length,
        Code.unread_entries,
        Code.mask_without_use_mask,
        Code.use_mask_without_file,
        Code.ncdb_ignores,
        Code.no_ground_truth_in_training,
        Code.mixed_ground_truth,
        Code.no_validation_metrics,
        Code.jittering_length,
        Code.jittering_hue,
        Code.advanced_augmentation,
        Code.advanced_image_shape,
        Code.batch_augmentation_ignored,
    }
)
UPSTREAM = {"trainer.profile": "upstream_de53b31"}
T = "datasets.train"
V = "datasets.validation"
AUG = "datasets.augmentation"
NO_TRAIN = {f"{T}.{field}": [] for field in ("dataset", "path", "split")}
NO_VALIDATION = {f"{V}.{field}": [] for field in ("dataset", "path", "split")}
#: What :func:`rendered` gives for a config without a training split (NO_TRAIN), from
#: splits_present (packnet_sfm/models/model_wrapper.py:239-240, :1183) [D13].
NO_TRAIN_FINDING = [
    "error no_train_dataset at datasets.train.path",
    "value: []",
    (
        "rule: a run needs a train dataset, and datasets.train lists none: the trainer "
        "<data.no_dataset>"
    ),
    (
        "fix: datasets.train.dataset=[...] datasets.train.path=[...] datasets.train.split=[...], "
        "or a dataset=<option> with a train split"
    ),
]


def two_ncdb(split: str) -> dict[str, Any]:
    """Two ncdb datasets in ``split``, every per-dataset list complete (mask_file and
    use_mask are read per dataset, never broadcast: model_wrapper.py:1080-1087)."""
    base = f"datasets.{split}"
    return {
        f"{base}.dataset": ["ncdb", "ncdb"],
        f"{base}.path": ["/data/a", "/data/b"],
        f"{base}.split": ["splits/a.json", "splits/b.json"],
        f"{base}.mask_file": ["binary_mask.png", "binary_mask.png"],
        f"{base}.use_mask": [True, True],
    }


@cache
def _base(name: str) -> dict[str, Any]:
    if name == "ncdb":  # trainer.md's E0: masks in use, loggers off
        cfg = to_dict(depthconf.compose("resnet_san_ncdb"))
        for split in ("train", "validation", "test"):
            cfg["datasets"][split]["use_mask"] = [True]
        cfg["tensorboard"]["dry_run"] = True
        return cfg
    assert name == "kitti", name
    return to_dict(depthconf.compose("resnet_san_kitti", list(K0[1:])))


def base(name: str) -> dict[str, Any]:
    """A fresh copy of a base: ``ncdb`` (resnet_san_ncdb with masks in use and the loggers
    off, trainer.md's E0) or ``kitti`` (the fact tables' K0; its validation and test
    splits hold two KITTI datasets)."""
    return copy.deepcopy(_base(name))


def _facts(facts: Any, prefix: str) -> Iterator[tuple[str, str]]:
    """``(sentence, <name>)`` for every Failure and Quirk of a profile's dataset facts."""
    for field in dataclasses.fields(facts):
        value, name = getattr(facts, field.name), f"{prefix}.{field.name}"
        if isinstance(value, Failure | Quirk):
            yield value.sentence(), f"<{name}>"
        elif dataclasses.is_dataclass(value):
            yield from _facts(value, name)


@cache
def _shorthands(profile: str) -> tuple[tuple[str, str], ...]:
    """The profile's title and trainer sentences with their shorthands, longest first."""
    found = list(_facts(PROFILES[profile].data, "data"))
    assert len(dict(found)) == len(found), "two facts read alike: a shorthand would be ambiguous"
    return ((PROFILES[profile].title, "<title>"), *sorted(found, key=lambda s: -len(s[0])))


def rendered(name: str, changes: Mapping[str, Any]) -> list[str]:
    """The dataset findings of base ``name`` with ``changes``, four lines each."""
    cfg = changed(_base(name), changes)
    report = depthconf.check(cfg)
    lines = []
    for v in (*report.errors, *report.warnings):
        if v.code not in CODES or (v.code is Code.unknown_choice and "datasets" not in v.path):
            continue
        rule = v.rule
        for sentence, shorthand in _shorthands(cfg["trainer"]["profile"]):
            rule = rule.replace(sentence, shorthand)
        lines += [f"{v.severity} {v.code} at {v.path}", f"value: {v.value}", f"rule: {rule}"]
        lines.append(f"fix: {v.fix}")
    return lines
