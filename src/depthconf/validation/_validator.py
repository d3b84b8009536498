"""The validator: the one place where a config is judged.

``depthconf check``, ``depthconf run``, ``@depthconf.main``, ``depthconf.compose``,
the sweeper's pre-flight, migrate and the export all call :func:`check` (or
:func:`validate`, its raising form). Judging a config takes three steps, and every
finding of all three is reported together:

1. the field checks of every section (pydantic: types, ranges, closed vocabularies,
   unknown keys), with the sections' own rules deferred; a field with an error is
   left at its default and marked broken;
2. the section rules (:mod:`depthconf.schema._rules`), each section at its place,
   a rule skipped when a field it reads is broken; a finding whose fix needs the
   rest of the config is completed (:func:`~depthconf.validation.completes`);
3. the cross-section rules (:mod:`depthconf.validation.rules`), a rule skipped when a
   key it reads is broken.
"""

from __future__ import annotations

import copy
import dataclasses
import warnings
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Final, get_type_hints

from omegaconf import DictConfig, ListConfig, OmegaConf, SCMode
from omegaconf.errors import OmegaConfBaseException
from pydantic import TypeAdapter, ValidationError

from depthconf.findings import (
    Code,
    ConfigError,
    ConfigWarning,
    Key,
    Severity,
    Violation,
    key,
    missing_value,
    show,
)
from depthconf.schema import TrainConfig
from depthconf.schema._rules import DEFER_RULES, all_findings, missing_keys
from depthconf.validation import rules as _rules  # noqa: F401  (registers the rules)
from depthconf.validation._fields import field_violations
from depthconf.validation._overrides import quote_overrides
from depthconf.validation._registry import COMPLETIONS, RULES, field_key, judging

ConfigSource = DictConfig | Mapping[str, Any] | TrainConfig

#: Build the sections without their rules: the validator runs them itself (step 2).
_DEFERRED: Final = {DEFER_RULES: True}


@dataclass(frozen=True)
class Report:
    """Outcome of :func:`check`: the typed config when it is valid, and every finding.

    ``context`` names the config in messages (``experiment=resnet_san_ncdb``).
    """

    config: TrainConfig | None
    errors: tuple[Violation, ...] = ()
    warnings: tuple[Violation, ...] = field(default=())
    context: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors

    def config_or_raise(self) -> TrainConfig:
        """The valid config, or :class:`ConfigError` with every finding."""
        if self.config is None:
            raise ConfigError(self.errors + self.warnings, self.context)
        return self.config


@cache
def _adapter(kind: Any) -> TypeAdapter[Any]:
    return TypeAdapter(kind)


_SECTIONS: dict[str, Any] = {
    name: kind
    for name, kind in get_type_hints(TrainConfig).items()
    if dataclasses.is_dataclass(kind)
}


def _plain(cfg: DictConfig) -> tuple[dict[str, Any] | None, list[Violation], set[Key]]:
    """Resolve a DictConfig into plain data; every missing value and every interpolation
    that does not resolve is a violation, and is left out of the data (with its key)."""
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
    data = resolver.container(cfg, ())
    plain = {str(k): v for k, v in data.items()} if isinstance(data, dict) else None
    return plain, resolver.problems, resolver.broken


_LEFT_OUT = object()


class _KeyByKey:
    """Plain data of a config with missing or unresolvable values, each one reported."""

    def __init__(self) -> None:
        self.problems: list[Violation] = []
        self.broken: set[Key] = set()

    def container(self, node: Any, at: Key) -> Any:
        if isinstance(node, DictConfig):
            if node._is_none():
                return None
            out = {}
            for name in node.keys():  # noqa: SIM118  (keys() resolves nothing)
                here = (*at, str(name))
                if here == ("hydra",):
                    continue
                value = self.entry(node._get_node(name), here)
                if value is not _LEFT_OUT:
                    out[str(name)] = value
            return out
        if isinstance(node, ListConfig):
            if node._is_none():
                return None
            items = [self.entry(node._get_node(i), (*at, i)) for i in range(len(node))]
            return [item for item in items if item is not _LEFT_OUT]
        return node._value()

    def entry(self, node: Any, at: Key) -> Any:
        if node._is_interpolation():
            try:
                target = node._dereference_node()
            except OmegaConfBaseException as error:
                return self._unresolved(at, node._value(), error)
            if isinstance(target, DictConfig | ListConfig):
                try:
                    return OmegaConf.to_container(
                        target, resolve=True, structured_config_mode=SCMode.DICT
                    )
                except OmegaConfBaseException as error:
                    return self._unresolved(at, node._value(), error)
            return target._value()
        if node._is_missing():
            self.problems.append(missing_value(at))
            self.broken.add(at)
            return _LEFT_OUT
        return self.container(node, at)

    def _unresolved(self, at: Key, written: Any, error: OmegaConfBaseException) -> Any:
        self.problems.append(
            Violation(
                (at,),
                show(written),
                f"cannot be resolved: {str(error).splitlines()[0]}",
                "fix the interpolation, or set the value it refers to",
                Code.interpolation,
            )
        )
        self.broken.add(at)
        return _LEFT_OUT


@cache
def _fields_of(kind: Any) -> dict[str, Any]:
    return get_type_hints(kind)


