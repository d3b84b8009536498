"""The validator: the one place where a config is judged.

``depthconf check``, ``depthconf run``, ``@depthconf.main``, ``depthconf.compose``,
the sweeper's pre-flight and the legacy bridge all call :func:`check`.
"""

from __future__ import annotations

import copy
import dataclasses
import warnings
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, get_type_hints

from omegaconf import DictConfig, ListConfig, OmegaConf, SCMode
from omegaconf.errors import OmegaConfBaseException
from pydantic import TypeAdapter, ValidationError

from depthconf.schema import TrainConfig
from depthconf.validation import rules as _rules  # noqa: F401  (registers the rules)
from depthconf.validation._fields import field_violations
from depthconf.validation._registry import RULES, field_path, judging
from depthconf.validation._violation import (
    ConfigError,
    ConfigWarning,
    Severity,
    Violation,
    show,
)

ConfigSource = DictConfig | Mapping[str, Any] | TrainConfig


@dataclass(frozen=True)
class Report:
    """Outcome of :func:`check`: the typed config when it is valid, and every finding."""

    config: TrainConfig | None
    errors: tuple[Violation, ...] = ()
    warnings: tuple[Violation, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.errors


@cache
def _adapter(kind: Any) -> TypeAdapter[Any]:
    return TypeAdapter(kind)


_SECTIONS: dict[str, Any] = {
    name: kind
    for name, kind in get_type_hints(TrainConfig).items()
    if dataclasses.is_dataclass(kind)
}


def _plain(cfg: DictConfig) -> tuple[dict[str, Any] | None, list[Violation], set[str]]:
    """Resolve a DictConfig into plain data; every missing value and every interpolation
    that does not resolve is a violation, and is left out of the data (with its path)."""
    try:
        # missing_keys resolves interpolations too, so a broken one fails here already.
        if not OmegaConf.missing_keys(cfg):
            data = OmegaConf.to_container(cfg, resolve=True, structured_config_mode=SCMode.DICT)
            assert isinstance(data, dict)
            data.pop("hydra", None)
            return {str(k): v for k, v in data.items()}, [], set()
    except OmegaConfBaseException:  # a value that does not resolve: taken key by key below
        pass
    resolver = _KeyByKey()
    data = resolver.container(cfg, "")
    plain = {str(k): v for k, v in data.items()} if isinstance(data, dict) else None
    return plain, resolver.problems, resolver.broken


_LEFT_OUT = object()


class _KeyByKey:
    """Plain data of a config with missing or unresolvable values, each one reported."""

    def __init__(self) -> None:
        self.problems: list[Violation] = []
        self.broken: set[str] = set()

    def container(self, node: Any, path: str) -> Any:
        if isinstance(node, DictConfig):
            if node._is_none():
                return None
            out = {}
            for key in node.keys():  # noqa: SIM118  (keys() resolves nothing)
                name = str(key)
                full = f"{path}.{name}" if path else name
                if full == "hydra":
                    continue
                value = self.entry(node._get_node(name), full)
                if value is not _LEFT_OUT:
                    out[name] = value
            return out
        if isinstance(node, ListConfig):
            if node._is_none():
                return None
            items = [self.entry(node._get_node(i), f"{path}[{i}]") for i in range(len(node))]
            return [item for item in items if item is not _LEFT_OUT]
        return node._value()

    def entry(self, node: Any, path: str) -> Any:
        if node._is_interpolation():
            try:
                target = node._dereference_node()
            except OmegaConfBaseException as error:
                return self._unresolved(path, node._value(), error)
            if isinstance(target, DictConfig | ListConfig):
                try:
                    return OmegaConf.to_container(
                        target, resolve=True, structured_config_mode=SCMode.DICT
                    )
                except OmegaConfBaseException as error:
                    return self._unresolved(path, node._value(), error)
            return target._value()
        if node._is_missing():
            self.problems.append(
                Violation(
                    path,
                    "??? (missing)",
                    "this value is mandatory and has no default",
                    f"give it a value, e.g. {path}=<value>",
                    "missing_value",
                )
            )
            self.broken.add(path)
            return _LEFT_OUT
        return self.container(node, path)

    def _unresolved(self, path: str, written: Any, error: OmegaConfBaseException) -> Any:
        self.problems.append(
            Violation(
                path,
                show(written),
                f"cannot be resolved: {str(error).splitlines()[0]}",
                "fix the interpolation, or set the value it refers to",
                "interpolation",
            )
        )
        self.broken.add(path)
        return _LEFT_OUT


@cache
def _fields_of(kind: Any) -> dict[str, Any]:
    return get_type_hints(kind)


def _field_of(loc: tuple[int | str, ...]) -> tuple[str, bool]:
    """The entry a pydantic error location lies in (list indices dropped), and whether it
    is a field of the schema (an unknown key is not: it breaks no field)."""
    node: Any = TrainConfig
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int) or not isinstance(node, type):
            break
        if not dataclasses.is_dataclass(node):
            break
        parts.append(str(part))
        node = _fields_of(node).get(str(part))
        if node is None:
            return ".".join(parts), False
    return ".".join(parts), True


