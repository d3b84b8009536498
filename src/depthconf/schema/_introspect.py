"""Which keys the schema has where (did-you-mean hints), and why a field is bounded."""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Sequence
from typing import Any, Union, get_args, get_origin, get_type_hints

from pydantic.fields import FieldInfo

from depthconf.schema._train import TrainConfig


def _section_at(path: Sequence[str | int]) -> Any:
    node: Any = TrainConfig
    for part in path:
        if isinstance(part, int) or not dataclasses.is_dataclass(node):
            return None
        node = get_type_hints(node).get(part)
    return node


def field_type(path: Sequence[str | int]) -> Any:
    """The schema's type at ``path``, without ``| None``; None when the schema has none.

    >>> field_type(["checkpoint", "mode"]), field_type(["arch", "max_epochs"])
    (<enum 'Mode'>, <class 'int'>)
    """
    kind = _section_at(path)
    if get_origin(kind) in (Union, types.UnionType):
        kind = next((a for a in get_args(kind) if a is not type(None)), None)
    return kind


def field_info(path: Sequence[str | int]) -> FieldInfo | None:
    """The pydantic field at ``path``: its ``description`` says why a bound or a choice
    exists (in the trainer's terms), its ``examples`` what works.

    >>> field_info(["model", "loss", "supervised_loss_weight"]).examples
    [1.0]
    >>> field_info(["model", "nope"]) is None
    True
    """
    if not path or not isinstance(path[-1], str):
        return None
    fields: dict[str, FieldInfo] = getattr(_section_at(path[:-1]), "__pydantic_fields__", {})
    return fields.get(path[-1])


def field_reason(path: Sequence[str | int]) -> str | None:
    """Why the field at ``path`` has the range or choices it has (its description), or None.

    Field errors append it, so a refused value explains itself in the trainer's terms.

    >>> field_reason(["checkpoint", "period"]).startswith("depthconf is stricter")
    True
    >>> field_reason(["checkpoint", "filepath"]) is None
    True
    """
    info = field_info(path)
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
