"""Choose the group options closest to a target config, and diff the target against them.

Values are compared *after broadcasting* (legacy rule, per split), so
``dataset: [KITTI]`` and ``dataset: [KITTI, KITTI]`` with two depth types are the
same. Every candidate is composed with Hydra itself (cached per conf directory
state and overrides), so a group option means exactly what the conf files say.

Example:
    >>> from depthconf.composition import conf_dir
    >>> base = compose_base((), conf_dir())
    >>> base.choices["dataset"], base.flat["datasets.validation.dataset"]
    ('kitti', ['KITTI', 'KITTI'])
"""

from __future__ import annotations

import copy
import math
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from omegaconf import DictConfig, OmegaConf

from depthconf.composition import compose_config
from depthconf.findings import Code, at
from depthconf.legacy._broadcast import broadcast_split
from depthconf.legacy._defaults import PER_DATASET_KEYS, SPLITS
from depthconf.legacy._tree import flatten
from depthconf.validation import ConfigError, Violation

_ABSENT: Final = object()
_CACHE_SIZE: Final = 512
_cache: OrderedDict[tuple[Any, ...], tuple[DictConfig, dict[str, str | None]] | None] = (
    OrderedDict()
)


def same(a: Any, b: Any) -> bool:
    """Equal values: numbers by value (``80 == 80.0``), bools and strings strictly,
    lists and tuples alike, NaN equal to NaN.

    Example:
        >>> same([80, (1, 2)], [80.0, [1, 2]]), same(True, 1), same("1", 1)
        (True, False, False)
    """
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b or (math.isnan(a) and math.isnan(b))
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return type(a) is type(b) and bool(a == b)


def canonical_split(section: Mapping[str, Any]) -> dict[str, Any]:
    """A split section broadcast with the legacy rule (unchanged if it cannot be).

    Example:
        >>> canonical_split({"path": ["/k"], "split": ["s"], "depth_type": ["a", "b"],
        ...                  "cameras": [[]], "dataset": ["KITTI"]})["dataset"]
        ['KITTI', 'KITTI']
    """
    copied = copy.deepcopy(dict(section))
    if broadcast_split(copied, "datasets"):
        return copy.deepcopy(dict(section))
    return copied


def canonical_flat(tree: Mapping[str, Any]) -> dict[str, Any]:
    """:func:`flatten` with every dataset split broadcast first."""
    copied = copy.deepcopy(dict(tree))
    datasets = copied.get("datasets")
    if isinstance(datasets, dict):
        for split in SPLITS:
            if isinstance(datasets.get(split), dict):
                datasets[split] = canonical_split(datasets[split])
    return flatten(copied)


def is_column(path: str) -> bool:
    """True for a per-dataset list, e.g. ``datasets.validation.depth_type``."""
    parts = path.split(".")
    return (
        len(parts) == 3
        and parts[0] == "datasets"
        and parts[1] in SPLITS
        and (parts[2] in PER_DATASET_KEYS)
    )


@dataclass(frozen=True)
class Base:
    """One composed candidate: its group choices and (resolved) values."""

    choices: Mapping[str, str | None]
    tree: dict[str, Any]
    flat: dict[str, Any]
    interpolated: frozenset[str]


def _fingerprint(directory: Path) -> tuple[tuple[str, int, int], ...]:
    """The state of the conf files a candidate can read: experiments are left out, since
    candidates are composed without one (see :func:`compose_base`)."""
    stats = []
    for path in sorted(directory.rglob("*.yaml")):
        relative = path.relative_to(directory)
        if relative.parts[0] != "experiment":
            info = path.stat()
            stats.append((str(relative), info.st_mtime_ns, info.st_size))
    return tuple(stats)


def _compose(
    overrides: Sequence[str], directory: Path
) -> tuple[DictConfig, dict[str, str | None]] | None:
    try:
        composed = compose_config(overrides, config_dir=directory)
    except ConfigError:
        return None
    return composed.config, dict(composed.choices)


