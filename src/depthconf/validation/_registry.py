"""The registry of cross-field rules.

A rule is a function of the typed config that yields :class:`Violation`s. It
declares the top-level sections it reads, so the validator can still run it when
an unrelated section has field errors: all violations are reported together.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from depthconf.schema import TrainConfig
from depthconf.validation._violation import Violation

RuleFunction = Callable[[TrainConfig], Iterable[Violation]]


@dataclass(frozen=True)
class Rule:
    name: str
    sections: frozenset[str]
    check: RuleFunction


RULES: list[Rule] = []


def rule(*sections: str) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule that reads the given top-level sections::

    @rule("checkpoint", "datasets")
    def monitor_index_in_range(cfg: TrainConfig) -> Iterator[Violation]: ...
    """

    def register(check: RuleFunction) -> RuleFunction:
        RULES.append(Rule(check.__name__, frozenset(sections), check))
        return check

    return register
