"""The shared shape of "value must be one of these names" findings.

Closed vocabularies are StrEnum fields of the schema (pydantic judges them); names the
trainer looks up (models, networks, torch classes...) use :func:`trainer_choice`, which knows
the names that load but stop a run (:class:`~depthconf.trainer.Failure`) and those
the trainer silently reads as something else (:class:`~depthconf.trainer.Quirk`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from depthconf.findings import Code, Key, Violation, at, closest, did_you_mean, show, warning
from depthconf.trainer import Choices, Failure, Quirk, TrainerProfile

#: One dotted path, or the keys of a finding about several fields (``at(a, b)``).
Where = str | tuple[Key, ...]


def keys_of(where: Where) -> tuple[Key, ...]:
    return at(where) if isinstance(where, str) else where


def _listed(allowed: Sequence[str]) -> str:
    return ", ".join(allowed)


def trainer_fails(
    where: Where, value: object, what: str, failure: Failure, fix: str, code: Code
) -> Violation:
    """An error for a value the trainer accepts at parse time but then fails on."""
    rule = f"{what}: the trainer {failure.sentence()}"
    return Violation(keys_of(where), show(value), rule, fix, code)


def trainer_quirk(where: Where, value: object, quirk: Quirk, fix: str, code: Code) -> Violation:
    """A warning for a value the trainer runs with, but not as its name says."""
    return warning(keys_of(where), show(value), f"accepted, but {quirk.sentence()}", fix, code)


def trainer_choice(
    path: str, value: str, choices: Choices, what: str, profile: TrainerProfile
) -> Iterator[Violation]:
    """Judge a name the trainer looks up: unknown, failing, quirky, or fine.

    Codes: ``unknown_choice`` (the trainer has no such name), ``trainer_fails`` (it
    has, but a run with it stops), ``trainer_quirk`` (it runs as something else).
    """
    if value in choices.works:
        return
    fix = f"{path}={closest(value, choices.works) or choices.works[0]}"
    if (failure := choices.fails.get(value)) is not None:
        yield trainer_fails(
            path, value, f"{what} {value!r} cannot train", failure, fix, Code.trainer_fails
        )
    elif (quirk := choices.quirks.get(value)) is not None:
        yield trainer_quirk(path, value, quirk, fix, Code.trainer_quirk)
    else:
        hint = did_you_mean(value, choices.known)
        when = f"; the trainer {choices.unknown.sentence()}" if choices.unknown else ""
        yield Violation(
            at(path),
            show(value),
            f"{profile.title} has no {what} {value!r}{hint}; it trains with: "
            f"{_listed(choices.works)}{when}",
            fix,
            Code.unknown_choice,
        )
