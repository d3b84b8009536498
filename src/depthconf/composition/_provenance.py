"""Where every value of a composed config came from.

Hydra composes the schema, then each config of the defaults list in order, then
applies the command-line value overrides. :class:`Sources` replays that order
for one key: the schema default, every file that wrote the key (dicts merge key
by key, a list or a scalar replaces what was there, so a list element's source
is its list's source), then every override that set it (``key=v``, ``+key=v``,
``++key=v``, ``~key``, and ``section={...}`` for the keys inside the dict). The
last source is the one whose value the config holds; an interpolation it holds
is followed to the key or environment variable it reads.

::

    sources = Sources(files, value_overrides)
    sources.provenance("checkpoint.save_top_k")
    # Provenance(chain=(schema -1, conf/checkpoint/best_3.yaml:5 3, override 5))
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping, Sequence
from typing import Any, Final

from omegaconf import MISSING

from depthconf.composition._files import ConfigFile
from depthconf.composition._hydra_compat import Override
from depthconf.findings import show
from depthconf.schema import TrainConfig, to_dict
from depthconf.validation import Provenance, Source, SourceKind

_ABSENT: Final = object()
_INDEX = re.compile(r"\[[^\]]*\]")
_ENV = re.compile(r"\$\{oc\.env:\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:,([^}]*))?\}")
_KEY = re.compile(r"\$\{\s*([A-Za-z_][\w.\[\]]*)\s*\}")


@functools.lru_cache(maxsize=4096)
def key_parts(key: str) -> tuple[str, ...]:
    """A key as a path of names; a list element is its list (``a.b[0]``, ``a.b.0`` -> a, b).

    >>> key_parts("datasets.train.split[0]"), key_parts("datasets.train.path.0")
    (('datasets', 'train', 'split'), ('datasets', 'train', 'path'))
    """
    parts: list[str] = []
    for part in _INDEX.sub("", key).split("."):
        if not part or part.isdigit():
            break
        parts.append(part)
    return tuple(parts)


@functools.cache
def _schema_defaults() -> dict[str, Any]:
    return to_dict(TrainConfig())


def schema_default(parts: Sequence[str]) -> Any:
    """The schema's default at ``parts``, or ``_ABSENT`` when the schema has no such key."""
    node: Any = _schema_defaults()
    for part in parts:
        if not isinstance(node, Mapping) or part not in node:
            return _ABSENT
        node = node[part]
    return node


def in_schema(key: str) -> bool:
    return schema_default(key_parts(key)) is not _ABSENT


def _dig(value: Any, parts: Sequence[str]) -> Any:
    """The entry of a (dict) override value at ``parts``; ``_ABSENT`` when it has none.

    A non-dict met on the way replaces everything below it: it is the answer."""
    for part in parts:
        if not isinstance(value, Mapping):
            return value
        if part not in value:
            return _ABSENT
        value = value[part]
    return value


Found = tuple[Source, Any]  # a source and the raw value it gave


def _override_source(override: Override, value: Any) -> Found:
    shown = "(deleted)" if override.is_delete() else show(value)
    return Source(SourceKind.override, shown, override=override.input_line), value


