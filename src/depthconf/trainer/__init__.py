"""Trainer profiles: what each supported trainer version accepts, as data.

A config selects its profile with the ``trainer`` group (``trainer=fork_208e293``,
the default: the team's fork; ``trainer=upstream_de53b31``). The schema is one;
the profile decides validity::

    >>> import depthconf
    >>> profile = depthconf.trainer.profile_of(depthconf.compose("resnet_san_ncdb"))
    >>> profile.name, profile.metric_modes
    ('fork_208e293', ('_lin', '_lin_gt', '_log', '_log_gt'))
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from depthconf.trainer._data import DataFacts, MetricNames, NcdbFacts
from depthconf.trainer._fork import FORK_208E293
from depthconf.trainer._model import DepthRange, DualHead, Film, ModelFacts, Versions
from depthconf.trainer._profile import (
    Choices,
    EvalDuringTraining,
    Failure,
    Quirk,
    Stage,
    TrainerName,
    TrainerProfile,
)
from depthconf.trainer._upstream import UPSTREAM_DE53B31

if TYPE_CHECKING:
    from depthconf.schema import TrainConfig

PROFILES: Final = MappingProxyType({p.name: p for p in (FORK_208E293, UPSTREAM_DE53B31)})
DEFAULT_PROFILE: Final = FORK_208E293


def profile_of(cfg: TrainConfig) -> TrainerProfile:
    """The profile a config selects (``cfg.trainer.profile``)."""
    return PROFILES[cfg.trainer.profile]


__all__ = [
    "DEFAULT_PROFILE",
    "FORK_208E293",
    "PROFILES",
    "UPSTREAM_DE53B31",
    "Choices",
    "DataFacts",
    "DepthRange",
    "DualHead",
    "EvalDuringTraining",
    "Failure",
    "Film",
    "MetricNames",
    "ModelFacts",
    "NcdbFacts",
    "Quirk",
    "Stage",
    "TrainerName",
    "TrainerProfile",
    "Versions",
    "profile_of",
]
