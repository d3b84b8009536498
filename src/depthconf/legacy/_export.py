"""Export a validated config for the legacy trainer (the yacs layout, already prepared).

:func:`to_legacy` walks the legacy defaults table, so every legacy key is filled
and no schema-only key (``metrics.*``, ``checkpoint.save_last``) leaks. It applies
the legacy prepare step itself, with the metric contract of :mod:`depthconf.metrics`
as the one source of truth:

* dataset lists are broadcast (one entry per dataset);
* when ``checkpoint.filepath`` is set, ``checkpoint.monitor`` is the full key
  (:func:`~depthconf.metrics.monitor_key`) and ``checkpoint.filepath`` the file name
  template ``<filepath>/<name>/<checkpoint_filename>``. Unmonitored (no ranking),
  the template is ``{epoch:02d}`` and the exported ``monitor`` is ``''``: the legacy
  keeper reads the monitor only when ``save_top_k != -1``, and ``''`` names no key,
  unlike the legacy default ``'loss'``;
* ``mode`` is the configured one, else the monitored metric's direction, else the
  legacy ``'auto'`` (then nothing is ranked);
* ``model.depth_net.variant`` unset (non-YOLO networks) is exported as the legacy
  default ``'s'``, which those networks ignore;
* values take the legacy default's type (tuples, ints): yacs type-checks exactly.

A value the legacy trainer cannot hold (``checkpoint.save_last: true``, a fractional
``model.loss.silog_ratio``) is a :class:`~depthconf.validation.ConfigError`.

Example:
    >>> import depthconf
    >>> legacy = to_legacy(depthconf.compose("resnet_san_ncdb_640x384", ["checkpoint=best_3"]))
    >>> legacy["checkpoint"]["monitor"]
    'ncdb-cls-640x384-combined_val-depth_original-abs_rel_lin'
    >>> legacy["checkpoint"]["filepath"]
    'checkpoints/resnet_san_ncdb_640x384/{epoch:02d}_{ncdb-cls-640x384-...-abs_rel_lin:.3f}'
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from typing import Any

import yaml

from depthconf.checkpointing import default_template
from depthconf.legacy._defaults import PER_DATASET_KEYS, SPLITS, legacy_defaults
from depthconf.legacy._values import (
    TypeMismatch,
    UndecodableValue,
    coerce_value,
    decode_value,
)
from depthconf.metrics import resolve_monitor
from depthconf.schema import SplitConfig, TrainConfig, to_dict
from depthconf.validation import ConfigError, Violation, check
from depthconf.validation._violation import show


def _columns(split: SplitConfig, plain: Mapping[str, Any]) -> dict[str, Any]:
    """The split's per-dataset lists, broadcast (empty splits are left as they are)."""
    entries = split.entries()
    if not entries:
        return {key: plain[key] for key in PER_DATASET_KEYS if key in plain}
    rows = {key: [getattr(e, key) for e in entries] for key in PER_DATASET_KEYS if key in plain}
    rows["cameras"] = [list(cameras) for cameras in rows["cameras"]]
    return rows


def _prepared(cfg: TrainConfig) -> dict[str, Any]:
    """The schema values in the legacy shape, after the legacy prepare step."""
    data = to_dict(cfg)
    for name in SPLITS:
        data["datasets"][name].update(_columns(getattr(cfg.datasets, name), data["datasets"][name]))
    ckpt, data_ckpt = cfg.checkpoint, data["checkpoint"]
    # resolved once: the full key, the file name template and the mode all come from it
    resolution = resolve_monitor(cfg)
    monitor = ckpt.monitor or ""
    if ckpt.filepath:  # validated: a set monitor resolves to an emitted key
        key = resolution.key if resolution is not None else None
        monitor = key or ""
        parts = [ckpt.filepath, cfg.name, default_template(key)]
        data_ckpt["filepath"] = posixpath.join(*(p for p in parts if p))
    data_ckpt["monitor"] = monitor
    if cfg.model.depth_net.variant is None:  # non-YOLO networks ignore the legacy default
        data["model"]["depth_net"]["variant"] = legacy_defaults()["model"]["depth_net"]["variant"]
    if ckpt.mode is not None:
        data_ckpt["mode"] = ckpt.mode.value
    elif resolution is not None and resolution.direction is not None:
        data_ckpt["mode"] = resolution.direction.value
    else:
        data_ckpt["mode"] = "auto"
    return data


def _legacy_type(value: Any, default: Any) -> Any:
    """``value`` converted to the type of the legacy default, as yacs requires."""
    if isinstance(default, tuple) and isinstance(value, list):
        return tuple(value)
    if type(default) is float and type(value) is int:
        return float(value)
    if type(default) is int and type(value) is float and value.is_integer():
        return int(value)
    return value


def _fill(
    defaults: Mapping[str, Any], values: Mapping[str, Any], prefix: str, bad: list[Violation]
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, default in defaults.items():
        path = f"{prefix}{key}"
        if isinstance(default, dict):
            out[key] = _fill(default, values.get(key, {}), f"{path}.", bad)
            continue
        value = _legacy_type(values.get(key, default), default)
        try:
            out[key] = coerce_value(value, default)
        except TypeMismatch:
            bad.append(
                Violation(
                    path,
                    show(value),
                    f"the legacy trainer holds a {type(default).__name__} here "
                    f"(default {default!r}); this value cannot be exported",
                    f"give {path} a {type(default).__name__} value, e.g. {default!r}",
                    "legacy_export_type",
                )
            )
            out[key] = default
    return out


def to_legacy(cfg: TrainConfig) -> dict[str, Any]:
    """The legacy (yacs) layout of a validated config, after the legacy prepare step.

    Raises:
        ConfigError: the config is invalid, or holds a value the legacy trainer cannot.
    """
    report = check(cfg)
    if report.config is None:
        raise ConfigError(report.errors, "legacy export")
    cfg = report.config
    bad: list[Violation] = []
    if cfg.checkpoint.save_last:
        bad.append(
            Violation(
                "checkpoint.save_last",
                "true",
                "the legacy trainer has no last.ckpt: exporting would silently drop it",
                "checkpoint.save_last=false",
                "legacy_export_schema_only",
            )
        )
    legacy = _fill(legacy_defaults(), _prepared(cfg), "", bad)
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
