"""The monitor must name a key the validation loop really emits, in the right direction."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from depthconf.findings import Code, Violation, at, show, warning
from depthconf.metrics import (
    DatasetKeys,
    MonitorProblem,
    MonitorResolution,
    emitted_keys,
    ground_truth_hint,
    phrase,
    resolve_monitor,
    split_short_name,
)
from depthconf.schema import TrainConfig
from depthconf.trainer import profile_of
from depthconf.validation._registry import rule
from depthconf.validation.rules._keeper import unemitted_monitor
from depthconf.validation.rules.checkpoint import training_mode


def _names(ds: DatasetKeys, modes: Sequence[str]) -> str:
    """The emitted names grouped as metric names x modes, not 28 names in a row.

    >>> from depthconf.schema import DatasetEntry
    >>> entry = DatasetEntry(0, "ncdb", "/d", "s.json", "", "", (), "", False)
    >>> keys = ("p-abs_rel_lin", "p-abs_rel_log", "p-a1_lin", "p-a1_log")
    >>> ds = DatasetKeys(entry, "p", keys, True)
    >>> _names(ds, ["_lin", "_log"])
    'abs_rel, a1 (2 metrics), each with the mode suffix _lin or _log (e.g. abs_rel_lin)'
    """
    names = [key[len(ds.prefix) + 1 :] for key in ds.keys]
    metrics = list(dict.fromkeys(p[0] for n in names if (p := split_short_name(n, modes))))
    if not metrics or len(metrics) * len(modes) != len(names):
        return ", ".join(names)
    shown = " or ".join(", ".join(m or "(none)" for m in modes).rsplit(", ", 1))
    return (
        f"{', '.join(metrics)} ({len(metrics)} metrics), each with the mode suffix {shown} "
        f"(e.g. {names[0]})"
    )


def _fix_with(suggestions: tuple[str, ...], mode: str | None = None) -> str:
    if not suggestions:
        # the monitor itself must go: an unknown one is refused whatever save_top_k says
        return (
            "checkpoint.monitor=null checkpoint.save_top_k=-1 to keep every checkpoint "
            "without ranking"
        )
    tail = f" checkpoint.mode={mode}" if mode else ""
    options = " or ".join(f"checkpoint.monitor={s}" for s in suggestions[:3])
    return options + tail


def _problem(cfg: TrainConfig, res: MonitorResolution) -> Violation | None:
    index = cfg.checkpoint.monitor_index
    value = show(res.monitor)
    path = "checkpoint.monitor"
    ds = res.dataset
    # A key validation never returns: what the trainer then does [C1, C10].
    trainer = unemitted_monitor(cfg)
    match res.problem:
        case None:
            return None
        case MonitorProblem.no_validation:
            if cfg.checkpoint.filepath:
                return None  # checkpoint_without_validation reports it
            return Violation(
                at(path),
                value,
                "ranking checkpoints needs validation metrics, but datasets.validation lists "
                "no dataset",
                "add a validation dataset (datasets.validation.dataset/path/split), or "
                "checkpoint.save_top_k=-1 and no monitor",
                Code.monitor_no_validation,
            )
        case MonitorProblem.index_out_of_range:
            return None  # reported by monitor_index_in_range
        case MonitorProblem.no_ground_truth:
            assert ds is not None
            return Violation(
                at(path, "checkpoint.monitor_index"),
                f"monitor={value}, monitor_index={index}",
                f"{ds.describe()} has no ground-truth depth, so validation emits no metric "
                f"for it and there is nothing to monitor; {trainer}",
                ground_truth_hint(ds.entry),
                Code.monitor_no_ground_truth,
            )
        case MonitorProblem.loss:
            assert ds is not None
            return Violation(
                at(path),
                value,
                "validation returns only depth metrics, never a loss (a 'loss' monitor is what "
                f"crashed the legacy trainer after its first validation epoch): {trainer}. "
                f"{ds.describe()} emits: {_names(ds, profile_of(cfg).metric_modes)}",
                _fix_with(res.suggestions, "min"),
                Code.monitor_is_loss,
            )
        case MonitorProblem.other_dataset:
            assert ds is not None and res.owner is not None
            return Violation(
                at(path, "checkpoint.monitor_index"),
                f"monitor={value}, monitor_index={index}",
                f"the key belongs to {res.owner.describe()}, not to the monitored "
                f"{ds.describe()}: the trainer prefixes it with the monitored dataset's prefix "
                f"again, and {trainer}",
                f"checkpoint.monitor_index={res.owner.index}",
                Code.monitor_other_dataset,
            )
        case MonitorProblem.unknown:
            assert ds is not None
            closest = ", ".join(res.suggestions) or "none"
            return Violation(
                at(path),
                value,
                f"{ds.describe()} does not emit this key; {trainer}. Keys are "
                f"'<prefix>-<metric><mode>' with prefix {ds.prefix!r}; it emits: "
                f"{_names(ds, profile_of(cfg).metric_modes)}. "
                f"Closest: {closest}",
                _fix_with(res.suggestions),
                Code.monitor_unknown,
            )
        case MonitorProblem.shadowed:
            assert ds is not None and ds.shadowed_by is not None
            return Violation(
                at(path, "checkpoint.monitor_index"),
                f"monitor={value}, monitor_index={index}",
                f"{ds.describe()} and validation dataset {ds.shadowed_by} share the prefix "
                f"{ds.prefix!r}, so they emit the same keys and the later one's values win: "
                f"the keeper would silently track dataset {ds.shadowed_by}",
                f"checkpoint.monitor_index={ds.shadowed_by}, or tell the datasets apart "
                "(a different split file name, depth_type or camera)",
                Code.monitor_shadowed,
            )
    return None  # pragma: no cover - the match above is exhaustive


@rule("checkpoint", "datasets", "trainer")
def monitor_is_emitted(cfg: TrainConfig) -> Iterator[Violation]:
    if cfg.datasets.validation.broadcast_mismatches():
        return  # no keys can be derived; dataset_lists reports the lists
    res = resolve_monitor(cfg)
    if res is None:
        return
    problem = _problem(cfg, res)
    if problem is not None:
        yield problem
        return
    mode = cfg.checkpoint.mode
    if res.direction is not None and mode is not None and mode is not res.direction:
        yield Violation(
            at("checkpoint.mode"),
            show(mode),
            f"{res.key} is {phrase(res.direction)}, so mode={mode.value} would make the keeper "
            "keep the worst checkpoints",
            f"checkpoint.mode={res.direction.value}",
            Code.mode_direction,
        )


@rule("checkpoint", "datasets", "trainer")
def shadowed_validation_datasets(cfg: TrainConfig) -> Iterator[Violation]:
    if cfg.datasets.validation.broadcast_mismatches():
        return
    monitored = cfg.checkpoint.monitor_index if cfg.checkpoint.monitor is not None else None
    for ds in emitted_keys(cfg):
        if ds.shadowed_by is None or ds.index == monitored:
            continue  # a monitored shadowed dataset is an error of monitor_is_emitted
        yield warning(
            at("datasets.validation"),
            f"prefix {ds.prefix!r}",
            f"{ds.describe()} and validation dataset {ds.shadowed_by} differ only in "
            "input_depth_type, which key prefixes ignore: they emit the same keys and only "
            f"dataset {ds.shadowed_by}'s metrics survive",
            "give them different split file names, depth types or cameras, or drop one",
            Code.shadowed_dataset,
            detail=f"datasets {ds.index} and {ds.shadowed_by}",
        )


@rule("checkpoint", "datasets", "model", "trainer")
def monitor_matches_training_mapping(cfg: TrainConfig) -> Iterator[Violation]:
    """The monitored key must evaluate the sigmoid-to-depth mapping the model trains with [M23].

    The fork emits `_lin` keys from the linear mapping and `_log` keys from the log
    mapping, never the training mapping itself (packnet_sfm/models/model_wrapper.py:62,
    :689-692). A dual-head network evaluates one depth for every mode (:680-686).
    """
    mappings = profile_of(cfg).metric_mappings
    if not mappings or cfg.model.depth_net.use_dual_head:
        return
    if cfg.datasets.validation.broadcast_mismatches():
        return
    res = resolve_monitor(cfg)
    if res is None or res.key is None or res.dataset is None or res.problem is not None:
        return
    parts = split_short_name(res.key[len(res.dataset.prefix) + 1 :], profile_of(cfg).metric_modes)
    if parts is None:  # pragma: no cover - a resolved key always splits
        return
    metric, mode = parts
    log_space = cfg.model.params.use_log_space
    trained = "log" if log_space else "linear"
    mapping = mappings.get(mode)
    if mapping is None or mapping == trained:
        return
    better = f"{metric}{training_mode(cfg, gt=mode.endswith('_gt'))}"
    yield warning(
        at("checkpoint.monitor", "model.params.use_log_space"),
        f"monitor={show(res.monitor)}, use_log_space={str(log_space).lower()}",
        f"accepted, but the model trains with the {trained} sigmoid-to-depth mapping "
        f"(use_log_space={str(log_space).lower()}) while {res.key} is computed with the "
        f"{mapping} mapping, and the training mapping's own metrics are not emitted: "
        "checkpoints are ranked by a mapping the model was not trained with "
        "(packnet_sfm/models/model_wrapper.py:62, :689-692)",
        f"checkpoint.monitor={better}",
        Code.monitor_mapping,
    )
