"""Export a validated config for the trainer: the yacs layout, *unprepared* (trainer.md S8).

The trainer prepares every YAML it loads (packnet_sfm/utils/config.py:220-255) unless
``prepared`` is true, and ``prepared: true`` would also skip every ``checkpoint_path``
load (packnet_sfm/models/model_wrapper.py:951, :967, :1009). So the export is what a
person would write for the trainer, and the trainer's own preparation turns it into
exactly the key the validation loop emits:

* ``checkpoint.monitor`` is the *short* name (``abs_rel_lin``), which ``set_checkpoint``
  prefixes with the ``monitor_index`` dataset's prefix (config.py:89-92), and
  ``checkpoint.filepath`` stays the directory, which it extends to
  ``<filepath>/<name>/{epoch:02d}_{<key>:.3f}`` (:94-96). ``prepared`` and the other
  run-time keys (default_config.py:289-294) are never written;
* **an unmonitored config still exports an emitted monitor** when ``checkpoint.filepath``
  is set: the trainer builds the file-name template from the monitor even with
  ``save_top_k: -1`` (config.py:94-96), and a key validation never emits is filled with 0
  (model_checkpoint.py:109-118), so with a fixed run name every relaunch produces the
  same file names and loops forever (model_checkpoint.py:129-130, trainer.md C10). The
  export monitors the first emitted metric in the first mode of the ``monitor_index``
  dataset (``abs_rel_lin``), with its direction as ``mode``; with ``save_top_k: -1``
  nothing is ranked by it, it only names the files. A config with a ``filepath`` whose
  ``monitor_index`` dataset emits no key (no validation dataset, or none with ground
  truth there) cannot name its checkpoints and is refused;
* dataset lists are broadcast (one entry per dataset; the trainer's broadcasting is
  then a no-op, and ``mask_file``/``use_mask``, which it does not broadcast, are
  complete);
* ``mode`` is the configured one, else the monitored metric's direction;
* ``model.depth_net.variant`` unset (non-YOLO networks) is exported as the legacy
  default ``'s'``, which those networks ignore;
* values take the legacy default's type (tuples, floats for float keys: yacs rejects
  an int there, S2); list elements keep their own type, so crop borders stay ints
  (pixels) and floats (fractions) as the trainer reads them (S9).

A value the trainer cannot hold (``checkpoint.save_last: true``) is a
:class:`~depthconf.validation.ConfigError`.

Example:
    >>> import depthconf
    >>> legacy = to_legacy(depthconf.compose("resnet_san_ncdb_640x384", ["checkpoint=best_3"]))
    >>> legacy["checkpoint"]["monitor"], legacy["checkpoint"]["filepath"]
    ('abs_rel_lin', 'checkpoints')
    >>> legacy["checkpoint"]["mode"], "prepared" in legacy
    ('min', False)
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

import yaml

from depthconf.findings import Code, at, show
from depthconf.legacy._defaults import (
    PER_DATASET_KEYS,
    RUNTIME_ONLY_KEYS,
    SPLITS,
    legacy_defaults,
)
from depthconf.legacy._values import (
    TypeMismatch,
    UndecodableValue,
    coerce_value,
    decode_value,
)
from depthconf.metrics import MonitorResolution, emitted_keys, resolve_monitor
from depthconf.schema import SplitConfig, TrainConfig, to_dict
from depthconf.trainer import DEFAULT_PROFILE, PROFILES
from depthconf.validation import ConfigError, Violation, check


def _columns(split: SplitConfig, plain: Mapping[str, Any]) -> dict[str, Any]:
    """The split's per-dataset lists, broadcast (empty splits are left as they are)."""
    entries = split.entries()
    if not entries:
        return {key: plain[key] for key in PER_DATASET_KEYS if key in plain}
    rows = {key: [getattr(e, key) for e in entries] for key in PER_DATASET_KEYS if key in plain}
    rows["cameras"] = [list(cameras) for cameras in rows["cameras"]]
    return rows


