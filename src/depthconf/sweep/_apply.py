"""Value overrides applied to a shared base config, copy-on-write, and undone afterwards.

Hydra applies a job's value overrides to the composed config with
``ConfigLoaderImpl._apply_overrides_to_config``; so does this module, with the same
function, so ``+``, ``++``, ``~``, merging of dict values, struct mode and type
checking behave exactly as in Hydra. What differs is the copy: instead of a deep
copy of the whole base per job (milliseconds), only the node each override writes
is copied, and the parent's entry table is saved so the base is restored after
the job::

    with AppliedOverrides(base, overrides) as applied:
        if applied.touched is not None:   # None: an interpolation on the path, see below
            ...  # base now *is* the job's config; applied.touched lists what changed
    # base is back as it was

How far a write reaches is predictable only when no interpolation lies on the
override's path (OmegaConf resolves interpolated containers while walking, so a
write could land elsewhere in the tree); such a job gets ``touched is None`` and
its caller falls back to a full copy.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from omegaconf import Container, DictConfig, ListConfig, Node
from omegaconf._utils import split_key

from depthconf.composition._errors import COMPOSE_FAILURES
from depthconf.composition._hydra_compat import Override, apply_overrides

Path = tuple[str | int, ...]


def live(node: Node | None) -> bool:
    """A container with entries: not None, not ``???``, not an interpolation."""
    return (
        isinstance(node, Container)
        and not node._is_none()
        and not node._is_missing()
        and not node._is_interpolation()
    )


def entry(container: Container, part: str | int) -> Node | None:
    """The raw entry ``part`` of a live container, without resolving anything."""
    content = container.__dict__["_content"]
    if isinstance(container, ListConfig):
        index = part if isinstance(part, int) else int(part) if str(part).isdigit() else -1
        return content[index] if 0 <= index < len(content) else None
    return content.get(part)  # type: ignore[no-any-return]


def _plain_keys(container: Container) -> bool:
    # Raw lookups use the key as written; typed keys (int, Enum) are normalized by OmegaConf.
    return isinstance(container, ListConfig) or container._metadata.key_type in (Any, str)


@dataclass
class _Saved:
    container: Container
    content: dict[Any, Node] | list[Node]


class AppliedOverrides:
    """Context manager: the overrides applied to ``base`` in place, undone on exit.

    ``touched`` holds the path of every entry an override may have changed, in order
    (``None`` when the fast path cannot vouch for an override); ``error`` is what
    Hydra raised for the first failing override, after which nothing else applies.
    """

    def __init__(self, base: DictConfig, overrides: Sequence[Override]) -> None:
        self._base = base
        self._overrides = overrides
        self._saved: list[_Saved] = []
        self.touched: list[Path] | None = []
        self.error: Exception | None = None

    def _prepare(self, override: Override) -> Path | None:
        """Copy what ``override`` will write; its path, or None if that is unpredictable."""
        parts: list[str | int] = list(split_key(override.key_or_group))
        node: Container = self._base
        path: list[str | int] = []
        for part in parts[:-1]:
            child = entry(node, part)
            if not live(child):
                break
            assert isinstance(child, Container)
            path.append(int(part) if isinstance(node, ListConfig) else part)
            node = child
        nxt = parts[len(path)]
        if not _plain_keys(node) or (isinstance(node, ListConfig) and not str(nxt).isdigit()):
            return None
        child = entry(node, nxt)
        if child is not None and child._is_interpolation():
            return None
        content = node.__dict__["_content"]
        self._saved.append(_Saved(node, copy.copy(content)))
        if child is not None and not override.is_delete():
            key = int(nxt) if isinstance(node, ListConfig) else nxt
            content[key] = copy.deepcopy(child)  # keeps its parent: the node itself
        # A list's entries can shift (insertion, deletion): treat the whole list as changed.
        return tuple(path) if isinstance(node, ListConfig) else (*path, nxt)

    def __enter__(self) -> AppliedOverrides:
        for override in self._overrides:
            where = self._prepare(override)
            if where is None:
                self.touched = None
                self._restore()
                return self
            assert self.touched is not None
            self.touched.append(where)
            try:
                apply_overrides([override], self._base)
            except COMPOSE_FAILURES as error:  # what Hydra raises is the job's violation
                self.error = error
                break
        return self

    def _restore(self) -> None:
        # Latest first: an override may have written inside an entry an earlier one copied.
        while self._saved:
            saved = self._saved.pop()
            saved.container.__dict__["_content"] = saved.content

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._restore()
