"""Where a legacy file sets each key, and its problems placed at those lines.

Example:
    >>> key_lines("model:\\n  name: x\\narch:\\n  seed: 1\\n")
    {'model': 1, 'model.name': 2, 'arch': 3, 'arch.seed': 4}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, Final

import yaml

from depthconf.findings import Key, Location, Violation, render
from depthconf.legacy._writer import comment_value

#: Legacy sections are at most this deep; deeper mappings are never needed.
_MAX_DEPTH: Final = 6
#: Stop after this many keys (aliases can make a small file describe a huge tree).
_MAX_KEYS: Final = 5000


def _walk(node: yaml.Node, prefix: str, depth: int, out: dict[str, int]) -> None:
    if depth > _MAX_DEPTH or not isinstance(node, yaml.MappingNode):
        return
    for key_node, value_node in node.value:
        if len(out) >= _MAX_KEYS:
            return
        if not isinstance(key_node, yaml.ScalarNode):
            continue
        path = f"{prefix}{key_node.value}"
        out.setdefault(path, key_node.start_mark.line + 1)
        _walk(value_node, f"{path}.", depth + 1, out)


def key_lines(text: str) -> dict[str, int]:
    """Map dotted key paths to the 1-based line of the key; ``{}`` if not composable.

    Example:
        >>> key_lines("[1, 2]")
        {}
    """
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except Exception:  # the caller reports syntax errors; lines are only a bonus
        return {}
    out: dict[str, int] = {}
    if root is not None:
        _walk(root, "", 0, out)
    return out


def _dotted(parts: Key) -> str:
    return ".".join(str(part) for part in parts)


def in_file(violation: Violation, source: Path, text: str, lines: Mapping[str, int]) -> Violation:
    """``violation`` located in the legacy file ``source``: at the line of the first key it
    names that the file sets (or of its nearest section there; the first line otherwise),
    with its fix phrased as an edit of that line. A located finding is kept as it is."""
    if violation.location is not None:
        return violation
    rows = text.splitlines()
    keys = [render(k).split(".") for k in violation.subjects]
    # a key the file sets, else the nearest section of one the file has, else line 1
    deepest = max((len(parts) for parts in keys), default=0)
    candidates = [".".join(parts[: len(parts) - cut]) for cut in range(deepest) for parts in keys]
    line = next((lines[c] for c in candidates if c in lines), 1)
    quoted = rows[line - 1] if 0 < line <= len(rows) else ""
    column = len(quoted) - len(quoted.lstrip()) + 1
    where = Location(str(source), line, column, quoted, str(source))
    return replace(violation, location=where, fix=f"in {source} line {line}: {violation.fix}")


def loaded_problem(
    problem: Violation, source: Path, text: str, lines: Mapping[str, int], raw: Mapping[str, Any]
) -> Violation:
    """A problem of the legacy loader as it is reported: the file's value, the rule
    prefixed with the file (and the line of the key, or of a related key), located."""
    path = _dotted(problem.keys[0])
    value = comment_value(raw[path]) if path in raw else "(not set in the file)"
    line = next((lines[k] for k in map(_dotted, problem.subjects) if k in lines), None)
    where = source.name + (f", line {line}" if line is not None else "")
    placed = replace(problem, value=value, rule=f"legacy config ({where}): {problem.rule}")
    return in_file(placed, source, text, lines)