def _named_by(cfg: TrainConfig) -> MonitorResolution | None:
    """The resolved monitor the trainer will name checkpoints by; None if nothing can.

    The configured monitor when there is one (validated: it resolves); otherwise the
    first key the ``monitor_index`` dataset emits, resolved like a configured monitor.
    When a later dataset shadows that one (same prefix, F3b) the key is the same but its
    values are the later dataset's, so it is resolved there, for the direction.
    """
    resolution = resolve_monitor(cfg)
    if resolution is not None:
        return resolution if resolution.key is not None else None
    datasets = emitted_keys(cfg)
    index = cfg.checkpoint.monitor_index
    if index >= len(datasets) or not datasets[index].keys:
        return None
    ds = datasets[index]
    first = ds.keys[0][len(ds.prefix) + 1 :]
    checkpoint = copy.copy(cfg.checkpoint)  # shallow copies: cfg itself stays as it is
    checkpoint.monitor = first
    checkpoint.monitor_index = ds.index if ds.shadowed_by is None else ds.shadowed_by
    chosen = copy.copy(cfg)
    chosen.checkpoint = checkpoint
    return resolve_monitor(chosen)


def _unnamed(cfg: TrainConfig) -> Violation:
    datasets = emitted_keys(cfg)
    index = cfg.checkpoint.monitor_index
    with_gt = [ds.index for ds in datasets if ds.keys]
    if with_gt:
        fix = f"checkpoint.monitor_index={with_gt[0]}, or checkpoint.filepath='' (no checkpoints)"
    else:
        fix = (
            "add a validation dataset with ground truth (ncdb, or KITTI/DGP with a depth_type), "
            "or checkpoint.filepath='' (no checkpoints)"
        )
    where = (
        f"validation dataset {index} emits no metric (no ground-truth depth)"
        if index < len(datasets)
        else f"there is no validation dataset {index}"
    )
    return Violation(
        at("checkpoint.filepath", "checkpoint.monitor_index"),
        f"filepath={show(cfg.checkpoint.filepath)}, monitor_index={index}",
        f"the trainer names every checkpoint file after the monitored key of validation "
        f"dataset monitor_index (packnet_sfm/utils/config.py:89-96), but {where}: it would "
        "fail at start-up ('You need to monitor a valid dataset', config.py:243-245) or name "
        "every file with a key validation never returns (the same file name in every run, "
        "model_checkpoint.py:109-130)",
        fix,
        Code.legacy_export_unnamed_checkpoint,
    )


def _unprepared(cfg: TrainConfig, bad: list[Violation]) -> dict[str, Any]:
    """The schema values in the legacy shape, as the trainer's preparation expects them."""
    data = to_dict(cfg)
    for name in SPLITS:
        data["datasets"][name].update(_columns(getattr(cfg.datasets, name), data["datasets"][name]))
    ckpt, data_ckpt = cfg.checkpoint, data["checkpoint"]
    resolution = _named_by(cfg)
    if ckpt.filepath and resolution is None:
        bad.append(_unnamed(cfg))
    monitor, direction = "", None
    if resolution is not None and resolution.key is not None and resolution.dataset is not None:
        # the short name: set_checkpoint puts the dataset prefix back (config.py:89-92)
        monitor = resolution.key[len(resolution.dataset.prefix) + 1 :]
        direction = resolution.direction
    data_ckpt["monitor"] = monitor
    data_ckpt["filepath"] = ckpt.filepath  # the directory (config.py:94-96 extends it)
    if cfg.model.depth_net.variant is None:  # non-YOLO networks ignore the legacy default
        data["model"]["depth_net"]["variant"] = legacy_defaults()["model"]["depth_net"]["variant"]
    if ckpt.mode is not None:
        data_ckpt["mode"] = ckpt.mode.value
    elif direction is not None:
        data_ckpt["mode"] = direction.value
    else:
        data_ckpt["mode"] = "auto"  # no keeper (no filepath): the trainer's default
    return data


