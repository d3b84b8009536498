"""What the CLI prints: error reports, the one-screen summary, the checkpoint plan."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from depthconf.checkpointing import (
    WRITER_RANK,
    LauncherRankError,
    checkpoint_directory,
    launcher_rank,
    plan_checkpoints,
)
from depthconf.findings import Code, place, show
from depthconf.metrics import emitted_keys, phrase, resolve_monitor
from depthconf.schema import Retention, SplitConfig, TrainConfig, kept, retention
from depthconf.validation import Provenance, Source, SourceKind, Violation


def _indent(text: str) -> str:
    return textwrap.indent(text, "  ")


def print_findings(
    errors: Sequence[Violation],
    warnings: Sequence[Violation],
    *,
    context: str = "",
    stream: TextIO | None = None,
    headline: str | None = None,
) -> None:
    """Every error, then every warning, each with its path, value, rule and fix (to stderr).

    ``headline`` replaces the default "N errors in the config; nothing was launched."
    for errors that are not about a config (a command's usage, say).
    """
    stream = stream or sys.stderr  # looked up per call, so redirection is honoured
    where = f" ({context})" if context else ""
    if errors:
        noun = "error" if len(errors) == 1 else "errors"
        default = f"{len(errors)} {noun} in the config{where}; nothing was launched."
        print(f"depthconf: {headline or default}", file=stream)
        for violation in errors:
            print("\n" + _indent(violation.render()), file=stream)
    for finding in warnings:
        print(f"\ndepthconf: warning{where}:\n" + _indent(finding.render()), file=stream)
    stream.flush()


def plural(n: int, noun: str) -> str:
    """``n`` and ``noun``, with an ``s`` unless ``n`` is 1.

    Example:
        >>> plural(1, "error"), plural(0, "warning"), plural(3, "file")
        ('1 error', '0 warnings', '3 files')
    """
    return f"{n} {noun}{'' if n == 1 else 's'}"


def print_usage_error(command: str, path: str, value: str, rule: str, fix: str) -> None:
    """A command's usage mistake (a flag, a file), reported like a config error (to stderr).

    ``path`` names what is wrong (``--out``, a file), ``value`` what was given.
    """
    violation = Violation((place(path),), value, rule, fix, Code.usage)
    print_findings([violation], (), stream=sys.stderr, headline=f"{command} cannot proceed.")


def _where(source: Source) -> str:
    """A source in a chain: ``the schema default``, ``conf/x.yaml:5``, ``command-line ...``."""
    return source.describe() + (f" (selected by {source.detail})" if source.detail else "")


def _leaf_chain(provenance: Provenance) -> list[str]:
    """One numbered line per source of a key, the quoted file line under a file source."""
    lines = []
    for number, source in enumerate(provenance.chain, start=1):
        used = "   <- the value used" if number == len(provenance.chain) else ""
        lines.append(f"  {number}. {_where(source)}: {source.value}{used}")
        if source.kind is SourceKind.file and source.location is not None:
            lines += [f"       {text}" for text in source.location.render()[1:]]
    lines += [f"     reads {step.describe()}: {step.value}" for step in provenance.via]
    return lines


def _short(source: Source) -> str:
    if source.kind is SourceKind.schema:
        return f"schema default {source.value}"
    if source.kind is SourceKind.override:
        return repr(source.override)
    return f"{source.describe()} {source.value}"


def explanation_text(
    key: str, value: object, leaves: Sequence[Provenance], section: bool, context: str = ""
) -> str:
    """What ``depthconf explain`` prints: for a leaf, every source in order, each with its
    ``file:line``; for a section, one line per leaf with its value and its chain."""
    where = f"  ({context})" if context else ""
    if not section:
        (provenance,) = leaves
        return "\n".join([f"{key} = {show(value)}{where}", *_leaf_chain(provenance)])
    lines = [f"{key}  ({plural(len(leaves), 'key')}){where}"]
    width = max((len(p.key) - len(key) - 1 for p in leaves), default=0)
    for provenance in leaves:
        relative = provenance.key[len(key) + 1 :]
        node = value
        for part in relative.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        chain = " -> ".join(_short(s) for s in provenance.chain) or "not set anywhere"
        via = "".join(f"; reads {s.describe()}: {s.value}" for s in provenance.via)
        lines.append(f"  {relative:<{width}}  {show(node):<16} {chain}{via}")
    return "\n".join(lines)


def _split_line(split: SplitConfig) -> str:
    entries = split.entries()
    if not entries:
        return "none"
    rows = [f"{e.dataset} {e.path} {e.split}".rstrip() for e in entries]
    count = f"{len(entries)} dataset{'s' if len(entries) > 1 else ''}"
    return f"{count}, batch {split.batch_size}: " + "; ".join(rows)


def monitor_line(cfg: TrainConfig) -> str:
    """The monitored full key and its direction, or why nothing is ranked."""
    resolution = resolve_monitor(cfg)
    if resolution is None or resolution.key is None:
        return "none (checkpoints are not ranked)"
    key = resolution.key
    direction = phrase(resolution.direction) if resolution.direction else "unknown direction"
    mode = cfg.checkpoint.mode.value if cfg.checkpoint.mode else "?"
    return f"{key} (mode={mode}: {direction})"


def summary(cfg: TrainConfig, experiment: str | None) -> str:
    """The one-screen summary ``depthconf check`` prints for a valid config."""
    model, net = cfg.model, cfg.model.depth_net
    size = net.version or (f"variant {net.variant}" if net.variant else "")
    pose = model.pose_net.name or "no pose net"
    opt, sch = model.optimizer, model.scheduler
    validation = [
        f"{ds.prefix} ({len(ds.keys)} keys)"
        if ds.has_ground_truth
        else f"{ds.prefix} (no ground truth)"
        for ds in emitted_keys(cfg)
    ]
    rows = [
        ("experiment", experiment or "none"),
        ("model", f"{model.name}: {net.name} {size} (dropout {net.dropout}), {pose}"),
        (
            "training",
            f"{model.loss.supervised_method}; {opt.name} lr {opt.depth.lr:g}/{opt.pose.lr:g}; "
            f"{sch.name}; {cfg.arch.max_epochs} epochs",
        ),
        ("train", _split_line(cfg.datasets.train)),
        ("validation", "; ".join(validation) or "none"),
        ("checkpoint", policy_line(cfg)),
        ("monitor", monitor_line(cfg)),
    ]
    return "\n".join(f"  {name:<11} {value}" for name, value in rows)


def policy_line(cfg: TrainConfig) -> str:
    ckpt = cfg.checkpoint
    if not ckpt.filepath:
        return "disabled (checkpoint.filepath is empty)"
    every = "every epoch" if ckpt.period == 1 else f"every {ckpt.period} epochs"
    last = ", plus last.ckpt" if ckpt.save_last else ""
    return f"{ckpt.filepath}, {every}, {kept(ckpt.save_top_k)}{last}"


def plan(cfg: TrainConfig, run_dir: Path) -> str:
    """The checkpoint plan ``depthconf run`` prints, using the keeper's own arithmetic."""
    ckpt = cfg.checkpoint
    lines = ["checkpoint plan:"]
    if not ckpt.filepath:
        lines.append("  no checkpoints are written (checkpoint.filepath is empty)")
        return "\n".join(lines)
    # The keeper's own directory rule and arithmetic, so the plan cannot drift from it.
    counts = plan_checkpoints(
        save_top_k=ckpt.save_top_k, period=ckpt.period, max_epochs=cfg.arch.max_epochs
    )
    every = "every epoch" if ckpt.period == 1 else f"every {ckpt.period} epochs"
    keeps_all = retention(ckpt.save_top_k) is Retention.keep_all
    kept_ones = "every checkpoint" if keeps_all else f"the best {ckpt.save_top_k}"
    # A top-k keeper skips epochs that cannot enter the top k, so its count is a bound.
    bound = "" if keeps_all else "up to "
    lines += [
        f"  directory   {checkpoint_directory(cfg, run_dir)}",
        f"  written     {every}: {bound}{counts.written} checkpoints in "
        f"{cfg.arch.max_epochs} epochs",
        f"  kept        {kept_ones}: {counts.kept_at_end} at the end",
        f"  ranked by   {monitor_line(cfg)}",
    ]
    if ckpt.save_last:
        lines.append("  last        last.ckpt, replaced every written epoch")
    lines += [
        f"  writer      rank {WRITER_RANK} only, holding a lock on the directory; "
        "other ranks write nothing",
        f"  this rank   {rank_line()}",
    ]
    return "\n".join(lines)


def rank_line() -> str:
    """This process's rank as the keeper will read it from the launcher, and its role."""
    try:
        rank = launcher_rank()
    except LauncherRankError as error:
        return f"unclear, so the keeper would refuse to start: {error}"
    return f"{rank.rank} ({rank.source}): {'writes' if rank.is_writer else 'writes nothing'}"
