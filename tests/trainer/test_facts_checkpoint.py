"""Checkpointing, logging, training length and run-level facts (trainer.md 3f, 3g, 4).

Each row cites the trainer's file:line at 208e293 (upstream rows: at de53b31) that
decides its verdict. Rows with base ``U0`` validate for ``trainer=upstream_de53b31``.
"""

from __future__ import annotations

import copy
import os
from functools import cache
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import depthconf
from depthconf.schema import to_dict
from tests.trainer.facts import D0, E0, P0, Fact, Verdict, assert_fact

E, W, A = Verdict.error, Verdict.warning, Verdict.accepted

# P0 on upstream PackNet-SfM: PackNetSAN01 on KITTI is trainable there too. Its rows
# repeat the profile override, so the table and the test ids say which trainer they are.
UPSTREAM = "trainer=upstream_de53b31"
U0: tuple[str, ...] = (*P0, UPSTREAM)

BEST_3 = "checkpoint=best_3"  # filepath checkpoints, save_top_k 3, abs_rel_lin, min
AT_SAVE = "at the first checkpoint save"
STRICTER = "depthconf is stricter than the trainer"
NO_VALIDATION = (
    "datasets.validation.dataset=[]",
    "datasets.validation.path=[]",
    "datasets.validation.split=[]",
    "datasets.validation.depth_type=['']",
)
EVAL_ON = "arch.eval_during_training=true"

