"""The registry of cross-section rules: the rules that read several sections or the
trainer profile (:func:`depthconf.trainer.profile_of`).

A rule is a function of the typed config that yields :class:`Violation`s. It
declares what it reads, as top-level sections (``"checkpoint"``) or dotted paths
(``"checkpoint.save_top_k"``), so the validator can still run it when a field it
does not read has an error: a rule is skipped only when a key it reads is broken,
and all other violations are reported together.

A rule may also *consult* fields for its fix alone (not for its verdict); it asks
:func:`intact` whether they are free of errors before it does. A completion
(:func:`completes`) is such a consultation for a finding of a section rule
(:mod:`depthconf.schema._rules`): the section cannot see the rest of the config, so
the validator hands the finding and the whole config to the completion registered
for its code, which may make its fix concrete.

Rules that read one section alone are that section's own validators, not rules here.

>>> overlaps(("checkpoint",), ("checkpoint", "save_top_k")), overlaps(("a", "b"), ("a", "c"))
(True, False)
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from depthconf.findings import Code, Key, Violation, key
from depthconf.schema import TrainConfig

RuleFunction = Callable[[TrainConfig], Iterable[Violation]]
Completion = Callable[[Violation, TrainConfig], Violation]

#: The broken keys of the config the validator is judging right now.
_BROKEN: ContextVar[frozenset[Key]] = ContextVar("depthconf_broken_keys", default=frozenset())


def field_key(parts: Key) -> Key:
    """A key without list indices: a list element is judged with its list.

    >>> field_key(("datasets", "train", "repeat", 0))
    ('datasets', 'train', 'repeat')
    """
    for i, part in enumerate(parts):
        if isinstance(part, int):
            return parts[:i]
    return parts


def overlaps(a: Key, b: Key) -> bool:
    """True when one key is the other or lies inside it (``()`` is the root)."""
    n = min(len(a), len(b))
    return a[:n] == b[:n]


@dataclass(frozen=True)
class Rule:
    name: str
    reads: frozenset[Key]
    check: RuleFunction

    @property
    def sections(self) -> frozenset[str]:
        """The top-level sections the rule reads."""
        return frozenset(str(path[0]) for path in self.reads)

    def reads_any(self, broken: Collection[Key]) -> bool:
        return any(overlaps(read, path) for read in self.reads for path in broken)


RULES: list[Rule] = []
COMPLETIONS: dict[Code, Completion] = {}


def rule(*reads: str) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule that reads the given sections or dotted paths::

    @rule("checkpoint", "datasets")
    def monitor_index_in_range(cfg: TrainConfig) -> Iterator[Violation]: ...

    @rule("checkpoint.save_top_k", "arch.max_epochs")
    def ...
    """

    def register(check: RuleFunction) -> RuleFunction:
        RULES.append(Rule(check.__name__, frozenset(key(path) for path in reads), check))
        return check

    return register


def completes(code: Code) -> Callable[[Completion], Completion]:
    """Register the completion of a section rule's finding with ``code``::

    @completes(Code.monitor_required)
    def propose_monitor(found: Violation, cfg: TrainConfig) -> Violation: ...

    It runs for every such finding the validator reports on a whole config, after the
    section rules, and returns the finding it should report instead (with a fix made
    from the whole config, say). It consults other fields only when :func:`intact`.
    """

    def register(completion: Completion) -> Completion:
        if code in COMPLETIONS:
            raise ValueError(f"{code} has a completion already: {COMPLETIONS[code].__name__}")
        COMPLETIONS[code] = completion
        return completion

    return register


def intact(*paths: str) -> bool:
    """True when no field under ``paths`` has an error in the config being judged.

    A rule whose verdict does not read a section, but whose fix suggestion does,
    asks this before it builds the suggestion from that section.
    """
    broken = _BROKEN.get()
    return not any(overlaps(key(path), bad) for path in paths for bad in broken)


@contextmanager
def judging(broken: Collection[Key]) -> Iterator[None]:
    """Within this block, :func:`intact` answers for a config with ``broken`` keys."""
    token = _BROKEN.set(frozenset(field_key(k) for k in broken))
    try:
        yield
    finally:
        _BROKEN.reset(token)
