"""Job overrides split as Hydra splits them: config-group selections and value overrides.

Hydra builds the defaults tree from the group overrides alone and applies the
value overrides to the composed config afterwards
(``ConfigLoaderImpl._apply_overrides_to_config``). Jobs that select the same
groups therefore share one composed *base*; only their value overrides differ::

    split = OverrideSplitter(repo)
    split(["experiment=resnet_san_ncdb", "checkpoint.save_top_k=3"])
    # Split(groups=('experiment=resnet_san_ncdb',), values=(<Override checkpoint.save_top_k=3>,))

Parsing uses Hydra's own parser and the classification is Hydra's own test
(``hydra._internal.defaults_list.Overrides``), so both mean exactly what they mean
to Hydra. Results are cached per override string: a sweep of thousands of jobs
has only a few dozen distinct overrides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from depthconf.composition._hydra_compat import Override, parse_overrides


class GroupRepository(Protocol):
    """The one question asked of Hydra's config repository."""

    def group_exists(self, config_path: str) -> bool: ...


@dataclass(frozen=True)
class Split:
    """One job's overrides: the group selections (they pick the base) and the values."""

    groups: tuple[str, ...]
    values: tuple[Override, ...]


class OverrideSplitter:
    """Parses and classifies job overrides; ``None`` for a job the fast path cannot take.

    A job is left to Hydra (``None``) when one of its overrides does not parse or is
    itself a sweep: composing such a job with Hydra gives the exact error.
    """

    def __init__(self, repo: GroupRepository) -> None:
        self._repo = repo
        self._parsed: dict[str, Override | None] = {}
        self._is_group: dict[str, bool] = {}

    def _parse(self, line: str) -> Override | None:
        if line not in self._parsed:
            try:
                (override,) = parse_overrides([line])
            except Exception:  # Hydra reports it when the job is composed in full
                override = None
            if override is not None and override.is_sweep_override():
                override = None
            self._parsed[line] = override
        return self._parsed[line]

    def _selects_group(self, override: Override) -> bool:
        # Hydra's own test, from hydra._internal.defaults_list.Overrides.__init__.
        if isinstance(override.value(), dict):
            return False
        key = override.key_or_group
        if key not in self._is_group:
            self._is_group[key] = self._repo.group_exists(key)
        return self._is_group[key]

    def __call__(self, job: Sequence[str]) -> Split | None:
        groups: list[str] = []
        values: list[Override] = []
        for line in job:
            override = self._parse(line)
            if override is None:
                return None
            if self._selects_group(override):
                groups.append(line)
            else:
                values.append(override)
        return Split(tuple(groups), tuple(values))
