"""The supervised loss: method, scales, dual head; the trainer's automasking assert.

The loss section's own rules (automasking, the closed vocabularies) are the schema's
(:mod:`depthconf.schema._rules.model`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from depthconf.findings import Code, Violation, at, show, warning
from depthconf.schema import LossConfig, TrainConfig
from depthconf.schema._rules.model import automask_rule
from depthconf.trainer import Choices, TrainerProfile, profile_of
from depthconf.validation._registry import completes, intact, rule
from depthconf.validation.rules._choices import trainer_choice, trainer_fails, trainer_quirk
from depthconf.validation.rules.model import trains

_LOSS_DEFAULTS = LossConfig()
_PATH = "model.loss.supervised_method"


def trainer_reads(method: str, losses: Choices) -> str | None:
    """The loss the trainer's ``endswith`` chain picks for ``method`` (first match wins).

    >>> from depthconf.trainer import FORK_208E293
    >>> trainer_reads("foo-l1", FORK_208E293.supervised_losses)
    'l1'
    >>> trainer_reads("sparse-enhanced-ssi", FORK_208E293.supervised_losses)
    'ssi'
    """
    return next((name for name in (*losses.works, *losses.quirks) if method.endswith(name)), None)


def _spellings(profile: TrainerProfile) -> Choices:
    """Every supervised_method depthconf accepts: '<loss>' and 'sparse-<loss>'."""
    losses, dense = profile.supervised_losses, profile.model.dense_losses
    return Choices(
        (*(f"sparse-{n}" for n in losses.works), *(n for n in losses.works if n in dense.works)),
        unknown=losses.unknown,
    )


def _supervised_method(profile: TrainerProfile, method: str) -> Iterator[Violation]:
    losses, dense = profile.supervised_losses, profile.model.dense_losses
    sparse = method.startswith("sparse-")
    name = method.removeprefix("sparse-")
    if name in losses.quirks:  # [M8] shadowed by an earlier ending
        reads = trainer_reads(name, losses)
        fix = f"{_PATH}={'sparse-' if sparse else ''}{reads} (what really runs)"
        yield trainer_quirk(_PATH, method, losses.quirks[name], fix, Code.trainer_quirk)
    elif name in losses.fails:
        fix = f"{_PATH}={_spellings(profile).works[0]}"
        what = f"supervised_method {method!r} cannot train"
        yield trainer_fails(_PATH, method, what, losses.fails[name], fix, Code.trainer_fails)
    elif name in losses.works:
        if sparse:
            return
        fix = f"{_PATH}=sparse-{name} (masks pixels without ground truth)"
        if name in dense.fails:  # [M9]
            what = f"supervised_method {method!r} cannot train"
            yield trainer_fails(_PATH, method, what, dense.fails[name], fix, Code.dense_loss)
        elif name in dense.quirks:  # [M10]
            yield trainer_quirk(_PATH, method, dense.quirks[name], fix, Code.dense_loss)
    elif reads := trainer_reads(method, losses):
        # [F2.C5] another prefix before a known ending: the trainer would run it.
        runs = f"sparse-{reads}" if method.startswith("sparse") else reads
        yield Violation(
            at(_PATH),
            show(method),
            "the trainer picks the loss by the end of the name and runs it on ground-truth "
            f"pixels only when the name starts with 'sparse' ({profile.model.loss_lookup_cite}), "
            f"so {method!r} would train as {runs!r}; depthconf is stricter and accepts only "
            "'<loss>' or 'sparse-<loss>', because any other prefix is most likely a typo",
            f"{_PATH}={runs}",
            Code.supervised_method_prefix,
        )
    else:  # [M7]
        what = "supervised loss (with an optional 'sparse-' prefix)"
        yield from trainer_choice(_PATH, method, _spellings(profile), what, profile)


def _dual_head(cfg: TrainConfig, profile: TrainerProfile) -> bool:
    net, dual = cfg.model.depth_net, profile.model.dual_head
    return dual is not None and net.use_dual_head and net.name in dual.networks


@rule("model", "trainer")
def supervised_loss(cfg: TrainConfig) -> Iterator[Violation]:
    """M7-M11, F2.C5: the supervised method and the scales it is computed on."""
    profile, loss = profile_of(cfg), cfg.model.loss
    yield from _supervised_method(profile, loss.supervised_method)
    if not trains(cfg, profile) or _dual_head(cfg, profile):
        return  # the dual head never reads supervised_num_scales (dual_head_loss below)
    scales = profile.model.training_scales.get(cfg.model.depth_net.name)
    if scales is not None and loss.supervised_num_scales > scales:
        yield trainer_fails(
            "model.loss.supervised_num_scales",
            loss.supervised_num_scales,
            f"{cfg.model.depth_net.name} returns {scales} inverse-depth scales in training, "
            f"so at most {scales} can be supervised",
            profile.model.too_many_scales,
            "model.loss.supervised_num_scales=1 (what every team config uses)",
            Code.supervised_num_scales,
        )


@rule("model", "trainer")
def dual_head_loss(cfg: TrainConfig) -> Iterator[Violation]:
    """M21: with the dual head, the configured supervised loss is never used."""
    profile = profile_of(cfg)
    dual = profile.model.dual_head
    if dual is None or not _dual_head(cfg, profile):
        return
    loss = cfg.model.loss
    changed = [k for k in dual.ignores if getattr(loss, k) != getattr(_LOSS_DEFAULTS, k)]
    if not changed:
        return
    values = ", ".join(f"{k}={show(getattr(loss, k))}" for k in changed)
    yield warning(
        at(*(f"model.loss.{k}" for k in changed)),
        values,
        f"accepted, but ignored: {dual.quirk.sentence()}; none of "
        f"{', '.join(dual.ignores)} has any effect with model.depth_net.use_dual_head",
        "remove those keys (or set them to their defaults), or "
        "model.depth_net.use_dual_head=false to train with them",
        Code.dual_head_ignores,
    )


@completes(Code.automask_reduce_op)
def cite_automask(found: Violation, cfg: TrainConfig) -> Violation:
    """M6 with the selected trainer's assert (fork:
    packnet_sfm/losses/multiview_photometric_loss.py:116-118)."""
    if not intact("trainer"):
        return found
    return replace(found, rule=automask_rule(profile_of(cfg).model.automask_needs_min))
