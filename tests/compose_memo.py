"""A memo of Hydra's compositions for ``make mutation`` (off in ``make test``).

Nine tenths of an in-process test's time is Hydra composing the config and, for a config
with errors, locating its sources; neither runs the code mutmut mutates (rules, policy,
metric contract, keeper, pre-flight). mutmut runs every selected test once per mutant in a
fresh fork, so without a memo each mutant composes the same configs again: a surviving rule
mutant cost one to three minutes. With ``DEPTHCONF_COMPOSE_MEMO=<dir>`` set (by
``scripts/mutation.py``), :func:`install` makes ``compose_config`` and ``sources_of`` keep
each result in ``<dir>``, keyed by the whole conf/ tree's content and the call's arguments:
mutmut's first run (every test, unmutated) fills it and every mutant's fork reads it.

Conservative by construction: a failing composition is never memoized, and a mutant that
would change a composition (none of the mutated modules is called by Hydra) can only be
hidden by the memo, that is counted as a survivor, never as killed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final

from hydra.core.config_loader import ConfigLoader

from depthconf.composition import _compose, _diagnose
from depthconf.composition._compose import PRIMARY_CONFIG, Composed
from depthconf.composition._paths import conf_dir
from depthconf.composition._provenance import Sources

MEMO_ENV: Final = "DEPTHCONF_COMPOSE_MEMO"


def tree_digest(directory: Path) -> str:
    """The content of every file under ``directory`` (names included), as one digest."""
    digest = hashlib.sha256(str(directory).encode())
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(directory)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class Memo:
    """Pickled results by key, in memory and in ``directory`` (one file a result)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.directory.mkdir(parents=True, exist_ok=True)
        self._kept: dict[str, bytes] = {}

    def get_or_make(self, key: str, make: Callable[[], Any]) -> Any:
        blob = self._kept.get(key)
        if blob is None:
            path = self.directory / f"{key}.pkl"
            if path.is_file():
                blob = path.read_bytes()
            else:
                blob = pickle.dumps(make())  # an exception is raised before anything is kept
                partial = path.with_suffix(f".{os.getpid()}.tmp")
                partial.write_bytes(blob)
                partial.replace(path)  # two forks writing the same key write the same bytes
            self._kept[key] = blob
        return pickle.loads(blob)  # a fresh copy: a test may change what it gets


def _key(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _searched_dirs(loader: ConfigLoader) -> tuple[Path, ...]:
    paths = (element.path for element in loader.get_search_path().get_path())
    return tuple(Path(p.removeprefix("file://")) for p in paths if p.startswith("file://"))


def install(memo: Memo) -> None:
    """Memoize ``compose_config`` and ``sources_of`` wherever depthconf or a test module
    holds them (imported by name before or after this call)."""
    compose_config, sources_of = _compose.compose_config, _diagnose.sources_of

    def memo_compose_config(
        overrides: Sequence[str] = (),
        *,
        config_name: str = PRIMARY_CONFIG,
        config_dir: Path | None = None,
    ) -> Composed:
        directory = config_dir or conf_dir()
        key = _key("compose", tree_digest(directory), config_name, tuple(overrides))
        return memo.get_or_make(  # type: ignore[no-any-return]
            key,
            lambda: compose_config(overrides, config_name=config_name, config_dir=directory),
        )

    def memo_sources_of(
        loader: ConfigLoader, config_name: str | None, overrides: Sequence[str]
    ) -> Sources | None:
        digests = tuple(tree_digest(d) for d in _searched_dirs(loader))
        key = _key("sources", digests, config_name, tuple(overrides))
        return memo.get_or_make(key, lambda: sources_of(loader, config_name, overrides))  # type: ignore[no-any-return]

    replacements = {id(compose_config): memo_compose_config, id(sources_of): memo_sources_of}
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] not in ("depthconf", "tests") or module is None:
            continue
        for attribute, value in list(vars(module).items()):
            if id(value) in replacements:
                setattr(module, attribute, replacements[id(value)])


def install_from_environment() -> bool:
    """:func:`install` when ``$DEPTHCONF_COMPOSE_MEMO`` names a directory."""
    directory = os.environ.get(MEMO_ENV)
    if directory:
        install(Memo(Path(directory)))
    return bool(directory)
