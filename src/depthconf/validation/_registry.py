"""The registry of cross-field rules.

A rule is a function of the typed config that yields :class:`Violation`s. It
declares what it reads, as top-level sections (``"checkpoint"``) or dotted paths
(``"checkpoint.save_top_k"``), so the validator can still run it when a field it
does not read has an error: a rule is skipped only when a path it reads is
broken, and all other violations are reported together.

A rule may also *consult* fields for its fix alone (not for its verdict); it
asks :func:`intact` whether they are free of errors before it does.

>>> overlaps("checkpoint", "checkpoint.save_top_k"), overlaps("checkpoint", "checkpoints")
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from depthconf.schema import TrainConfig
from depthconf.validation._violation import Violation

RuleFunction = Callable[[TrainConfig], Iterable[Violation]]

_INDEX = re.compile(r"\[[^\]]*\]")
#: The broken paths of the config the validator is judging right now.
_BROKEN: ContextVar[frozenset[str]] = ContextVar("depthconf_broken_paths", default=frozenset())


def field_path(path: str) -> str:
    """A path without list indices: a list element is judged with its list.

    >>> field_path("datasets.train.repeat[0]")
    'datasets.train.repeat'
    """
    return _INDEX.sub("", path)


def overlaps(a: str, b: str) -> bool:
    """True when one dotted path is the other or lies inside it (``""`` is the root)."""
    return a == b or not a or not b or a.startswith(b + ".") or b.startswith(a + ".")


@dataclass(frozen=True)
class Rule:
    name: str
    reads: frozenset[str]
    check: RuleFunction

    @property
    def sections(self) -> frozenset[str]:
        """The top-level sections the rule reads."""
        return frozenset(path.split(".", 1)[0] for path in self.reads)

    def reads_any(self, broken: Collection[str]) -> bool:
        return any(overlaps(read, path) for read in self.reads for path in broken)


RULES: list[Rule] = []


def rule(*reads: str) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule that reads the given sections or dotted paths::

    @rule("checkpoint", "datasets")
    def monitor_index_in_range(cfg: TrainConfig) -> Iterator[Violation]: ...

    @rule("checkpoint.save_top_k", "arch.max_epochs")
    def ...
    """

    def register(check: RuleFunction) -> RuleFunction:
        RULES.append(Rule(check.__name__, frozenset(reads), check))
        return check

    return register


def intact(*paths: str) -> bool:
    """True when no field under ``paths`` has an error in the config being judged.

    A rule whose verdict does not read a section, but whose fix suggestion does,
    asks this before it builds the suggestion from that section.
    """
    broken = _BROKEN.get()
    return not any(overlaps(path, bad) for path in paths for bad in broken)


@contextmanager
def judging(broken: Collection[str]) -> Iterator[None]:
    """Within this block, :func:`intact` answers for a config with ``broken`` paths."""
    token = _BROKEN.set(frozenset(field_path(p) for p in broken))
    try:
        yield
    finally:
        _BROKEN.reset(token)
