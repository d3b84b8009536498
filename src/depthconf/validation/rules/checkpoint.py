"""Checkpoint policy: what ``save_top_k`` means and what ranking needs."""

from __future__ import annotations

from collections.abc import Iterator

from depthconf.metrics import emitted_keys, resolve_monitor, short_names
from depthconf.schema import Mode, TrainConfig
from depthconf.validation._registry import intact, rule
from depthconf.validation._violation import Violation, show


def suggested_monitor(cfg: TrainConfig) -> str:
    """A ``monitor=... mode=...`` pair that works for this composed config."""
    if cfg.datasets.validation.broadcast_mismatches():
        return ""
    datasets = emitted_keys(cfg)
    index = cfg.checkpoint.monitor_index
    ordered = ([datasets[index]] if index < len(datasets) else []) + list(datasets)
    for ds in ordered:
        if ds.has_ground_truth and ds.shadowed_by is None:
            name = short_names(cfg.metrics.modes)[0]  # abs_rel with the first mode
            extra = "" if ds.index == index else f" checkpoint.monitor_index={ds.index}"
            return f"checkpoint.monitor={name} checkpoint.mode={Mode.min.value}{extra}"
    return ""


@rule("checkpoint")
def save_top_k_meaning(cfg: TrainConfig) -> Iterator[Violation]:
    k = cfg.checkpoint.save_top_k
    if k == 0:
        yield Violation(
            path="checkpoint.save_top_k",
            value="0",
            rule=(
                "0 is ambiguous: the legacy keeper read 0 as 'keep every checkpoint', "
                "PyTorch Lightning reads it as 'keep none'. Use -1 (keep all) or k >= 1 "
                "(keep the best k)"
            ),
            fix="checkpoint.save_top_k=-1 to keep every checkpoint, or "
            "checkpoint.filepath='' to write no checkpoints",
            code="save_top_k_zero",
        )
    elif k < -1:
        yield Violation(
            path="checkpoint.save_top_k",
            value=str(k),
            rule="-1 keeps every checkpoint and k >= 1 keeps the best k; below -1 means nothing",
            fix="checkpoint.save_top_k=-1 (keep all) or a k >= 1",
            code="save_top_k_range",
        )


# The verdict reads these three fields alone; datasets, metrics and monitor_index serve
# the fix only, so the rule is still reported when they have errors of their own.
@rule("checkpoint.save_top_k", "checkpoint.monitor", "checkpoint.mode")
def ranking_needs_monitor_and_mode(cfg: TrainConfig) -> Iterator[Violation]:
    ckpt = cfg.checkpoint
    if ckpt.save_top_k < 1 or (ckpt.monitor is not None and ckpt.mode is not None):
        return
    keep_all = "checkpoint.save_top_k=-1 to keep every checkpoint"
    if not intact("datasets", "metrics", "checkpoint.monitor_index"):
        fix = (
            "checkpoint.monitor=<metric> checkpoint.mode=<min|max> (depthconf proposes a "
            f"metric once the errors in the datasets it reads are fixed), or {keep_all}"
        )
    elif pair := suggested_monitor(cfg):
        fix = f"{pair}, or {keep_all}"
    else:
        fix = "checkpoint.save_top_k=-1 (no validation dataset has ground truth to rank by)"
    yield Violation(
        path="checkpoint.monitor, checkpoint.mode",
        value=(
            f"save_top_k={ckpt.save_top_k}, monitor={show(ckpt.monitor)}, mode={show(ckpt.mode)}"
        ),
        rule=(
            f"save_top_k={ckpt.save_top_k} keeps the best {ckpt.save_top_k} checkpoints, so "
            "checkpoint.monitor (the metric to rank by) and checkpoint.mode (min or max) must "
            "both be set explicitly; there is no default monitor (the legacy 'loss' is never "
            "returned by validation)"
        ),
        fix=fix,
        code="monitor_required",
        related=("checkpoint.save_top_k",),
    )


@rule("checkpoint", "datasets", "metrics")
def monitor_needs_mode(cfg: TrainConfig) -> Iterator[Violation]:
    """A monitor without a mode, even with save_top_k=-1 (the keeper still tracks the best)."""
    ckpt = cfg.checkpoint
    if ckpt.save_top_k >= 1 or ckpt.monitor is None or ckpt.mode is not None:
        return  # with top-k, ranking_needs_monitor_and_mode reports it
    broadcastable = not cfg.datasets.validation.broadcast_mismatches()
    resolution = resolve_monitor(cfg) if broadcastable else None
    direction = resolution.direction if resolution and resolution.direction else Mode.min
    yield Violation(
        path="checkpoint.mode",
        value=f"monitor={show(ckpt.monitor)}, mode={show(ckpt.mode)}",
        rule=(
            "a monitored metric needs an explicit mode: the checkpoint keeper tracks the best "
            "checkpoint by it even when it keeps every checkpoint"
        ),
        fix=f"checkpoint.mode={direction.value}, or checkpoint.monitor=null",
        code="mode_required",
        related=("checkpoint.monitor",),
    )


@rule("checkpoint", "datasets")
def monitor_index_in_range(cfg: TrainConfig) -> Iterator[Violation]:
    count = cfg.datasets.validation.dataset_count
    index = cfg.checkpoint.monitor_index
    if count == 0 or index < count or cfg.datasets.validation.broadcast_mismatches():
        return
    yield Violation(
        path="checkpoint.monitor_index",
        value=str(index),
        rule=(
            f"monitor_index selects the validation dataset the monitor refers to; there are "
            f"{count} validation dataset(s) after broadcasting, so it must be below {count}"
        ),
        fix=f"checkpoint.monitor_index={count - 1}" if count > 1 else "checkpoint.monitor_index=0",
        code="monitor_index_range",
    )
