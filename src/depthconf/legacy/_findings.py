"""Findings of a migration as depthconf violations, so one report prints every kind.

* every finding about the experiment is located in the legacy file (a legacy problem
  is located there already);
* ``mode: auto`` gets a fix derived from the monitored metric's direction;
* a value the schema cannot hold unchanged is found by setting it on the typed
  schema itself (OmegaConf), never by re-implementing the schema's types here;
* the self-check compares the composed experiment with the legacy values.

Example:
    >>> mode_auto("abs_rel_lin").fix
    'checkpoint.mode=min (abs_rel_lin: lower is better)'
    >>> cannot_hold("checkpoint.mode", "auto").code.value
    'legacy_unrepresentable'
    >>> cannot_hold("model.loss.silog_ratio", 10) is None
    True
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from enum import Enum
from pathlib import Path
from typing import Any, Final

from omegaconf import DictConfig, ListConfig, OmegaConf

from depthconf._report import plural
from depthconf.composition import translate
from depthconf.findings import Code, at
from depthconf.legacy._config import LegacyConfig
from depthconf.legacy._locate import in_file
from depthconf.legacy._select import same
from depthconf.legacy._writer import comment_value, escaped
from depthconf.metrics import METRICS, direction_of, phrase
from depthconf.schema import TrainConfig
from depthconf.trainer import DEFAULT_PROFILE
from depthconf.validation import Violation

_ABSENT: Final = object()


def in_legacy_file(violation: Violation, legacy: LegacyConfig) -> Violation:
    """``violation`` located in the legacy file (see :func:`depthconf.legacy._locate.in_file`)."""
    return in_file(violation, legacy.source, legacy.text, legacy.lines)


def mode_auto(monitor: Any) -> Violation:
    fix = " or ".join(
        f"checkpoint.mode={mode} ({', '.join(m for m, d in METRICS.items() if d.value == mode)})"
        for mode in ("min", "max")
    )
    if isinstance(monitor, str) and monitor:
        for name in (monitor, monitor.rsplit("-", 1)[-1]):
            if (direction := direction_of(name, DEFAULT_PROFILE.metric_modes)) is not None:
                fix = f"checkpoint.mode={direction.value} ({monitor}: {phrase(direction)})"
                break
    return Violation(
        at("checkpoint.mode"),
        "'auto'",
        "the legacy mode 'auto' guessed min or max from a substring of the full metric key; "
        "depthconf has no 'auto': the direction must be explicit, so the value is not migrated",
        fix,
        Code.legacy_mode_auto,
    )


@functools.cache
def _schema() -> DictConfig:
    # a scratch copy of the typed schema: values are only set and read back at one path
    schema = OmegaConf.structured(TrainConfig)
    assert isinstance(schema, DictConfig)
    return schema


def _plain(node: Any) -> Any:
    if isinstance(node, DictConfig | ListConfig):
        return OmegaConf.to_container(node, resolve=True, enum_to_str=True)
    return node.value if isinstance(node, Enum) else node


def cannot_hold(path: str, value: Any) -> Violation | None:
    """None if the schema's type at ``path`` holds ``value`` unchanged, else the error.

    The value is set as the written experiment gives it to Hydra (``${`` escaped).
    """
    schema = _schema()
    try:
        OmegaConf.update(schema, path, escaped(value), merge=False)
        back = _plain(OmegaConf.select(schema, path))
    except Exception as error:  # OmegaConf validation errors of every kind
        found = translate(error, ())
        rule, fix = f"the schema cannot hold this legacy value: {found.rule}", found.fix
    else:
        if same(back, value):
            return None
        rule = f"the schema's type would turn it into {comment_value(back)}"
        fix = f"give {path} a value of the schema's type"
    return Violation(at(path), comment_value(value), rule, fix, Code.legacy_unrepresentable)


def mismatches(
    wanted: Mapping[str, Any], got: Mapping[str, Any], skip: set[str]
) -> list[Violation]:
    """Self-check: every value of the composed experiment equals the legacy one."""
    return [
        Violation(
            at(path),
            comment_value(got.get(path)),
            f"the migrated experiment gives {comment_value(got.get(path))} but the legacy config "
            f"means {comment_value(value)}; depthconf migrate could not reproduce it",
            f"set {path}: {comment_value(value)} in the experiment by hand",
            Code.migration_mismatch,
        )
        for path, value in wanted.items()
        if path not in skip and not same(value, got.get(path, _ABSENT))
    ]


def remarks(errors: tuple[Violation, ...], source: Path) -> tuple[str, ...]:
    if not errors:
        return ()
    head = (
        f"migrated with {plural(len(errors), 'error')}; `depthconf migrate {source.name}` explains:"
    )
    return (head, *(f"  {v.path} ({v.code})" for v in errors))
