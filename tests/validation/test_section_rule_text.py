"""Every branch of every section rule, its full text pinned: a section built alone (the
Python API: the rule's own generic wording) and, where the key a finding names depends
on the whole config, that config through ``depthconf.check``.

``test_message_text.py`` pins one row per finding code; this file adds the rows that
reach the other branches and boundaries of ``depthconf.schema._rules`` (``make
mutation`` showed them unpinned): save_top_k=1 is a ranking, min_depth == max_depth is
an empty range, a did-you-mean for a misspelt crop, wandb missing only one of its two
destinations, each crop-border form refused for each of the two borders, a broadcast
list longer than the dataset count, an empty path at its index or once for a
broadcast path, every depth network rule. Each row's trainer fact is cited in the rule
itself (``src/depthconf/schema/_rules/*.py``), next to the code that writes it.

After an intended change of wording, rewrite the golden file and review its diff::

    .venv/bin/python -m tests.validation.test_section_rule_text
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from depthconf.schema import CheckpointConfig
from depthconf.schema._datasets import AugmentationConfig, TrainSplitConfig, ValidationSplitConfig
from depthconf.schema._model import (
    DepthNetConfig,
    LossConfig,
    ModelParamsConfig,
    ParamGroupConfig,
)
from depthconf.schema._run import ArchConfig, WandbConfig
from tests.validation.test_message_text import _alone, _rule_case

GOLDEN = Path(__file__).with_name("section_rule_text.golden")

_TWO = {"dataset": ["KITTI", "KITTI"], "split": ["a.txt", "b.txt"]}

# (section, values that break one branch of its rules)
ALONE: list[tuple[Callable[..., object], dict[str, Any]]] = [
    # checkpoint: 1 is the smallest k that ranks; -1 keeps all; -5 means nothing
    (CheckpointConfig, {"save_top_k": 1}),
    (CheckpointConfig, {"save_top_k": 1, "monitor": "abs_rel_lin", "filepath": "checkpoints"}),
    (CheckpointConfig, {"save_top_k": 1, "mode": "max", "filepath": "checkpoints"}),
    (CheckpointConfig, {"save_top_k": -1, "monitor": "abs_rel_lin", "filepath": ""}),
    (CheckpointConfig, {"save_top_k": -5, "filepath": "checkpoints"}),
    # arch and wandb
    (ArchConfig, {"min_epochs": 3, "max_epochs": 2}),
    (WandbConfig, {"dry_run": False, "entity": "team"}),
    (WandbConfig, {"dry_run": False, "project": "depth"}),
    # model
    (ModelParamsConfig, {"crop": "grag"}),
    (ModelParamsConfig, {"min_depth": -0.5}),
    (ModelParamsConfig, {"min_depth": 10.0, "max_depth": 10.0}),
    (ModelParamsConfig, {"min_depth": -1.0, "max_depth": -2.0}),
    (LossConfig, {"automask_loss": True, "photometric_reduce_op": "mean"}),
    (ParamGroupConfig, {"lr": -0.001}),
    (DepthNetConfig, {"name": "YOLOv8SAN01", "version": "18", "variant": "s"}),
    (DepthNetConfig, {"name": "YOLOv8SAN01"}),
    (DepthNetConfig, {"name": "PackNet01", "use_dual_head": True, "variant": "m"}),
    (DepthNetConfig, {"name": "", "use_dual_head": True, "variant": "x"}),
    # datasets.augmentation: image shape, each crop-border form, for both borders
    (AugmentationConfig, {"image_shape": [0, 640]}),
    (AugmentationConfig, {"image_shape": [384, -1]}),
    (AugmentationConfig, {"image_shape": [384, 640, 3]}),
    (AugmentationConfig, {"crop_train_borders": [23, 0.5], "crop_eval_borders": [0.5, 0.25]}),
    (AugmentationConfig, {"crop_train_borders": [23.4, 26], "crop_eval_borders": [-10.6, 0]}),
    (AugmentationConfig, {"crop_train_borders": [1, 2, 3], "crop_eval_borders": [1, 2, 3, 4, 5]}),
    (AugmentationConfig, {"crop_train_borders": [23, 26], "crop_eval_borders": [0]}),
    # a split's parallel lists
    (ValidationSplitConfig, {**_TWO, "path": ["/data/a", ""]}),
    (ValidationSplitConfig, {**_TWO, "path": [""]}),
    (ValidationSplitConfig, {**_TWO, "path": ["", "", ""]}),
    (ValidationSplitConfig, {"dataset": ["KITTI"], "split": ["a.txt"], "path": []}),
    (ValidationSplitConfig, {"dataset": [""], "split": ["a.txt"], "path": [""]}),
    (ValidationSplitConfig, {"dataset": [], "split": ["a.txt"], "path": ["/data"]}),
    (TrainSplitConfig, {**_TWO, "dataset": ["KITTI"] * 3, "path": ["/data"], "repeat": [1, 2, 3]}),
]


def _two_validation_sets(cfg: dict[str, Any], path: list[str]) -> None:
    """Two ncdb validation datasets, each with its split file and mask (only ``path`` wrong)."""
    val = cfg["datasets"]["validation"]
    val.update(dataset=["ncdb"], split=[*val["split"], "splits/other_val.json"], path=path)
    val["mask_file"] = val["mask_file"] * 2


def _two_train_splits(cfg: dict[str, Any], **lists: list[Any]) -> None:
    """The train split reading two split files; ``lists`` sets the other lists."""
    train = cfg["datasets"]["train"]
    train["split"] = [*train["split"], "splits/other_train.json"]
    train["mask_file"] = train["mask_file"] * 2
    train.update(lists)


# whole configs: the resnet_san_ncdb base, changed so (a finding's related keys name the
# lists that make the dataset count: shown here, not in a section's own error)
WHOLE: list[tuple[str, Callable[[dict[str, Any]], None]]] = [
    ("the second validation path empty", lambda c: _two_validation_sets(c, ["/data/a", ""])),
    ("a broadcast validation path empty", lambda c: _two_validation_sets(c, [""])),
    (
        "three train datasets for two split files",
        lambda c: _two_train_splits(c, dataset=["ncdb"] * 3),
    ),
    (
        "two split files for three depth types",
        lambda c: _two_train_splits(c, depth_type=["depth_original"] * 3),
    ),
]

# sections at the boundaries of their rules, which they must accept
ACCEPTED: list[tuple[Callable[..., object], dict[str, Any]]] = [
    # -1 without a directory: no keeper, nothing ranked (scripts/core/train.py:66-67)
    (CheckpointConfig, {"save_top_k": -1, "filepath": ""}),
    (CheckpointConfig, {"save_top_k": 1, "monitor": "abs_rel_lin", "mode": "min", "filepath": "c"}),
    (CheckpointConfig, {"save_top_k": -1, "monitor": "abs_rel_lin", "mode": "max"}),
    # min_epochs is stored and never read (packnet_sfm/trainers/base_trainer.py:46)
    (ArchConfig, {"min_epochs": 2, "max_epochs": 2}),
    # the start-up asserts pass (packnet_sfm/utils/config.py:239-242)
    (WandbConfig, {"dry_run": False, "entity": "team", "project": "depth"}),
    (WandbConfig, {"dry_run": True}),
    # ground truth kept in the open range (min_depth, max_depth) (packnet_sfm/utils/depth.py:345)
    (ModelParamsConfig, {"crop": "", "min_depth": 0.0, "max_depth": 0.001}),
    (ModelParamsConfig, {"crop": "garg", "min_depth": 0.1, "max_depth": 80.0}),
    # (packnet_sfm/losses/multiview_photometric_loss.py:116-118)
    (LossConfig, {"automask_loss": True, "photometric_reduce_op": "min"}),
    (LossConfig, {"automask_loss": False, "photometric_reduce_op": "mean"}),
    # torch accepts 0 (packnet_sfm/models/model_wrapper.py:216); the validator judges a
    # group the trainer builds (rules/optim.py)
    (ParamGroupConfig, {"lr": 0.0}),
    # the variant sizes YOLOv8SAN01 (YOLOv8SAN01.py:199-206); the dual head is ResNetSAN01's
    (DepthNetConfig, {"name": "YOLOv8SAN01", "version": "", "variant": "n"}),
    (DepthNetConfig, {"name": "ResNetSAN01", "version": "18A", "use_dual_head": True}),
    (AugmentationConfig, {"image_shape": [1, 1]}),
    # no crop (packnet_sfm/utils/misc.py:100-101), two ints (:124-132), four values (:104-123)
    (AugmentationConfig, {"image_shape": [], "crop_train_borders": [], "crop_eval_borders": []}),
    (
        AugmentationConfig,
        {"crop_train_borders": [-23, 26], "crop_eval_borders": [-352, 0, 0.5, 1216]},
    ),
    # lists of 1 entry broadcast to every dataset (packnet_sfm/utils/config.py:35-43)
    (ValidationSplitConfig, {**_TWO, "path": ["/data"]}),
    (ValidationSplitConfig, {**_TWO, "path": ["/data/a", "/data/b"], "depth_type": ["x"]}),
    (TrainSplitConfig, {**_TWO, "path": ["/data"], "repeat": [1, 2]}),
    (ValidationSplitConfig, {"dataset": [], "path": [], "split": []}),  # no dataset
]


@pytest.mark.parametrize(("kind", "values"), ACCEPTED, ids=[str(v) for _, v in ACCEPTED])
def test_a_section_at_the_boundary_of_its_rules_is_accepted(
    kind: Callable[..., object], values: dict[str, Any]
) -> None:
    kind(**values)


def rows() -> list[tuple[str, Callable[[], list[str]]]]:
    found: list[tuple[str, Callable[[], list[str]]]] = [
        (
            f"alone: {getattr(kind, '__name__', kind)}({values})",
            lambda k=kind, v=values: _alone(k, v),
        )
        for kind, values in ALONE
    ]
    found += [(f"whole: {name}", lambda bad=bad: _rule_case(bad)) for name, bad in WHOLE]
    return found


ROWS = rows()


def render() -> str:
    """The golden file's text: each row as ``## title`` and its findings' lines."""
    return "".join(f"## {t}\n" + "".join(f"{line}\n" for line in r()) for t, r in ROWS)


def test_every_branch_reads_as_pinned() -> None:
    assert all(r() for _, r in ROWS), "every row must break a rule"
    now, pinned = render(), GOLDEN.read_text()
    if now != pinned:
        diff = difflib.unified_diff(
            pinned.splitlines(), now.splitlines(), "pinned", "now", lineterm=""
        )
        pytest.fail(
            f"the text of a finding changed; if intended, rewrite {GOLDEN.name} "
            f"(python -m tests.validation.test_section_rule_text) and review its diff:\n"
            + "\n".join(diff)
        )


if __name__ == "__main__":
    GOLDEN.write_text(render())
    print(f"wrote {GOLDEN} ({len(ROWS)} rows)")
