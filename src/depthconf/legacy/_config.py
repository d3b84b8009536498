"""The result of loading a legacy experiment file.

Example:
    >>> from pathlib import Path
    >>> from depthconf.legacy._defaults import legacy_defaults
    >>> cfg = LegacyConfig(legacy_defaults(), frozenset({"arch.seed"}), (), Path("e.yaml"))
    >>> cfg.ok, cfg.get("arch.seed"), cfg.is_explicit("arch"), cfg.is_explicit("model")
    (True, 42, True, False)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from depthconf.legacy._errors import LegacyProblem, ProblemCode


def _leaves(tree: Mapping[str, Any], prefix: str) -> Iterator[tuple[str, Any]]:
    for key, value in tree.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            yield from _leaves(value, f"{path}.")
        else:
            yield path, value


@dataclass(frozen=True)
class LegacyConfig:
    """A legacy experiment merged onto the legacy defaults, with legacy semantics.

    Treat the contents as read-only (the dataclass is frozen, the dicts are not).

    Attributes:
        values: the complete merged and dataset-broadcast config, nested dicts with
            the legacy defaults' shape (what the legacy trainer would have seen,
            before it derives run name and checkpoint paths).
        explicit: dotted leaf keys the file set (with an accepted value); every
            other key has its default. ``wandb.project`` / ``wandb.entity`` defaults
            come from the environment when not explicit.
        problems: every rule the file breaks (empty when the legacy loader would
            have accepted the file).
        source: the file that was loaded.
        declared: dotted key -> value as the file declared it, after literal
            evaluation and yacs type coercion but before broadcasting.

    Example:
        >>> cfg = LegacyConfig({"arch": {"seed": 1}}, frozenset(), (), Path("e.yaml"))
        >>> cfg.flat()
        {'arch.seed': 1}
    """

    values: dict[str, Any]
    explicit: frozenset[str]
    problems: tuple[LegacyProblem, ...]
    source: Path
    declared: Mapping[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when there is no problem (the legacy trainer would accept the file)."""
        return not self.problems

    def get(self, key: str) -> Any:
        """Value at a dotted key (a leaf or a whole section).

        Raises:
            KeyError: no such key in the legacy config.
        """
        node: Any = self.values
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise KeyError(key)
            node = node[part]
        return node

    def flat(self) -> dict[str, Any]:
        """All leaves as a dotted-key mapping, in defaults order."""
        return dict(_leaves(self.values, ""))

    def is_explicit(self, key: str) -> bool:
        """True if the file set ``key``, or any key under it when it is a section."""
        prefix = f"{key}."
        return key in self.explicit or any(k.startswith(prefix) for k in self.explicit)

    def problems_with(self, code: ProblemCode) -> tuple[LegacyProblem, ...]:
        """The problems of one category."""
        return tuple(p for p in self.problems if p.code is code)
