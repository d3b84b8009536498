"""The text of a migrated experiment: YAML that reads like the hand-written ones.

Layout (see ``conf/experiment/*.yaml``): a ``# @package _global_`` header, the
``defaults`` overrides of the group options, ``name``, then only the differing
values, nested, with flow style for short sections and lists. Every scalar is
written so that Hydra/OmegaConf reads back exactly the same value: a string that
YAML or OmegaConf would turn into something else (``yes``, ``1e-4``, ``${x}``)
is quoted and escaped.

Example:
    >>> print(render_experiment(
    ...     "train_x.yaml", [("model/depth_net", "packnet_san")], "x",
    ...     {"model": {"depth_net": {"dropout": 0.5}}, "arch": {"max_epochs": 25}},
    ... ), end="")
    # @package _global_
    # Migrated from train_x.yaml by depthconf migrate
    defaults:
      - override /model/depth_net: packnet_san
    <BLANKLINE>
    name: x
    model:
      depth_net: {dropout: 0.5}
    arch: {max_epochs: 25}
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import yaml
from omegaconf import OmegaConf

from depthconf.legacy._values import short_repr

#: Longest line a flow mapping may produce; lists may use the full width.
FLOW_WIDTH: Final = 80
WIDTH: Final = 100
#: Sections with at most this many values may be written in flow style.
FLOW_ITEMS: Final = 3
_PLAIN: Final = re.compile(r"[A-Za-z0-9_./][A-Za-z0-9_./ -]*")
_COMMENT_LIMIT: Final = 500
_INTERPOLATION: Final = re.compile(r"(\\*)\$\{")


@dataclass(frozen=True)
class NotMigrated:
    """A legacy key kept only as a comment of the experiment: ``key: value``, and why."""

    key: str
    value: str
    reason: str

    def comment(self) -> str:
        return printable(f"# not migrated ({self.reason}): {self.key}: {self.value}")


@functools.lru_cache(maxsize=4096)
def _reads_back(text: str, value: str) -> bool:
    """True if OmegaConf reads ``text`` back as the string ``value``, alone and in a list."""
    try:
        alone = OmegaConf.to_container(OmegaConf.create(f"k: {text}"))
        listed = OmegaConf.to_container(OmegaConf.create(f"k: [{text}]"))
    except Exception:  # any parse failure means: quote it
        return False
    return alone == {"k": value} and listed == {"k": [value]}


def escaped(value: Any) -> Any:
    """``value`` as OmegaConf must be given it to keep every ``${`` literal (not an
    interpolation), in strings and lists of strings."""
    if isinstance(value, str):  # backslashes before "${" are doubled, then "${" escaped
        return _INTERPOLATION.sub(lambda m: m.group(1) * 2 + "\\${", value)
    if isinstance(value, list | tuple):
        return [escaped(item) for item in value]
    return value


def _double_quoted(value: str) -> str:
    """A YAML double-quoted scalar in plain ASCII (``\\U`` escapes beyond the BMP: YAML
    does not join the surrogate pairs JSON would write)."""
    out = ['"']
    for char in value:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif 0x20 <= code < 0x7F:
            out.append(char)
        elif code <= 0xFF:
            out.append(f"\\x{code:02X}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04X}")
        else:
            out.append(f"\\U{code:08X}")
    return "".join(out) + '"'


def _string(value: str) -> str:
    if _PLAIN.fullmatch(value) and value == value.strip() and _reads_back(value, value):
        return value
    return _double_quoted(escaped(value))


def scalar(value: Any) -> str:
    """One scalar as YAML text that Hydra reads back unchanged.

    Example:
        >>> [scalar(v) for v in (None, True, 80.0, 1e-8, "", "sparse-silog", "yes", "1e-4")]
        ['null', 'true', '80.0', '1e-08', '""', 'sparse-silog', '"yes"', '"1e-4"']
        >>> scalar("${HOME}/data") == '"' + chr(92) * 2 + '${HOME}/data"'  # escaped for OmegaConf
        True
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    raise TypeError(f"not a YAML scalar: {short_repr(value)}")


def flow(value: Any) -> str:
    """A scalar or a (nested) list or mapping in flow style: ``[groundtruth, ""]``.

    A mapping inside a list is not a legacy value the trainer can use, but it is
    written as given so that validation names it where the user put it.

    Example:
        >>> flow([["camera_01"], []])
        '[[camera_01], []]'
        >>> flow([{}, {"a": 1}])
        '[{}, {a: 1}]'
    """
    if isinstance(value, list | tuple):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{scalar(k)}: {flow(v)}" for k, v in value.items()) + "}"
    return scalar(value)


