"""One config file checked against the schema at its package, every mistake located.

Hydra merges file after file and stops at the first key the schema lacks or the
first value of the wrong type. Here each file is walked on its own against the
schema node at its package: every unknown key (with a did-you-mean), every value
the schema's type cannot hold (the very check OmegaConf's merge makes), every
section given a value, and a wrong ``# @package`` header, each a finding with the
file, line and column and a fix phrased as an edit of that file. Ranges, names
and cross-field rules are judged later on the composed values (a value a later
file replaces is no error of the run).
"""

from __future__ import annotations

import copy
import dataclasses
import difflib
import functools
import types
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Final, Union, get_args, get_origin, get_type_hints

from omegaconf import DictConfig, OmegaConf
from omegaconf.errors import OmegaConfBaseException

from depthconf.composition._files import ConfigFile
from depthconf.composition._provenance import schema_default
from depthconf.findings import Code, closest, did_you_mean, place, show
from depthconf.schema import TrainConfig
from depthconf.validation import Violation

_SCALARS: Final = {int: "an integer", float: "a number", bool: "true or false", str: "a string"}
_PLURALS: Final = {int: "integers", float: "numbers", bool: "booleans", str: "strings"}
_LISTED: Final = 8  # keys listed when an unknown key has no close match
_NEAR: Final = 0.6  # how alike a group and a section name must be to pair them


@functools.cache
def _hints(kind: type) -> dict[str, Any]:
    return get_type_hints(kind)


@functools.cache
def _typed() -> DictConfig:
    """The typed schema, to copy: a file's values are merged into the copy one by one."""
    typed = OmegaConf.structured(TrainConfig)
    assert isinstance(typed, DictConfig)
    return typed


def _section(kind: Any) -> bool:
    return isinstance(kind, type) and dataclasses.is_dataclass(kind)


def type_at(parts: tuple[str, ...]) -> Any:
    """The schema's type at ``parts`` (a section class for a section); None if absent."""
    kind: Any = TrainConfig
    for part in parts:
        if not _section(kind):
            return None
        kind = _hints(kind).get(part)
        if kind is None:
            return None
    return kind


def describe_type(kind: Any, *, many: bool = False) -> str:
    """``int`` -> 'an integer', ``list[str]`` -> 'a list of strings', ``Mode | None`` ->
    'min or max or null'.

    >>> describe_type(list[list[str]]), describe_type(bool | None)
    ('a list of lists of strings', 'true or false or null')
    """
    origin, args = get_origin(kind), get_args(kind)
    if origin in (Union, types.UnionType):
        named = [describe_type(a, many=many) for a in args if a is not type(None)]
        return " or ".join(named) + (" or null" if type(None) in args else "")
    if origin is list:
        inner = describe_type(args[0], many=True) if args else "values"
        return f"lists of {inner}" if many else f"a list of {inner}"
    if isinstance(kind, type) and issubclass(kind, Enum):
        return " or ".join(str(member.value) for member in kind)
    if _section(kind):
        return "sections" if many else "a section (keys under it)"
    table = _PLURALS if many else _SCALARS
    return table.get(kind, "values" if many else "a value")


def yaml_value(value: Any) -> str:
    """A value as written in a YAML file (flow style)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(yaml_value(v) for v in value) + "]"
    if isinstance(value, str):
        return repr(value) if not value or value.strip() != value or ":" in value else value
    return str(value)


def _example(leaf: str, parts: tuple[str, ...], kind: Any) -> str:
    """``leaf: value`` with a value of the field's type: its schema default when that
    says something."""
    default = schema_default(parts)
    if default not in (None, [], "") and not isinstance(default, dict):
        return f"`{leaf}: {yaml_value(default)}` (the schema default)"
    if isinstance(kind, type) and issubclass(kind, Enum):
        return " or ".join(f"`{leaf}: {m.value}`" for m in kind)
    sample = {int: "1", float: "0.5", bool: "true", str: "text"}.get(kind, "[]")
    return f"`{leaf}: {sample}`"


def _section_paths() -> Iterator[tuple[str, ...]]:
    def walk(kind: Any, path: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
        yield path
        for name, child in _hints(kind).items():
            if _section(child):
                yield from walk(child, (*path, name))

    yield from walk(TrainConfig, ())


def fitting_package(keys: list[str], near: str) -> str | None:
    """The section whose fields include all ``keys`` (closest to ``near`` first), as a
    ``# @package`` value; None when no section has them all."""
    fits = [p for p in _section_paths() if keys and set(keys) <= set(_hints(type_at(p)))]
    if not fits:
        return None

    def score(path: tuple[str, ...]) -> tuple[float, int]:
        # a section named like the group first (dataset -> datasets), else the shallowest
        ratio = difflib.SequenceMatcher(None, ".".join(path), near).ratio()
        return (-ratio if ratio >= _NEAR else 0.0, len(path))

    best = min(fits, key=score)
    return ".".join(best) or "_global_"


