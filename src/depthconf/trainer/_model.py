"""What one trainer version does with the ``model.*`` keys beyond their name vocabularies.

The name vocabularies (models, networks, losses, torch classes) are
:class:`~depthconf.trainer.Choices` fields of the profile itself; this module holds
the rest: which version strings a network builds with, which keys reach a
network or a torch class, how the supervision weight decides the pose network,
how training rewrites the depth range. Every instance cites the trainer's
file:line it was read from.

>>> v = Versions(r"(18|34|50).*", "18A", "a ResNet depth", Failure(Stage.start_up, "x", "a.py:1"))
>>> v.builds("18pt"), v.builds("101A"), v.builds(None)
(True, False, False)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from depthconf.trainer._profile import Choices, Failure, Quirk, Stage

__all__ = ["DepthRange", "DualHead", "Film", "ModelFacts", "Stage", "Versions"]


@dataclass(frozen=True)
class Versions:
    """The ``version`` strings a network builds and trains with."""

    works: str  # regular expression, matched in full
    example: str  # a version that works, for fixes
    grammar: str  # what ``works`` means, for messages
    failure: Failure  # what the trainer does with any other version

    def builds(self, version: str | None) -> bool:
        return version is not None and re.fullmatch(self.works, version, re.DOTALL) is not None


@dataclass(frozen=True)
class Film:
    """A depth network whose sparse (Minkowski) encoder exists only with ``use_film``."""

    scales: int  # FiLM modulates encoder scales 0 .. scales-1
    scales_cite: str
    # What happens when an input depth reaches the network built without FiLM.
    without_film: Failure
    # Where the Minkowski encoder is built (MinkowskiEngine must be importable).
    encoder_cite: str


@dataclass(frozen=True)
class DualHead:
    """``model.depth_net.use_dual_head``: a loss with fixed weights replaces the configured one."""

    networks: tuple[str, ...]  # the networks that have a dual head
    ignores: tuple[str, ...]  # model.loss keys the dual-head loss never reads
    quirk: Quirk  # what replaces them


@dataclass(frozen=True)
class DepthRange:
    """How the trainer uses ``model.params.min_depth`` and ``max_depth``."""

    # Validation keeps ground truth only in (min_depth, max_depth).
    gt_filter_cite: str
    # model.params.crop: only 'garg' crops; any other value means no crop.
    crop_cite: str
    # Models whose training replaces min_depth <= 0 with ``training_min_depth`` (and an
    # empty range with min_depth + 1), while validation keeps the configured values.
    rewriting_models: tuple[str, ...] = ()
    training_min_depth: float = 0.0
    rewrite_cite: str = ""


def _frozen(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class ModelFacts:
    """Everything the model rules need from one trainer version, besides the name lists."""

    # Models that need no pose network when model.loss.supervised_loss_weight is
    # exactly 1.0, with the cite; every other model always builds one.
    pose_free_models: Mapping[str, str]
    # A pose network is needed but model.pose_net.name is '' (M4).
    missing_pose_net: Failure
    # Keyword arguments the training step passes to the model, which hands them on to
    # the depth network's forward() (the fork's masks=); the cite covers both calls.
    step_kwargs: tuple[str, ...]
    step_kwargs_cite: str
    # model.depth_net.version / model.pose_net.version, per network that reads one.
    versions: Mapping[str, Versions]
    # model.depth_net keys a network takes but never uses, per network.
    ignored_by_network: Mapping[str, Mapping[str, Quirk]]
    # Inverse-depth scales each depth network returns in training.
    training_scales: Mapping[str, int]
    too_many_scales: Failure
    # Networks whose input-depth branch needs use_film (ResNetSAN01 in the fork).
    film: Mapping[str, Film]
    # Dataset kinds that load datasets.*.input_depth_type as 'input_depth'.
    input_depth_kinds: tuple[str, ...]
    input_depth_cite: str
    dual_head: DualHead | None
    # model.loss.supervised_method without the 'sparse' prefix: the loss runs over every
    # pixel, including those without ground truth (names as in ``supervised_losses``).
    dense_losses: Choices
    # The test that picks the loss by the end of supervised_method (in the order of
    # ``supervised_losses``), and the one that makes it sparse.
    loss_lookup_cite: str
    automask_needs_min: Failure  # automask_loss with photometric_reduce_op other than min
    rotation_modes: Choices  # model.loss.rotation_mode, read only when a pose network runs
    depth_range: DepthRange
    # Keys of model.optimizer.<group> / model.scheduler that reach each torch class
    # (filter_args keeps only its named parameters).
    optimizer_args: Mapping[str, tuple[str, ...]]
    scheduler_args: Mapping[str, tuple[str, ...]]
    args_cite: str  # where filter_args picks them and the torch classes are built
    scheduler_step_cite: str  # scheduler.step(), once per epoch

    def __post_init__(self) -> None:
        for name in (
            "pose_free_models",
            "versions",
            "ignored_by_network",
            "training_scales",
            "film",
            "optimizer_args",
            "scheduler_args",
        ):
            object.__setattr__(self, name, _frozen(getattr(self, name)))
