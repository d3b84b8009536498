"""Where each key of a YAML config file is written: lines and columns, for messages.

Only read when something is wrong (or by ``depthconf explain``): a valid config is
never parsed a second time.

>>> marks = marks_of("# @package _global_\\ndefaults:\\n  - override /dataset: ncdb\\n"
...                  "checkpoint:\\n  save_top_k: 3\\n  monitor: [a, b]\\n")
>>> marks.header_line, [(d.key, d.value, d.spot.line) for d in marks.defaults]
(1, [('override /dataset', 'ncdb', 3)])
>>> w = marks.written[("checkpoint", "save_top_k")]
>>> (w.key.line, w.key.column, w.value.column, w.kind)
(5, 3, 15, 'scalar')
>>> marks.written[("checkpoint", "monitor", 1)].value
Spot(line=6, column=16)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

import yaml

KeyPath = tuple[str | int, ...]

# The pure-Python loader, as OmegaConf's: libyaml accepts some text (a tab) it rejects.
_LOADER: Final = yaml.SafeLoader
#: Stop after this many entries (aliases can make a small file describe a huge tree).
_MAX_ENTRIES: Final = 5000
_HEADER: Final = re.compile(r"^\s*#\s*@")


@dataclass(frozen=True)
class Spot:
    """A 1-based line and column."""

    line: int
    column: int


@dataclass(frozen=True)
class Written:
    """One entry of the file: where its key and its value are, and the value's kind
    (``mapping``, ``sequence``, ``scalar`` or ``null``)."""

    key: Spot
    value: Spot
    kind: str


@dataclass(frozen=True)
class DefaultsItem:
    """One item of the file's ``defaults:`` list, as written: ``key: value`` (a group
    entry, ``key`` keeps keywords such as ``override``) or a plain string (``key`` None)."""

    key: str | None
    value: str | None
    spot: Spot
    index: int


@dataclass(frozen=True)
class Marks:
    """The lines of a file and where each entry is written (paths relative to the file)."""

    lines: tuple[str, ...]
    written: dict[KeyPath, Written] = field(default_factory=dict)
    defaults: tuple[DefaultsItem, ...] = ()
    defaults_spot: Spot | None = None
    header_line: int | None = None
    root_kind: str = "null"
    error: yaml.YAMLError | None = None

    def line(self, number: int) -> str:
        """The text of a 1-based line ('' when out of range)."""
        return self.lines[number - 1] if 0 < number <= len(self.lines) else ""


def _spot(mark: yaml.Mark) -> Spot:
    return Spot(mark.line + 1, mark.column + 1)


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "mapping"
    if isinstance(node, yaml.SequenceNode):
        return "sequence"
    return "null" if node.tag == "tag:yaml.org,2002:null" else "scalar"


def _walk(node: yaml.Node, path: KeyPath, out: dict[KeyPath, Written]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if len(out) >= _MAX_ENTRIES or not isinstance(key_node, yaml.ScalarNode):
                continue
            child = (*path, str(key_node.value))
            out.pop(child, None)  # a repeated key: the last one counts (keeps its order)
            out[child] = Written(
                _spot(key_node.start_mark), _spot(value_node.start_mark), _kind(value_node)
            )
            _walk(value_node, child, out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            if len(out) >= _MAX_ENTRIES:
                return
            here = _spot(item.start_mark)
            out[(*path, index)] = Written(here, here, _kind(item))
            _walk(item, (*path, index), out)


def _defaults(node: yaml.Node) -> tuple[DefaultsItem, ...]:
    if not isinstance(node, yaml.SequenceNode):
        return ()
    items = []
    for index, item in enumerate(node.value):
        spot = _spot(item.start_mark)
        if isinstance(item, yaml.MappingNode) and item.value:
            key, value = item.value[0]
            text = value.value if isinstance(value, yaml.ScalarNode) else None
            items.append(DefaultsItem(str(key.value), text, spot, index))
        elif isinstance(item, yaml.ScalarNode):
            items.append(DefaultsItem(None, str(item.value), spot, index))
    return tuple(items)


def _header_line(lines: tuple[str, ...]) -> int | None:
    """The line of the ``# @package`` header, read as Hydra reads headers."""
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        if not _HEADER.match(text):
            return None
        if "package" in text:
            return number
    return None


def marks_of(text: str) -> Marks:
    """Where every entry of the YAML ``text`` is written; ``error`` holds a syntax error."""
    lines = tuple(text.splitlines())
    header = _header_line(lines)
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as error:
        return Marks(lines, header_line=header, error=error)
    if root is None:
        return Marks(lines, header_line=header)
    written: dict[KeyPath, Written] = {}
    _walk(root, (), written)
    defaults: tuple[DefaultsItem, ...] = ()
    defaults_spot = None
    if isinstance(root, yaml.MappingNode):
        for key_node, value_node in root.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == "defaults":
                defaults = _defaults(value_node)
                defaults_spot = _spot(key_node.start_mark)
    return Marks(lines, written, defaults, defaults_spot, header, _kind(root))
