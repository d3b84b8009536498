"""Line numbers of mapping keys in a YAML text, for messages.

Example:
    >>> key_lines("model:\\n  name: x\\narch:\\n  seed: 1\\n")
    {'model': 1, 'model.name': 2, 'arch': 3, 'arch.seed': 4}
"""

from __future__ import annotations

from typing import Final

import yaml

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
