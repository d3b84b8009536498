"""The config repository of a diagnosis: what Hydra cannot read is read as far as it can be.

Hydra's repository raises on the first file it cannot load. This one, wrapped
around Hydra's, turns each such file into findings and hands out what can still
be used, so the walk of the defaults tree goes on and every file is checked:

* a YAML syntax error: a finding at the line and column; the file is empty;
* a bad ``# @package`` header: a finding; the file is read without a header;
* a bad ``defaults:`` item: a finding at that item; the other items are kept.

It also applies the repairs the diagnosis decides on (a defaults item left out,
made an ``override``, overrides moved last) and leaves out the entries a file
check found wrong, so what remains composes.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from hydra.errors import HydraException
from omegaconf import DictConfig, ListConfig, OmegaConf, open_dict

from depthconf.composition._files import group_of, read_text
from depthconf.composition._hydra_compat import (
    ConfigResult,
    GroupDefault,
    InputDefault,
    RepositoryProxy,
    defaults_entries,
    header_of,
    normalized_file_name,
)
from depthconf.composition._marks import Marks, marks_of
from depthconf.findings import Code, place
from depthconf.validation import Location, Violation

Report = Callable[[Violation], None]


@dataclass
class Loaded:
    """One config as the diagnosis read it: Hydra's result, the file, and for each
    entry of ``result.defaults_list`` its position in the file's ``defaults:`` list."""

    result: ConfigResult
    path: Path | None = None
    shown: str = ""
    marks: Marks | None = None
    positions: list[int] = field(default_factory=list)

    def location(self, line: int, column: int = 1) -> Location:
        text = self.marks.line(line) if self.marks else ""
        return Location(self.shown, line, column, text, str(self.path or ""))

    def at_position(self, position: int) -> Location:
        """Where item ``position`` of the file's ``defaults:`` list is written."""
        marks = self.marks
        if marks is not None and position < len(marks.defaults):
            spot = marks.defaults[position].spot
            return self.location(spot.line, spot.column)
        return self.defaults_location()

    def defaults_location(self) -> Location:
        spot = self.marks.defaults_spot if self.marks else None
        return self.location(spot.line if spot else 1)

    def item_location(self, index: int) -> Location:
        """Where entry ``index`` of ``result.defaults_list`` is written."""
        if index < len(self.positions):
            return self.at_position(self.positions[index])
        return self.defaults_location()