FACTS = [
    # C1: packnet_sfm/models/model_checkpoint.py:132-134 asserts the monitored key; the
    # trainer's default monitor is 'loss' (configs/default_config.py:249).
    Fact(
        "C1",
        "packnet_sfm/models/model_checkpoint.py:132-134",
        ("checkpoint.save_top_k=3",),
        E,
        "monitor_required",
        says=("'loss'", AT_SAVE),
    ),
    Fact(
        "C1",
        "packnet_sfm/models/model_checkpoint.py:132-134",
        (BEST_3, "checkpoint.monitor=loss"),
        E,
        "monitor_is_loss",
        says=(AT_SAVE, "Checkpoint metric is not available"),
    ),
    # C1 (emitted): packnet_sfm/models/model_wrapper.py:62 emits abs_rel_lin.
    Fact("C1", "packnet_sfm/models/model_wrapper.py:62", (BEST_3,), A),
    # C2: the metric modes are the profile's. Fork: packnet_sfm/models/model_wrapper.py:62
    # ('_lin', '_lin_gt', '_log', '_log_gt'), so 'abs_rel' is never emitted.
    Fact(
        "C2",
        "packnet_sfm/models/model_wrapper.py:62",
        ("trainer=fork_208e293", BEST_3, "checkpoint.monitor=abs_rel"),
        E,
        "monitor_unknown",
        says=(AT_SAVE, "checkpoint.monitor=abs_rel_lin"),
    ),
    # C2 upstream: de53b31 packnet_sfm/models/model_wrapper.py:49 ('', '_pp', '_gt', '_pp_gt').
    Fact(
        "C2",
        "upstream packnet_sfm/models/model_wrapper.py:49",
        (UPSTREAM, BEST_3, "checkpoint.monitor=abs_rel"),
        A,
        base=U0,
    ),
    Fact(
        "C2",
        "upstream packnet_sfm/models/model_wrapper.py:49",
        (UPSTREAM, BEST_3, "checkpoint.monitor=abs_rel_lin"),
        E,
        "monitor_unknown",
        base=U0,
        says=(AT_SAVE,),
    ),
    # C3: packnet_sfm/models/model_checkpoint.py:45-54 looks the mode up in {min, max, auto}.
    Fact(
        "C3",
        "packnet_sfm/models/model_checkpoint.py:45-54",
        (BEST_3, "checkpoint.mode=maximum"),
        E,
        "wrong_type",
        says=("at start-up", "KeyError"),
    ),
    # C4: packnet_sfm/models/model_checkpoint.py:48-52, 'auto' reads min for a2 (no 'a1').
    Fact(
        "C4",
        "packnet_sfm/models/model_checkpoint.py:48-52",
        (BEST_3, "checkpoint.monitor=a2_lin", "checkpoint.mode=auto"),
        E,
        "wrong_type",
        says=("a2/a3", "worst checkpoints"),
    ),
    # C5: packnet_sfm/models/model_checkpoint.py:48-52 ('auto' works for abs_rel_lin):
    # refused on purpose, and the message says so.
    Fact(
        "C5",
        "packnet_sfm/models/model_checkpoint.py:48-52",
        (BEST_3, "checkpoint.mode=auto"),
        E,
        "wrong_type",
        says=(STRICTER,),
    ),
    # C6: packnet_sfm/models/model_checkpoint.py:30-31 turns 0 into a limit of 1e6.
    Fact(
        "C6",
        "packnet_sfm/models/model_checkpoint.py:30-31",
        ("checkpoint.save_top_k=0", "checkpoint.monitor=abs_rel_lin", "checkpoint.mode=min"),
        E,
        "save_top_k_zero",
        says=(STRICTER, "keep none", "-1 means keep all in both"),
    ),
    # C7: packnet_sfm/models/model_checkpoint.py:96, :107 index best_k_models[''].
    Fact(
        "C7",
        "packnet_sfm/models/model_checkpoint.py:96, :107",
        ("checkpoint.save_top_k=-2",),
        E,
        "save_top_k_range",
        says=(AT_SAVE, "KeyError ''"),
    ),
    # C8: packnet_sfm/models/model_checkpoint.py:112-117 str.format of the file name with
    # the prefix of packnet_sfm/utils/logging.py:50-59; any save_top_k (here -1).
    Fact(
        "C8",
        "packnet_sfm/models/model_checkpoint.py:112-117",
        ("checkpoint.save_top_k=-1", "datasets.validation.split=[splits/combined.val.json]"),
        E,
        "checkpoint_name_format",
        says=(AT_SAVE, "KeyError", "'splits/combined_val.json'", "'ncdb-cls-combined.val"),
    ),
    Fact(
        "C8",
        "packnet_sfm/models/model_checkpoint.py:112-117",
        (BEST_3, "datasets.validation.split=['splits/val[1].json']"),
        E,
        "checkpoint_name_format",
        says=(AT_SAVE, "'['"),
    ),
    # C8: scripts/core/train.py:66-67, no keeper (so no file name) without a filepath.
    Fact(
        "C8",
        "scripts/core/train.py:66-67",
        ("checkpoint.filepath=''", "datasets.validation.split=[splits/combined.val.json]"),
        A,
    ),
    # C9: packnet_sfm/models/model_checkpoint.py:123-130; the period >= 1 bound stays.
    Fact(
        "C9",
        "packnet_sfm/models/model_checkpoint.py:123-130",
        ("arch.validate_first=true", "checkpoint.period=0"),
        E,
        "greater_than_equal",
        says=("hangs at the checkpoint save after epoch 0", "validate_first"),
    ),
    # C10: packnet_sfm/models/model_checkpoint.py:112-117 write 0 for an unemitted key and
    # :129-130 loop while the file exists; a fixed name (packnet_sfm/utils/config.py:62-69)
    # reuses the directory. depthconf refuses every unemitted monitor, whatever save_top_k.
    Fact(
        "C10",
        "packnet_sfm/models/model_checkpoint.py:129-130",
        (
            "name=resnet_san_ncdb",
            "checkpoint.save_top_k=-1",
            "checkpoint.monitor=loss",
            "checkpoint.mode=min",
        ),
        E,
        "monitor_is_loss",
        says=("relaunching this run", "endless loop"),
    ),
    # C10: with an emitted monitor each file carries its metric value; a collision then
    # depends on files left on disk, which launch-time validation cannot see (documented).
    Fact(
        "C10",
        "packnet_sfm/models/model_checkpoint.py:129-130",
        ("name=resnet_san_ncdb", "checkpoint.monitor=abs_rel_lin", "checkpoint.mode=min"),
        A,
    ),
    # C11: packnet_sfm/trainers/horovod_trainer.py:113-116 saves after validate_first;
    # packnet_sfm/models/model_checkpoint.py:123-125 then skips the trained epoch 0.
    Fact(
        "C11",
        "packnet_sfm/trainers/horovod_trainer.py:113-116",
        ("arch.validate_first=true",),
        W,
        "validate_first_checkpoint",
        says=("untrained weights", "never saved"),
    ),
    # C11: scripts/core/train.py:66-67, no keeper and no save without a filepath
    # (configs/train_packnet_san_ddad.yaml's case, trainer.md section 5).
    Fact(
        "C11",
        "scripts/core/train.py:66-67",
        ("arch.validate_first=true", "checkpoint.filepath=''"),
        A,
    ),
    # C12: packnet_sfm/models/model_checkpoint.py:48-52 ('auto' would read min here).
    Fact(
        "C12",
        "packnet_sfm/models/model_checkpoint.py:48-52",
        ("checkpoint.monitor=abs_rel_lin",),
        E,
        "mode_required",
        says=(STRICTER, "'auto'"),
    ),
    # F1b.1: packnet_sfm/models/model_checkpoint.py:25-27 has no save_last. Design choice:
    # depthconf's own CheckpointKeeper honours it, and export --legacy refuses true.
    Fact(
        "F1b.1", "packnet_sfm/models/model_checkpoint.py:25-27", ("checkpoint.save_last=true",), A
    ),
    # F1d.8: packnet_sfm/models/model_checkpoint.py:58, s3_frequency 0 disables the sync.
    Fact("F1d.8", "packnet_sfm/models/model_checkpoint.py:58", ("checkpoint.s3_frequency=0",), A),
    Fact(
        "F1d.8",
        "packnet_sfm/models/model_checkpoint.py:58",
        ("checkpoint.s3_path=s3://bucket/runs", "checkpoint.s3_frequency=0"),
        A,
    ),
    # F1d.R: no range in the trainer (model_checkpoint.py:123-125, horovod_trainer.py:234,
    # model_wrapper.py:1112, multiview_photometric_loss.py:239-243); the bounds stay.
    Fact(
        "F1d.R",
        "packnet_sfm/models/model_checkpoint.py:123-125",
        ("checkpoint.period=0",),
        E,
        "greater_than_equal",
        says=(STRICTER,),
    ),
    Fact(
        "F1d.R",
        "packnet_sfm/trainers/horovod_trainer.py:234",
        ("arch.eval_progress_interval=0",),
        E,
        "greater_than",
        says=(STRICTER, "after every training batch"),
    ),
    Fact(
        "F1d.R",
        "packnet_sfm/models/model_wrapper.py:1112",
        ("datasets.train.repeat=[0]",),
        E,
        "greater_than_equal",
    ),
    Fact(
        "F1d.R",
        "packnet_sfm/losses/multiview_photometric_loss.py:239-243",
        ("model.loss.ssim_loss_weight=1.5",),
        E,
        "less_than_equal",
    ),
    # H2: scripts/core/train.py:66-67 builds no keeper when checkpoint.filepath is ''.
    Fact(
        "H2",
        "scripts/core/train.py:66-67",
        ("checkpoint.filepath=''", "checkpoint.save_top_k=3"),
        E,
        "top_k_without_checkpoints",
        says=(STRICTER, "no checkpoint at all", "scripts/core/train.py:66-67"),
    ),
    # H3: packnet_sfm/trainers/base_trainer.py:46 stores min_epochs; nothing reads it.
    Fact(
        "H3",
        "packnet_sfm/trainers/base_trainer.py:46",
        ("arch.min_epochs=60", "arch.max_epochs=50"),
        E,
        "epoch_range",
        says=(STRICTER, "never reads"),
    ),
    # L1: packnet_sfm/models/model_wrapper.py:336-337 uses logger.writer, which
    # packnet_sfm/loggers/wandb_logger.py:18 (WandbLogger) lacks.
    Fact(
        "L1",
        "packnet_sfm/models/model_wrapper.py:336-337",
        ("wandb.dry_run=false", "wandb.entity=team", "wandb.project=depth"),
        E,
        "wandb_logger_fails",
        says=("at the first training step", "'writer'"),
    ),
    # L1 upstream: de53b31 packnet_sfm/models/model_wrapper.py:195-249 only calls
    # log_depth and log_metrics, which its WandbLogger has.
    Fact(
        "L1",
        "upstream packnet_sfm/models/model_wrapper.py:195-249",
        (UPSTREAM, "wandb.dry_run=false", "wandb.entity=team", "wandb.project=depth"),
        A,
        base=U0,
    ),
    # L2: packnet_sfm/models/model_wrapper.py:301, batch_idx % log_frequency.
    Fact(
        "L2",
        "packnet_sfm/models/model_wrapper.py:301",
        ("tensorboard.dry_run=false", "tensorboard.log_frequency=0"),
        E,
        "greater_than_equal",
        says=("at the first training step", "ZeroDivisionError"),
    ),
    # S4: packnet_sfm/utils/config.py:239-242 asserts an entity and a project.
    Fact(
        "S4",
        "packnet_sfm/utils/config.py:239-242",
        ("wandb.dry_run=false", "wandb.entity=''", "wandb.project=''"),
        E,
        "wandb_destination",
        says=("at start-up", "You need a wandb entity"),
    ),
    Fact(
        "S4",
        "packnet_sfm/utils/config.py:239-242",
        (UPSTREAM, "wandb.dry_run=false", "wandb.entity=''", "wandb.project=''"),
        E,
        "wandb_destination",
        base=U0,
        says=("at start-up",),
    ),
    # S5: packnet_sfm/utils/config.py:243-245, checkpoint.filepath with no validation split.
    Fact(
        "S5",
        "packnet_sfm/utils/config.py:243-245",
        ("checkpoint.filepath=checkpoints", *NO_VALIDATION),
        E,
        "checkpoint_without_validation",
        says=("at start-up", "You need to monitor a valid dataset"),
    ),
    # M23: packnet_sfm/models/model_wrapper.py:62, :689-692: _lin keys use the linear
    # mapping, _log keys the log one; training uses use_log_space's.
    Fact(
        "M23",
        "packnet_sfm/models/model_wrapper.py:689-692",
        (BEST_3, "checkpoint.monitor=abs_rel_lin", "model.params.use_log_space=true"),
        W,
        "monitor_mapping",
        says=("checkpoint.monitor=abs_rel_log", "not trained with"),
    ),
    # M23, the other way round: a _log monitor on a linear-space model.
    Fact(
        "M23",
        "packnet_sfm/models/model_wrapper.py:689-692",
        (BEST_3, "checkpoint.monitor=abs_rel_log_gt", "model.params.use_log_space=false"),
        W,
        "monitor_mapping",
        says=("checkpoint.monitor=abs_rel_lin_gt",),
    ),
    Fact(
        "M23",
        "packnet_sfm/models/model_wrapper.py:689-692",
        (BEST_3, "checkpoint.monitor=abs_rel_log", "model.params.use_log_space=true"),
        A,
    ),
    # M23 dual head: packnet_sfm/models/model_wrapper.py:680-686, one depth for all modes.
    Fact(
        "M23",
        "packnet_sfm/models/model_wrapper.py:680-686",
        (
            "model.depth_net.use_dual_head=true",
            BEST_3,
            "checkpoint.monitor=abs_rel_lin",
            "model.params.use_log_space=true",
        ),
        A,
        base=D0,
    ),
    # D22: packnet_sfm/trainers/horovod_trainer.py:138, max(50, eval_subset_size).
    Fact(
        "D22",
        "packnet_sfm/trainers/horovod_trainer.py:138",
        (EVAL_ON, "arch.eval_progress_interval=0.1", "arch.eval_subset_size=10"),
        W,
        "eval_subset_floor",
        says=("= 50 batches", "not 10"),
    ),
    # D22: the trainer's own default 25 (configs/default_config.py:148) means 50 too, but
    # a value left at its default says nothing (design choice, as for never-read keys).
    Fact(
        "D22",
        "configs/default_config.py:148",
        (EVAL_ON, "arch.eval_progress_interval=0.1", "arch.eval_subset_size=25"),
        A,
    ),
    # D22: packnet_sfm/trainers/horovod_trainer.py:97, no evaluation during training.
    Fact(
        "D22",
        "packnet_sfm/trainers/horovod_trainer.py:97",
        ("arch.eval_during_training=false", "arch.eval_subset_size=10"),
        A,
    ),
    # D22 upstream: de53b31 packnet_sfm/trainers/horovod_trainer.py:56-71 has no
    # evaluation during training at all.
    Fact(
        "D22",
        "upstream packnet_sfm/trainers/horovod_trainer.py:56-71",
        (UPSTREAM, EVAL_ON, "arch.eval_subset_size=10"),
        A,
        base=U0,
    ),
    # D23: packnet_sfm/trainers/horovod_trainer.py:234, :242-245: every
    # max(1, int(batches x interval)) batches and never at batch 0.
    Fact(
        "D23",
        "packnet_sfm/trainers/horovod_trainer.py:234, :242-245",
        (EVAL_ON, "arch.eval_progress_interval=1.5"),
        W,
        "no_eval_during_training",
        says=("no evaluation during training happens at all",),
    ),
    Fact(
        "D23",
        "packnet_sfm/trainers/horovod_trainer.py:234, :242-245",
        (EVAL_ON, "arch.eval_progress_interval=0.001"),
        W,
        "eval_interval_tiny",
        says=("after every training batch when an epoch has fewer than 2000 batches",),
    ),
    Fact(
        "D23",
        "packnet_sfm/trainers/horovod_trainer.py:234",
        (EVAL_ON, "arch.eval_progress_interval=0.5"),
        A,
    ),
    # X1: packnet_sfm/models/model_wrapper.py:921-926 seeds only when seed >= 0.
    Fact(
        "X1",
        "packnet_sfm/models/model_wrapper.py:921-926",
        ("arch.seed=-1",),
        W,
        "no_seed",
        says=("nothing is seeded",),
    ),
    Fact("X1", "packnet_sfm/models/model_wrapper.py:921-926", ("arch.seed=0",), A),
]


