"""The model, its supervision weight and its pose network.

Whether a pose network is built decides what else the trainer reads: the model asks
for one unless it is semi-supervised with ``supervised_loss_weight`` exactly 1.0
(the profile's ``pose_free_models``). Networks, losses and the optimizer live in
:mod:`.networks`, :mod:`.losses` and :mod:`.optim`.
"""

from __future__ import annotations

from collections.abc import Iterator

from depthconf.findings import Code, Violation, at, show, warning
from depthconf.schema import TrainConfig
from depthconf.trainer import TrainerProfile, profile_of
from depthconf.validation._registry import rule
from depthconf.validation.rules._choices import trainer_choice

_POSE_FIX = "model.pose_net.name=PoseResNet model.pose_net.version=18pt"


def trains(cfg: TrainConfig, profile: TrainerProfile) -> bool:
    """The model is one the trainer can train; other findings about it would be noise."""
    return cfg.model.name in profile.models.works or cfg.model.name in profile.models.quirks


def builds_pose_net(cfg: TrainConfig, profile: TrainerProfile) -> bool:
    """The trainer builds a pose network for this model (and so reads model.pose_net).

    >>> from depthconf.schema import LossConfig, ModelConfig
    >>> from depthconf.trainer import FORK_208E293
    >>> def model(weight):
    ...     loss = LossConfig(supervised_loss_weight=weight)
    ...     return TrainConfig(model=ModelConfig(name="SemiSupCompletionModel", loss=loss))
    >>> builds_pose_net(model(1.0), FORK_208E293), builds_pose_net(model(0.9), FORK_208E293)
    (False, True)
    """
    # packnet_sfm/models/SfmModel.py:40-43 requires 'pose_net'; only the semi-supervised
    # models drop it, and only for a weight of exactly 1 (SemiSupCompletionModel.py:63-64).
    pose_free = cfg.model.name in profile.model.pose_free_models
    return not (pose_free and cfg.model.loss.supervised_loss_weight == 1)


@rule("model", "trainer")
def model_name(cfg: TrainConfig) -> Iterator[Violation]:
    # packnet_sfm/utils/load.py:105 via packnet_sfm/models/model_wrapper.py:992 [M1];
    # the models that load but cannot train are the profile's `fails` [M2].
    profile = profile_of(cfg)
    yield from trainer_choice("model.name", cfg.model.name, profile.models, "model", profile)


def _missing_pose_net(cfg: TrainConfig, profile: TrainerProfile) -> Violation:
    """[M4] A pose network is needed and model.pose_net.name is ''."""
    model, facts = cfg.model, profile.model
    weight = model.loss.supervised_loss_weight
    fails = f"the trainer {facts.missing_pose_net.sentence()}"
    if model.name not in facts.pose_free_models:
        return Violation(
            at("model.pose_net.name"),
            show(model.pose_net.name),
            f"{model.name} always needs a pose network, and model.pose_net.name is '': {fails}",
            _POSE_FIX,
            Code.pose_net_missing,
        )
    rule_text = (
        f"{model.name} trains without a pose network only with supervised_loss_weight exactly "
        f"1.0 ({facts.pose_free_models[model.name]}); with {weight} it also runs its "
        f"self-supervised loss, which needs a pose network, and model.pose_net.name is '': "
        f"{fails}"
    )
    fix = "model.loss.supervised_loss_weight=1.0"
    if (partial := profile.partial_supervision) is not None:
        rule_text += (
            f". With a pose network this trainer {partial.sentence()}, so only 1.0 trains "
            f"with {profile.title}"
        )
    else:
        fix += f", or give it a pose network: {_POSE_FIX}"
    return Violation(
        at("model.loss.supervised_loss_weight", "model.pose_net.name"),
        f"supervised_loss_weight={weight}, pose_net.name=''",
        rule_text,
        fix,
        Code.pose_net_missing,
    )


@rule("model", "trainer")
def pose_network(cfg: TrainConfig) -> Iterator[Violation]:
    """M4, M5: the supervision weight decides the pose network; the fork trains only 1.0."""
    model, profile = cfg.model, profile_of(cfg)
    if not trains(cfg, profile):
        return
    if not builds_pose_net(cfg, profile):
        if model.pose_net.name:
            cite = profile.model.pose_free_models[model.name]
            yield warning(
                at("model.pose_net.name"),
                show(model.pose_net.name),
                f"accepted, but {model.name} builds no pose network when "
                f"supervised_loss_weight is 1.0 ({cite}), so model.pose_net is never read",
                "model.pose_net.name='' (the pose network settings have no effect)",
                Code.pose_net_unused,
            )
        return
    if not model.pose_net.name:
        yield _missing_pose_net(cfg, profile)
        return
    yield from trainer_choice(
        "model.pose_net.name", model.pose_net.name, profile.pose_nets, "pose network", profile
    )
    partial = profile.partial_supervision
    if model.name in profile.model.pose_free_models and partial is not None:
        weight = model.loss.supervised_loss_weight
        yield Violation(
            at("model.loss.supervised_loss_weight"),
            show(weight),
            f"with supervised_loss_weight {weight} (below 1.0) {model.name} also trains its "
            f"self-supervised part with the pose network {model.pose_net.name}: the trainer "
            f"{partial.sentence()}; only 1.0 trains with {profile.title}",
            "model.loss.supervised_loss_weight=1.0 (which builds no pose network: "
            "also set model.pose_net.name='')",
            Code.partial_supervision,
        )


@rule("model", "trainer")
def rotation_mode(cfg: TrainConfig) -> Iterator[Violation]:
    """M28: the rotation mode is read only when a pose network runs (SfmModel.py:95)."""
    profile, mode = profile_of(cfg), cfg.model.loss.rotation_mode.value
    modes, path = profile.model.rotation_modes, "model.loss.rotation_mode"
    if mode not in modes.known or (trains(cfg, profile) and builds_pose_net(cfg, profile)):
        yield from trainer_choice(path, mode, modes, "rotation_mode", profile)
    elif mode != modes.works[0] and trains(cfg, profile):
        cite = profile.model.pose_free_models[cfg.model.name]
        yield warning(
            at(path),
            show(mode),
            f"accepted, but {cfg.model.name} builds no pose network when "
            f"supervised_loss_weight is 1.0 ({cite}), so the trainer never reads it",
            f"{path}={modes.works[0]} (the value has no effect)",
            Code.ignored_key,
        )
