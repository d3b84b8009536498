"""Dotted key paths of nested mappings: the one join, flatten and nest of the legacy bridge.

Example:
    >>> join("model", "loss"), join("", "model")
    ('model.loss', 'model')
    >>> flatten({"a": {"b": 1, "c": [2]}})
    {'a.b': 1, 'a.c': [2]}
    >>> nest({"a.b": 1, "a.c": [2]})
    {'a': {'b': 1, 'c': [2]}}
    >>> raw_flat({"a": {"b": 1}})
    {'a': {'b': 1}, 'a.b': 1}
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

#: Bounds of :func:`raw_flat`, which walks documents as the user wrote them.
_RAW_MAX_KEYS: Final = 5000
_RAW_MAX_DEPTH: Final = 8


def join(prefix: str, key: str) -> str:
    """``prefix.key``, or ``key`` at the top level."""
    return f"{prefix}.{key}" if prefix else key


def flatten(tree: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Dotted leaf paths of a nested mapping (sections left out), in order."""
    flat: dict[str, Any] = {}
    for key, value in tree.items():
        path = join(prefix, str(key))
        if isinstance(value, Mapping):
            flat.update(flatten(value, path))
        else:
            flat[path] = value
    return flat


def nest(flat: Mapping[str, Any]) -> dict[str, Any]:
    """The inverse of :func:`flatten`."""
    tree: dict[str, Any] = {}
    for path, value in flat.items():
        *parents, leaf = path.split(".")
        node = tree
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = value
    return tree


def raw_flat(document: Mapping[Any, Any]) -> dict[str, Any]:
    """Dotted key -> raw YAML value for every key of a parsed file (sections included).

    Unlike :func:`flatten` it is safe on any document: YAML anchors can make a
    mapping contain itself, and keys need not be strings, so the walk is
    iterative, skips mappings already seen and stops at a bounded depth and size.
    """
    out: dict[str, Any] = {}
    stack: list[tuple[str, Mapping[Any, Any], int]] = [("", document, 0)]
    seen: set[int] = set()
    while stack and len(out) < _RAW_MAX_KEYS:
        prefix, node, depth = stack.pop()
        if id(node) in seen or depth > _RAW_MAX_DEPTH:
            continue
        seen.add(id(node))
        for key, value in node.items():
            path = join(prefix, str(key))
            out.setdefault(path, value)
            if isinstance(value, dict):
                stack.append((path, value, depth + 1))
    return out