@pytest.mark.parametrize("fact", FACTS, ids=lambda f: f.param_id)
def test_fact(fact: Fact) -> None:
    assert_fact(fact)


def test_every_base_is_valid() -> None:
    for base in (E0, U0, D0):
        assert_fact(Fact("base", "n/a", (), A, base=base))


def test_no_monitor_to_resolve_without_validation_and_without_checkpoints() -> None:
    # With checkpoint.filepath '' the trainer's S5 assert does not run, so the monitor
    # itself is the finding (depthconf is stricter than the trainer there).
    report = depthconf.check(
        _ncdb({"checkpoint": {"filepath": "", "monitor": "abs_rel_lin", "mode": "min"}}, True)
    )
    codes = [v.code for v in report.errors]
    assert "monitor_no_validation" in codes and "checkpoint_without_validation" not in codes


def test_field_errors_of_plain_data_say_why_too() -> None:
    # The pydantic path (a dict, a legacy file) appends the same reason as composition.
    report = depthconf.check(_ncdb({"checkpoint": {"mode": "auto", "period": 0}}))
    rules = {v.path: v.rule for v in report.errors}
    assert STRICTER in rules["checkpoint.mode"] and "a2/a3" in rules["checkpoint.mode"]
    assert "hangs at the checkpoint save after epoch 0" in rules["checkpoint.period"]


