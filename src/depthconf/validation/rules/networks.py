"""Depth and pose networks against the trainer: names, versions, inputs, FiLM.

The depth network's own options (the dual head, the YOLOv8 variant and version) are
judged by the section (:mod:`depthconf.schema._rules.model`).
"""

from __future__ import annotations

from collections.abc import Iterator

from depthconf.findings import Code, Violation, at, closest, show, warning
from depthconf.schema import DepthNetConfig, SplitConfig, TrainConfig
from depthconf.schema import _vocabulary as vocab
from depthconf.trainer import Failure, Stage, TrainerProfile, profile_of
from depthconf.validation._registry import rule
from depthconf.validation.rules._choices import trainer_choice, trainer_fails, trainer_quirk
from depthconf.validation.rules.model import builds_pose_net, trains

_NET_DEFAULTS = DepthNetConfig()


@rule("model", "trainer")
def depth_net_name(cfg: TrainConfig) -> Iterator[Violation]:
    # packnet_sfm/models/model_wrapper.py:946-950 -> packnet_sfm/utils/load.py:105
    profile = profile_of(cfg)
    yield from trainer_choice(
        "model.depth_net.name",
        cfg.model.depth_net.name,
        profile.depth_nets,
        "depth network",
        profile,
    )


def _version(path: str, name: str, version: str, profile: TrainerProfile) -> Iterator[Violation]:
    """M13, M14, M15, F2.A8, F2.A9, F2.C3: the version a network parses."""
    versions = profile.model.versions.get(name)
    if versions is None:
        return
    if not versions.builds(version):
        yield trainer_fails(
            path,
            version,
            f"{name} takes a version made of {versions.grammar}",
            versions.failure,
            f"{path}={versions.example}",
            Code.network_version,
        )
    elif name in vocab.PACKNET_NETS and version and not version[0].isdigit():
        # [F2.C3] PackNet01.py:27, PackNetSAN01.py:160 read only version[1:].
        yield Violation(
            at(path),
            show(version),
            f"the trainer reads only the variant letter of a {name} version (version[1:]), "
            f"so {version!r} builds like '1{version[1:]}'; depthconf is stricter and wants "
            "the generation digit first, because any other first character is most likely "
            "a typo",
            f"{path}=1{version[1:]}",
            Code.network_version,
        )


@rule("model", "trainer")
def network_versions(cfg: TrainConfig) -> Iterator[Violation]:
    profile, net, pose = profile_of(cfg), cfg.model.depth_net, cfg.model.pose_net
    yield from _version("model.depth_net.version", net.name, net.version, profile)
    # The pose network is read only when it is built [F2.A8].
    if pose.name and trains(cfg, profile) and builds_pose_net(cfg, profile):
        yield from _version("model.pose_net.version", pose.name, pose.version, profile)


@rule("model", "trainer")
def unused_network_keys(cfg: TrainConfig) -> Iterator[Violation]:
    """M19: keys a network takes but never uses (dropout on ResNetSAN01)."""
    net = cfg.model.depth_net
    for key, quirk in profile_of(cfg).model.ignored_by_network.get(net.name, {}).items():
        value, default = getattr(net, key), getattr(_NET_DEFAULTS, key)
        if value != default:
            path = f"model.depth_net.{key}"
            fix = f"remove it or set {path}={show(default)} (the value has no effect)"
            yield trainer_quirk(path, value, quirk, fix, Code.ignored_key)


