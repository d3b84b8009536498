"""A job's resolved plain data, built from its base's and the entries its overrides changed.

The validator turns a DictConfig into plain data with
``OmegaConf.to_container(cfg, resolve=True, structured_config_mode=SCMode.DICT)``
and judges that. For a whole config this costs milliseconds; but between the jobs
of one base only two things differ: the entries the job's overrides wrote, and the
values of interpolations (which may refer to those entries). So the base is
converted once, unresolved, and each job's data is that, with

* every entry its overrides touched converted again, resolved, and
* every interpolation of the base resolved again, in the job's config,

each conversion made exactly as ``to_container`` makes it for that entry. Anything
the shortcut cannot vouch for (a ``???`` value, an interpolation that fails) raises
:class:`NeedsFullCheck`, and the caller judges the job's whole DictConfig instead::

    shared = Shared.of(base)
    with AppliedOverrides(base, overrides) as applied:
        data = shared.job_data(base, applied.touched)   # or NeedsFullCheck
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from omegaconf import MISSING, Container, DictConfig, ListConfig, OmegaConf, SCMode

from depthconf.sweep._apply import Path, entry, live

_DELETED = object()  # an entry the job's overrides removed
_UNSET = object()


class NeedsFullCheck(Exception):
    """The job's data cannot be built incrementally; judge its whole config."""


def _resolved(parent: Container, key: str | int) -> Any:
    """``parent[key]`` as ``to_container(resolve=True)`` converts it (see its ``_to_content``)."""
    node = parent._get_child(key)
    assert node is not None and not isinstance(node, list)
    node = node._dereference_node()
    if isinstance(node, Container):
        return OmegaConf.to_container(node, resolve=True, structured_config_mode=SCMode.DICT)
    return node._value()


def _has_missing(value: Any) -> bool:
    if isinstance(value, str):
        return value == str(MISSING)
    if isinstance(value, dict):
        return any(_has_missing(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_missing(v) for v in value)
    return False


def _under(path: Path, roots: Sequence[Path]) -> bool:
    return any(path[: len(root)] == root for root in roots)


def _outermost(paths: Sequence[Path]) -> list[Path]:
    """Distinct paths, without those inside another (that one is converted whole)."""
    unique = list(dict.fromkeys(paths))
    return [p for p in unique if not any(q != p and p[: len(q)] == q for q in unique)]


def _locate(root: Container, path: Path) -> Container:
    node: Container = root
    for part in path:
        child = entry(node, part)
        if not live(child):
            raise NeedsFullCheck(f"{path} is no longer a container")
        assert isinstance(child, Container)
        node = child
    return node


# An environment variable with a literal default: its value cannot depend on the config
# (no node reference, no other resolver), so one resolution serves every job of a base.
# Resolving costs far more than validating (OmegaConf parses the grammar every time).
_CONSTANT = re.compile(r"\$\{oc\.env:[A-Za-z_][A-Za-z0-9_]*(,[^${}\\]*)?\}")


@dataclass(frozen=True)
class Shared:
    """What the jobs of one base share: its unresolved plain data, where its
    interpolations and ``???`` values are, and the values of its constant interpolations."""

    plain: dict[str, Any]
    interpolations: tuple[tuple[Path, Container, str | int], ...]
    missing: tuple[Path, ...]
    constants: dict[Path, Any]

    @classmethod
    def of(cls, base: DictConfig) -> Shared:
        plain = OmegaConf.to_container(base, resolve=False, structured_config_mode=SCMode.DICT)
        assert isinstance(plain, dict)
        interpolations: list[tuple[Path, Container, str | int]] = []
        missing: list[Path] = []

        def walk(node: Container, path: Path) -> None:
            content = node.__dict__["_content"]
            items = enumerate(content) if isinstance(node, ListConfig) else content.items()
            for key, child in items:
                where = (*path, key)
                if child._is_interpolation():
                    interpolations.append((where, node, key))
                elif child._is_missing():
                    missing.append(where)
                elif live(child):
                    walk(child, where)

        walk(base, ())
        constants = {}
        for where, node, key in interpolations:
            text = node.__dict__["_content"][key]._value()
            if isinstance(text, str) and _CONSTANT.fullmatch(text):
                with contextlib.suppress(Exception):  # if it fails, every job says so
                    constants[where] = _resolved(node, key)
        return cls(cast(dict[str, Any], plain), tuple(interpolations), tuple(missing), constants)

    def job_data(self, job: DictConfig, touched: Sequence[Path]) -> dict[str, Any]:
        """The plain data ``to_container(job, resolve=True)`` would give; ``job`` is the base
        with the job's overrides applied, ``touched`` the entries they changed."""
        changed = _outermost(touched)
        if any(not _under(p, changed) for p in self.missing):
            raise NeedsFullCheck("a ??? value the job leaves unset")
        updates: list[tuple[Path, Any, Container | None]] = []
        try:
            for path in changed:
                parent = _locate(job, path[:-1])
                present = entry(parent, path[-1]) is not None
                value = _resolved(parent, path[-1]) if present else _DELETED
                updates.append((path, value, parent))
            for path, parent, key in self.interpolations:
                if not _under(path, changed):
                    value = self.constants.get(path, _UNSET)
                    if value is _UNSET:
                        value = _resolved(parent, key)
                    updates.append((path, value, None))
        except NeedsFullCheck:
            raise
        except Exception as error:  # the full check reports it, exactly as it would anyway
            raise NeedsFullCheck(str(error)) from error
        if any(_has_missing(value) for _, value, _ in updates):
            raise NeedsFullCheck("a ??? value")
        return _assemble(self.plain, updates)


def _assemble(
    plain: dict[str, Any], updates: list[tuple[Path, Any, Container | None]]
) -> dict[str, Any]:
    """``plain`` with each update applied, copying only the dicts and lists on their paths."""
    root = dict(plain)
    copies: dict[Path, Any] = {(): root}

    def container(path: Path) -> Any:
        if path not in copies:
            parent = container(path[:-1])
            parent[path[-1]] = copy = type(parent[path[-1]])(parent[path[-1]])
            copies[path] = copy
        return copies[path]

    for path, value, _ in updates:
        parent = container(path[:-1])
        if value is _DELETED:
            del parent[path[-1]]
        else:
            parent[path[-1]] = value
    # Keep the key order of the job's config: a key deleted then added again moves last.
    for path, _, live_parent in updates:
        if isinstance(live_parent, DictConfig):
            parent = copies[path[:-1]]
            order = list(live_parent.__dict__["_content"])
            if list(parent) != order:
                if set(parent) != set(order):
                    raise NeedsFullCheck("keys out of step")
                copies[path[:-1]] = reordered = {k: parent[k] for k in order}
                if path[:-1]:
                    container(path[:-2])[path[-2]] = reordered
                else:
                    root = reordered
    return root
