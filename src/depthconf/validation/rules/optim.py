"""The optimizer and the learning-rate scheduler (torch classes looked up by name).

A negative learning rate is the parameter group's own error
(:mod:`depthconf.schema._rules.model`); its message gets the selected trainer's
file:line here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from depthconf.findings import Code, Violation, at, show, warning
from depthconf.schema import OptimizerConfig, SchedulerConfig, TrainConfig
from depthconf.schema._rules.model import INVALID_ARGUMENT, negative_lr_rule
from depthconf.trainer import Failure, Stage, profile_of
from depthconf.validation._registry import completes, intact, rule
from depthconf.validation.rules._choices import trainer_choice
from depthconf.validation.rules.model import builds_pose_net, trains

_GROUP_DEFAULTS = OptimizerConfig().depth
_SCHEDULER_DEFAULTS = SchedulerConfig()
_SCHEDULER_KEYS = ("step_size", "gamma", "T_max")


def _dropped(what: str, keys: list[str], values: str, takes: tuple[str, ...], cite: str) -> str:
    reach = ", ".join(takes) or "none of them"
    return (
        f"accepted, but {what} does not take {', '.join(keys)}: the trainer passes only the "
        f"keys the class names ({cite}), so {values} silently has no effect ({what} takes "
        f"{reach})"
    )


@rule("model", "trainer")
def optimizer_settings(cfg: TrainConfig) -> Iterator[Violation]:
    """O1, O2, O8 and the optimizer half of O7."""
    opt, profile = cfg.model.optimizer, profile_of(cfg)
    facts = profile.model
    yield from trainer_choice(
        "model.optimizer.name", opt.name, profile.optimizers, "torch.optim optimizer", profile
    )
    takes = facts.optimizer_args.get(opt.name)
    if takes is None:
        return
    # The pose group exists only when a pose network is built (model_wrapper.py:188).
    pose = trains(cfg, profile) and builds_pose_net(cfg, profile)
    groups = ["depth", "pose"] if pose else ["depth"]
    invalid = Failure(Stage.start_of_fit, INVALID_ARGUMENT, facts.args_cite)
    for group in groups:
        settings, base = getattr(opt, group), f"model.optimizer.{group}"
        if settings.lr == 0:  # a negative rate is the group's own error (O2)
            yield Violation(
                at(f"{base}.lr"),
                show(settings.lr),
                "a learning rate must be > 0; depthconf is stricter than the trainer here: "
                "torch accepts 0, but then the weights never change",
                f"{base}.lr=1e-4",
                Code.lr,
            )
        if "weight_decay" not in takes:
            if settings.weight_decay != _GROUP_DEFAULTS.weight_decay:
                yield warning(
                    at(f"{base}.weight_decay"),
                    show(settings.weight_decay),
                    _dropped(
                        opt.name,
                        ["weight_decay"],
                        f"weight_decay={settings.weight_decay}",
                        takes,
                        facts.args_cite,
                    ),
                    f"{base}.weight_decay=0.0, or an optimizer that takes it (e.g. Adam)",
                    Code.optimizer_arg_dropped,
                )
        elif settings.weight_decay < 0:
            yield Violation(
                at(f"{base}.weight_decay"),
                show(settings.weight_decay),
                f"weight decay must be >= 0: the trainer {invalid.sentence()} "
                "(ValueError 'Invalid weight_decay value')",
                f"{base}.weight_decay=0.0",
                Code.weight_decay,
            )


@completes(Code.lr)
def cite_learning_rate(found: Violation, cfg: TrainConfig) -> Violation:
    """O2 with the selected trainer's optimizer set-up (fork: model_wrapper.py:216)."""
    if not intact("trainer"):
        return found
    return replace(found, rule=negative_lr_rule(profile_of(cfg).model.args_cite))


@rule("model", "trainer")
def scheduler_settings(cfg: TrainConfig) -> Iterator[Violation]:
    """O3-O7, O9: the scheduler and the keys that reach it."""
    sch, profile = cfg.model.scheduler, profile_of(cfg)
    facts = profile.model
    yield from trainer_choice(
        "model.scheduler.name", sch.name, profile.schedulers, "learning-rate scheduler", profile
    )
    takes = facts.scheduler_args.get(sch.name)
    if takes is None:
        return
    # [O7] filter_args drops the keys the scheduler does not name.
    dropped = [
        k
        for k in _SCHEDULER_KEYS
        if k not in takes and getattr(sch, k) != getattr(_SCHEDULER_DEFAULTS, k)
    ]
    if dropped:
        values = ", ".join(f"{k}={getattr(sch, k)}" for k in dropped)
        yield warning(
            at(*(f"model.scheduler.{k}" for k in dropped)),
            values,
            _dropped(sch.name, dropped, values, takes, facts.args_cite),
            "remove "
            + ", ".join(f"model.scheduler.{k}" for k in dropped)
            + " (or set the defaults), or use a scheduler that takes them",
            Code.scheduler_arg_dropped,
        )
    end, step = Stage.end_of_epoch.value, facts.scheduler_step_cite
    if "step_size" in takes and sch.step_size < 1:
        yield Violation(
            at("model.scheduler.step_size"),
            show(sch.step_size),
            f"{sch.name} decays the learning rate every step_size epochs, so step_size >= 1; "
            f"0 fails {end}, when the first scheduler.step() divides by it "
            f"(ZeroDivisionError, {step})",
            "model.scheduler.step_size=30",
            Code.step_size,
        )
    if "gamma" in takes and sch.gamma <= 0:
        # gamma > 1 is accepted: the learning rate then grows, as torch defines it [O9].
        yield Violation(
            at("model.scheduler.gamma"),
            show(sch.gamma),
            f"{sch.name} multiplies the learning rate by gamma, so gamma > 0; depthconf is "
            "stricter than the trainer here: torch accepts it, but the learning rate becomes "
            "0 (or negative) after the first decay",
            "model.scheduler.gamma=0.5",
            Code.gamma,
        )
    if "T_max" in takes and sch.T_max < 1:
        yield Violation(
            at("model.scheduler.T_max"),
            show(sch.T_max),
            f"{sch.name} needs a period of T_max >= 1 epochs; 0 fails {end}, when the first "
            f"scheduler.step() takes a modulo by it (ZeroDivisionError, {step})",
            "model.scheduler.T_max=20",
            Code.T_max,
        )