@rule("model", "trainer")
def depth_net_inputs(cfg: TrainConfig) -> Iterator[Violation]:
    """M12: networks whose forward() takes only rgb get the model's other inputs too."""
    model, profile = cfg.model, profile_of(cfg)
    takes = profile.depth_net_inputs.get(model.depth_net.name)
    if takes is None or not trains(cfg, profile):
        return
    extra = [k for k in profile.model_inputs.get(model.name, ()) if k not in takes]
    extra += [k for k in profile.model.step_kwargs if k not in takes]
    if not extra:
        return
    name = model.depth_net.name
    accepting = [n for n in profile.depth_nets.works if n not in profile.depth_net_inputs]
    target = closest(name, accepting, cutoff=0.0) or "ResNetSAN01"
    failure = Failure(
        Stage.first_step,
        f"{name}.forward() takes only {', '.join(takes)}, but the model also passes "
        f"{', '.join(f'{k}=' for k in extra)} (TypeError: unexpected keyword argument)",
        profile.model.step_kwargs_cite,
    )
    yield trainer_fails(
        "model.depth_net.name",
        name,
        f"{model.name} cannot train with {name}",
        failure,
        f"model.depth_net.name={target} (a network whose forward() takes **kwargs)",
        Code.depth_net_inputs,
    )


def _input_depth_splits(cfg: TrainConfig, profile: TrainerProfile) -> list[tuple[str, str]]:
    """(split, 'KITTI[0]') for every dataset that hands the network an input depth."""
    if "input_depth" not in profile.model_inputs.get(cfg.model.name, ()):
        return []
    feeds = []
    for split in ("train", "validation"):
        lists: SplitConfig = getattr(cfg.datasets, split)
        if lists.broadcast_mismatches():
            continue  # reported by the dataset rules
        for entry in lists.entries():
            if entry.dataset in profile.model.input_depth_kinds and entry.input_depth_type:
                feeds.append((split, f"datasets.{split}[{entry.index}] ({entry.dataset})"))
    return feeds


@rule("model", "datasets", "trainer")
def film(cfg: TrainConfig) -> Iterator[Violation]:
    """M17, M18, M20: FiLM and the sparse-depth encoder of ResNetSAN01."""
    net, profile = cfg.model.depth_net, profile_of(cfg)
    facts = profile.model.film.get(net.name)
    if facts is None or not trains(cfg, profile):
        return
    feeds = _input_depth_splits(cfg, profile)
    sources = ", ".join(where for _, where in feeds)
    if not net.use_film:
        if not feeds:
            return
        without = facts.without_film
        if not any(split == "train" for split, _ in feeds):
            # Validation swallows the error; the epoch then ends in KeyError 'depth_lin'.
            without = Failure(
                Stage.first_validation,
                f"{without.why}; validation swallows it and ends in KeyError 'depth_lin'",
                f"{without.cite}, packnet_sfm/models/model_wrapper.py:358-365",
            )
        yield Violation(
            at("model.depth_net.use_film"),
            "false",
            f"{sources} give{'s' if len(feeds) == 1 else ''} {net.name} an input depth "
            f"({profile.model.input_depth_cite}), and use_film is false: the trainer "
            f"{without.sentence()}",
            "model.depth_net.use_film=true, or input_depth_type='' for those datasets (RGB only)",
            Code.film_required,
        )
        return
    if not feeds:
        yield warning(
            at("model.depth_net.use_film"),
            "true",
            "accepted, but no training or validation dataset gives the network an input "
            f"depth (only {' and '.join(profile.model.input_depth_kinds)} load one, with "
            f"input_depth_type: {profile.model.input_depth_cite}), so FiLM and the "
            "sparse-depth encoder never "
            "run; use_film still builds that encoder, so MinkowskiEngine must be installed "
            f"({facts.encoder_cite})",
            "model.depth_net.use_film=false",
            Code.film_unused,
        )
    outside = [s for s in net.film_scales if not 0 <= s < facts.scales]
    if outside:
        yield warning(
            at("model.depth_net.film_scales"),
            show(net.film_scales),
            f"accepted, but {net.name} has encoder scales 0..{facts.scales - 1} and applies "
            f"FiLM only where a scale is listed ({facts.scales_cite}), so {show(outside)} "
            "silently add no FiLM",
            "model.depth_net.film_scales="
            + show([s for s in net.film_scales if 0 <= s < facts.scales] or [0]).replace(" ", ""),
            Code.film_scales,
        )