def _legacy_type(value: Any, default: Any) -> Any:
    """``value`` converted to the type of the legacy default, as yacs requires. The schema's
    scalar types equal the defaults' (F1d.1: ``silog_ratio`` is an int there too); an int for
    a float key is still converted, since yacs refuses it at start-up (S2)."""
    if isinstance(default, tuple) and isinstance(value, list):
        return tuple(value)  # elements keep their types (crop borders, S9)
    if type(default) is float and type(value) is int:
        return float(value)
    return value


def _fill(
    defaults: Mapping[str, Any], values: Mapping[str, Any], prefix: str, bad: list[Violation]
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, default in defaults.items():
        path = f"{prefix}{key}"
        if path in RUNTIME_ONLY_KEYS:
            continue  # the trainer's run-time state (default_config.py:289-294)
        if isinstance(default, dict):
            out[key] = _fill(default, values.get(key, {}), f"{path}.", bad)
            continue
        value = _legacy_type(values.get(key, default), default)
        try:
            out[key] = coerce_value(value, default)
        except TypeMismatch:
            bad.append(
                Violation(
                    at(path),
                    show(value),
                    f"the legacy trainer holds a {type(default).__name__} here "
                    f"(default {default!r}); this value cannot be exported",
                    f"give {path} a {type(default).__name__} value, e.g. {default!r}",
                    Code.legacy_export_type,
                )
            )
            out[key] = default
    return out


def to_legacy(cfg: TrainConfig) -> dict[str, Any]:
    """The legacy (yacs) layout of a validated config, unprepared (see the module doc).

    Raises:
        ConfigError: the config is invalid, or holds a value the legacy trainer cannot.
    """
    report = check(cfg)
    if report.config is None:
        raise ConfigError(report.errors, "legacy export")
    cfg = report.config
    bad: list[Violation] = []
    if cfg.trainer.profile is not DEFAULT_PROFILE.name:
        # The legacy table is the fork's configs/default_config.py; upstream's defaults
        # lack most of its keys, and yacs refuses a key its defaults lack.
        bad.append(
            Violation(
                at("trainer.profile"),
                cfg.trainer.profile.value,
                f"export --legacy writes the layout of {DEFAULT_PROFILE.title}; the "
                f"defaults of {PROFILES[cfg.trainer.profile].title} lack most of its keys, so "
                "that trainer would refuse the file at start-up",
                f"trainer={DEFAULT_PROFILE.name.value}",
                Code.legacy_export_profile,
            )
        )
    if cfg.checkpoint.save_last:
        bad.append(
            Violation(
                at("checkpoint.save_last"),
                "true",
                "the legacy trainer has no last.ckpt: exporting would silently drop it",
                "checkpoint.save_last=false",
                Code.legacy_export_schema_only,
            )
        )
    legacy = _fill(legacy_defaults(), _unprepared(cfg, bad), "", bad)
    if bad:
        raise ConfigError(bad, "legacy export")
    return legacy


def _yacs_safe(value: Any) -> Any:
    """Leaf strings that yacs would literal-evaluate into something else are written as
    Python string literals (yacs then evaluates them back to the string); tuples -> lists."""
    if isinstance(value, dict):
        return {k: _yacs_safe(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, str):
        try:
            kept = decode_value(value) == value and isinstance(decode_value(value), str)
        except UndecodableValue:
            kept = False
        return value if kept else repr(value)
    return value


class _Dumper(yaml.SafeDumper):
    """Block sections, flow lists (``depth_type: [groundtruth, '']``)."""


def _flow_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


_Dumper.add_representer(list, _flow_list)


def legacy_yaml(legacy: Mapping[str, Any], header: str = "") -> str:
    """YAML text of a :func:`to_legacy` tree that yacs ``merge_from_file`` reads back
    to the same values (``header`` lines become comments).

    Example:
        >>> print(legacy_yaml({"model": {"depth_net": {"version": "18", "name": "X"}}}), end="")
        model:
          depth_net:
            version: '''18'''
            name: X
    """
    body = yaml.dump(_yacs_safe(dict(legacy)), Dumper=_Dumper, sort_keys=False, width=100)
    comments = "".join(f"# {line}\n" for line in header.splitlines())
    return comments + body
