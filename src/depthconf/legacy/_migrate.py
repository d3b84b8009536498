"""Migrate a legacy (yacs) experiment file into a depthconf experiment config.

The legacy file is loaded with legacy semantics (:func:`load_legacy`), mapped onto
the schema, and written as an experiment that selects the closest group options
and overrides only what differs. The experiment is then composed (in a temporary
copy of ``conf/``) and judged by the one validator; every legacy problem becomes
a :class:`~depthconf.validation.Violation` in the same report. Nothing is dropped
silently: keys with no place in the schema and values it cannot hold are errors
and are kept as comments in the written file. Intentional changes (no default
monitor/mode, ``save_top_k`` -1, ``variant`` unset) follow the README.

Example:
    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     legacy = pathlib.Path(d, "train_incident.yaml")
    ...     _ = legacy.write_text("checkpoint:\\n  filepath: /ckpt\\n  save_top_k: 3\\n")
    ...     result = migrate(legacy)
    >>> result.status, result.name
    ('invalid', 'incident')
    >>> "monitor_required" in [v.code for v in result.errors]  # the founding defect
    True
    >>> print(result.text.splitlines()[-1])
    checkpoint: {filepath: /ckpt, save_top_k: 3}
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal

from omegaconf import DictConfig, OmegaConf

from depthconf.legacy._config import LegacyConfig
from depthconf.legacy._defaults import PER_DATASET_KEYS, RUNTIME_ONLY_KEYS, SPLITS
from depthconf.legacy._errors import LegacyLoadError
from depthconf.legacy._findings import (
    cannot_hold,
    in_legacy_file,
    mismatches,
    mode_auto,
    remarks,
)
from depthconf.legacy._loader import load_legacy
from depthconf.legacy._runtime import runtime_warnings
from depthconf.legacy._select import (
    Base,
    canonical_flat,
    choose_groups,
    compose_base,
    is_column,
    plain_lists,
    same,
    split_columns,
)
from depthconf.legacy._tree import flatten, nest
from depthconf.legacy._workspace import ConfCopy
from depthconf.legacy._writer import NotMigrated, comment_value, render_experiment
from depthconf.schema import CheckpointConfig, TrainConfig
from depthconf.schema._vocabulary import YOLO_NETS
from depthconf.trainer import DEFAULT_PROFILE
from depthconf.validation import Code, ConfigError, Violation, check

Status = Literal["valid", "invalid", "unreadable"]

NAME_PATTERN: Final = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")
_ABSENT: Final = object()
_KEPT_AS_COMMENT: Final = {
    Code.legacy_unknown_key: "no place in the schema",
    Code.legacy_not_a_section: "not a section",
    Code.legacy_wrong_type: "invalid legacy value, the legacy default is used",
    Code.legacy_undecodable_value: "invalid legacy value, the legacy default is used",
}


@dataclass(frozen=True)
class MigrationResult:
    """The outcome of migrating one legacy file.

    ``text`` is the experiment YAML (``None`` when the file is unreadable);
    ``errors`` lists legacy problems, values the schema cannot hold and the
    validator's errors on the composed experiment; ``composed`` holds its values
    (plain data) whenever it composes, valid or not.
    """

    source: Path
    name: str
    text: str | None = None
    errors: tuple[Violation, ...] = ()
    warnings: tuple[Violation, ...] = ()
    config: TrainConfig | None = None
    composed: dict[str, Any] | None = None
    defaults: tuple[tuple[str, str | None], ...] = ()
    not_migrated: tuple[NotMigrated, ...] = ()
    legacy: LegacyConfig | None = field(default=None, repr=False)

    @property
    def status(self) -> Status:
        if self.text is None:
            return "unreadable"
        return "invalid" if self.errors else "valid"

    @property
    def ok(self) -> bool:
        return self.status == "valid"


def experiment_name(source: str | Path) -> str:
    """The default experiment name: the file stem without ``train_``, made a valid option.

    Example:
        >>> experiment_name("configs/train_resnet_san_kitti.yaml"), experiment_name("my exp.yaml")
        ('resnet_san_kitti', 'my_exp')
    """
    stem = re.sub(r"[^A-Za-z0-9_-]", "_", Path(source).stem.removeprefix("train_"))
    return stem.lstrip("-") or "migrated"


def migrate(
    path: str | Path, *, name: str | None = None, config_dir: Path | None = None
) -> MigrationResult:
    """Migrate one legacy file; nothing is written (see ``MigrationResult.text``).

    Raises:
        ValueError: ``name`` is not a valid experiment name.
        ConfigError: the conf directory itself is missing or does not compose.
    """
    if name is not None and not NAME_PATTERN.fullmatch(name):
        raise ValueError(f"not a valid experiment name: {name!r} (letters, digits, _ and -)")
    with ConfCopy(config_dir) as workspace:
        return _migrate_one(workspace, Path(path), name)


def migrate_many(
    paths: Iterable[str | Path], *, config_dir: Path | None = None
) -> list[MigrationResult]:
    """Migrate several files (default names), sharing one temporary conf copy.

    Raises:
        ConfigError: the conf directory itself is missing or does not compose.
    """
    with ConfCopy(config_dir) as workspace:
        return [_migrate_one(workspace, Path(p), None) for p in paths]


def _migrate_one(workspace: ConfCopy, source: Path, name: str | None) -> MigrationResult:
    option = name or experiment_name(source)
    try:
        legacy = load_legacy(source)
    except LegacyLoadError as error:
        return MigrationResult(source, option, errors=(error.finding,))
    if name is None and legacy.is_explicit("name") and legacy.values["name"]:
        run_name = str(legacy.values["name"])
    else:
        run_name = option
    return _Migration(workspace, source, option, legacy).run(run_name)


def _reported_again(problem: Violation, found: Iterable[Violation]) -> bool:
    """True when the validator reports the same defect (the same code) at the same key."""
    return any(v.code == problem.code and problem.keys[0] in v.keys for v in found)


def _split_columns_of(paths: Iterable[str]) -> set[str]:
    """Every per-dataset column of each split one of ``paths`` is a column of.

    A dropped column changes the split's broadcast, so its sibling columns then
    differ from the legacy values too: one error, not a cascade of mismatches.
    """
    return {
        f"{split}.{key}"
        for split in {path.rsplit(".", 1)[0] for path in paths if is_column(path)}
        for key in PER_DATASET_KEYS
    }


class _Migration:
    def __init__(
        self, workspace: ConfCopy, source: Path, option: str, legacy: LegacyConfig
    ) -> None:
        self.workspace = workspace
        self.source = source
        self.option = option
        self.legacy = legacy
        self.errors: list[Violation] = []
        self.warnings: list[Violation] = []
        self.kept: list[NotMigrated] = []
        self.dropped: set[str] = set()
        self.notes: dict[str, str] = {}

    def run(self, run_name: str) -> MigrationResult:
        target = self.target(run_name)
        wanted = canonical_flat(target)
        default = compose_base((), self.workspace.source)
        interpolated = default.interpolated if default else frozenset()
        ignore = {p for p in interpolated if not self.legacy.is_explicit(p)}
        force = interpolated - ignore

        def score(base: Base) -> int:  # the number of values the experiment would set
            return len(self.written(target, wanted, base, ignore, force))

        base, defaults = choose_groups(score, self.workspace.source)
        written = self.held(self.written(target, wanted, base, ignore, force))
        for path in written:
            if not (path == "name" or is_column(path) or self.legacy.is_explicit(path)):
                self.notes.setdefault(path, "legacy default")
        tree = nest(written)
        text = self.render(defaults, run_name, tree, ())
        outcome = self.workspace.compose(self.option, text)
        composed: dict[str, Any] | None = None
        config: TrainConfig | None = None
        if isinstance(outcome, ConfigError):
            found, warnings = list(outcome.violations), outcome.warnings
        else:
            report = check(outcome.config, overrides=outcome.overrides)
            found, warnings, config = list(report.errors), report.warnings, report.config
            composed = _resolved(outcome.config)
        if composed is not None:
            skip = ignore | self.dropped | _split_columns_of(self.dropped)
            found += mismatches(wanted, canonical_flat(composed), skip)
        problems = [p for p in self.legacy.problems if not _reported_again(p, found)]
        errors = tuple(in_legacy_file(v, self.legacy) for v in (*problems, *self.errors, *found))
        notes = remarks(errors, self.source)
        return MigrationResult(
            source=self.source,
            name=self.option,
            text=self.render(defaults, run_name, tree, notes),
            errors=errors,
            warnings=(*self.warnings, *warnings),
            config=None if errors else config,
            composed=composed,
            defaults=tuple(defaults),
            not_migrated=tuple(self.kept),
            legacy=self.legacy,
        )

    def render(
        self,
        defaults: list[tuple[str, str | None]],
        run_name: str,
        tree: dict[str, Any],
        remarks: tuple[str, ...],
    ) -> str:
        return render_experiment(
            self.source.name,
            defaults,
            run_name,
            tree,
            notes=self.notes,
            not_migrated=self.kept,
            remarks=remarks,
        )

    def target(self, run_name: str) -> dict[str, Any]:
        """The legacy values mapped onto the schema's shape (all leaves, broadcast)."""
        values: dict[str, Any] = plain_lists(copy.deepcopy(self.legacy.values))
        explicit = self.legacy.is_explicit
        self.drop_runtime_keys(values)
        net = values["model"]["depth_net"]
        if net["name"] not in YOLO_NETS and (
            not explicit("model.depth_net.variant") or net["variant"] == "s"
        ):
            net["variant"] = None
        ckpt = values["checkpoint"]
        if not explicit("checkpoint.monitor"):
            ckpt["monitor"] = None
        if not explicit("checkpoint.mode"):
            ckpt["mode"] = None
        elif ckpt["mode"] == "auto":
            self.errors.append(mode_auto(ckpt["monitor"]))
            self.kept.append(NotMigrated("checkpoint.mode", "auto", "mode 'auto' is gone"))
            self.dropped.add("checkpoint.mode")
            ckpt["mode"] = None
        if not explicit("checkpoint.save_top_k"):
            if ckpt["filepath"]:
                self.notes["checkpoint.save_top_k"] = (
                    "legacy default: checkpoint.filepath is set, so the legacy keeper kept the "
                    "best 5"
                )
            else:
                ckpt["save_top_k"] = CheckpointConfig().save_top_k
        ckpt["save_last"] = CheckpointConfig().save_last
        values["trainer"] = {"profile": DEFAULT_PROFILE.name.value}
        values["name"] = run_name
        for problem in self.legacy.problems:
            if problem.code in _KEPT_AS_COMMENT:
                key = problem.path
                value = comment_value(self.legacy.raw.get(key))
                self.kept.append(NotMigrated(key, value, _KEPT_AS_COMMENT[problem.code]))
        return values

    def drop_runtime_keys(self, values: dict[str, Any]) -> None:
        """The trainer's run-time keys are state, not configuration (trainer.md F1a): they
        are never migrated (``prepared: true`` least of all); each one the file sets is a
        warning and a comment of the written experiment."""
        for key in sorted(RUNTIME_ONLY_KEYS):
            *parents, leaf = key.split(".")
            node = values
            for part in parents:
                node = node[part]
            del node[leaf]
        self.warnings += runtime_warnings(self.legacy.declared)
        for found in self.warnings:
            reason = "run-time state of the trainer, see the warning"
            self.kept.append(NotMigrated(found.path, found.value, reason))

    def written(
        self,
        target: dict[str, Any],
        wanted: Mapping[str, Any],
        base: Base,
        ignore: set[str],
        force: frozenset[str],
    ) -> dict[str, Any]:
        """Dotted path -> value for every leaf the experiment must set, in schema order."""
        flat = flatten(target)
        out: dict[str, Any] = {}
        for path, value in flat.items():
            if path in ignore or is_column(path):
                continue
            if path in force or not same(wanted[path], base.flat.get(path, _ABSENT)):
                out[path] = value
        for split in SPLITS:
            have = base.tree.get("datasets", {}).get(split, {})
            for key, column in split_columns(target["datasets"][split], have).items():
                out[f"datasets.{split}.{key}"] = column
        order = {path: i for i, path in enumerate(flat)}
        return dict(sorted(out.items(), key=lambda item: order.get(item[0], len(order))))

    def held(self, written: dict[str, Any]) -> dict[str, Any]:
        """The values the schema can hold; the others become errors and comments."""
        kept: dict[str, Any] = {}
        for path, value in written.items():
            problem = cannot_hold(path, value)
            if problem is None:
                kept[path] = value
                continue
            self.errors.append(problem)
            self.kept.append(NotMigrated(path, problem.value, "the schema cannot hold this value"))
            self.dropped.add(path)
        return kept


def _resolved(config: DictConfig) -> dict[str, Any] | None:
    try:
        data = OmegaConf.to_container(config, resolve=True, enum_to_str=True)
    except Exception:  # an unresolvable interpolation: the validator reports it
        return None
    return {str(k): v for k, v in data.items()} if isinstance(data, dict) else None
