"""Checkpoints against the datasets: what can be monitored, how files are named, and the
fixes of the checkpoint section's own rules.

What ``save_top_k`` means and what ranking needs are the section's rules
(:mod:`depthconf.schema._rules.checkpoint`); which metric to propose for them needs
the emitted keys, so their fixes are completed here. The trainer's keeper is
``packnet_sfm/models/model_checkpoint.py``, built by ``scripts/core/train.py:66-67``
only when ``checkpoint.filepath`` is set; its file names come from
``packnet_sfm/utils/config.py:87-96`` (trainer.md section 3f).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace

from depthconf.findings import Code, Violation, at, show, warning
from depthconf.metrics import dataset_prefix, emitted_keys, prefix_parts, resolve_monitor
from depthconf.schema import Mode, TrainConfig
from depthconf.schema._rules import Here
from depthconf.schema._rules.checkpoint import keep_all_fix, mode_fix
from depthconf.trainer import profile_of
from depthconf.validation._registry import completes, intact, rule

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


@completes(Code.monitor_required)
def propose_monitor(found: Violation, cfg: TrainConfig) -> Violation:
    """The fix of ``monitor_required`` (a section rule): an emitted key to rank by.

    The verdict reads checkpoint fields alone; datasets, the model's mapping, the
    profile and monitor_index serve the fix only, so the finding is reported when they
    have errors of their own, with a fix that says so.
    """
    here = Here(found.keys[0][:-1])
    keep_all = keep_all_fix(here)
    if not intact("datasets", "trainer", "model.params", "checkpoint.monitor_index"):
        fix = (
            f"{here('monitor')}=<metric> {here('mode')}=<min|max> (depthconf proposes a "
            f"metric once the errors in the datasets it reads are fixed), or {keep_all}"
        )
    elif pair := suggested_monitor(cfg):
        fix = f"{pair}, or {keep_all}"
    else:
        fix = f"{here('save_top_k')}=-1 (no validation dataset has ground truth to rank by)"
    return replace(found, fix=fix)


@completes(Code.mode_required)
def propose_mode(found: Violation, cfg: TrainConfig) -> Violation:
    """The fix of ``mode_required`` (a section rule): the monitored metric's direction."""
    # The direction is the monitored metric's; while the monitor cannot be resolved
    # (an error in what it reads, or no such metric) a guessed "min" would be wrong for
    # half the metrics: the user picks.
    direction = "<min|max>"
    if (
        intact("datasets", "model", "trainer")
        and not cfg.datasets.validation.broadcast_mismatches()
    ):
        resolution = resolve_monitor(cfg)
        if resolution is not None and resolution.direction is not None:
            direction = resolution.direction.value
    return replace(found, fix=mode_fix(Here(found.keys[0][:-1]), direction))


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
        keys=at("checkpoint.monitor_index"),
        value=str(index),
        rule=(
            f"monitor_index selects the validation dataset the monitor refers to; there are "
            f"{count} validation dataset(s) after broadcasting, so it must be below {count}"
            f"{trainer}"
        ),
        fix=f"checkpoint.monitor_index={count - 1}" if count > 1 else "checkpoint.monitor_index=0",
        code=Code.monitor_index_range,
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
        at("checkpoint.filepath", "datasets.validation"),
        f"filepath={show(ckpt.filepath)}, no validation dataset",
        "checkpoints are named after (and ranked by) a metric of validation dataset "
        f"checkpoint.monitor_index={ckpt.monitor_index}, but datasets.validation lists no "
        f"dataset: the trainer {trainer}",
        "add a validation dataset (datasets.validation.dataset/path/split), or "
        "checkpoint.filepath='' to write no checkpoints",
        Code.checkpoint_without_validation,
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
            at(f"datasets.validation.{field}[{index}]", "checkpoint.filepath"),
            show(value),
            f"the key prefix of validation dataset {index} is {dataset_prefix(entry)!r}, and "
            "the trainer puts it into every checkpoint file name through str.format, which "
            f"reads {shown} as part of a format field: the trainer fails at the first "
            f"checkpoint save with {errors}, whatever save_top_k "
            "(packnet_sfm/models/model_checkpoint.py:112-117)",
            f"rename it without {shown} (e.g. {_cleaned(field, value)!r}), or "
            "checkpoint.filepath='' to write no checkpoints",
            Code.checkpoint_name_format,
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
        at("arch.validate_first"),
        f"true (checkpoint.filepath={show(cfg.checkpoint.filepath)})",
        "accepted, but the trainer saves a checkpoint after the validation before training: "
        "the epoch 00 checkpoint holds the untrained weights, and the trained epoch 0 is "
        "never saved, because its save comes less than checkpoint.period epochs after that "
        "one (packnet_sfm/trainers/horovod_trainer.py:113-116, :119-124, "
        "packnet_sfm/models/model_checkpoint.py:123-125)",
        "arch.validate_first=false (epoch 0 is then saved after training), or "
        "checkpoint.filepath='' to write no checkpoints",
        Code.validate_first_checkpoint,
    )
