"""Hydra's defaults tree, built in spite of mistakes: each one a located finding, then repaired.

Hydra raises on the first bad ``defaults:`` entry or group override. The walk
asks Hydra for the defaults list again and again; each failure is turned into a
finding (the file line of the entry, or the command-line override) and repaired
(the entry or override left out, a plain entry made an ``override``, overrides
moved last, a missing group skipped), until the list is built. The groups whose
choice was lost are *tainted*: what their configs set is not judged by rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Final

from hydra.core.object_type import ObjectType
from hydra.errors import ConfigCompositionException, HydraException, MissingConfigException
from omegaconf.errors import OmegaConfBaseException

from depthconf.composition._errors import translate
from depthconf.composition._files import entry_group, entry_target
from depthconf.composition._hydra_compat import (
    DefaultsList,
    GroupDefault,
    InputDefault,
    Override,
    Steps,
)
from depthconf.composition._repository import Loaded, RepairingRepository
from depthconf.findings import Code, closest, did_you_mean, place
from depthconf.validation import Location, Violation

Report = Callable[[Violation], None]

#: Each repair removes a mistake; a defaults tree has far fewer than this.
_MAX_REPAIRS: Final = 50
_IN_FILE: Final = re.compile(r"^In '?(?P<file>[^':]+)'?: ")
_NOT_OVERRIDDEN: Final = re.compile(r"Could not override '(?P<key>[^']+)'")
_MULTIPLE: Final = re.compile(
    r"Multiple values for (?P<key>\S+)\. To override a value use "
    r"'override (?P=key): (?P<value>[^']+)'"
)
_ORDER: Final = re.compile(r"Override '(?P<key>[^']+) : (?P<value>[^']+)' is defined before")
_MUST_SPECIFY: Final = re.compile(r"You must specify '(?P<key>[^']+)'")
_NOT_DELETED: Final = re.compile(r"Could not delete '(?P<key>[^'=]+)")
_FORCE_ADD: Final = re.compile(r"force-add of config groups is not supported: '(?P<line>[^']+)'")
_DUPLICATE_SELF: Final = re.compile(r"Duplicate _self_ defined in (?P<file>\S+)")
_TWICE: Final = re.compile(r"(?P<key>\S+) appears more than once in the final defaults list")


class DefaultsWalk:
    """Builds the defaults list of ``overrides`` with ``repo``; see the module docstring."""

    def __init__(
        self,
        steps: Steps,
        repo: RepairingRepository,
        config_name: str | None,
        overrides: list[Override],
        report: Report,
    ) -> None:
        self.steps = steps
        self.repo = repo
        self.config_name = config_name
        self.overrides = overrides
        self.report = report
        self.dropped: set[int] = set()  # positions in ``overrides``
        self.tainted: set[str] = set()  # groups whose choice was lost
        self.skip_missing = False

    @property
    def kept(self) -> list[Override]:
        return [o for i, o in enumerate(self.overrides) if i not in self.dropped]

    def run(self) -> DefaultsList | None:
        """The defaults list, or None when a mistake leaves nothing to compose."""
        for _ in range(_MAX_REPAIRS):
            try:
                return self.steps.defaults(
                    self.repo, self.config_name, self.kept, skip_missing=self.skip_missing
                )
            except MissingConfigException as error:
                repaired = self._missing(error)
            except ConfigCompositionException as error:
                repaired = self._composition(error)
            except (HydraException, OmegaConfBaseException, ValueError) as error:
                repaired = self._unrepairable(error)
            if not repaired:
                return None
        return None

    # -- where an entry is ---------------------------------------------------------------
    def _entries(self) -> Iterator[tuple[str, Loaded, int, InputDefault]]:
        """Every defaults entry of every config read, the latest read first."""
        for config_path, loaded in reversed(self.repo.loaded.items()):
            for index, item in enumerate(loaded.result.defaults_list or []):
                yield config_path, loaded, index, item

    def _override(self, test: Callable[[Override], bool]) -> int | None:
        """The position of the last command-line override passing ``test``."""
        hits = [i for i, o in enumerate(self.overrides) if i not in self.dropped and test(o)]
        return hits[-1] if hits else None

    def _drop_override(self, index: int, error: Exception) -> bool:
        """Report Hydra's error for override ``index`` (quoted) and leave it out, with the
        earlier selections of the same group it replaces (Hydra uses the last one)."""
        bad = self.overrides[index]
        self.report(translate(error, [bad.input_line or ""]))
        self.dropped.add(index)
        if not (bad.is_add() or bad.is_delete() or bad.is_force_add()):
            self.dropped |= {
                i
                for i, o in enumerate(self.overrides[:index])
                if o.key_or_group == bad.key_or_group
                and not (o.is_add() or o.is_delete() or o.is_force_add())
            }
        return True

    def _at_entry(
        self,
        loaded: Loaded,
        index: int,
        what: tuple[str, str],
        rule: str,
        fix: str,
        code: Code = Code.defaults_entry,
    ) -> None:
        """Report a mistake of defaults entry ``index`` of ``loaded``; ``what`` is the finding's
        path and value, ``fix`` an edit of that entry's line."""
        at = loaded.item_location(index)
        path, value = what
        fix = f"in {at.file} line {at.line}: {fix}"
        self.report(Violation((place(path),), value, rule, fix, code, location=at))

    # -- the mistakes --------------------------------------------------------------------
    def _options(self, group: str) -> list[str]:
        return list(self.repo.get_group_options(group, ObjectType.CONFIG))

    def _missing(self, error: MissingConfigException) -> bool:
        missing = error.missing_cfg_file or ""
        group, _, option = missing.rpartition("/")
        if "Cannot find primary config" in str(error):
            return self._unrepairable(error)
        line = self._override(
            lambda o: o.key_or_group == group and o.value() == option and not o.is_delete()
        )
        if line is not None and group:
            self.tainted.add(group)
            return self._drop_override(line, error)
        for config_path, loaded, index, item in self._entries():
            if entry_target(item, config_path) == missing:
                self.tainted.add(group)
                self._unknown_option(loaded, index, group, option)
                self.repo.dropped.setdefault(config_path, set()).add(index)
                return True
        return self._unrepairable(error)

    def _unknown_option(self, loaded: Loaded, index: int, group: str, option: str) -> None:
        written = loaded.item_location(index).text.strip().removeprefix("-").strip()
        key = written.split(":", 1)[0].strip() if ":" in written else None
        options = self._options(group)
        if options:
            choice = closest(option, options) or options[0]
            rule = (
                f"group {group!r} has no option {option!r}{did_you_mean(option, options)}; "
                f"available: {', '.join(options)}"
            )
            fix = f"`{key}: {choice}`" if key else f"`{choice}`"
        else:
            known = list(self.repo.get_group_options("", ObjectType.GROUP))
            rule = f"there is no config group {group!r}{did_you_mean(group, known)}"
            fix = "name an existing group" + (f" ({', '.join(known)})" if known else "")
        self._at_entry(loaded, index, (group, repr(option)), rule, fix, Code.unknown_option)

    def _composition(self, error: ConfigCompositionException) -> bool:
        message = str(error)
        first = message.splitlines()[0] if message else ""
        in_file = _IN_FILE.match(first)
        if match := _NOT_OVERRIDDEN.search(first):
            return self._not_overridden(error, match["key"], in_file["file"] if in_file else None)
        if match := _MULTIPLE.search(first):
            return self._plain_entry(error, match["key"], match["value"])
        if (match := _ORDER.search(first)) and in_file:
            return self._misplaced(error, in_file["file"], match["key"], match["value"])
        if match := _MUST_SPECIFY.search(first):
            return self._unset_group(match["key"])
        if match := _NOT_DELETED.search(first):
            key = match["key"]
            line = self._override(lambda o: o.is_delete() and o.key_or_group == key)
            if line is not None:
                return self._drop_override(line, error)
        if match := _FORCE_ADD.search(first):
            text = match["line"]
            line = self._override(lambda o: o.input_line == text)
            if line is not None:
                return self._drop_override(line, error)
        if match := _DUPLICATE_SELF.search(first):
            return self._duplicate_self(error, match["file"])
        if match := _TWICE.search(first):
            return self._twice(error, match["key"])
        return self._unrepairable(error)

    def _twice(self, error: Exception, key: str) -> bool:
        """A group selected twice (an entry without ``override`` next to an override)."""
        group = key.split("@", 1)[0]
        for config_path, loaded, index, item in self._entries():
            if (
                config_path != self.config_name
                and isinstance(item, GroupDefault)
                and not item.override
                and entry_group(item, config_path) == group
            ):
                self._at_entry(
                    loaded,
                    index,
                    (group, repr(item.value)),
                    f"group {group!r} is selected twice in the defaults lists; a group has "
                    "one option",
                    f"remove this entry, or make it `override /{group}: {item.value}` (and "
                    "drop the other)",
                )
                self.repo.dropped.setdefault(config_path, set()).add(index)
                return True
        return self._unrepairable(error)

    def _not_overridden(self, error: Exception, key: str, in_file: str | None) -> bool:
        group, _, package = key.partition("@")
        known = self._known_groups()
        others = [g for g in known if g != group]
        if in_file is None:
            line = self._override(lambda o: o.key_or_group == group and not o.is_delete())
            if line is None:
                return self._unrepairable(error)
            if near := closest(group, others):
                self.tainted.add(near)
            return self._drop_override(line, error)
        loaded = self.repo.loaded.get(in_file)
        if loaded is None:
            return self._unrepairable(error)
        if package and group in known:
            return self._not_global(loaded, in_file, package)
        items = loaded.result.defaults_list or []
        index = next(
            (
                i
                for i, item in enumerate(items)
                if item.is_override() and entry_group(item, in_file) == group
            ),
            None,
        )
        if index is None:
            return self._unrepairable(error)
        near = closest(group, others)
        if near:
            self.tainted.add(near)
        item = items[index]
        value = item.value if isinstance(item, GroupDefault) else "?"
        fix = (
            f"`override /{near}: {value}`"
            if near
            else f"`- /{group}: {value}` (no override) to add the group, or remove the line"
        )
        self._at_entry(
            loaded,
            index,
            (group, repr(value)),
            f"{loaded.shown} overrides the group {group!r}, which the defaults list does not "
            f"select{did_you_mean(group, others)}: an override can only change a group that "
            "is already chosen",
            fix,
        )
        self.repo.dropped.setdefault(in_file, set()).add(index)
        return True

    def _not_global(self, loaded: Loaded, config_path: str, package: str) -> bool:
        """A file that overrides groups of the primary config but is not ``_global_``: its
        overrides name groups inside its own package (``dataset@{package}``)."""
        header = loaded.marks.header_line if loaded.marks else None
        at = loaded.location(header or 1)
        landing = package.rpartition(".")[0] or package
        if header:
            fix = "write `# @package _global_`"
        else:
            fix = "add `# @package _global_` as the first line"
        self.report(
            Violation(
                (place(landing),),
                repr(at.text.strip()) if header else "(no # @package header)",
                f"{at.file} overrides groups of the primary config, so its keys and overrides "
                "belong at the top level; without `# @package _global_` they land under "
                f"{landing}",
                f"in {at.file} line {at.line}: {fix}",
                Code.package_header,
                location=at,
            )
        )
        self.repo.packages[config_path] = "_global_"
        return True

    def _known_groups(self) -> list[str]:
        """The groups the defaults lists select (their entries without ``override``)."""
        groups = []
        for config_path, _, _, item in self._entries():
            if not item.is_override() and (group := entry_group(item, config_path)) is not None:
                groups.append(group)
        return sorted(set(groups) - {""})

    def _plain_entry(self, error: Exception, key: str, value: str) -> bool:
        group = key.split("@", 1)[0]
        primary = self.config_name
        for config_path, loaded, index, item in self._entries():
            if (
                config_path != primary
                and isinstance(item, GroupDefault)
                and not item.override
                and entry_group(item, config_path) == group
                and item.value == value
            ):
                self._at_entry(
                    loaded,
                    index,
                    (group, repr(value)),
                    f"the primary config already selects an option of group {group!r}; "
                    "another entry for it must be an override",
                    f"`override /{group}: {value}`",
                )
                self.repo.overriding.setdefault(config_path, set()).add(index)
                self.repo.reordered.add(config_path)
                return True
        return self._unrepairable(error)

    def _misplaced(self, error: Exception, config_path: str, key: str, value: str) -> bool:
        loaded = self.repo.loaded.get(config_path)
        items = loaded.result.defaults_list or [] if loaded else []
        index = next(
            (
                i
                for i, item in enumerate(items)
                if item.is_override() and isinstance(item, GroupDefault) and item.value == value
            ),
            None,
        )
        if loaded is None or index is None:
            return self._unrepairable(error)
        self._at_entry(
            loaded,
            index,
            (key.split("@", 1)[0], repr(value)),
            "an `override` entry comes before an entry without override: Hydra requires the "
            "overrides at the end of the defaults list",
            "move this line after the entries without `override`",
        )
        self.repo.reordered.add(config_path)
        return True

    def _unset_group(self, key: str) -> bool:
        group = key.split("@", 1)[0]
        options = self._options(group)
        listed = ", ".join(options) if options else "(the group has no options)"
        example = options[0] if options else "<option>"
        at: Location | None = None
        fix = f"{group}={example} on the command line"
        for config_path, loaded, index, item in self._entries():
            if isinstance(item, GroupDefault) and item.value == "???":
                if entry_group(item, config_path) != group:
                    continue
                at = loaded.item_location(index)
                fix = f"in {at.file} line {at.line}: choose an option, e.g. `{group}: {example}`"
                break
        self.report(
            Violation(
                (place(group),),
                "??? (missing)",
                f"the defaults list leaves group {group!r} to be chosen; options: {listed}",
                fix,
                Code.missing_value,
                location=at,
            )
        )
        self.tainted.add(group)
        self.skip_missing = True
        return True

    def _duplicate_self(self, error: Exception, config_path: str) -> bool:
        loaded = self.repo.loaded.get(config_path)
        items = loaded.result.defaults_list or [] if loaded else []
        selves = [i for i, item in enumerate(items) if item.is_self()]
        if loaded is None or len(selves) < 2:
            return self._unrepairable(error)
        self._at_entry(
            loaded,
            selves[-1],
            ("defaults", "'_self_'"),
            "_self_ is listed twice; it marks the one place the file's own keys merge",
            "remove this `- _self_`",
        )
        self.repo.dropped.setdefault(config_path, set()).add(selves[-1])
        return True

    def _unrepairable(self, error: Exception) -> bool:
        """A mistake the walk cannot repair: reported as Hydra states it; the walk stops."""
        self.report(translate(error, [o.input_line or "" for o in self.kept]))
        return False