def compose_base(overrides: Sequence[str], directory: Path) -> Base | None:
    """``train`` composed with ``overrides`` in ``directory``; None if Hydra cannot."""
    key = (str(directory), _fingerprint(directory), tuple(overrides))
    if key in _cache:
        _cache.move_to_end(key)
        entry = _cache[key]
    else:
        entry = _compose(overrides, directory)
        if entry is None or entry[1].get("experiment") is None:  # else experiments matter
            while len(_cache) >= _CACHE_SIZE:
                _cache.popitem(last=False)
            _cache[key] = entry
    if entry is None:
        return None
    config, choices = entry
    try:  # resolved now, so that interpolations (oc.env) see the current environment
        tree = OmegaConf.to_container(config, resolve=True, enum_to_str=True)
    except Exception:
        return None
    raw = OmegaConf.to_container(config, resolve=False, enum_to_str=True)
    assert isinstance(tree, dict) and isinstance(raw, dict)
    plain = {str(k): v for k, v in tree.items()}
    interpolated = frozenset(
        path
        for path, value in flatten({str(k): v for k, v in raw.items()}).items()
        if isinstance(value, str) and "${" in value
    )
    return Base(choices, plain, canonical_flat(plain), interpolated)


def _options(directory: Path, group: str) -> list[str | None]:
    return [*sorted(p.stem for p in (directory / group).glob("*.yaml")), None]


def choose_groups(
    score: Callable[[Base], int], directory: Path
) -> tuple[Base, list[tuple[str, str | None]]]:
    """The composed base whose group options minimise ``score`` (the differing values).

    Each group is judged on its own (after its parent group), against the defaults;
    a tie keeps the default. Returns the final base and the chosen overrides.

    Raises:
        ConfigError: the primary config itself does not compose.
    """
    default = compose_base((), directory)
    if default is None:
        compose_config((), config_dir=directory)  # raises the ConfigError that explains it
        raise ConfigError(
            [
                Violation(
                    at("(config)"),
                    str(directory),
                    "the primary config composes but does not resolve",
                    "fix the interpolations of train.yaml",
                    Code.composition,
                )
            ]
        )
    chosen: dict[str, str | None] = {}
    groups = sorted(
        (g for g in default.choices if g != "experiment"), key=lambda g: (g.count("/"), g)
    )
    for group in groups:
        prefix = tuple(_override(g, o) for g, o in chosen.items() if group.startswith(f"{g}/"))
        start = compose_base(prefix, directory) if prefix else default
        if start is None or group not in start.choices:
            continue
        best: tuple[str | None] | None = None
        best_score = score(start)
        for option in _options(directory, group):
            if option == start.choices[group]:
                continue
            candidate = compose_base((*prefix, _override(group, option)), directory)
            if candidate is not None and (value := score(candidate)) < best_score:
                best, best_score = (option,), value
        if best is not None:
            chosen[group] = best[0]
    overrides = tuple(_override(g, option) for g, option in chosen.items())
    final = compose_base(overrides, directory) if overrides else default
    if final is None:
        return default, []
    return final, list(chosen.items())


def _override(group: str, option: str | None) -> str:
    return f"~{group}" if option is None else f"{group}={option}"


def _compact(column: Any) -> Any:
    if (
        isinstance(column, list)
        and len(column) > 1
        and all(same(item, column[0]) for item in column)
    ):
        return [column[0]]
    return column


def split_columns(target: Mapping[str, Any], base: Mapping[str, Any]) -> dict[str, Any]:
    """The per-dataset lists to write so that ``base`` with them equals ``target`` after
    broadcasting: as few lists as possible, each shortened to one entry where that is
    enough (``depth_type: [groundtruth]`` rather than one entry per dataset).

    Example:
        >>> base = {"dataset": ["KITTI"], "path": ["/k"], "split": ["s"],
        ...         "depth_type": ["gt", "gt"], "cameras": [[]]}
        >>> split_columns({**base, "depth_type": ["gt"]}, base)
        {'depth_type': ['gt']}
    """
    wanted, have = canonical_split(target), canonical_split(base)
    keys = [k for k in PER_DATASET_KEYS if k in wanted]
    differing = [k for k in keys if not same(wanted[k], have.get(k, _ABSENT))]
    if not differing:
        return {}

    def matches(columns: Mapping[str, Any]) -> bool:
        merged = canonical_split({**base, **columns})
        return all(same(merged.get(k, _ABSENT), wanted[k]) for k in keys)

    for columns in (
        {k: _compact(wanted[k]) for k in differing},
        {k: wanted[k] for k in differing},
    ):
        if matches(columns):
            for key in list(columns):  # drop the lists that broadcasting already gets right
                fewer = {k: v for k, v in columns.items() if k != key}
                if key in base and matches(fewer):
                    columns = fewer
            return columns
    return {k: target[k] for k in keys}


def plain_lists(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: plain_lists(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain_lists(v) for v in value]
    return value
