"""Merge a parsed experiment mapping onto the legacy defaults, like yacs ``merge_from_file``.

Unlike yacs, which raises on the first bad key, every problem is collected; a bad
value leaves the default in place.

Example:
    >>> from depthconf.legacy._defaults import legacy_defaults
    >>> doc = {"arch": {"max_epochs": 30, "epochs": 3}, "model": {"name": "X"}}
    >>> result = merge_document(doc, legacy_defaults())
    >>> result.values["arch"]["max_epochs"], sorted(result.declared)
    (30, ['arch.max_epochs', 'model.name'])
    >>> [p.path for p in result.problems]
    ['arch.epochs']
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from depthconf.findings import Code, Violation
from depthconf.legacy._errors import legacy_problem
from depthconf.legacy._hints import unknown_key_fix, wrong_type_fix
from depthconf.legacy._tree import join
from depthconf.legacy._values import (
    TypeMismatch,
    UndecodableValue,
    coerce_value,
    decode_value,
    expected_type,
    short_repr,
    type_name,
)


@dataclass
class MergeResult:
    """Outcome of :func:`merge_document`.

    Attributes:
        values: defaults with every accepted file value applied (nested dicts).
        declared: dotted leaf key -> accepted value, for the keys the file set.
        problems: every rule the file breaks, in file order.
    """

    values: dict[str, Any]
    declared: dict[str, Any] = field(default_factory=dict)
    problems: list[Violation] = field(default_factory=list)


class _Merger:
    def __init__(self, result: MergeResult) -> None:
        self.result = result

    def problem(self, key: str, code: Code, message: str, fix: str | None) -> None:
        self.result.problems.append(legacy_problem(key, message, fix, code))

    def merge(self, source: Mapping[Any, Any], target: dict[str, Any], prefix: str) -> None:
        for key, raw in source.items():
            if not isinstance(key, str):
                self.problem(
                    join(prefix, str(key)),
                    Code.legacy_unknown_key,
                    f"key {short_repr(key)} is a {type_name(key)}, not a string "
                    "(YAML 1.1 reads yes/no/on/off/true/false and numbers as non-strings)",
                    "quote the key or remove it",
                )
                continue
            path = join(prefix, key)
            if key not in target:
                self.problem(
                    path,
                    Code.legacy_unknown_key,
                    "Non-existent config key: the legacy defaults have no such key",
                    unknown_key_fix(prefix, key, target.keys()),
                )
                continue
            default = target[key]
            if isinstance(default, dict):
                self.merge_section(raw, default, path)
            else:
                self.merge_leaf(raw, target, key, path)

    def merge_section(self, raw: Any, target: dict[str, Any], path: str) -> None:
        if isinstance(raw, dict):
            self.merge(raw, target, path)
            return
        name = path.rsplit(".", 1)[-1]
        keys = ", ".join(list(target)[:3])
        if raw is None:
            message = "section is empty (null); yacs rejects replacing a section with None"
            fix = f"remove the empty '{name}:' line or indent its keys under it"
        else:
            message = (
                f"expected a section (a mapping with keys like {keys}), "
                f"got {type_name(raw)} {short_repr(raw)}"
            )
            fix = f"write it as a mapping, e.g. {name}: {{{next(iter(target))}: ...}}"
        self.problem(path, Code.legacy_not_a_section, message, fix)

    def merge_leaf(self, raw: Any, target: dict[str, Any], key: str, path: str) -> None:
        default = target[key]
        if isinstance(raw, dict):
            self.problem(
                path,
                Code.legacy_wrong_type,
                f"got a mapping {short_repr(raw)}, expected {expected_type(default)}",
                wrong_type_fix(raw, raw, default),
            )
            return
        try:
            decoded = decode_value(raw)
        except UndecodableValue as exc:
            self.problem(
                path,
                Code.legacy_undecodable_value,
                f"string {short_repr(raw)} breaks Python literal evaluation ({exc}); "
                "legacy yacs crashes on it",
                "quote it differently or simplify the value",
            )
            return
        try:
            value = coerce_value(decoded, default)
        except TypeMismatch:
            evaluated = ""
            if isinstance(raw, str) and not isinstance(decoded, str):
                evaluated = f" (a string evaluated as a Python literal to {short_repr(decoded)})"
            self.problem(
                path,
                Code.legacy_wrong_type,
                f"value {short_repr(raw)} has type {type_name(decoded)}{evaluated}, "
                f"expected {expected_type(default)} (default {short_repr(default)})",
                wrong_type_fix(raw, decoded, default),
            )
            return
        target[key] = value
        self.result.declared[path] = value


def merge_document(document: Mapping[Any, Any], defaults: dict[str, Any]) -> MergeResult:
    """Merge ``document`` onto a copy of ``defaults``; collect every problem (not yet
    placed in the file: see :func:`depthconf.legacy._locate.in_file`).

    File values are not copied: the caller owns the freshly parsed document.
    """
    result = MergeResult(values=copy.deepcopy(defaults))
    _Merger(result).merge(document, result.values, "")
    return result