def _field_of(loc: Key) -> tuple[Key, bool]:
    """The entry a pydantic error location lies in (list indices dropped), and whether it
    is a field of the schema (an unknown key is not: it breaks no field)."""
    node: Any = TrainConfig
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int) or not isinstance(node, type):
            break
        if not dataclasses.is_dataclass(node):
            break
        parts.append(part)
        node = _fields_of(node).get(part)
        if node is None:
            return tuple(parts), False
    return tuple(parts), True


def _without(data: Mapping[str, Any], keys: Iterable[Key]) -> dict[str, Any]:
    """``data`` with the entries at ``keys`` removed (the schema defaults then apply)."""
    pruned = copy.deepcopy(dict(data))
    for parts in keys:
        *parents, leaf = parts
        node: Any = pruned
        for part in parents:
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, dict):
            node.pop(leaf, None)
    return pruned


def _build(data: Mapping[str, Any]) -> TrainConfig:
    config: TrainConfig = _adapter(TrainConfig).validate_python(data, context=_DEFERRED)
    return config


def _structure(data: Mapping[str, Any]) -> tuple[TrainConfig, set[Key], list[Violation]]:
    """Validate the field types and ranges of every section (step 1).

    Returns a TrainConfig in which fields with errors are replaced by their defaults
    (unknown keys left out), the keys of those fields, and the field errors.
    """
    try:
        return _build(data), set(), []
    except ValidationError as error:
        found = field_violations(error)
        entries = [_field_of(tuple(e["loc"])) for e in error.errors()]
    broken = {parts for parts, is_field in entries if is_field}
    try:
        return _build(_without(data, [parts for parts, _ in entries])), broken, found
    except ValidationError:  # a field whose removal does not help: default whole sections
        pass
    sections = {parts[:1] for parts, _ in entries}
    good: dict[str, Any] = {}
    for name, value in data.items():
        if name in _SECTIONS and (name,) not in sections:
            good[name] = _adapter(_SECTIONS[name]).validate_python(value, context=_DEFERRED)
    return TrainConfig(**good), sections, found


def _section_rules(config: TrainConfig, broken: Collection[Key]) -> list[Violation]:
    """Step 2: every section's rules at its place, completed from the whole config."""
    found = []
    for finding in all_findings(config, broken):
        completion = COMPLETIONS.get(finding.code)
        found.append(completion(finding, config) if completion is not None else finding)
    return found


def check(
    source: ConfigSource, *, overrides: Sequence[str] = (), broken: Collection[str] = ()
) -> Report:
    """Judge a config: field errors, every section rule and every cross-section rule, all
    reported together.

    ``overrides`` are the command-line overrides the config was composed with: each
    finding quotes the one that set a field it is about. ``broken`` names fields (dotted
    paths) the caller has left out because they hold errors it reports itself (a file's
    value of the wrong type, say): a rule that reads one of them is skipped, every other
    rule runs. An unknown key breaks no field: it is reported, and every rule runs.

    >>> import depthconf
    >>> report = depthconf.check({"checkpoint": {"save_top_k": 0}})
    >>> [v.code.value for v in report.errors][:3]
    ['missing_value', 'missing_value', 'save_top_k_zero']
    """
    skipped = {field_key(key(path)) for path in broken}
    found: list[Violation] = []
    if isinstance(source, TrainConfig):
        config = source
    else:
        if isinstance(source, DictConfig):
            data, found, unresolved = _plain(source)
            if data is None:
                return Report(None, tuple(quote_overrides(found, overrides)))
            skipped |= {field_key(parts) for parts in unresolved}
        else:
            data = dict(source)
        config, field_broken, field_errors = _structure(data)
        found += field_errors
        skipped |= {field_key(parts) for parts in field_broken}
    # a mandatory value not given (``???`` in data that is no DictConfig): reported once
    absent = [k for k in missing_keys(config) if k not in skipped]
    found += [missing_value(k) for k in absent]
    skipped |= set(absent)
    with judging(skipped):
        found += _section_rules(config, skipped)
        for registered in RULES:
            if not skipped or not registered.reads_any(skipped):
                found.extend(registered.check(config))
    quoted = quote_overrides(found, overrides) if overrides else found
    errors = tuple(v for v in quoted if v.severity is Severity.error)
    warned = tuple(v for v in quoted if v.severity is Severity.warning)
    return Report(None if errors else config, errors, warned)


def validate(
    source: ConfigSource, *, overrides: Sequence[str] = (), context: str = ""
) -> TrainConfig:
    """The typed config, or :class:`ConfigError` carrying every error.

    Warnings are issued as :class:`ConfigWarning` through :mod:`warnings`.

    >>> import depthconf, warnings
    >>> composed = depthconf.compose_config(["experiment=resnet_san_ncdb", "arch.max_epochs=3"])
    >>> with warnings.catch_warnings(record=True):  # the bundled experiment's known warnings
    ...     depthconf.validate(composed.config, overrides=composed.overrides).arch.max_epochs
    3
    """
    report = check(source, overrides=overrides)
    if not report.ok or report.config is None:
        raise ConfigError(report.errors + report.warnings, context)
    for finding in report.warnings:
        warnings.warn(finding.render(), ConfigWarning, stacklevel=2)
    return report.config
