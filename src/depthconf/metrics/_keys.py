"""The keys a composed config's validation loop emits, and the monitored one among them."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import StrEnum

from depthconf.metrics._contract import direction_of, short_names
from depthconf.metrics._prefix import dataset_prefix, has_ground_truth
from depthconf.schema import DatasetEntry, Mode, TrainConfig
from depthconf.trainer import profile_of


@dataclass(frozen=True)
class DatasetKeys:
    """What one validation dataset contributes to the returned metrics dict."""

    entry: DatasetEntry
    prefix: str
    keys: tuple[str, ...]
    has_ground_truth: bool
    # Index of a later dataset with the same prefix: its values overwrite ours.
    shadowed_by: int | None = None

    @property
    def index(self) -> int:
        return self.entry.index

    def describe(self) -> str:
        return f"validation dataset {self.index} ({self.entry.dataset} at {self.entry.path!r})"


def emitted_keys(cfg: TrainConfig) -> tuple[DatasetKeys, ...]:
    """Every key validation will return, per validation dataset (after broadcasting).

    >>> import depthconf
    >>> ds = depthconf.metrics.emitted_keys(depthconf.compose("resnet_san_ncdb"))
    >>> ds[0].keys[0]
    'ncdb-cls-combined_val-depth_original-abs_rel_lin'
    """
    names = short_names(profile_of(cfg).metric_modes)
    rows = []
    for entry in cfg.datasets.validation.entries():
        prefix = dataset_prefix(entry)
        gt = has_ground_truth(entry)
        keys = tuple(f"{prefix}-{name}" for name in names) if gt else ()
        rows.append((entry, prefix, keys, gt))
    result = []
    for entry, prefix, keys, gt in rows:
        later = [e.index for e, p, _, g in rows if g and p == prefix and e.index > entry.index]
        shadow = later[-1] if gt and later else None
        result.append(DatasetKeys(entry, prefix, keys, gt, shadow))
    return tuple(result)


def returned_keys(cfg: TrainConfig) -> frozenset[str]:
    """The keys of the dict one validation epoch returns (shadowed duplicates merged)."""
    return frozenset(key for ds in emitted_keys(cfg) for key in ds.keys)


class MonitorProblem(StrEnum):
    no_validation = "no_validation"
    index_out_of_range = "index_out_of_range"
    no_ground_truth = "no_ground_truth"
    loss = "loss"
    other_dataset = "other_dataset"
    unknown = "unknown"
    shadowed = "shadowed"


@dataclass(frozen=True)
class MonitorResolution:
    """The monitor of a config resolved against the emitted keys.

    ``key`` is the full key when the monitor resolves; ``problem`` says why not.
    """

    monitor: str
    dataset: DatasetKeys | None
    key: str | None = None
    direction: Mode | None = None
    problem: MonitorProblem | None = None
    suggestions: tuple[str, ...] = ()
    owner: DatasetKeys | None = None  # the dataset a foreign full key belongs to


def _short(ds: DatasetKeys, key: str) -> str:
    return key[len(ds.prefix) + 1 :]


def _suggest(monitor: str, names: tuple[str, ...]) -> tuple[str, ...]:
    """Names that start with the monitor first (abs_rel -> abs_rel_lin...), then look-alikes."""
    starting = [n for n in names if n.startswith(monitor)]
    close = difflib.get_close_matches(monitor, names, n=4, cutoff=0.6)
    return tuple(dict.fromkeys([*starting, *close]))[:6]


def resolve_monitor(cfg: TrainConfig) -> MonitorResolution | None:
    """Resolve ``checkpoint.monitor`` (short name or full key); None when no monitor is set."""
    monitor = cfg.checkpoint.monitor
    if monitor is None:
        return None
    datasets = emitted_keys(cfg)
    index = cfg.checkpoint.monitor_index
    if not datasets:
        return MonitorResolution(monitor, None, problem=MonitorProblem.no_validation)
    if index >= len(datasets):
        return MonitorResolution(monitor, None, problem=MonitorProblem.index_out_of_range)
    ds = datasets[index]
    if not ds.has_ground_truth:
        return MonitorResolution(monitor, ds, problem=MonitorProblem.no_ground_truth)
    full = monitor if monitor in ds.keys else f"{ds.prefix}-{monitor}"
    if full in ds.keys:
        if ds.shadowed_by is not None:
            return MonitorResolution(monitor, ds, key=full, problem=MonitorProblem.shadowed)
        direction = direction_of(_short(ds, full), profile_of(cfg).metric_modes)
        return MonitorResolution(monitor, ds, key=full, direction=direction)
    names = tuple(_short(ds, k) for k in ds.keys)
    if monitor == "loss" or monitor.endswith("-loss"):
        return MonitorResolution(
            monitor, ds, problem=MonitorProblem.loss, suggestions=_suggest("abs_rel", names)
        )
    for other in datasets:
        if monitor in other.keys:
            return MonitorResolution(
                monitor,
                ds,
                problem=MonitorProblem.other_dataset,
                owner=other,
                suggestions=(_short(other, monitor),),
            )
    short = monitor.rsplit("-", 1)[-1] if monitor not in names else monitor
    return MonitorResolution(
        monitor, ds, problem=MonitorProblem.unknown, suggestions=_suggest(short, names)
    )


def monitor_key(cfg: TrainConfig) -> str | None:
    """The full monitored key of a validated config, or None when nothing is monitored.

    >>> import depthconf
    >>> cfg = depthconf.compose("resnet_san_ncdb", ["checkpoint=best_3"])
    >>> depthconf.metrics.monitor_key(cfg)
    'ncdb-cls-combined_val-depth_original-abs_rel_lin'
    """
    resolution = resolve_monitor(cfg)
    if resolution is None:
        return None
    if resolution.key is None or resolution.problem is not None:
        raise ValueError(
            f"checkpoint.monitor={resolution.monitor!r} does not resolve to an emitted key "
            f"({resolution.problem.value if resolution.problem else 'unknown'}); "
            "validate the config first (depthconf.validate or `depthconf check`)"
        )
    return resolution.key
