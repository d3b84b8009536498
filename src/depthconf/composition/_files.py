"""The config files of one composition, in composition order, each placed at its package.

Hydra's defaults list names each config (``experiment/my_exp``) and where its keys
land (the package: ``""`` for ``_global_``, ``datasets``, ``model.depth_net``); the
repository knows the directory holding it. A :class:`ConfigFile` puts both
together with the file's text and marks, so a key path maps to a ``file:line``.
Hydra's own configs (``hydra/...``) and the schema are left out: the schema is
the first source of every value, not a file.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from omegaconf import Container, OmegaConf

from depthconf.composition._hydra_compat import (
    ConfigDefault,
    ConfigResult,
    GroupDefault,
    InputDefault,
    Override,
    RepositoryProxy,
    ResultDefault,
    normalized_file_name,
)
from depthconf.composition._marks import DefaultsItem, KeyPath, Marks, Written, marks_of
from depthconf.validation import Location

_FILE_SCHEME = "file://"


def package_parts(package: str | None) -> tuple[str, ...]:
    """``'model.depth_net'`` -> ``('model', 'depth_net')``; the global package is ``()``."""
    return tuple(package.split(".")) if package and package != "_global_" else ()


def plain(config: Container | None) -> Any:
    """A loaded config as plain data, interpolations kept as written."""
    if config is None:
        return None
    return OmegaConf.to_container(config, resolve=False, enum_to_str=True)


@dataclass(frozen=True)
class ConfigFile:
    """One config of a composition.

    ``config_path`` is Hydra's name (``checkpoint/best_3``), ``package`` where its keys
    land, ``shown`` how messages name the file (``conf/checkpoint/best_3.yaml``: the
    config directory's name and the path inside it), ``content`` the config as Hydra
    loaded it (plain data, ``defaults`` removed; None when unreadable), ``selected_by``
    what chose it (a group override, or a defaults entry of another file).
    """

    config_path: str
    package: str
    path: Path
    shown: str
    marks: Marks
    content: Any
    selected_by: str = ""
    override_key: str | None = None

    @property
    def prefix(self) -> tuple[str, ...]:
        return package_parts(self.package)

    def location(self, relative: KeyPath, *, at_key: bool = True) -> Location:
        """Where the entry at ``relative`` (a path inside the file) is written; the file's
        first line when it is not found."""
        written = self.marks.written.get(relative)
        if written is None:
            return self.at_line(1, 1)
        spot = written.key if at_key else written.value
        return self.at_line(spot.line, spot.column)

    def at_line(self, line: int, column: int = 1) -> Location:
        return Location(self.shown, line, column, self.marks.line(line), str(self.path))

    def entries(self) -> Iterator[tuple[tuple[str, ...], Written]]:
        """Every written key as a path in the composed config (package included); list items
        and the ``defaults`` list are left out (a list is one value)."""
        for relative, written in self.marks.written.items():
            if any(isinstance(part, int) for part in relative) or relative[:1] == ("defaults",):
                continue
            yield (*self.prefix, *(str(part) for part in relative)), written

    def value_at(self, relative: Sequence[str]) -> Any:
        """The value the file gives at ``relative`` (plain data), or KeyError."""
        node = self.content
        for part in relative:
            if not isinstance(node, Mapping) or part not in node:
                raise KeyError(".".join(relative))
            node = node[part]
        return node

    def defaults_item(self, group: str, option: str | None = None) -> DefaultsItem | None:
        """The ``defaults:`` item of this file that selects ``group`` (and ``option``)."""
        for item in self.marks.defaults:
            if item.key is None:
                continue
            if group_of(item.key, self.config_path) == group and option in (None, item.value):
                return item
        return None


def group_of(entry_key: str, config_path: str) -> str:
    """The group a defaults entry key selects, as a path from the config root.

    >>> group_of("override /model/depth_net", "experiment/x"), group_of("depth_net", "model/a")
    ('model/depth_net', 'model/depth_net')
    >>> group_of("optional dataset@datasets.extra", "train")
    'dataset'
    """
    words = entry_key.split()
    return absolute_group(words[-1].split("@", 1)[0] if words else "", config_path)


def absolute_group(group: str, config_path: str) -> str:
    """A group of a defaults entry of ``config_path``, from the config root (``/x`` is
    absolute, ``x`` relative to the config's own group)."""
    if group.startswith("/"):
        return group[1:]
    parent = config_path.rpartition("/")[0]
    return f"{parent}/{group}" if parent else group


def entry_target(item: InputDefault, config_path: str) -> str | None:
    """The config an entry loads (``dataset/ncdb``), or None (an options list, ``_self_``)."""
    if isinstance(item, GroupDefault) and isinstance(item.value, str) and item.group:
        return f"{absolute_group(item.group, config_path)}/{item.value}"
    if isinstance(item, ConfigDefault) and item.path and item.path != "_self_":
        return absolute_group(item.path, config_path)
    return None


def entry_group(item: InputDefault, config_path: str) -> str | None:
    """The group a defaults entry selects (from the config root), or None."""
    if isinstance(item, GroupDefault) and item.group:
        return absolute_group(item.group, config_path)
    return None


def file_of(result: ConfigResult, config_path: str) -> tuple[Path, str] | None:
    """The file a loaded config came from, and how to show it; None if it is no file."""
    if not result.path.startswith(_FILE_SCHEME):
        return None
    root = Path(result.path[len(_FILE_SCHEME) :])
    relative = normalized_file_name(config_path)
    return root / relative, f"{root.name}/{relative}"


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):  # Hydra has reported an unreadable file already
        return ""


def _selected_by(
    file: ConfigFile, overrides: Sequence[Override], files: Sequence[ConfigFile]
) -> str:
    """What chose ``file``: a command-line group override, else the defaults entry of
    another file that names it (an ``override`` entry first: it is the one that counts)."""
    key = file.override_key
    if key is None:
        return ""
    option = file.config_path.rpartition("/")[2]
    line = next(
        (o.input_line for o in reversed(overrides) if o.key_or_group == key and o.input_line),
        None,
    )
    if line is not None:
        return f"command-line override {line!r}"
    group = key.split("@", 1)[0]
    found = [
        (item.key is not None and item.key.startswith("override"), other, item)
        for other in files
        if other is not file and (item := other.defaults_item(group, option)) is not None
    ]
    if not found:
        return ""
    _, other, item = max(found, key=lambda hit: hit[0])
    return other.at_line(item.spot.line).describe()


def config_files(
    defaults: Sequence[ResultDefault],
    repo: RepositoryProxy,
    overrides: Sequence[Override] = (),
    *,
    contents: Mapping[str, Any] | None = None,
) -> list[ConfigFile]:
    """The files of a defaults list, in composition order (Hydra's configs and structured
    configs left out). ``contents`` gives a config's content when the caller has it
    (the repository may hand out a modified config)."""
    files: list[ConfigFile] = []
    for default in defaults:
        name = default.config_path
        if name is None or name.startswith("hydra/") or name == "hydra/config":
            continue
        result = repo.load_config(name)
        if result is None or result.is_schema_source:
            continue
        where = file_of(result, name)
        if where is None:
            continue
        path, shown = where
        content = contents[name] if contents and name in contents else plain(result.config)
        files.append(
            ConfigFile(
                name,
                default.package or "",
                path,
                shown,
                marks_of(read_text(path)),
                content,
                override_key=default.override_key,
            )
        )
    return [replace(file, selected_by=_selected_by(file, overrides, files)) for file in files]
