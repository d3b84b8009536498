"""The optimizer and scheduler rules (``validation/rules/optim.py``), finding by finding,
word for word: the torch class names, the learning rate and weight decay of each parameter
group the trainer builds, the scheduler keys that never reach the scheduler, and the
scheduler values that fail or stall a run.

Rows change a few keys of the bundled ``resnet_san_ncdb`` experiment (the fork's profile;
Adam, StepLR with step_size 40, no pose network since supervised_loss_weight is 1.0).
Trainer paths are at commit 208e293 of the team's fork.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

import depthconf.trainer
from depthconf.trainer import FORK_208E293, TrainerName
from tests.validation.trainer_rule_findings import Finding, findings

CODES = {
    "trainer_fails",
    "unknown_choice",
    "lr",
    "optimizer_arg_dropped",
    "weight_decay",
    "scheduler_arg_dropped",
    "step_size",
    "gamma",
    "T_max",
}
OPT = "model.optimizer"
SCH = "model.scheduler"
FORK = "the team's PackNet-SfM fork (YoungseokOh/packnet-sfm-resnet-san@208e293)"
# filter_args keeps the keys a torch class names (model_wrapper.py:185, :192, :216-220)
ARGS = "packnet_sfm/models/model_wrapper.py:185, :192, :216-220, packnet_sfm/utils/load.py:35-56"
SET_UP = "fails at the start of training (optimizer and scheduler set-up)"
# scheduler.step() once per epoch (packnet_sfm/trainers/horovod_trainer.py:125)
STEP = "packnet_sfm/trainers/horovod_trainer.py:125"
# The pose network, and so the pose parameter group, is built with a weight below 1
# (packnet_sfm/models/SemiSupCompletionModel.py:63-64, model_wrapper.py:188).
POSE = {"model.loss.supervised_loss_weight": 0.9}


def zero_lr(group: str) -> Finding:
    return Finding(
        "error",
        "lr",
        f"{OPT}.{group}.lr",
        "0.0",
        "a learning rate must be > 0; depthconf is stricter than the trainer here: torch "
        "accepts 0, but then the weights never change",
        f"{OPT}.{group}.lr=1e-4",
    )


def negative_lr(cite: str) -> Finding:
    return Finding(
        "error",
        "lr",
        f"{OPT}.depth.lr",
        "-1.0",
        f"a learning rate must be > 0: the trainer {SET_UP}: torch rejects it when it builds "
        f"the optimizer{cite} (ValueError 'Invalid learning rate')",
        f"{OPT}.depth.lr=1e-4",
    )


def negative_decay(group: str) -> Finding:
    return Finding(
        "error",
        "weight_decay",
        f"{OPT}.{group}.weight_decay",
        "-0.1",
        f"weight decay must be >= 0: the trainer {SET_UP}: torch rejects it when it builds "
        f"the optimizer ({ARGS}) (ValueError 'Invalid weight_decay value')",
        f"{OPT}.{group}.weight_decay=0.0",
    )


def decay_dropped(group: str, value: str) -> Finding:
    # torch 1.9.0's Rprop takes no weight_decay [O7]
    return Finding(
        "warning",
        "optimizer_arg_dropped",
        f"{OPT}.{group}.weight_decay",
        value,
        "accepted, but Rprop does not take weight_decay: the trainer passes only the keys the "
        f"class names ({ARGS}), so weight_decay={value} silently has no effect (Rprop takes lr)",
        f"{OPT}.{group}.weight_decay=0.0, or an optimizer that takes it (e.g. Adam)",
    )


def dropped(scheduler: str, values: dict[str, Any], takes: str) -> Finding:
    # filter_args drops the scheduler keys the class does not name [O7]
    keys = ", ".join(values)
    shown = ", ".join(f"{k}={v}" for k, v in values.items())
    return Finding(
        "warning",
        "scheduler_arg_dropped",
        ", ".join(f"{SCH}.{k}" for k in values),
        shown,
        f"accepted, but {scheduler} does not take {keys}: the trainer passes only the keys "
        f"the class names ({ARGS}), so {shown} silently has no effect ({scheduler} takes "
        f"{takes})",
        "remove "
        + ", ".join(f"{SCH}.{k}" for k in values)
        + " (or set the defaults), or use a scheduler that takes them",
    )


def bad_gamma(scheduler: str, value: str) -> Finding:
    return Finding(
        "error",
        "gamma",
        f"{SCH}.gamma",
        value,
        f"{scheduler} multiplies the learning rate by gamma, so gamma > 0; depthconf is "
        "stricter than the trainer here: torch accepts it, but the learning rate becomes 0 "
        "(or negative) after the first decay",
        f"{SCH}.gamma=0.5",
    )


COSINE = {f"{SCH}.name": "CosineAnnealingLR", f"{SCH}.step_size": 10}  # step_size at its default
EXPONENTIAL = {f"{SCH}.name": "ExponentialLR", f"{SCH}.step_size": 10}

ROWS: dict[str, tuple[dict[str, Any], list[Finding]]] = {
    "the base": ({}, []),
    # -- optimizer names (getattr(torch.optim, name), model_wrapper.py:179) [O1, O8] -----
    # an unknown class: its arguments are not judged
    "Adamm, lr 0": (
        {f"{OPT}.name": "Adamm", f"{OPT}.depth.lr": 0.0},
        [
            Finding(
                "error",
                "unknown_choice",
                f"{OPT}.name",
                "'Adamm'",
                f"{FORK} has no torch.optim optimizer 'Adamm' (did you mean 'Adam'?); it "
                "trains with: Adam, AdamW, SGD, RMSprop, Adagrad, Adadelta, Adamax, ASGD, "
                f"Rprop; the trainer {SET_UP}: getattr(torch.optim, name) raises "
                "AttributeError (packnet_sfm/models/model_wrapper.py:179)",
                f"{OPT}.name=Adam",
            )
        ],
    ),
    "NAdam": (
        {f"{OPT}.name": "NAdam"},
        [
            Finding(
                "error",
                "trainer_fails",
                f"{OPT}.name",
                "'NAdam'",
                f"torch.optim optimizer 'NAdam' cannot train: the trainer {SET_UP}: torch "
                "1.9.0, which the fork's image pins (docker/Dockerfile:25), has no "
                "torch.optim.NAdam (added in torch 1.10) (packnet_sfm/models/model_wrapper.py:179)",
                f"{OPT}.name=Adam",
            )
        ],
    ),
    # -- learning rates (model_wrapper.py:216) [O2] ---------------------------------------
    "depth lr 0": ({f"{OPT}.depth.lr": 0.0}, [zero_lr("depth")]),
    "depth lr -1": ({f"{OPT}.depth.lr": -1.0}, [negative_lr(f" ({ARGS})")]),
    "pose lr 0, no pose network": ({f"{OPT}.pose.lr": 0.0}, []),
    "pose lr 0, pose network": ({f"{OPT}.pose.lr": 0.0, **POSE}, [zero_lr("pose")]),
    # a model the trainer cannot build builds no pose network either
    "pose lr 0, unknown model": ({f"{OPT}.pose.lr": 0.0, **POSE, "model.name": "NoSuchModel"}, []),
    # -- weight decay ----------------------------------------------------------------------
    "Adam weight_decay -0.1": ({f"{OPT}.depth.weight_decay": -0.1}, [negative_decay("depth")]),
    "Adam pose weight_decay -0.1": (
        {f"{OPT}.pose.weight_decay": -0.1, **POSE},
        [negative_decay("pose")],
    ),
    "Adam pose weight_decay -0.1, no pose network": ({f"{OPT}.pose.weight_decay": -0.1}, []),
    "Rprop": ({f"{OPT}.name": "Rprop"}, []),
    "Rprop weight_decay 0.01": (
        {f"{OPT}.name": "Rprop", f"{OPT}.depth.weight_decay": 0.01},
        [decay_dropped("depth", "0.01")],
    ),
    # never reaches torch, so not an error
    "Rprop weight_decay -0.1": (
        {f"{OPT}.name": "Rprop", f"{OPT}.depth.weight_decay": -0.1},
        [decay_dropped("depth", "-0.1")],
    ),
    "Rprop pose weight_decay 0.01": (
        {f"{OPT}.name": "Rprop", f"{OPT}.pose.weight_decay": 0.01, **POSE},
        [decay_dropped("pose", "0.01")],
    ),
    # -- scheduler names (getattr(torch.optim.lr_scheduler, name), model_wrapper.py:219) --
    "StepLRR, step_size 0": (
        {f"{SCH}.name": "StepLRR", f"{SCH}.step_size": 0},
        [
            Finding(
                "error",
                "unknown_choice",
                f"{SCH}.name",
                "'StepLRR'",
                f"{FORK} has no learning-rate scheduler 'StepLRR' (did you mean 'StepLR'?); it "
                f"trains with: StepLR, ExponentialLR, CosineAnnealingLR; the trainer {SET_UP}: "
                "getattr(torch.optim.lr_scheduler, name) raises AttributeError "
                "(packnet_sfm/models/model_wrapper.py:219)",
                f"{SCH}.name=StepLR",
            )
        ],
    ),
    "ReduceLROnPlateau, step_size 0": (
        {f"{SCH}.name": "ReduceLROnPlateau", f"{SCH}.step_size": 0},
        [
            Finding(
                "error",
                "trainer_fails",
                f"{SCH}.name",
                "'ReduceLROnPlateau'",
                "learning-rate scheduler 'ReduceLROnPlateau' cannot train: the trainer fails "
                "at the end of the first epoch: the trainer calls scheduler.step() without the "
                f"metrics ReduceLROnPlateau needs (TypeError) ({STEP})",
                f"{SCH}.name=StepLR",
            )
        ],
    ),
    # -- scheduler keys the class does not take [O7] --------------------------------------
    "ExponentialLR": (
        {f"{SCH}.name": "ExponentialLR"},
        [dropped("ExponentialLR", {"step_size": 40}, "gamma")],
    ),
    "ExponentialLR, the other keys at their defaults": (EXPONENTIAL, []),
    "CosineAnnealingLR, step_size 40, gamma 0.1": (
        {f"{SCH}.name": "CosineAnnealingLR", f"{SCH}.gamma": 0.1},
        [dropped("CosineAnnealingLR", {"step_size": 40, "gamma": 0.1}, "T_max")],
    ),
    "StepLR, T_max 5": ({f"{SCH}.T_max": 5}, [dropped("StepLR", {"T_max": 5}, "step_size, gamma")]),
    # -- scheduler values that reach the scheduler [O4, O6, O9] ----------------------------
    "StepLR step_size 0": (
        {f"{SCH}.step_size": 0},
        [
            Finding(
                "error",
                "step_size",
                f"{SCH}.step_size",
                "0",
                "StepLR decays the learning rate every step_size epochs, so step_size >= 1; 0 "
                "fails at the end of the first epoch, when the first scheduler.step() divides "
                f"by it (ZeroDivisionError, {STEP})",
                f"{SCH}.step_size=30",
            )
        ],
    ),
    "StepLR step_size 1": ({f"{SCH}.step_size": 1}, []),
    "CosineAnnealingLR step_size 0": (
        {**COSINE, f"{SCH}.step_size": 0},
        [dropped("CosineAnnealingLR", {"step_size": 0}, "T_max")],
    ),
    "StepLR gamma 0": ({f"{SCH}.gamma": 0.0}, [bad_gamma("StepLR", "0.0")]),
    "ExponentialLR gamma -0.5": (
        {**EXPONENTIAL, f"{SCH}.gamma": -0.5},
        [bad_gamma("ExponentialLR", "-0.5")],
    ),
    "CosineAnnealingLR gamma 0": (
        {**COSINE, f"{SCH}.gamma": 0.0},
        [dropped("CosineAnnealingLR", {"gamma": 0.0}, "T_max")],
    ),
    # gamma > 1 grows the learning rate, as torch defines it
    "StepLR gamma 2": ({f"{SCH}.gamma": 2.0}, []),
    "CosineAnnealingLR T_max 0": (
        {**COSINE, f"{SCH}.T_max": 0},
        [
            Finding(
                "error",
                "T_max",
                f"{SCH}.T_max",
                "0",
                "CosineAnnealingLR needs a period of T_max >= 1 epochs; 0 fails at the end of "
                "the first epoch, when the first scheduler.step() takes a modulo by it "
                f"(ZeroDivisionError, {STEP})",
                f"{SCH}.T_max=20",
            )
        ],
    ),
    "CosineAnnealingLR T_max 1": ({**COSINE, f"{SCH}.T_max": 1}, []),
    "StepLR T_max 0": ({f"{SCH}.T_max": 0}, [dropped("StepLR", {"T_max": 0}, "step_size, gamma")]),
}


@pytest.mark.parametrize(("changes", "expected"), ROWS.values(), ids=ROWS.keys())
def test_optim_findings_read_as_pinned(changes: dict[str, Any], expected: list[Finding]) -> None:
    assert findings(changes, CODES, under=(OPT, SCH)) == expected


def test_the_learning_rate_cite_is_left_out_when_the_trainer_profile_is_broken() -> None:
    # With trainer.profile broken the validator judges the default profile, so the
    # completion must not cite its lines as the selected trainer's.
    changes = {f"{OPT}.depth.lr": -1.0, "trainer.profile": "no_such_trainer"}
    assert findings(changes, CODES, under=(OPT, SCH)) == [negative_lr("")]


def test_a_scheduler_that_takes_none_of_the_keys_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every scheduler of the bundled profiles takes one of step_size, gamma, T_max; a
    # trainer version may list one that takes none of them (torch's ConstantLR, say).
    model = FORK_208E293.model
    takes = {**model.scheduler_args, "ExponentialLR": ()}
    profile = dataclasses.replace(
        FORK_208E293, model=dataclasses.replace(model, scheduler_args=takes)
    )
    monkeypatch.setattr(depthconf.trainer, "PROFILES", {TrainerName.fork_208e293: profile})
    changes = {**EXPONENTIAL, f"{SCH}.gamma": 0.1}
    expected = dropped("ExponentialLR", {"gamma": 0.1}, "none of them")
    assert findings(changes, CODES, under=(OPT, SCH)) == [expected]
