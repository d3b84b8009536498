"""How a section enforces its rules: one pydantic model validator, two drivers.

A *section rule* judges the fields of one section and nothing else (no other section,
no trainer profile); it is a function ``(section, here) -> findings`` registered with
:func:`section_rule`, naming the fields it reads. ``here`` says where the section sits
in the config, so a finding names full keys (``checkpoint.monitor``) and its fix can
be pasted as an override.

* Constructing a section runs its rules (:func:`enforce`, installed by the schema's
  ``section`` decorator as a pydantic ``model_validator``): every error becomes a
  line of one :class:`pydantic.ValidationError`, with depthconf's code as its type,
  its message and fix as the text, and the :class:`~depthconf.findings.Violation`
  itself in its context (``ctx["depthconf"]``).
* The validator (:func:`depthconf.validation.check`) builds the config with the
  rules deferred (``context={DEFER_RULES: True}``), because it needs a typed config
  even when rules fail (the cross-section rules still judge it) and every finding at
  once; it then runs each section's rules itself, at the section's real place
  (:func:`section_findings`), skipping a rule that reads a field with an error.

A section's defaults satisfy its rules (OmegaConf instantiates them while it builds
the schema), which ``tests/schema/test_section_rules.py`` checks for every section.
"""

from __future__ import annotations

import dataclasses
import functools
import operator
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Final, TypeVar, get_type_hints

from omegaconf import MISSING
from pydantic import ValidationError, ValidationInfo
from pydantic_core import InitErrorDetails, PydanticCustomError

from depthconf.findings import Key, Severity, Violation, render

#: Validation context key: build sections without running their rules.
DEFER_RULES: Final = "depthconf_defer_section_rules"
#: The class attribute listing a section's rules (``RULES: ClassVar[...] = (...)``).
RULES_ATTRIBUTE: Final = "RULES"

S = TypeVar("S")


@dataclass(frozen=True)
class Here:
    """Where a section sits: ``here("monitor")`` is the full path of its field ``monitor``.

    >>> here = Here(("model", "optimizer", "depth"))
    >>> here("lr"), here.keys("lr", "weight_decay")
    ('model.optimizer.depth.lr', (('model', 'optimizer', 'depth', 'lr'), ('model', 'optimizer', \
'depth', 'weight_decay')))
    """

    at: Key

    def __call__(self, *parts: str | int) -> str:
        return render((*self.at, *parts))

    def keys(self, *fields: str) -> tuple[Key, ...]:
        return tuple((*self.at, name) for name in fields)


SectionCheck = Callable[[Any, Here], Iterable[Violation]]


@dataclass(frozen=True)
class SectionRule:
    """One rule of a section: the fields it reads and the check."""

    name: str
    reads: tuple[str, ...]
    check: SectionCheck

    def __call__(self, section: Any, here: Here) -> Iterator[Violation]:
        yield from self.check(section, here)


def section_rule(*reads: str) -> Callable[[SectionCheck], SectionRule]:
    """A section rule reading the fields ``reads`` of its section::

    @section_rule("save_top_k", "filepath")
    def top_k_needs_checkpoints(ckpt: CheckpointConfig, here: Here) -> Iterator[Violation]: ...
    """

    def make(check: SectionCheck) -> SectionRule:
        return SectionRule(check.__name__, reads, check)

    return make


def default_of(section: Any, name: str) -> Any:
    """The schema default of the field ``name`` of ``section`` (for fixes)."""
    found = next(f for f in dataclasses.fields(section) if f.name == name)
    if found.default_factory is not dataclasses.MISSING:
        return found.default_factory()
    return found.default


def rules_of(section: Any) -> tuple[SectionRule, ...]:
    rules: tuple[SectionRule, ...] = getattr(type(section), RULES_ATTRIBUTE, ())
    return rules


def missing_fields(section: Any) -> tuple[str, ...]:
    """The fields of ``section`` still ``???`` (OmegaConf's MISSING): a value the config
    must give. A section can be built without it (OmegaConf builds the schema so); the
    validator reports it, and no rule judges a field that is not given."""
    kind: Any = type(section)
    mandatory = _mandatory_fields(kind)
    return tuple(n for n in mandatory if getattr(section, n) == MISSING) if mandatory else ()


