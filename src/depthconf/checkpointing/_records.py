"""What the manifest records: frozen dataclasses, no I/O beyond ``stat``.

A file is the keeper's own exactly when the manifest names it *and* its
fingerprint still matches: size plus ``st_mtime_ns``. That is O(1) even for
multi-GB checkpoints, and hard links and renames keep both; any rewrite by
someone else changes the mtime (on filesystems with coarse timestamps a
same-size rewrite within one tick would go unnoticed).

The field annotations are also the manifest's on-disk schema (:mod:`._manifest`
validates with pydantic, strictly): names must be plain file names, so a tampered
manifest cannot point the keeper outside its directory; metric values are
numbers or the strings ``"nan"``, ``"inf"``, ``"-inf"``, so the file stays
strict JSON. Constructing a record in code checks nothing.

>>> Settings(3, "loss", "min", 1, "{epoch}", False).ranking()
(3, 'loss', 'min')
"""

from __future__ import annotations

import math
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, ConfigDict, PlainSerializer, with_config

from depthconf.checkpointing._atomic import TMP_PREFIX
from depthconf.schema import Mode


def _plain_name(value: str) -> str:
    bad = value in ("", ".", "..") or any(c in value for c in "/\\\0")
    if bad or os.path.basename(value) != value:
        raise ValueError(f"not a plain file name: {value!r}")
    return value


def _temporary_name(value: str) -> str:
    if not value.startswith(TMP_PREFIX):
        raise ValueError(f"not a temporary file of the keeper: {value!r}")
    return value


def _value_in(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, str) and value in ("nan", "inf", "-inf"):
        return float(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    raise ValueError(f"not a metric value: {value!r}")


def _value_out(value: float | None) -> float | str | None:
    if value is None or math.isfinite(value):
        return value
    return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")


FileName = Annotated[str, AfterValidator(_plain_name)]
TemporaryName = Annotated[FileName, AfterValidator(_temporary_name)]
MetricValue = Annotated[float | None, BeforeValidator(_value_in), PlainSerializer(_value_out)]
#: ``"min"``/``"max"`` on disk (the schema's :class:`Mode` in memory; a record built in
#: code may hold the plain string).
RankingMode = Annotated[Mode | None, PlainSerializer(lambda m: None if m is None else str(m))]
# Unknown fields in a record are refused; the manifest's top level also carries
# "format" and "version", which _manifest checks before the records are read.
RECORD = ConfigDict(extra="forbid")


@with_config(RECORD)
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


@with_config(RECORD)
@dataclass(frozen=True)
class Entry:
    """A ranked checkpoint; ``pending_removal`` once pruning has decided to delete it."""

    name: FileName
    epoch: int
    seq: int
    value: MetricValue
    fingerprint: Fingerprint
    pending_removal: bool = False


@with_config(RECORD)
@dataclass(frozen=True)
class LastFile:
    """The ``last.ckpt`` file (its name may be versioned if ``last.ckpt`` was foreign)."""

    name: FileName
    epoch: int
    fingerprint: Fingerprint


@with_config(RECORD)
@dataclass(frozen=True)
class InFlight:
    """A write in progress: recorded before ``save`` runs, committed after publishing."""

    tmp: TemporaryName
    epoch: int
    seq: int
    value: MetricValue
    final_name: FileName | None  # the ranked name intended (None: only last.ckpt is updated)
    to_last: bool
    committed: bool = False
    fingerprint: Fingerprint | None = None  # of the finished tmp file, once committed
    last_name: FileName | None = None  # where the tmp file goes as last.ckpt, once committed


@with_config(RECORD)
@dataclass(frozen=True)
class Retired:
    """A file the keeper once wrote but will never touch again, and why."""

    name: FileName
    reason: str


@with_config(RECORD)
@dataclass(frozen=True)
class Settings:
    """The keeper settings a manifest was written with."""

    save_top_k: int
    monitor: str | None
    mode: RankingMode
    period: int
    filename: str
    save_last: bool

    def ranking(self) -> tuple[int, str | None, Mode | None]:
        """The settings that must agree for earlier checkpoints to be ranked together."""
        return (self.save_top_k, self.monitor, self.mode)


@with_config(ConfigDict(extra="ignore"))
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
