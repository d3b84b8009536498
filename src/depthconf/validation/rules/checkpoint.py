"""Checkpoint policy: what ``save_top_k`` means, what ranking needs, how files are named.

The trainer's keeper is ``packnet_sfm/models/model_checkpoint.py``, built by
``scripts/core/train.py:66-67`` only when ``checkpoint.filepath`` is set; its file
names come from ``packnet_sfm/utils/config.py:87-96`` (trainer.md section 3f).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from depthconf.metrics import dataset_prefix, emitted_keys, prefix_parts, resolve_monitor
from depthconf.schema import Mode, TrainConfig
from depthconf.trainer import profile_of
from depthconf.validation._registry import intact, rule
from depthconf.validation._violation import Violation, show, warning
from depthconf.validation.rules._keeper import METRIC_NOT_AVAILABLE, NO_KEEPER

# str.format reads these in a field name as attribute access, indexing, a conversion,
# a format spec or a brace, and os.path.split cuts the template at '/'
# (packnet_sfm/models/model_checkpoint.py:33, :112-117) [C8].
_FORMAT_BREAKERS = ".[:!{}/"


def training_mode(cfg: TrainConfig, *, gt: bool = False) -> str:
    """The metric mode that evaluates the mapping the model trains with (first mode else).

    >>> import depthconf
    >>> training_mode(depthconf.compose("resnet_san_ncdb"))
    '_lin'
    """
    profile = profile_of(cfg)
    trained = "log" if cfg.model.params.use_log_space else "linear"
    for mode, mapping in profile.metric_mappings.items():
        if mapping == trained and mode.endswith("_gt") == gt:
            return mode
    return profile.metric_modes[0]


def suggested_monitor(cfg: TrainConfig) -> str:
    """A ``monitor=... mode=...`` pair that works for this composed config."""
    if cfg.datasets.validation.broadcast_mismatches():
        return ""
    datasets = emitted_keys(cfg)
    index = cfg.checkpoint.monitor_index
    ordered = ([datasets[index]] if index < len(datasets) else []) + list(datasets)
    for ds in ordered:
        if ds.has_ground_truth and ds.shadowed_by is None:
            name = f"abs_rel{training_mode(cfg)}"
            extra = "" if ds.index == index else f" checkpoint.monitor_index={ds.index}"
            return f"checkpoint.monitor={name} checkpoint.mode={Mode.min.value}{extra}"
    return ""


@rule("checkpoint")
def save_top_k_meaning(cfg: TrainConfig) -> Iterator[Violation]:
    k = cfg.checkpoint.save_top_k
    if k == 0:
        # packnet_sfm/models/model_checkpoint.py:30-31: 0 becomes a limit of 1e6 [C6].
        yield Violation(
            path="checkpoint.save_top_k",
            value="0",
            rule=(
                "depthconf is stricter than the trainer here, because 0 is ambiguous: the "
                "team's trainer (the legacy keeper) reads 0 as 'keep every checkpoint, "
                "ranked by the monitor' (packnet_sfm/models/model_checkpoint.py:30-31), "
                "PyTorch Lightning reads it as 'keep none'. -1 means keep all in both; "
                "k >= 1 keeps the best k"
            ),
            fix="checkpoint.save_top_k=-1 to keep every checkpoint, or "
            "checkpoint.filepath='' to write no checkpoints",
            code="save_top_k_zero",
        )
    elif k < -1:
        # model_checkpoint.py:96, :107: the top-k test indexes best_k_models[''] [C7].
        yield Violation(
            path="checkpoint.save_top_k",
            value=str(k),
            rule=(
                "-1 keeps every checkpoint and k >= 1 keeps the best k; below -1 means "
                "nothing, and the trainer fails at the first checkpoint save with "
                "KeyError '' (packnet_sfm/models/model_checkpoint.py:96, :107)"
            ),
            fix="checkpoint.save_top_k=-1 (keep all) or a k >= 1",
            code="save_top_k_range",
        )


@rule("checkpoint")
def top_k_needs_checkpoints(cfg: TrainConfig) -> Iterator[Violation]:
    """save_top_k >= 1 with no checkpoint directory: a ranking that cannot happen [H2]."""
    ckpt = cfg.checkpoint
    if ckpt.filepath or ckpt.save_top_k < 1:
        return
    yield Violation(
        "checkpoint.save_top_k, checkpoint.filepath",
        f"save_top_k={ckpt.save_top_k}, filepath=''",
        f"save_top_k={ckpt.save_top_k} asks to keep the best {ckpt.save_top_k} checkpoints, "
        f"but {NO_KEEPER}. depthconf is stricter than the trainer, which ignores "
        "save_top_k then, because the config asks for a ranking that cannot happen",
        "checkpoint.save_top_k=-1 to state that no checkpoint is kept, or "
        "checkpoint.filepath=checkpoints to write them",
        "top_k_without_checkpoints",
    )


# The verdict reads these four fields alone; datasets, the model's mapping, the profile
# and monitor_index serve the fix only, so the rule is still reported when they have
# errors of their own.
@rule("checkpoint.save_top_k", "checkpoint.monitor", "checkpoint.mode", "checkpoint.filepath")
def ranking_needs_monitor_and_mode(cfg: TrainConfig) -> Iterator[Violation]:
    ckpt = cfg.checkpoint
    if ckpt.save_top_k < 1 or not ckpt.filepath:
        return  # without a filepath, top_k_needs_checkpoints reports it
    if ckpt.monitor is not None and ckpt.mode is not None:
        return
    keep_all = "checkpoint.save_top_k=-1 to keep every checkpoint"
    if not intact("datasets", "trainer", "model.params", "checkpoint.monitor_index"):
        fix = (
            "checkpoint.monitor=<metric> checkpoint.mode=<min|max> (depthconf proposes a "
            f"metric once the errors in the datasets it reads are fixed), or {keep_all}"
        )
    elif pair := suggested_monitor(cfg):
        fix = f"{pair}, or {keep_all}"
    else:
        fix = "checkpoint.save_top_k=-1 (no validation dataset has ground truth to rank by)"
    if ckpt.monitor is None:
        # configs/default_config.py:249: the trainer's default monitor is 'loss' [C1].
        trainer = (
            "the trainer would rank by its default monitor 'loss', which validation never "
            f"returns, and {METRIC_NOT_AVAILABLE.sentence()}"
        )
    else:
        # configs/default_config.py:251: the trainer's default mode is 'auto' [C4, C12].
        trainer = (
            "the trainer would guess the direction ('auto'); depthconf is stricter and "
            "wants it stated (see checkpoint.mode)"
        )
    yield Violation(
        path="checkpoint.monitor, checkpoint.mode",
        value=(
            f"save_top_k={ckpt.save_top_k}, monitor={show(ckpt.monitor)}, mode={show(ckpt.mode)}"
        ),
        rule=(
            f"save_top_k={ckpt.save_top_k} keeps the best {ckpt.save_top_k} checkpoints, so "
            "checkpoint.monitor (the metric to rank by) and checkpoint.mode (min or max) must "
            f"both be set explicitly: {trainer}"
        ),
        fix=fix,
        code="monitor_required",
        related=("checkpoint.save_top_k",),
    )


@rule("checkpoint", "datasets", "model", "trainer")
def monitor_needs_mode(cfg: TrainConfig) -> Iterator[Violation]:
    """A monitor without a mode, even with save_top_k=-1 [C12]."""
    ckpt = cfg.checkpoint
    if ckpt.save_top_k >= 1 or ckpt.monitor is None or ckpt.mode is not None:
        return  # with top-k, ranking_needs_monitor_and_mode reports it
    broadcastable = not cfg.datasets.validation.broadcast_mismatches()
    resolution = resolve_monitor(cfg) if broadcastable else None
    direction = resolution.direction if resolution and resolution.direction else Mode.min
    # packnet_sfm/models/model_checkpoint.py:48-52: 'auto' (the trainer's default mode)
    # decides by substrings of the full key; with save_top_k -1 nothing is ranked.
    yield Violation(
        path="checkpoint.mode",
        value=f"monitor={show(ckpt.monitor)}, mode={show(ckpt.mode)}",
        rule=(
            "a monitored metric needs an explicit mode: depthconf is stricter than the "
            "trainer, which ranks nothing with save_top_k=-1 and would fall back to 'auto', "
            "a guess from substrings of the full key that picks the wrong direction for "
            "a2/a3 or for dataset prefixes containing 'acc' or 'a1' "
            "(packnet_sfm/models/model_checkpoint.py:48-52); depthconf's own checkpoint "
            "keeper tracks the best checkpoint by the monitor even when it keeps them all"
        ),
        fix=f"checkpoint.mode={direction.value}, or checkpoint.monitor=null",
        code="mode_required",
        related=("checkpoint.monitor",),
    )


@rule("checkpoint", "datasets")
def monitor_index_in_range(cfg: TrainConfig) -> Iterator[Violation]:
    validation = cfg.datasets.validation
    count = validation.dataset_count
    index = cfg.checkpoint.monitor_index
    if count == 0:
        yield from _no_validation_to_monitor(cfg)
        return
    if index < count or validation.broadcast_mismatches():
        return
    # packnet_sfm/utils/config.py:243-245 asserts it when checkpoint.filepath is set.
    trainer = (
        "; the trainer fails at start-up: AssertionError 'You need to monitor a valid "
        "dataset' (packnet_sfm/utils/config.py:243-245)"
        if cfg.checkpoint.filepath
        else ""
    )
    yield Violation(
        path="checkpoint.monitor_index",
        value=str(index),
        rule=(
            f"monitor_index selects the validation dataset the monitor refers to; there are "
            f"{count} validation dataset(s) after broadcasting, so it must be below {count}"
            f"{trainer}"
        ),
        fix=f"checkpoint.monitor_index={count - 1}" if count > 1 else "checkpoint.monitor_index=0",
        code="monitor_index_range",
    )


def _no_validation_to_monitor(cfg: TrainConfig) -> Iterator[Violation]:
    """checkpoint.filepath set, no validation dataset [S5]."""
    ckpt = cfg.checkpoint
    if not ckpt.filepath:
        return
    if len(cfg.datasets.validation.split) <= ckpt.monitor_index:
        # packnet_sfm/utils/config.py:243-245 counts the split entries.
        trainer = (
            "fails at start-up: AssertionError 'You need to monitor a valid dataset' "
            "(packnet_sfm/utils/config.py:243-245)"
        )
    else:
        # A split without path builds no dataset (packnet_sfm/models/model_wrapper.py:1035-1036),
        # and the validation loader is built from None (:254 -> :1183).
        trainer = (
            "fails at the start of training: TypeError 'NoneType' object is not iterable "
            "(packnet_sfm/models/model_wrapper.py:254, :1183)"
        )
    yield Violation(
        "checkpoint.filepath, datasets.validation",
        f"filepath={show(ckpt.filepath)}, no validation dataset",
        "checkpoints are named after (and ranked by) a metric of validation dataset "
        f"checkpoint.monitor_index={ckpt.monitor_index}, but datasets.validation lists no "
        f"dataset: the trainer {trainer}",
        "add a validation dataset (datasets.validation.dataset/path/split), or "
        "checkpoint.filepath='' to write no checkpoints",
        "checkpoint_without_validation",
    )


@rule("checkpoint", "datasets")
def checkpoint_name_formats(cfg: TrainConfig) -> Iterator[Violation]:
    """The monitored key must survive the trainer's str.format of the file name [C8].

    The trainer names every checkpoint '{epoch:02d}_{<prefix>-<monitor>:.3f}' with the
    prefix of validation dataset monitor_index (packnet_sfm/utils/config.py:87-96,
    prefix from packnet_sfm/utils/logging.py:50-59), whatever save_top_k is.
    """
    validation = cfg.datasets.validation
    if not cfg.checkpoint.filepath or validation.broadcast_mismatches():
        return
    entries = validation.entries()
    index = cfg.checkpoint.monitor_index
    if index >= len(entries):
        return  # monitor_index_in_range reports it
    entry = entries[index]
    for field, part in prefix_parts(entry):
        bad = sorted({char for char in part if char in _FORMAT_BREAKERS})
        if not bad:
            continue
        shown = " and ".join(repr(char) for char in bad)
        # '.' and '[' make str.format look up the text before them: KeyError; the
        # others break the field syntax: ValueError (model_checkpoint.py:112-117).
        errors = " or ".join(sorted({"KeyError" if c in ".[" else "ValueError" for c in bad}))
        value = entry.cameras[0] if field == "cameras" else getattr(entry, field)
        yield Violation(
            f"datasets.validation.{field}[{index}], checkpoint.filepath",
            show(value),
            f"the key prefix of validation dataset {index} is {dataset_prefix(entry)!r}, and "
            "the trainer puts it into every checkpoint file name through str.format, which "
            f"reads {shown} as part of a format field: the trainer fails at the first "
            f"checkpoint save with {errors}, whatever save_top_k "
            "(packnet_sfm/models/model_checkpoint.py:112-117)",
            f"rename it without {shown} (e.g. {_cleaned(field, value)!r}), or "
            "checkpoint.filepath='' to write no checkpoints",
            "checkpoint_name_format",
        )
        return


def _cleaned(field: str, value: str) -> str:
    """``value`` with every str.format breaker of its prefix part replaced by '_'.

    >>> _cleaned("split", "splits/combined.val.json")
    'splits/combined_val.json'
    """
    head, tail = os.path.split(value) if field in ("path", "split") else ("", value)
    stem, ext = os.path.splitext(tail) if field in ("path", "split") else (tail, "")
    for char in _FORMAT_BREAKERS:
        stem = stem.replace(char, "_")
    return os.path.join(head, stem + ext) if head else stem + ext


@rule("arch", "checkpoint")
def validate_first_saves_untrained(cfg: TrainConfig) -> Iterator[Violation]:
    """The validation before training is followed by a save of the untrained weights [C11].

    packnet_sfm/trainers/horovod_trainer.py:113-116 saves after it, :119-124 after
    every epoch, and packnet_sfm/models/model_checkpoint.py:123-125 skips a save
    less than ``period`` epochs after the last one (upstream's fit does the same).
    """
    if not cfg.arch.validate_first or not cfg.checkpoint.filepath:
        return
    yield warning(
        "arch.validate_first",
        f"true (checkpoint.filepath={show(cfg.checkpoint.filepath)})",
        "accepted, but the trainer saves a checkpoint after the validation before training: "
        "the epoch 00 checkpoint holds the untrained weights, and the trained epoch 0 is "
        "never saved, because its save comes less than checkpoint.period epochs after that "
        "one (packnet_sfm/trainers/horovod_trainer.py:113-116, :119-124, "
        "packnet_sfm/models/model_checkpoint.py:123-125)",
        "arch.validate_first=false (epoch 0 is then saved after training), or "
        "checkpoint.filepath='' to write no checkpoints",
        "validate_first_checkpoint",
    )
