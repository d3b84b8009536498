"""The result of loading a legacy experiment file.

Example:
    >>> from pathlib import Path
    >>> from depthconf.legacy._defaults import legacy_defaults
    >>> cfg = LegacyConfig(legacy_defaults(), (), Path("e.yaml"), declared={"arch.seed": 42})
    >>> cfg.ok, cfg.get("arch.seed"), cfg.is_explicit("arch"), cfg.is_explicit("model")
    (True, 42, True, False)
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from depthconf.findings import Violation
from depthconf.legacy._tree import flatten


@dataclass(frozen=True)
class LegacyConfig:
    """A legacy experiment merged onto the legacy defaults, with legacy semantics.

    Treat the contents as read-only (the dataclass is frozen, the dicts are not).

    Attributes:
        values: the complete merged and dataset-broadcast config, nested dicts with
            the legacy defaults' shape (what the legacy trainer would have seen,
            before it derives run name and checkpoint paths).
        problems: every rule the file breaks, each located at its line of the file
            (empty when the legacy loader would have accepted the file).
        source: the file that was loaded.
        declared: dotted key -> value as the file declared it, after literal
            evaluation and yacs type coercion but before broadcasting.
        raw: dotted key -> value exactly as YAML parsed it, for every key of the
            file (sections and rejected keys included), to quote in messages.
        lines: dotted key -> the 1-based line of the key in the file.
        text: the file's text, to quote lines in messages.

    Example:
        >>> cfg = LegacyConfig({"arch": {"seed": 1}}, (), Path("e.yaml"))
        >>> cfg.flat(), cfg.explicit
        ({'arch.seed': 1}, frozenset())
    """

    values: dict[str, Any]
    problems: tuple[Violation, ...]
    source: Path
    declared: Mapping[str, Any] = field(default_factory=dict)
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False)
    lines: Mapping[str, int] = field(default_factory=dict, repr=False)
    text: str = field(default="", repr=False)

    @functools.cached_property
    def explicit(self) -> frozenset[str]:
        """Dotted leaf keys the file set (with an accepted value): ``declared``'s keys.

        Every other key has its default; ``wandb.project`` / ``wandb.entity``
        defaults come from the environment when not explicit.
        """
        return frozenset(self.declared)

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
        return flatten(self.values)

    def is_explicit(self, key: str) -> bool:
        """True if the file set ``key``, or any key under it when it is a section."""
        prefix = f"{key}."
        return key in self.explicit or any(k.startswith(prefix) for k in self.explicit)
