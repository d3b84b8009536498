"""Which keys the schema has where (did-you-mean hints), and why a field is bounded."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any, get_type_hints

from pydantic.fields import FieldInfo

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


def field_info(path: Sequence[str | int]) -> FieldInfo | None:
    """The pydantic field at ``path``, whose ``description`` says why a bound exists.

    >>> field_info(["model", "loss", "supervised_loss_weight"]).examples
    [1.0]
    >>> field_info(["model", "nope"]) is None
    True
    """
    *parents, name = path
    node: Any = TrainConfig
    for part in parents:
        if isinstance(part, int) or not dataclasses.is_dataclass(node):
            return None
        node = get_type_hints(node).get(part)
    fields: dict[str, FieldInfo] = getattr(node, "__pydantic_fields__", {})
    return fields.get(str(name))