def _without(data: Mapping[str, Any], paths: Iterable[str]) -> dict[str, Any]:
    """``data`` with the entries at ``paths`` removed (the schema defaults then apply)."""
    pruned = copy.deepcopy(dict(data))
    for path in paths:
        *parents, leaf = path.split(".")
        node: Any = pruned
        for part in parents:
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, dict):
            node.pop(leaf, None)
    return pruned


def _structure(data: Mapping[str, Any]) -> tuple[TrainConfig, set[str], list[Violation]]:
    """Validate the field types and ranges of every section.

    Returns a TrainConfig in which fields with errors are replaced by their defaults
    (unknown keys left out), the paths of those fields, and the field errors.
    """
    try:
        return _adapter(TrainConfig).validate_python(data), set(), []
    except ValidationError as error:
        found = field_violations(error)
        entries = [_field_of(tuple(e["loc"])) for e in error.errors()]
    broken = {path for path, is_field in entries if is_field}
    try:
        pruned = _without(data, [path for path, _ in entries])
        return _adapter(TrainConfig).validate_python(pruned), broken, found
    except ValidationError:  # a field whose removal does not help: default whole sections
        pass
    sections = {path.split(".", 1)[0] for path, _ in entries}
    good: dict[str, Any] = {}
    for name, value in data.items():
        if name in _SECTIONS and name not in sections:
            good[name] = _adapter(_SECTIONS[name]).validate_python(value)
    return TrainConfig(**good), sections, found


def check(source: ConfigSource, *, broken: Collection[str] = ()) -> Report:
    """Judge a config: field errors and every cross-field rule, all reported together.

    ``broken`` names fields (dotted paths) the caller has left out because they hold
    errors it reports itself (a file's value of the wrong type, say): a rule that
    reads one of them is skipped, every other rule runs. An unknown key breaks no
    field: it is reported, and every rule runs.

    >>> import depthconf
    >>> report = depthconf.check({"checkpoint": {"save_top_k": 0}})
    >>> [v.code for v in report.errors][:1]
    ['save_top_k_zero']
    """
    skipped = {field_path(path) for path in broken}
    found: list[Violation] = []
    if isinstance(source, TrainConfig):
        config = source
    else:
        problems: list[Violation] = []
        if isinstance(source, DictConfig):
            data, problems, unresolved = _plain(source)
            if data is None:
                return Report(None, tuple(problems))
            skipped |= {field_path(path) for path in unresolved}
        else:
            data = dict(source)
        config, field_broken, found = _structure(data)
        found = problems + found
        skipped |= {field_path(path) for path in field_broken}
    if skipped:
        with judging(skipped):
            for registered in RULES:
                if not registered.reads_any(skipped):
                    found.extend(registered.check(config))
    else:
        for registered in RULES:
            found.extend(registered.check(config))
    errors = tuple(v for v in found if v.severity is Severity.error)
    warned = tuple(v for v in found if v.severity is Severity.warning)
    return Report(None if errors else config, errors, warned)


def validate(source: ConfigSource, *, context: str = "") -> TrainConfig:
    """The typed config, or :class:`ConfigError` carrying every error.

    Warnings are issued as :class:`ConfigWarning` through :mod:`warnings`.
    """
    report = check(source)
    if not report.ok or report.config is None:
        raise ConfigError(report.errors + report.warnings, context)
    for finding in report.warnings:
        warnings.warn(finding.render(), ConfigWarning, stacklevel=2)
    return report.config