@cache
def _ncdb_base() -> dict[str, Any]:
    return to_dict(depthconf.compose("resnet_san_ncdb", E0[1:]))


def _ncdb(changes: dict[str, dict[str, Any]], no_validation: bool = False) -> dict[str, Any]:
    data = copy.deepcopy(_ncdb_base())
    for name, values in changes.items():
        data[name].update(values)
    if no_validation:
        data["datasets"]["validation"].update(dataset=[], path=[], split=[])
    return data


def _trainer_names_fail(key: str) -> bool:
    """Whether a checkpoint file name with ``key`` fails to format (an oracle from C8).

    The trainer cuts '<dir>/{epoch:02d}_{<key>:.3f}' at its last '/' and fills the
    file part with str.format (packnet_sfm/models/model_checkpoint.py:33, :112-117).
    """
    name = "{epoch:02d}_{" + key + ":.3f}"
    template = os.path.split(os.path.join("ckpt", "run", name))[1]
    try:
        template.format(epoch=1, **{key: 0.5})
    except (KeyError, ValueError, IndexError, AttributeError):
        return True
    return False


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet="ab_-.[]{}:!/ =%", min_size=1, max_size=8), st.booleans())
def test_name_format_rule_agrees_with_str_format(name: str, as_camera: bool) -> None:
    """C8 for any split or camera name: refused exactly when the file name cannot format."""
    data = _ncdb({})
    validation = data["datasets"]["validation"]
    split, camera = validation["split"][0], ""
    if as_camera:
        validation["cameras"] = [[camera := name]]
    else:
        validation["split"] = [split := f"splits/{name}.json"]
    refused = [v for v in depthconf.check(data).errors if v.code == "checkpoint_name_format"]
    # The prefix as packnet_sfm/utils/logging.py:50-59 builds it for E0's dataset.
    part = "" if "{" in split else os.path.splitext(os.path.basename(split))[0]
    prefix = "-".join(p for p in ("ncdb-cls", part, "depth_original", camera) if p)
    assert bool(refused) == _trainer_names_fail(f"{prefix}-abs_rel_lin"), (split, camera, refused)