@functools.cache
def _mandatory_fields(kind: Any) -> tuple[str, ...]:
    """The fields of ``kind`` whose default is MISSING."""
    return tuple(f.name for f in dataclasses.fields(kind) if f.default == MISSING)


def section_findings(section: Any, at: Key, broken: Collection[Key] = ()) -> Iterator[Violation]:
    """Every finding of ``section``'s rules at ``at``; a rule reading a field of
    ``broken`` (keys with errors of their own) or a field not given is skipped."""
    absent = missing_fields(section)
    here = Here(at)
    for rule in rules_of(section):
        if absent and any(name in absent for name in rule.reads):
            continue
        if broken and any(_overlap((*at, name), bad) for name in rule.reads for bad in broken):
            continue
        yield from rule.check(section, here)


def _overlap(a: Key, b: Key) -> bool:
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def missing_keys(config: Any) -> Iterator[Key]:
    """The key of every field of ``config`` (a TrainConfig) still ``???``."""
    root: Any = type(config)
    for at, get in _places(root):
        for name in missing_fields(get(config)):
            yield (*at, name)


def all_findings(config: Any, broken: Collection[Key] = ()) -> Iterator[Violation]:
    """Every finding of every section of ``config`` (a TrainConfig), section by section in
    field order, each at its real place."""
    root: Any = type(config)
    for at, get in _places(root):
        yield from section_findings(get(config), at, broken)


Getter = Callable[[Any], Any]


@functools.cache
def _places(root: Any) -> tuple[tuple[Key, Getter], ...]:
    """Where in a config of type ``root`` a section has rules or mandatory fields, in field
    order, each with the getter of its section: the validator visits these alone."""
    found: list[tuple[Key, Getter]] = []

    def walk(kind: Any, at: Key) -> None:
        if getattr(kind, RULES_ATTRIBUTE, ()) or _mandatory_fields(kind):
            dotted = ".".join(str(part) for part in at)
            get: Getter = operator.attrgetter(dotted) if at else (lambda node: node)
            found.append((at, get))
        for name in _section_fields(kind):
            walk(get_type_hints(kind)[name], (*at, name))

    walk(root, ())
    return tuple(found)


@functools.cache
def _section_fields(kind: Any) -> tuple[str, ...]:
    """The fields of ``kind`` that hold sections."""
    hints = get_type_hints(kind)
    return tuple(
        f.name
        for f in dataclasses.fields(kind)
        if isinstance(hints[f.name], type) and dataclasses.is_dataclass(hints[f.name])
    )


@functools.cache
def canonical_key(kind: Any) -> Key:
    """Where a section class sits in a run config, when it sits in one place only
    (``CheckpointConfig`` -> ``('checkpoint',)``); ``()`` for a section used in several
    (the two optimizer parameter groups, the three splits)."""
    from depthconf.schema._train import TrainConfig  # the root, built from the sections

    places: list[Key] = []

    def walk(node: Any, at: Key) -> None:
        for name in _section_fields(node):
            child = get_type_hints(node)[name]
            if child is kind:
                places.append((*at, name))
            walk(child, (*at, name))

    walk(TrainConfig, ())
    return places[0] if len(places) == 1 else ()


def _line_error(found: Violation, at: Key) -> InitErrorDetails:
    first = found.keys[0] if found.keys else at
    relative = first[len(at) :] if first[: len(at)] == at else first
    error = PydanticCustomError(
        str(found.code),
        f"{found.rule}\n  fix: {found.fix}",
        {"depthconf": found, "fix": found.fix},
    )
    return InitErrorDetails(type=error, loc=tuple(relative), input=found.value)


def enforce(section: S, info: ValidationInfo) -> S:
    """The model validator of a section with rules: raise every error of its rules."""
    if info.context and info.context.get(DEFER_RULES):
        return section
    kind: Any = type(section)
    at = canonical_key(kind)
    errors = [f for f in section_findings(section, at) if f.severity is Severity.error]
    if errors:
        lines = [_line_error(found, at) for found in errors]
        raise ValidationError.from_exception_data(type(section).__name__, lines)
    return section
