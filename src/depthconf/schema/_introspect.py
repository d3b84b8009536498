"""Which keys the schema has where, and why a field is bounded: for error messages."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any, get_type_hints

from depthconf.schema._train import TrainConfig


def _section_at(path: Sequence[str | int]) -> Any:
    node: Any = TrainConfig
    for part in path:
        if isinstance(part, int) or not dataclasses.is_dataclass(node):
            return None
        node = get_type_hints(node).get(part)
    return node


def field_reason(path: Sequence[str | int]) -> str | None:
    """Why the field at ``path`` has the range or choices it has (its description), or None.

    Field errors append it, so a refused value explains itself in the trainer's terms.

    >>> field_reason(["checkpoint", "period"]).startswith("depthconf is stricter")
    True
    >>> field_reason(["checkpoint", "filepath"]) is None
    True
    """
    if not path or not isinstance(path[-1], str):
        return None
    fields = getattr(_section_at(path[:-1]), "__pydantic_fields__", {})
    info = fields.get(path[-1])
    return info.description if info is not None else None


def section_fields(path: Sequence[str | int]) -> list[str]:
    """Field names of the section at ``path`` (``()`` is the top level); [] if no section.

    >>> section_fields(["checkpoint"])[:3]
    ['filepath', 'save_top_k', 'monitor']
    >>> section_fields(["checkpoint", "save_top_k"])
    []
    """
    node = _section_at(path)
    if isinstance(node, type) and dataclasses.is_dataclass(node):
        return [f.name for f in dataclasses.fields(node)]
    return []