class Sources:
    """The sources of the keys of one composition: its files and its value overrides."""

    def __init__(self, files: Sequence[ConfigFile], overrides: Sequence[Override] = ()) -> None:
        self.files = tuple(files)
        self.overrides = tuple(overrides)
        self._written = [dict(file.entries()) for file in self.files]
        self._by_files: dict[tuple[str, ...], list[Found]] = {}  # shared by with_overrides

    def with_overrides(self, overrides: Sequence[Override]) -> Sources:
        """The same files with other value overrides (the jobs of one sweep base)."""
        clone = Sources.__new__(Sources)
        clone.files, clone.overrides = self.files, tuple(overrides)
        clone._written, clone._by_files = self._written, self._by_files
        return clone

    def file_named(self, shown: str) -> ConfigFile | None:
        return next((f for f in self.files if f.shown == shown), None)

    def knows(self, key: str) -> bool:
        """True when the schema has ``key`` or a file or override set it."""
        parts = key_parts(key)
        return bool(parts) and (
            schema_default(parts) is not _ABSENT or len(self._raw_chain(parts)) > 0
        )

    def _from_files(self, parts: tuple[str, ...]) -> list[Found]:
        if parts not in self._by_files:
            self._by_files[parts] = self._read_files(parts)
        return self._by_files[parts]

    def _read_files(self, parts: tuple[str, ...]) -> list[Found]:
        found: list[Found] = []
        for file, written in zip(self.files, self._written, strict=True):
            hit = next(
                (
                    (parts[:n], written[parts[:n]])
                    for n in range(len(parts), 0, -1)
                    if parts[:n] in written
                    and (n == len(parts) or written[parts[:n]].kind != "mapping")
                ),
                None,
            )
            if hit is None:
                continue
            where, entry = hit
            relative = where[len(file.prefix) :]
            try:
                value = file.value_at(relative)
            except KeyError:  # written but not loaded (the file has an error there)
                continue
            if len(where) < len(parts):  # a scalar or list written over the whole section
                value = _dig(value, parts[len(where) :])
            spot = entry.value if entry.kind != "mapping" else entry.key
            source = Source(
                SourceKind.file,
                show(value) if not isinstance(value, dict) else "{...}",
                location=file.at_line(spot.line, spot.column),
                detail=file.selected_by,
            )
            found.append((source, value))
        return found

    def _from_overrides(self, parts: tuple[str, ...]) -> list[Found]:
        found: list[Found] = []
        for override in self.overrides:
            target = key_parts(override.key_or_group)
            if not target or parts[: len(target)] != target:
                continue
            if override.is_delete():
                found.append(_override_source(override, None))
                continue
            value = _dig(override.value(), parts[len(target) :])
            if value is not _ABSENT:
                found.append(_override_source(override, value))
        return found

    def _raw_chain(self, parts: tuple[str, ...]) -> list[Found]:
        return self._from_files(parts) + self._from_overrides(parts)

    def _found(self, key: str) -> list[Found]:
        parts = key_parts(key)
        found: list[Found] = []
        default = schema_default(parts)
        if default is not _ABSENT:
            shown = "{...}" if isinstance(default, dict) else show(default)
            if default == MISSING:  # a mandatory value: the schema has none
                shown = "??? (mandatory)"
            found.append((Source(SourceKind.schema, shown), default))
        return found + self._raw_chain(parts)

    def chain(self, key: str) -> tuple[Source, ...]:
        """Every source of ``key`` in composition order, the schema default first."""
        return tuple(source for source, _ in self._found(key))

    def winner(self, key: str) -> tuple[Source, Any] | None:
        """The source whose value the config holds, and that value as written."""
        found = self._found(key)
        return found[-1] if found else None

    def provenance(self, key: str, *, _seen: frozenset[str] = frozenset()) -> Provenance:
        """The chain of ``key`` and, when its value is an interpolation, what it reads."""
        found = self._found(key)
        via: tuple[Source, ...] = ()
        if found:
            raw = found[-1][1]
            texts = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else []
            for text in texts:
                if isinstance(text, str):
                    via += self._resolution(text, _seen | {key})
        return Provenance(key, tuple(source for source, _ in found), via)

    def _resolution(self, text: str, seen: frozenset[str]) -> tuple[Source, ...]:
        """What an interpolation reads: each environment variable and each key it names."""
        if "${" not in text:
            return ()
        found: list[Source] = []
        for env in _ENV.finditer(text):
            name, fallback = env[1], env[2]
            current = os.environ.get(name)
            if current is not None:
                value = show(current)
            elif fallback is not None:
                value = f"{fallback.strip()} (unset: the default)"
            else:
                value = "(unset, and no default: an error)"
            found.append(Source(SourceKind.env, value, detail=name))
        for target in _KEY.finditer(text):
            key = target[1]
            winner = None if key in seen else self.provenance(key, _seen=seen).winner
            found.append(
                Source(
                    SourceKind.interpolation,
                    winner.value if winner else "(not set anywhere)",
                    location=winner.location if winner else None,
                    override=winner.override if winner else None,
                    detail=key,
                )
            )
        return tuple(found) or (Source(SourceKind.interpolation, "", detail=text),)
