"""Networks, losses, optimizer and scheduler."""

from __future__ import annotations

from collections.abc import Iterator

from depthconf.schema import TrainConfig
from depthconf.schema import _vocabulary as vocab
from depthconf.trainer import Choices, profile_of
from depthconf.validation._registry import rule
from depthconf.validation._violation import Violation, show
from depthconf.validation.rules._choices import one_of, trainer_choice


@rule("model", "trainer")
def network_names(cfg: TrainConfig) -> Iterator[Violation]:
    model, profile = cfg.model, profile_of(cfg)
    yield from trainer_choice("model.name", model.name, profile.models, "model", profile)
    yield from trainer_choice(
        "model.depth_net.name", model.depth_net.name, profile.depth_nets, "depth network", profile
    )
    if model.pose_net.name:
        yield from trainer_choice(
            "model.pose_net.name", model.pose_net.name, profile.pose_nets, "pose network", profile
        )


def _version_rule(name: str) -> tuple[str, str] | None:
    """(pattern description, example) for networks that take a version."""
    if name in vocab.PACKNET_NETS:
        return "a generation digit and a variant letter", "1A"
    if name in vocab.RESNET_NETS or name == "PoseResNet":
        return "the ResNet depth (18, 34, 50, 101, 152) and a variant tag", "18A"
    return None


@rule("model")
def network_versions(cfg: TrainConfig) -> Iterator[Violation]:
    for part in ("depth_net", "pose_net"):
        net = getattr(cfg.model, part)
        expected = _version_rule(net.name)
        path = f"model.{part}.version"
        if expected is not None:
            pattern = (
                vocab.PACKNET_VERSION if net.name in vocab.PACKNET_NETS else vocab.RESNET_VERSION
            )
            if not pattern.match(net.version):
                yield Violation(
                    path,
                    show(net.version),
                    f"{net.name} takes a version made of {expected[0]}, e.g. {expected[1]!r}",
                    f"{path}={expected[1]}",
                    "network_version",
                )
        elif net.name in vocab.YOLO_NETS and net.version:
            yield Violation(
                path,
                show(net.version),
                f"{net.name} is sized by model.depth_net.variant "
                f"({', '.join(vocab.YOLO_VARIANTS)}), not by a version",
                f"{path}='' and model.depth_net.variant=s",
                "network_version",
            )


@rule("model")
def network_options(cfg: TrainConfig) -> Iterator[Violation]:
    net = cfg.model.depth_net
    if net.use_dual_head and net.name != "ResNetSAN01":
        yield Violation(
            "model.depth_net.use_dual_head",
            "true",
            "the dual depth head exists only in ResNetSAN01, "
            f"not in {net.name or 'an unset network'}",
            "model.depth_net.use_dual_head=false, or model/depth_net=resnet_san_18",
            "dual_head_network",
        )
    if net.name in vocab.YOLO_NETS:
        if net.variant is None:
            yield Violation(
                "model.depth_net.variant",
                show(net.variant),
                f"{net.name} needs a size variant: one of {', '.join(vocab.YOLO_VARIANTS)}",
                "model.depth_net.variant=s",
                "yolo_variant",
            )
        else:
            yield from one_of(
                "model.depth_net.variant", net.variant, vocab.YOLO_VARIANTS, "a YOLOv8 variant"
            )
    elif net.variant is not None:
        yield Violation(
            "model.depth_net.variant",
            show(net.variant),
            f"variant (n, s, m, l, x) sizes YOLOv8SAN01 only; {net.name or 'this network'} "
            "ignores it",
            "model.depth_net.variant=null",
            "variant_network",
        )


def _supervised_methods(losses: Choices) -> Choices:
    """Every loss with and without the 'sparse-' prefix (supervised_loss.py:312)."""

    def both(names: tuple[str, ...]) -> tuple[str, ...]:
        return (*names, *(f"sparse-{n}" for n in names))

    return Choices(
        both(losses.works),
        {p + n: f for n, f in losses.fails.items() for p in ("", "sparse-")},
        {p + n: q for n, q in losses.quirks.items() for p in ("", "sparse-")},
    )


