"""Every mistake of a config in one run, each located, for a config Hydra cannot compose.

Hydra stops at its first error. When it does, :func:`diagnose` takes the
composition apart, step by step, with Hydra's own machinery:

1. each command-line override is parsed alone (a bad one is reported and left out);
2. the defaults tree is built (:class:`~depthconf.composition._walk.DefaultsWalk`),
   every unreadable file, bad header, bad defaults entry or unknown option reported
   and repaired;
3. every file of the defaults list is checked against the schema at its package
   (:func:`~depthconf.composition._filecheck.check_file`): unknown keys, wrong
   types, sections given a value, a wrong ``# @package``;
4. what is valid is composed (the broken entries left out) and the value overrides
   applied one by one (each failing one reported);
5. the one validator judges the result, skipping only the rules that read a
   broken field, so every cross-field rule whose inputs are valid is reported;
6. every finding gets the provenance of its values and a location.

:func:`locate_report` does step 6 alone, for a config that composed but is invalid.
Nothing here runs for a valid config.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Final

from hydra.core.config_loader import ConfigLoader
from hydra.errors import ConfigCompositionException, OverrideParseException
from omegaconf import DictConfig, open_dict
from omegaconf.errors import OmegaConfBaseException

from depthconf.composition._errors import causes, sweep_needs_multirun, translate
from depthconf.composition._filecheck import check_file
from depthconf.composition._files import ConfigFile, config_files
from depthconf.composition._hydra_compat import (
    Override,
    RepositoryProxy,
    ResultDefault,
    Steps,
    apply_overrides,
    parse_overrides,
    steps_of,
    struct_root,
)
from depthconf.composition._locate import locate
from depthconf.composition._provenance import Sources, key_parts
from depthconf.composition._repository import RepairingRepository
from depthconf.composition._walk import DefaultsWalk
from depthconf.findings import Code
from depthconf.validation import Report, Violation, check

_MAX_MERGE_REPAIRS: Final = 200
_IN_FILE: Final = re.compile(r"^In '(?P<file>[^']+)': ")


class _Diagnosis:
    def __init__(self, steps: Steps, config_name: str | None, overrides: Sequence[str]) -> None:
        self.steps = steps
        self.config_name = config_name
        self.lines = list(overrides)
        self.findings: list[Violation] = []
        self.broken: set[str] = set()

    def report(self, finding: Violation) -> None:
        self.findings.append(finding)

    def _parsed(self) -> list[Override]:
        parsed = []
        for line in self.lines:
            try:
                (override,) = parse_overrides([line])
            except OverrideParseException as error:
                self.report(translate(error, [line]))
                continue
            if override.is_sweep_override():
                self.report(sweep_needs_multirun(line))
                continue
            parsed.append(override)
        return parsed

    def run(self) -> Report:
        parsed = self._parsed()
        good = [o.input_line or "" for o in parsed]
        try:
            parsed, caching = self.steps.repository(self.config_name, good)
        except (ConfigCompositionException, OmegaConfBaseException, ValueError) as error:
            self.report(translate(error, good))  # hydra.searchpath cannot be read
            return Report(None, tuple(self.findings))
        repo = RepairingRepository(caching, self.report)
        walk = DefaultsWalk(self.steps, repo, self.config_name, parsed, self.report)
        defaults = walk.run()
        if defaults is None:
            return Report(None, tuple(self.findings))
        lost = walk.tainted | repo.lost_groups
        for default in defaults.defaults:  # what a lost choice or file would have set
            if default.override_key in lost or default.config_path in (
                repo.unreadable | repo.lost_defaults
            ):
                self.broken.add(default.package or "")
        files = config_files(defaults.defaults, repo, walk.kept)
        for file in files:
            found = check_file(file)
            bad_header = file.config_path in repo.bad_headers  # reported once, as unreadable
            self.findings += [
                v for v in found.findings if not (bad_header and v.code is Code.package_header)
            ]
            self.broken |= found.broken
            repo.pruned.setdefault(file.config_path, []).extend(found.pruned)
        whole = {p for p, entries in repo.pruned.items() if () in entries}
        # a file left out whole is left out of the list: even empty, it adds its package key
        kept = [d for d in defaults.defaults if d.config_path not in whole]
        cfg = self._compose(kept, repo, files)
        if cfg is None:
            return Report(None, tuple(self.findings))
        overrides = self._apply(defaults.config_overrides, cfg)
        with open_dict(cfg):
            cfg.pop("hydra", None)
        verdict = check(cfg, overrides=self.lines, broken=self.broken)
        sources = Sources(files, overrides)
        errors = locate([*self.findings, *verdict.errors], sources)
        warned = locate(verdict.warnings, sources)
        return Report(None, errors, warned)

    def _compose(
        self, defaults: list[ResultDefault], repo: RepairingRepository, files: list[ConfigFile]
    ) -> DictConfig | None:
        """Compose what is valid; a merge error the file checks did not foresee is
        reported at its file line and left out, then the composition is tried again."""
        by_name = {file.config_path: file for file in files}
        for _ in range(_MAX_MERGE_REPAIRS):
            try:
                return self.steps.compose(defaults, repo)
            except ConfigCompositionException as error:
                if not self._merge_error(error, by_name, repo):
                    return None
        return None

    def _merge_error(
        self,
        error: ConfigCompositionException,
        files: dict[str, ConfigFile],
        repo: RepairingRepository,
    ) -> bool:
        match = _IN_FILE.match(str(error))
        key = next((str(c.full_key) for c in _omegaconf_causes(error) if c.full_key), None)
        file = files.get(match["file"]) if match else None
        if file is None or key is None:
            self.report(translate(error, self.lines))
            return False
        relative = key_parts(key)[len(file.prefix) :]
        while relative and relative not in file.marks.written:
            relative = relative[:-1]
        if not relative or relative in repo.pruned.get(file.config_path, []):
            self.report(translate(error, self.lines))
            return False
        found = translate(error, ())
        at = file.location(relative, at_key=False)
        self.report(
            Violation(
                ((*file.prefix, *relative),),
                found.value if found.value != "?" else at.text.split(":", 1)[-1].strip(),
                found.rule,
                f"in {at.file} line {at.line}: {found.fix}",
                found.code,
                location=at,
            )
        )
        repo.pruned.setdefault(file.config_path, []).append(relative)
        self.broken.add(".".join((*file.prefix, *relative)))
        return True

    def _apply(self, overrides: list[Override], cfg: DictConfig) -> list[Override]:
        """Apply each value override alone; a failing one is reported and left out."""
        struct_root(cfg)
        for override in overrides:
            try:
                apply_overrides([override], cfg)
            except (ConfigCompositionException, OmegaConfBaseException) as error:
                self.report(translate(error, [override.input_line or ""]))
                self.broken.add(".".join(key_parts(override.key_or_group)))
        return overrides


def _omegaconf_causes(error: BaseException) -> Iterator[OmegaConfBaseException]:
    for cause in causes(error):
        if isinstance(cause, OmegaConfBaseException):
            yield cause


def diagnose(
    loader: ConfigLoader, config_name: str | None, overrides: Sequence[str]
) -> Report | None:
    """Every mistake of a config Hydra cannot compose (see the module docstring); None for a
    loader that is not Hydra's own (its steps cannot be taken one by one)."""
    steps = steps_of(loader)
    if steps is None:
        return None
    return _Diagnosis(steps, config_name, overrides).run()


def sources_of(
    loader: ConfigLoader, config_name: str | None, overrides: Sequence[str]
) -> Sources | None:
    """The sources of every value of a config that composes (its files and value overrides)."""
    steps = steps_of(loader)
    if steps is None:
        return None
    parsed, repo = steps.repository(config_name, overrides)
    defaults = steps.defaults(repo, config_name, parsed)
    files = config_files(defaults.defaults, RepositoryProxy(repo), parsed)
    return Sources(files, defaults.config_overrides)


def locate_report(
    report: Report, loader: ConfigLoader, config_name: str | None, overrides: Sequence[str]
) -> Report:
    """``report`` with every finding located (step 6 alone)."""
    sources = sources_of(loader, config_name, overrides)
    if sources is None:
        return report
    return Report(report.config, locate(report.errors, sources), locate(report.warnings, sources))
