"""What the manifest records: plain frozen dataclasses, no I/O beyond ``stat``.

A file is the keeper's own exactly when the manifest names it *and* its
fingerprint still matches: size plus ``st_mtime_ns``. That is O(1) even for
multi-GB checkpoints, and hard links and renames keep both; any rewrite by
someone else changes the mtime (on filesystems with coarse timestamps a
same-size rewrite within one tick would go unnoticed).

>>> Settings(3, "loss", "min", 1, "{epoch}", False).ranking()
(3, 'loss', 'min')
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from depthconf.checkpointing._policy import Mode


@dataclass(frozen=True)
class Fingerprint:
    """Identity of a file the keeper wrote: size and modification time in ns."""

    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> Fingerprint | None:
        """The fingerprint of regular file ``path``; None if missing or not a regular file."""
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            return None
        if not stat.S_ISREG(st.st_mode):
            return None
        return cls(st.st_size, st.st_mtime_ns)


@dataclass(frozen=True)
class Entry:
    """A ranked checkpoint; ``pending_removal`` once pruning has decided to delete it."""

    name: str
    epoch: int
    seq: int
    value: float | None
    fingerprint: Fingerprint
    pending_removal: bool = False


@dataclass(frozen=True)
class LastFile:
    """The ``last.ckpt`` file (its name may be versioned if ``last.ckpt`` was foreign)."""

    name: str
    epoch: int
    fingerprint: Fingerprint


@dataclass(frozen=True)
class InFlight:
    """A write in progress: recorded before ``save`` runs, committed after publishing."""

    tmp: str
    epoch: int
    seq: int
    value: float | None
    final_name: str | None  # the ranked name intended (None: only last.ckpt is updated)
    to_last: bool
    committed: bool = False
    fingerprint: Fingerprint | None = None  # of the finished tmp file, once committed
    last_name: str | None = None  # where the tmp file goes as last.ckpt, once committed


@dataclass(frozen=True)
class Retired:
    """A file the keeper once wrote but will never touch again, and why."""

    name: str
    reason: str


@dataclass(frozen=True)
class Settings:
    """The keeper settings a manifest was written with."""

    save_top_k: int
    monitor: str | None
    mode: Mode | None
    period: int
    filename: str
    save_last: bool

    def ranking(self) -> tuple[int, str | None, Mode | None]:
        """The settings that must agree for earlier checkpoints to be ranked together."""
        return (self.save_top_k, self.monitor, self.mode)


@dataclass(frozen=True)
class Manifest:
    """Everything the keeper needs to resume."""

    settings: Settings
    next_seq: int = 0
    entries: tuple[Entry, ...] = ()
    last: LastFile | None = None
    in_flight: InFlight | None = None
    retired: tuple[Retired, ...] = field(default=())

    def names(self) -> set[str]:
        """Every file name the manifest mentions."""
        names = {e.name for e in self.entries} | {r.name for r in self.retired}
        if self.last is not None:
            names.add(self.last.name)
        if self.in_flight is not None:
            names.update(n for n in (self.in_flight.final_name, self.in_flight.last_name) if n)
            names.add(self.in_flight.tmp)
        return names
