"""What one version of the trainer accepts: the shape of a trainer profile.

depthconf validates configs for a trainer it does not import. Everything that
differs between trainer versions (which names exist, which of them can really
train, which metric keys validation emits) is data in a :class:`TrainerProfile`;
the rules in :mod:`depthconf.validation.rules` read the profile a config selects
(``trainer=fork_208e293``, the default, or ``trainer=upstream_de53b31``) and never
hard-code a trainer fact.

>>> failure = Failure(Stage.first_step, "forward() takes no 'masks'", "models/SelfSupModel.py:83")
>>> failure.sentence()
"fails at the first training step: forward() takes no 'masks' (models/SelfSupModel.py:83)"
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from depthconf.trainer._data import DataFacts
    from depthconf.trainer._model import ModelFacts


class TrainerName(StrEnum):
    """The trainer versions depthconf has a profile for (``trainer=<name>``)."""

    fork_208e293 = "fork_208e293"
    upstream_de53b31 = "upstream_de53b31"


class Stage(StrEnum):
    """When a run with a bad value stops: the later, the more compute it costs."""

    start_up = "at start-up"
    start_of_fit = "at the start of training (optimizer and scheduler set-up)"
    data_loaders = "at the start of training, when it builds the data loaders"
    first_step = "at the first training step"
    # A per-sample random draw fails: almost surely within the first few batches.
    early_step = "within the first training steps"
    first_validation = "at the end of the first validation"
    first_checkpoint = "at the first checkpoint save"
    end_of_epoch = "at the end of the first epoch"


@dataclass(frozen=True)
class Failure:
    """How the trainer fails on a value: when, why (a sentence a user understands), where."""

    stage: Stage
    why: str
    cite: str  # file:line in the trainer, relative to its repository root ('': not cited)

    def sentence(self) -> str:
        where = f" ({self.cite})" if self.cite else ""
        return f"fails {self.stage.value}: {self.why}{where}"


@dataclass(frozen=True)
class Quirk:
    """A value the trainer accepts but silently treats as something else."""

    what_happens: str
    cite: str

    def sentence(self) -> str:
        return f"{self.what_happens} ({self.cite})"


def _frozen(mapping: Mapping[str, Failure] | None = None) -> Mapping[str, Failure]:
    return MappingProxyType(dict(mapping or {}))


def _frozen_quirks(mapping: Mapping[str, Quirk] | None = None) -> Mapping[str, Quirk]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True)
class Choices:
    """A closed set of names the trainer looks up (a class, a mode, a kind).

    ``works`` train as configured; ``fails`` are names the trainer knows (they load,
    or torch defines them elsewhere) but that stop a run, each with its
    :class:`Failure`; ``quirks`` run, but not as their name says (:class:`Quirk`).
    Anything else is unknown to the trainer; ``unknown``, when given, says how the
    trainer fails on such a name.

    >>> c = Choices(("Adam",), {"NAdam": Failure(Stage.start_of_fit, "not in torch 1.9", "x:1")})
    >>> c.known, "NAdam" in c
    (('Adam', 'NAdam'), True)
    """

    works: tuple[str, ...]
    fails: Mapping[str, Failure] = field(default_factory=_frozen)
    quirks: Mapping[str, Quirk] = field(default_factory=_frozen_quirks)
    unknown: Failure | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "fails", _frozen(self.fails))
        object.__setattr__(self, "quirks", _frozen_quirks(self.quirks))

    @property
    def known(self) -> tuple[str, ...]:
        return (*self.works, *self.quirks, *self.fails)

    def __contains__(self, name: object) -> bool:
        return name in self.works or name in self.fails or name in self.quirks


@dataclass(frozen=True)
class EvalDuringTraining:
    """The trainer's evaluation during training (``arch.eval_*``), as it really reads them.

    Every ``max(1, int(batches per epoch x arch.eval_progress_interval))`` training
    batches it evaluates ``max(min_batches, arch.eval_subset_size)`` batches of every
    validation loader.

    >>> EvalDuringTraining(50, "trainers/horovod_trainer.py:138").batches(25)
    50
    """

    min_batches: int
    cite: str

    def batches(self, subset_size: int) -> int:
        return max(self.min_batches, subset_size)


@dataclass(frozen=True)
class TrainerProfile:
    """Everything depthconf needs to know about one trainer version to judge a config.

    Each field of a concrete profile cites the trainer's file:line it was read from.
    """

    name: TrainerName
    title: str  # what the profile describes, for messages: "the team's fork at 208e293"
    metric_modes: tuple[str, ...]  # evaluation-mode suffixes of every emitted metric key
    models: Choices  # model.name
    # What happens when SemiSupCompletionModel runs its self-supervised branch
    # (model.loss.supervised_loss_weight below 1.0, with a pose network); None: it trains.
    partial_supervision: Failure | None
    # The batch keys each model hands to its depth network's forward().
    model_inputs: Mapping[str, tuple[str, ...]]
    depth_nets: Choices  # model.depth_net.name
    # Depth networks whose forward() takes only these keyword arguments; the others
    # accept **kwargs.
    depth_net_inputs: Mapping[str, tuple[str, ...]]
    pose_nets: Choices  # model.pose_net.name
    dataset_kinds: Choices  # datasets.*.dataset
    ncdb_depth_types: tuple[str, ...]  # lower-case; the trainer lower-cases and strips
    scale_outputs: Choices  # model.params.scale_output
    supervised_losses: Choices  # model.loss.supervised_method without its 'sparse-' prefix
    optimizers: Choices  # model.optimizer.name (torch.optim)
    schedulers: Choices  # model.scheduler.name (torch.optim.lr_scheduler)
    # Keys the trainer sets while it runs; a config file must not carry them over.
    runtime_only_keys: tuple[str, ...]
    # Keys the trainer never reads (or always overrides): a value other than the
    # default is a wish the run silently ignores.
    ignored_keys: Mapping[str, Quirk]
    data: DataFacts  # datasets.*: loading, augmentation, evaluation sizes
    # What the trainer does with the model.* keys beyond the names above: versions,
    # the inputs and scales of networks, the pose network, losses, torch arguments.
    model: ModelFacts
    # What happens when wandb.dry_run is false (entity and project set); None: it logs.
    wandb_logging: Failure | None = None
    # How arch.eval_* are read; None: the trainer does not evaluate during training.
    eval_during_training: EvalDuringTraining | None = None
    # The sigmoid-to-depth mapping ('linear' or 'log') each metric mode evaluates;
    # training uses 'log' when model.params.use_log_space, else 'linear'. Modes not
    # listed evaluate the training mapping itself.
    metric_mappings: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in ("model_inputs", "depth_net_inputs", "ignored_keys", "metric_mappings"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))
