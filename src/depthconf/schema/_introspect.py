"""Which keys the schema has where: for did-you-mean hints on unknown keys."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any, get_type_hints

from depthconf.schema._train import TrainConfig


def section_fields(path: Sequence[str | int]) -> list[str]:
    """Field names of the section at ``path`` (``()`` is the top level); [] if no section.

    >>> section_fields(["checkpoint"])[:3]
    ['filepath', 'save_top_k', 'monitor']
    >>> section_fields(["checkpoint", "save_top_k"])
    []
    """
    node: Any = TrainConfig
    for part in path:
        if isinstance(part, int) or not dataclasses.is_dataclass(node):
            return []
        node = get_type_hints(node).get(part)
    if isinstance(node, type) and dataclasses.is_dataclass(node):
        return [f.name for f in dataclasses.fields(node)]
    return []
