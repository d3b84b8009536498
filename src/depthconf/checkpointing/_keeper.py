"""``CheckpointKeeper``: decides, writes atomically, prunes only its own files, resumes.

A plain training loop needs a few lines, the same on every rank::

    with CheckpointKeeper.from_config(cfg, run_dir) as keeper:  # rank from the launcher
        for epoch in range(max_epochs):
            metrics = train_and_validate(epoch)  # {"val-abs_rel": 0.12, ...}
            decision = keeper.on_validation_end(epoch, metrics, lambda p: torch.save(state, p))
    best = keeper.best_path

Period: epochs are 0-based and epoch ``e`` is a save epoch when
``(e + 1) % period == 0`` (Lightning's ``every_n_epochs``). An epoch whose value
cannot enter the top k is not written at all (unless ``save_last``, which then
writes only ``last.ckpt``). A NaN or infinite value warns
(:class:`CheckpointWarning`); while the top k has room it is kept but ranks below
every finite value, and it never displaces a finite one. Ties keep the earlier
checkpoint. The write/prune protocol and its crash safety are described in
:mod:`depthconf.checkpointing._ledger`, resuming in ``._recovery``.

One writer per directory: a keeper locks its directory (:mod:`._lock`) before it
reads or repairs anything there, until :meth:`close`, the end of a ``with`` block
or of the process, however it ends. Only rank 0 writes: a keeper with another
``rank`` (``from_config`` reads it from the launcher, see :mod:`._rank`) neither
creates, locks, reads, writes nor prunes anything, never calls ``save``, and its
decisions say so.

>>> import tempfile
>>> keeper = CheckpointKeeper(Path(tempfile.mkdtemp()), save_top_k=1, monitor="loss", mode="min")
>>> keeper.on_validation_end(0, {"loss": 0.0}, lambda p: p.write_bytes(b"x")).written.name
'epoch=00_loss=0.000.ckpt'
>>> keeper.close()
>>> idle = CheckpointKeeper(Path("anywhere"), save_top_k=1, monitor="loss", mode="min", rank=1)
>>> idle.is_writer, idle.on_validation_end(0, {"loss": 0.0}, print).reason
(False, 'rank 1 does not write checkpoints (rank 0 does)')
"""

from __future__ import annotations

import math
import os
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from depthconf.checkpointing._config import checkpoint_directory, keeper_arguments
from depthconf.checkpointing._errors import CheckpointWarning, MonitorKeyMissingError
from depthconf.checkpointing._filename import (
    default_template,
    render_stem,
    template_fields,
    validate_template,
)
from depthconf.checkpointing._journal import Hook, retained
from depthconf.checkpointing._ledger import Ledger, Outcome
from depthconf.checkpointing._lock import DirectoryLock
from depthconf.checkpointing._policy import check_policy, rank_key, should_write
from depthconf.checkpointing._rank import WRITER_RANK, check_rank, resolve_rank
from depthconf.checkpointing._records import Entry, Fingerprint, Manifest, Settings
from depthconf.checkpointing._recovery import recover
from depthconf.schema import Mode

if TYPE_CHECKING:
    from depthconf.schema import TrainConfig


@dataclass(frozen=True)
class Decision:
    """What ``on_validation_end`` did for one epoch.

    ``written``: the new ranked checkpoint, or None. ``removed``: checkpoints
    deleted by pruning. ``is_best``: the new checkpoint is now the best one.
    ``last``: the last checkpoint written this epoch (``save_last``), or None.
    ``reason``: one human-readable line, for logs. ``is_writer``: False when the
    keeper is not rank 0's, which decides nothing (then nothing is written).
    """

    epoch: int
    value: float | None
    written: Path | None
    removed: tuple[Path, ...]
    is_best: bool
    last: Path | None
    reason: str
    is_writer: bool = True


def _check_usable(directory: Path) -> None:
    """Fail at construction, not after the first epoch, on a directory that cannot be used."""
    if directory.exists() and not directory.is_dir():
        raise NotADirectoryError(
            f"checkpoint directory {directory} is a file; set checkpoint.filepath to a directory"
        )
    existing = next(p for p in (directory, *directory.parents) if p.exists())
    if not os.access(existing, os.W_OK | os.X_OK):
        raise PermissionError(
            f"checkpoint directory {directory} cannot be created or written ({existing} is not "
            "writable); set checkpoint.filepath to a writable directory"
        )