def _leaf(pad: str, key: str, value: Any, note: str | None) -> list[str]:
    tail = f"  # {note}" if note else ""
    line = f"{pad}{key}: {flow(value)}"
    if not isinstance(value, list | tuple) or not value or len(line + tail) <= WIDTH:
        return [line + tail]
    return [f"{pad}{key}:{tail}", *(f"{pad}  - {flow(item)}" for item in value)]


def _flow_mapping(section: Mapping[str, Any], prefix: str, notes: Mapping[str, str]) -> str | None:
    if len(section) > FLOW_ITEMS:
        return None
    if any(isinstance(v, dict) or f"{prefix}{k}" in notes for k, v in section.items()):
        return None
    return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in section.items()) + "}"


def render_tree(
    tree: Mapping[str, Any], notes: Mapping[str, str] | None = None, indent: int = 0
) -> list[str]:
    """Nested sections as YAML lines; ``notes`` maps dotted keys to trailing comments.

    Example:
        >>> render_tree({"checkpoint": {"save_top_k": 5}}, {"checkpoint.save_top_k": "why"})
        ['checkpoint:', '  save_top_k: 5  # why']
    """
    return _render(tree, notes or {}, indent, "")


def _render(
    tree: Mapping[str, Any], notes: Mapping[str, str], indent: int, prefix: str
) -> list[str]:
    lines: list[str] = []
    pad = "  " * indent
    for key, value in tree.items():
        path = f"{prefix}{key}"
        if not isinstance(value, dict):
            lines += _leaf(pad, key, value, notes.get(path))
            continue
        inline = _flow_mapping(value, f"{path}.", notes)
        if inline is not None and len(f"{pad}{key}: {inline}") <= FLOW_WIDTH:
            lines.append(f"{pad}{key}: {inline}")
        else:
            lines.append(f"{pad}{key}:")
            lines += _render(value, notes, indent + 1, f"{path}.")
    return lines


def printable(text: str) -> str:
    """``text`` safe for one comment line: characters that are not printable (line
    breaks included) are escaped.

    Example:
        >>> printable("a\\x1fb\\nc é")
        'a\\\\x1fb\\\\nc é'
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def comment_value(value: Any) -> str:
    """A raw legacy value on one line, for a comment (bounded).

    Example:
        >>> comment_value({"gpus": 8}), comment_value("two\\nlines")
        ('{gpus: 8}', "'two\\\\nlines'")
    """
    try:
        text = yaml.safe_dump([value], default_flow_style=True, width=10**9).strip()[1:-1]
    except Exception:  # recursive, exotic or unrepresentable values
        text = short_repr(value)
    if "\n" in text or len(text) > _COMMENT_LIMIT:
        text = short_repr(value).replace("\n", "\\n")
    return text


def render_experiment(
    source: str,
    defaults: Sequence[tuple[str, str | None]],
    name: str,
    tree: Mapping[str, Any],
    *,
    notes: Mapping[str, str] | None = None,
    not_migrated: Sequence[NotMigrated] = (),
    remarks: Sequence[str] = (),
) -> str:
    """The experiment file: header, ``remarks`` as comments, defaults, name, values, and
    the commented ``not_migrated`` keys."""
    lines = ["# @package _global_", f"# Migrated from {source} by depthconf migrate"]
    lines += [printable(f"# {remark}")[:WIDTH] for remark in remarks]
    if defaults:
        lines.append("defaults:")
        for group, option in defaults:
            lines.append(f"  - override /{group}: {'null' if option is None else option}")
    lines.append("")
    lines += render_tree({"name": name, **{k: v for k, v in tree.items() if k != "name"}}, notes)
    if not_migrated:
        lines.append("")
        lines += [entry.comment() for entry in not_migrated]
    return "\n".join(lines) + "\n"