@dataclass
class FileCheck:
    """What a file check found: findings, the entries (paths inside the file) to leave
    out of the composition, and the config keys those entries would have set."""

    findings: list[Violation] = field(default_factory=list)
    pruned: list[tuple[str, ...]] = field(default_factory=list)
    broken: set[str] = field(default_factory=set)


class _Checker:
    def __init__(self, file: ConfigFile) -> None:
        self.file = file
        self.result = FileCheck()
        self.probe: DictConfig | None = None

    def _finding(
        self,
        relative: tuple[str, ...],
        value: Any,
        rule: str,
        fix: str,
        code: Code,
        *,
        key: bool,
        breaks: bool = True,
    ) -> None:
        where = self.file.location(relative, at_key=key)
        absolute = (*self.file.prefix, *relative)
        self.result.findings.append(
            Violation(
                (absolute,) if absolute else (place(self.file.package or "(file)"),),
                "{...}" if isinstance(value, dict) else show(value),
                rule,
                f"in {where.file} line {where.line}: {fix}",
                code,
                location=where,
            )
        )
        self.result.pruned.append(relative)
        if breaks:  # an unknown key is no field: it breaks none
            self.result.broken.add(".".join(absolute))

    def unknown(self, relative: tuple[str, ...], value: Any, known: list[str]) -> None:
        *parents, leaf = relative
        parent = ".".join((*self.file.prefix, *parents)) or "the config"
        nested = leaf.split(".")
        if len(nested) > 1 and type_at((*self.file.prefix, *parents, *nested)) is not None:
            flow = "".join(f"{{{part}: " for part in nested[1:])
            closing = "}" * (len(nested) - 1)
            self._finding(
                relative,
                value,
                f"{parent} has no key {leaf!r}: YAML keys do not nest at dots",
                f"write `{nested[0]}: {flow}{yaml_value(value)}{closing}` instead of `{leaf}: ...`",
                Code.unknown_key,
                key=True,
                breaks=False,
            )
            return
        match = closest(leaf, known)
        if match:
            fix = f"rename {leaf} to {match}"
        else:
            listed = ", ".join(known[:_LISTED]) + (", ..." if len(known) > _LISTED else "")
            fix = f"remove {leaf} ({parent} has: {listed})"
        self._finding(
            relative,
            value,
            f"{parent} has no key {leaf!r}{did_you_mean(leaf, known)}",
            fix,
            Code.unknown_key,
            key=True,
            breaks=False,
        )

    def wrong_package(self, keys: list[str]) -> None:
        group = self.file.config_path.rpartition("/")[0]
        fit = fitting_package(keys, group.replace("/", "."))
        header = self.file.marks.header_line
        at = self.file.at_line(header or 1)
        written = f"# @package {self.file.package or '_global_'}"
        if fit is None:
            fix = "place its keys where the schema has them (see `depthconf explain KEY`)"
        elif header is not None:
            fix = f"write `# @package {fit}` (its keys are fields of {fit})"
        else:
            fix = f"add `# @package {fit}` as the first line (its keys are fields of {fit})"
        self.result.findings.append(
            Violation(
                (place(self.file.package or "_global_"),),
                f"{', '.join(keys[:_LISTED])} under {self.file.package or 'the top level'}",
                f"{self.file.shown} places its keys at {self.file.package or 'the top level'} "
                f"({written if header else 'no # @package header'}), where the schema has "
                "no such keys",
                f"in {at.file} line {at.line}: {fix}",
                Code.package_header,
                location=at,
            )
        )
        self.result.pruned.append(())  # an empty file at a wrong package still adds its key
        self.result.broken.add(".".join(type_at_fit(fit)) if fit else self.file.package)

    def section(self, relative: tuple[str, ...], value: Any, kind: Any) -> None:
        *_, leaf = relative
        if value is None:
            rule = f"{leaf} is a section of the schema and cannot be null (empty)"
            fix = f"give {leaf} keys under it, or remove the line"
        else:
            rule = f"{leaf} is a section of the schema: it holds keys, not a value"
            fields = ", ".join(list(_hints(kind))[:_LISTED])
            fix = f"write the keys of {leaf} under it ({fields}, ...), or remove the line"
        self._finding(relative, value, rule, fix, Code.wrong_type, key=False)

    def leaf(self, relative: tuple[str, ...], value: Any, kind: Any) -> None:
        if isinstance(value, str) and ("${" in value or value == "???"):
            return  # resolved, or reported as missing, on the composed config
        if self.probe is None:
            self.probe = copy.deepcopy(_typed())
        absolute = (*self.file.prefix, *relative)
        try:
            OmegaConf.update(self.probe, ".".join(absolute), value, merge=True)
        except OmegaConfBaseException:  # what the merge of this file would raise
            leaf = relative[-1]
            self._finding(
                relative,
                value,
                f"{'.'.join(absolute)} must be {describe_type(kind)}; {show(value)} is not",
                f"give {leaf} {describe_type(kind)}, e.g. {_example(leaf, absolute, kind)}",
                Code.wrong_type,
                key=False,
            )

    def walk(self, kind: Any, content: Mapping[Any, Any], relative: tuple[str, ...]) -> None:
        fields = _hints(kind)
        for raw_key, value in content.items():
            key = str(raw_key)
            here = (*relative, key)
            if not self.file.prefix and not relative and key == "hydra":
                continue  # Hydra's own node: Hydra checks it
            if key not in fields:
                self.unknown(here, value, list(fields))
            elif _section(fields[key]):
                if isinstance(value, Mapping):
                    self.walk(fields[key], value, here)
                else:  # an interpolation too: OmegaConf cannot merge one into a section
                    self.section(here, value, fields[key])
            else:
                self.leaf(here, value, fields[key])

    def run(self) -> FileCheck:
        content, prefix = self.file.content, self.file.prefix
        if content is None or prefix[:1] == ("hydra",):
            return self.result
        if not isinstance(content, Mapping):
            at = self.file.at_line(1)
            self.result.findings.append(
                Violation(
                    (place(self.file.package or "_global_"),),
                    show(content),
                    f"{self.file.shown} holds a {type(content).__name__}; a config file "
                    "holds keys (a mapping)",
                    f"in {at.file}: write the file as `key: value` lines",
                    Code.wrong_type,
                    location=at,
                )
            )
            self.result.pruned.append(())
            self.result.broken.add(self.file.package)
            return self.result
        keys = [str(k) for k in content if not (not prefix and str(k) == "hydra")]
        kind = type_at(prefix)
        if not keys:
            return self.result
        if not _section(kind) or not set(keys) & set(_hints(kind)):
            group = self.file.config_path.rpartition("/")[0].replace("/", ".")
            if fitting_package(keys, group) is not None or not _section(kind):
                self.wrong_package(keys)
                return self.result
        self.walk(kind, content, ())
        return self.result


def type_at_fit(fit: str | None) -> tuple[str, ...]:
    """The config keys a misplaced file meant to set (its fitting package)."""
    return () if fit in (None, "_global_") else tuple(str(fit).split("."))


def check_file(file: ConfigFile) -> FileCheck:
    """Every unknown key and wrong type of ``file``, located; see the module docstring."""
    return _Checker(file).run()