class CheckpointKeeper:
    """Keep the best ``save_top_k`` checkpoints (or all, with -1) in ``directory``.

    On ``rank`` 0 (the default) the keeper creates ``directory`` and locks it for
    itself until :meth:`close`; another keeper holding it raises
    :class:`CheckpointDirectoryLockedError`, a filesystem that cannot lock raises
    :class:`CheckpointLockUnsupportedError`. The constructor never reads the
    environment: pass ``rank=`` (e.g. ``launcher_rank().rank``) or use
    :meth:`from_config`. On any other rank the keeper is idle (see the module
    docstring): ``is_writer`` is False and ``kept``/``best_path`` stay empty.

    Limits of the lock (details in :mod:`._lock`): it is ``flock``, so processes
    on one host always exclude each other, but across hosts only where the
    filesystem forwards locks (local disks trivially; NFS only with lock support,
    not ``nolock`` or ``local_lock=flock|all``; Lustre only with ``-o flock``).
    Where ``flock`` fails outright (no ``fcntl`` on Windows; ``ENOLCK``,
    ``EOPNOTSUPP``, ``EINVAL``, ``ENOSYS``) the keeper refuses to start rather
    than run unlocked. Children forked by the writer share its lock until they
    exit. Never delete the lock file while a keeper runs.
    """

    def __init__(
        self,
        directory: Path,
        *,
        save_top_k: int,
        period: int = 1,
        monitor: str | None = None,
        mode: Mode | str | None = None,
        save_last: bool = False,
        filename: str | None = None,
        rank: int = WRITER_RANK,
    ) -> None:
        self._rank = check_rank(rank)
        checked_mode = check_policy(save_top_k, period, monitor, mode)
        template = default_template(monitor) if filename is None else filename
        validate_template(template)
        self.directory = Path(directory)
        self.settings = Settings(save_top_k, monitor, checked_mode, period, template, save_last)
        self._crash_point: Hook | None = None  # test hook, see _hook()
        self._problems: list[str] = []
        self._closed = False
        self.recovered: tuple[str, ...] = ()
        self._lock: DirectoryLock | None = None
        self._ledger = Ledger(self.directory, Manifest(self.settings), self._hook)
        if not self.is_writer:
            return  # an idle keeper touches nothing, not even to look
        _check_usable(self.directory)
        self._lock = DirectoryLock(self.directory)  # before recovery repairs anything
        try:
            restored = recover(self.directory, self.settings)
        except BaseException:
            self._lock.release()
            raise
        self._ledger = Ledger(self.directory, restored.manifest, self._hook)
        self.recovered = tuple(restored.notes)
        for problem in restored.problems:
            self._report(problem)

    @classmethod
    def from_config(
        cls, cfg: TrainConfig, run_dir: Path | None = None, *, rank: int | None = None
    ) -> CheckpointKeeper:
        """A keeper for a validated run config (``<filepath>/<run name>/``).

        A relative ``checkpoint.filepath`` is resolved against ``run_dir`` (default:
        the current directory). An empty one means checkpoints are disabled.
        ``rank`` defaults to the launcher's (``RANK``, ``OMPI_COMM_WORLD_RANK``,
        ``HOROVOD_RANK``, ``PMI_RANK``, ``SLURM_PROCID``; see :mod:`._rank`); off
        rank 0 the keeper is idle. LauncherRankError if those variables are unusable.
        """
        directory = checkpoint_directory(cfg, run_dir)
        return cls(directory, **keeper_arguments(cfg), rank=resolve_rank(rank).rank)

    # -- ownership of the directory ------------------------------------------------------

    @property
    def rank(self) -> int:
        """The distributed rank this keeper was built for (0 writes)."""
        return self._rank

    @property
    def is_writer(self) -> bool:
        """True on rank 0, whose keeper owns the directory; False for an idle keeper."""
        return self._rank == WRITER_RANK

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """Release the directory (idempotent). ``kept`` and ``best_path`` stay readable."""
        self._closed = True
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> CheckpointKeeper:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- settings and state ------------------------------------------------------------

    @property
    def save_top_k(self) -> int:
        return self.settings.save_top_k

    @property
    def period(self) -> int:
        return self.settings.period

    @property
    def monitor(self) -> str | None:
        return self.settings.monitor

    @property
    def mode(self) -> Mode | None:
        return self.settings.mode

    @property
    def save_last(self) -> bool:
        return self.settings.save_last

    @property
    def problems(self) -> tuple[str, ...]:
        """Problems found while resuming or writing (each was also warned about)."""
        return tuple(self._problems)

    @property
    def _manifest(self) -> Manifest:
        return self._ledger.manifest

    def _live(self) -> list[Entry]:
        live = [e for e in self._manifest.entries if not e.pending_removal]
        return sorted(live, key=lambda e: rank_key(e.value, e.seq, self.mode))

    @property
    def kept(self) -> Sequence[tuple[Path, float | None]]:
        """Kept ranked checkpoints, best first (oldest first when nothing is monitored)."""
        return tuple((self.directory / e.name, e.value) for e in self._live())

    @property
    def best_path(self) -> Path | None:
        """The best kept checkpoint; None when nothing is monitored or kept."""
        live = self._live()
        return self.directory / live[0].name if live and self.monitor else None

    @property
    def best_value(self) -> float | None:
        """The monitored value of :attr:`best_path`."""
        live = self._live()
        return live[0].value if live and self.monitor else None

    @property
    def last_path(self) -> Path | None:
        """The newest saved state: ``last.ckpt`` with ``save_last``, else the newest kept file."""
        if self.save_last and self._manifest.last is not None:
            return self.directory / self._manifest.last.name
        live = self._live()
        return self.directory / max(live, key=lambda e: e.seq).name if live else None

    # -- the per-epoch entry point -----------------------------------------------------

    def on_validation_end(
        self, epoch: int, metrics: Mapping[str, float], save: Callable[[Path], object]
    ) -> Decision:
        """Decide about ``epoch``; if it is written, ``save(tmp_path)`` writes the bytes.

        An idle keeper (rank other than 0) checks the monitored key, never calls
        ``save`` and returns a Decision with ``is_writer=False``. ``save`` must
        write the checkpoint to exactly the path it is given (a temporary name in
        the checkpoint directory); the keeper then publishes it atomically.
        Exceptions from ``save`` propagate after cleaning up.
        """
        if self._closed:
            raise RuntimeError(
                f"this CheckpointKeeper for {self.directory} is closed and no longer owns the "
                "directory; create a new keeper to go on writing checkpoints"
            )
        value = self._monitored(epoch, metrics)
        if not self.is_writer:
            reason = f"rank {self.rank} does not write checkpoints (rank {WRITER_RANK} does)"
            return Decision(epoch, value, None, (), False, None, reason, is_writer=False)
        for problem in self._ledger.settle():  # an earlier call failed midway
            self._report(problem)
        if not should_write(epoch, self.period):
            reason = f"epoch {epoch} is not a save epoch (period={self.period})"
            return Decision(epoch, value, None, (), False, None, reason)
        if value is not None and not math.isfinite(value):
            warnings.warn(
                f"monitored metric {self.monitor!r} is {value} at epoch {epoch}: it never "
                "displaces a finite value and ranks worst if kept",
                CheckpointWarning,
                stacklevel=2,
            )
        stem = self._stem(epoch, metrics, value)
        probe = Entry("", epoch, self._manifest.next_seq, value, Fingerprint(0, 0))
        ranked = any(e is probe for e in retained(self._manifest, probe)[0])
        if not ranked and not self.save_last:
            reason = f"{self.monitor}={value} does not enter the top {self.save_top_k}"
            return Decision(epoch, value, None, (), False, None, reason)
        out = self._ledger.write(
            self.settings, epoch=epoch, value=value, stem=stem if ranked else None, save=save
        )
        return self._decide(epoch, value, out)

    def _monitored(self, epoch: int, metrics: Mapping[str, float]) -> float | None:
        if self.monitor is None:
            return None
        if self.monitor not in metrics:
            raise MonitorKeyMissingError(self.monitor, metrics.keys(), epoch=epoch)
        return float(metrics[self.monitor])

    def _stem(self, epoch: int, metrics: Mapping[str, float], value: float | None) -> str:
        values: dict[str, float | int] = {"epoch": epoch}
        for name in template_fields(self.settings.filename):
            if name == self.monitor and value is not None:
                values[name] = value
            elif name != "epoch" and name not in metrics:
                role = "metric named in the checkpoint filename template"
                raise MonitorKeyMissingError(name, metrics.keys(), epoch=epoch, role=role)
            elif name != "epoch":
                values[name] = float(metrics[name])
        return render_stem(self.settings.filename, values)

    def _decide(self, epoch: int, value: float | None, out: Outcome) -> Decision:
        for problem in out.problems:
            self._report(problem)
        live = self._live()
        published = out.published
        is_best = bool(published and self.monitor and live and live[0].name == published.name)
        last = self._manifest.last
        wrote_last = self.save_last and last is not None and last.epoch == epoch
        last_path = self.directory / last.name if last is not None and wrote_last else None
        if published is None:
            reason = f"{self.monitor}={value} does not enter the top {self.save_top_k}; last only"
        else:
            removed = f", removed {len(out.removed)}" if out.removed else ""
            reason = f"wrote {published.name}{removed}"
        return Decision(epoch, value, published, tuple(out.removed), is_best, last_path, reason)

    def _report(self, problem: str) -> None:
        self._problems.append(problem)
        warnings.warn(problem, CheckpointWarning, stacklevel=3)

    def _hook(self, stage: str) -> None:
        """Test-only crash point: ``_crash_point(stage)`` runs after each protocol step.

        Stages: after_begin, after_save, after_publish, after_commit, after_last,
        after_remove. Tests set it to kill the process at a precise point.
        """
        if self._crash_point is not None:
            self._crash_point(stage)