def yaml_finding(error: yaml.YAMLError, shown: str, path: Path | None, marks: Marks) -> Violation:
    """A YAML syntax error located at its line and column, with a fix for that line."""
    mark = getattr(error, "problem_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    context = getattr(error, "context", None)
    where = Location(shown, line, column, marks.line(line), str(path or ""))
    return Violation(
        (place(shown),),
        "(YAML text)",
        f"YAML syntax error: {problem}" + (f" ({context})" if context else ""),
        f"in {shown} line {line}: fix the YAML there (unbalanced brackets or quotes, a tab, "
        "a repeated key or bad indentation)",
        Code.yaml_syntax,
        location=where,
    )


class RepairingRepository(RepositoryProxy):
    """See the module docstring. ``report`` receives each finding of loading a file."""

    def __init__(self, delegate: Any, report: Report) -> None:
        super().__init__(delegate)
        self.report = report
        self.loaded: dict[str, Loaded] = {}
        self.unreadable: set[str] = set()
        self.dropped: dict[str, set[int]] = {}
        self.overriding: dict[str, set[int]] = {}
        self.reordered: set[str] = set()
        self.pruned: dict[str, list[tuple[str, ...]]] = {}
        self.packages: dict[str, str] = {}  # a header package the diagnosis corrected
        self.bad_headers: set[str] = set()  # files whose header is reported unreadable
        self.lost_defaults: set[str] = set()  # files whose whole defaults list is unreadable
        self.lost_groups: set[str] = set()  # groups of defaults items that are unreadable

    # -- reading ----------------------------------------------------------------------
    def _file(self, config_path: str) -> tuple[Path, str] | None:
        source = self.source_of(config_path)
        if source is None or source.scheme() != "file":
            return None
        root = Path(source.path)
        relative = normalized_file_name(config_path)
        return root / relative, f"{root.name}/{relative}"

    def _load(self, config_path: str) -> Loaded | None:
        where = self._file(config_path)
        path, shown = where if where else (None, config_path)
        try:
            result = self.delegate.load_config(config_path)
        except yaml.YAMLError as error:
            marks = marks_of(read_text(path)) if path else Marks(())
            self.report(yaml_finding(error, shown, path, marks))
            return self._unreadable(config_path, path, shown, marks)
        except (ValueError, HydraException):  # a bad header or defaults list: read the rest
            return self._salvage(config_path, path, shown)
        if result is None:
            return None
        count = len(result.defaults_list or [])
        read = marks_of(read_text(path)) if path else None
        return Loaded(result, path, shown, read, list(range(count)))

    def _unreadable(
        self, config_path: str, path: Path | None, shown: str, marks: Marks
    ) -> Loaded | None:
        self.unreadable.add(config_path)
        source = self.source_of(config_path)
        if source is None:
            return None
        try:
            header = header_of("\n".join(marks.lines))
        except ValueError:  # the syntax error is what is reported
            header = {"package": None}
        empty = ConfigResult(source.provider, source.full_path(), OmegaConf.create(), header, [])
        return Loaded(empty, path, shown, marks, [])

    def _salvage(self, config_path: str, path: Path | None, shown: str) -> Loaded | None:
        source = self.source_of(config_path)
        if source is None or path is None:
            return None
        text = read_text(path)
        marks = marks_of(text)
        if marks.error is not None:
            self.report(yaml_finding(marks.error, shown, path, marks))
            return self._unreadable(config_path, path, shown, marks)
        loaded = Loaded(
            ConfigResult(source.provider, source.full_path(), OmegaConf.create(), {}, []),
            path,
            shown,
            marks,
        )
        loaded.result.header = self._header(loaded, config_path, text)
        try:
            config = OmegaConf.create(text) if text.strip() else OmegaConf.create()
        except yaml.YAMLError as error:  # what OmegaConf's loader rejects beyond plain YAML
            self.report(yaml_finding(error, shown, path, marks))
            return self._unreadable(config_path, path, shown, marks)
        if isinstance(config, DictConfig) and "defaults" in config:
            with open_dict(config):
                items = config.pop("defaults")
            self._entries(loaded, config_path, items)
        loaded.result.config = config
        return loaded

    def _header(self, loaded: Loaded, config_path: str, text: str) -> dict[str, str | None]:
        try:
            return header_of(text)
        except ValueError as error:
            self.bad_headers.add(config_path)
            line = loaded.marks.header_line if loaded.marks else None
            at = loaded.location(line or 1)
            self.report(
                Violation(
                    (place("# @package"),),
                    repr(at.text.strip()),
                    f"not a valid header: {error}",
                    f"in {at.file} line {at.line}: write `# @package <package>` (for example "
                    "`# @package _global_` in an experiment), or remove the line",
                    Code.package_header,
                    location=at,
                )
            )
            return {"package": None}

    def _entries(self, loaded: Loaded, config_path: str, items: Any) -> None:
        if not isinstance(items, ListConfig):
            self.lost_defaults.add(config_path)
            at = loaded.defaults_location()
            self.report(
                Violation(
                    (place("defaults"),),
                    "(not a list)",
                    "the defaults list must be a list of `- group: option` items",
                    f"in {at.file} line {at.line}: write each default as a `- ` item",
                    Code.defaults_entry,
                    location=at,
                )
            )
            return
        for position, item in enumerate(items._iter_ex(resolve=False)):
            plain = OmegaConf.to_container(item) if OmegaConf.is_config(item) else item
            try:
                parsed = defaults_entries(self.delegate, config_path, OmegaConf.create([plain]))
            except ValueError as error:
                at = loaded.at_position(position)
                if loaded.marks and position < len(loaded.marks.defaults):
                    key = loaded.marks.defaults[position].key
                    if key:
                        self.lost_groups.add(group_of(key, config_path))
                self.report(
                    Violation(
                        (place("defaults"),),
                        repr(at.text.strip().lstrip("- ")),
                        f"not a valid defaults item: {str(error).splitlines()[0]}",
                        f"in {at.file} line {at.line}: write it as `- group: option` (one "
                        "group, an option name or a list of names)",
                        Code.defaults_entry,
                        location=at,
                    )
                )
                continue
            loaded.result.defaults_list = [*(loaded.result.defaults_list or []), *parsed]
            loaded.positions += [position] * len(parsed)

    # -- handing out ------------------------------------------------------------------
    def load_config(self, config_path: str) -> ConfigResult | None:
        if config_path not in self.loaded:
            loaded = self._load(config_path)
            if loaded is None:
                return None
            self.loaded[config_path] = loaded
        return self._repaired(config_path, self.loaded[config_path].result)

    def _repaired(self, config_path: str, result: ConfigResult) -> ConfigResult:
        drop = self.dropped.get(config_path, set())
        flip = self.overriding.get(config_path, set())
        prune = self.pruned.get(config_path, [])
        package = self.packages.get(config_path)
        if not (drop or flip or prune or package or config_path in self.reordered):
            return result
        repaired = copy.copy(result)
        if package is not None:
            repaired.header = {**result.header, "package": package}
        if result.defaults_list is not None:
            items: list[InputDefault] = []
            for index, item in enumerate(result.defaults_list):
                if index in drop:
                    continue
                item = copy.copy(item)
                if index in flip and isinstance(item, GroupDefault):
                    item.override = True
                items.append(item)
            if config_path in self.reordered:
                items.sort(key=lambda d: d.is_override())
            repaired.defaults_list = items
        if prune:
            repaired.config = _without(result.config, prune)
        return repaired


def _without(config: Any, paths: list[tuple[str, ...]]) -> Any:
    """A copy of ``config`` without the entries at ``paths`` (paths inside the file; the
    empty path is the whole file). Plain data in between: nothing is resolved."""
    if () in paths or not isinstance(config, DictConfig):
        return OmegaConf.create()
    plain = OmegaConf.to_container(config, resolve=False)
    for path in paths:
        node: Any = plain
        for part in path[:-1]:
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, dict):
            node.pop(path[-1], None)
    return OmegaConf.create(plain)