@rule("model", "trainer")
def loss_and_output(cfg: TrainConfig) -> Iterator[Violation]:
    loss, params, profile = cfg.model.loss, cfg.model.params, profile_of(cfg)
    yield from trainer_choice(
        "model.loss.supervised_method",
        loss.supervised_method,
        _supervised_methods(profile.supervised_losses),
        "supervised loss (optional 'sparse-' prefix)",
        profile,
    )
    yield from one_of(
        "model.loss.rotation_mode", loss.rotation_mode, vocab.ROTATION_MODES, "rotation_mode"
    )
    yield from one_of(
        "model.loss.photometric_reduce_op",
        loss.photometric_reduce_op,
        vocab.PHOTOMETRIC_REDUCE_OPS,
        "photometric_reduce_op",
    )
    yield from one_of(
        "model.loss.padding_mode", loss.padding_mode, vocab.PADDING_MODES, "padding_mode"
    )
    yield from one_of("model.params.crop", params.crop, vocab.CROPS, "crop")
    yield from trainer_choice(
        "model.params.scale_output",
        params.scale_output,
        profile.scale_outputs,
        "scale_output",
        profile,
    )
    if not 0 <= params.min_depth < params.max_depth:
        yield Violation(
            "model.params.min_depth, model.params.max_depth",
            f"min_depth={params.min_depth}, max_depth={params.max_depth}",
            "the evaluated depth range needs 0 <= min_depth < max_depth",
            "e.g. model.params.min_depth=0.0 model.params.max_depth=80.0",
            "depth_range",
        )


@rule("model", "trainer")
def optimizer_settings(cfg: TrainConfig) -> Iterator[Violation]:
    opt, profile = cfg.model.optimizer, profile_of(cfg)
    yield from trainer_choice(
        "model.optimizer.name", opt.name, profile.optimizers, "torch.optim optimizer", profile
    )
    for group in ("depth", "pose"):
        settings = getattr(opt, group)
        base = f"model.optimizer.{group}"
        if not settings.lr > 0:
            yield Violation(
                f"{base}.lr",
                show(settings.lr),
                "a learning rate must be > 0",
                f"{base}.lr=1e-4",
                "lr",
            )
        if not settings.weight_decay >= 0:
            yield Violation(
                f"{base}.weight_decay",
                show(settings.weight_decay),
                "weight decay must be >= 0",
                f"{base}.weight_decay=0.0",
                "weight_decay",
            )


@rule("model", "trainer")
def scheduler_settings(cfg: TrainConfig) -> Iterator[Violation]:
    sch, profile = cfg.model.scheduler, profile_of(cfg)
    yield from trainer_choice(
        "model.scheduler.name", sch.name, profile.schedulers, "learning-rate scheduler", profile
    )
    if sch.name == "StepLR":
        if sch.step_size < 1:
            yield Violation(
                "model.scheduler.step_size",
                show(sch.step_size),
                "StepLR decays the learning rate every step_size epochs, so step_size >= 1",
                "model.scheduler.step_size=30",
                "step_size",
            )
        if not 0 < sch.gamma <= 1:
            yield Violation(
                "model.scheduler.gamma",
                show(sch.gamma),
                "StepLR multiplies the learning rate by gamma: 0 < gamma <= 1",
                "model.scheduler.gamma=0.5",
                "gamma",
            )
    if sch.name == "CosineAnnealingLR" and sch.T_max < 1:
        yield Violation(
            "model.scheduler.T_max",
            show(sch.T_max),
            "CosineAnnealingLR needs a period of T_max >= 1 epochs",
            "model.scheduler.T_max=20",
            "T_max",
        )
