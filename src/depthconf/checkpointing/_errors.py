"""The warning and the errors the checkpoint keeper raises.

>>> err = MonitorKeyMissingError("val-abs_rel", ["val-rmse"], epoch=3)
>>> isinstance(err, KeyError)
True
>>> "val-rmse" in str(err)
True
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from depthconf.checkpointing._lock import LockHolder


class CheckpointWarning(UserWarning):
    """Something about the checkpoints deserves attention but does not stop training.

    Raised (as a warning) for a monitored value that is NaN or infinite and for
    every problem found while resuming from a manifest (also kept in
    ``CheckpointKeeper.problems``). Turn them into errors with
    ``warnings.simplefilter("error", CheckpointWarning)``.
    """


class MonitorKeyMissingError(KeyError):
    """A metric the keeper needs is absent from the metrics handed to it.

    A :class:`KeyError` (so ``except KeyError`` keeps working) whose ``str`` is a
    readable sentence rather than a quoted key.
    """

    def __init__(
        self,
        key: str,
        available: Iterable[str],
        *,
        epoch: int | None = None,
        role: str = "monitored metric",
    ) -> None:
        self.key = key
        self.available: tuple[str, ...] = tuple(sorted(available))
        self.epoch = epoch
        self.role = role
        super().__init__(key)

    def __str__(self) -> str:
        when = f" at epoch {self.epoch}" if self.epoch is not None else ""
        present = ", ".join(repr(k) for k in self.available) or "(none)"
        close = difflib.get_close_matches(self.key, self.available, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        return (
            f"The {self.role} {self.key!r} is missing from the validation metrics{when}."
            f"{hint} Metrics present: {present}. Launch-time validation (`depthconf check`) "
            "would have caught this before training started: it checks that "
            "checkpoint.monitor resolves to a key validation actually returns."
        )


class CheckpointLockError(RuntimeError):
    """The keeper could not take its checkpoint directory for itself; nothing was written.

    ``directory`` is the checkpoint directory, ``lock_path`` the lock file in it.
    """

    def __init__(self, directory: Path, lock_path: Path, message: str) -> None:
        super().__init__(message)
        self.directory = directory
        self.lock_path = lock_path


class CheckpointDirectoryLockedError(CheckpointLockError):
    """Another keeper (another process, or one not closed in this one) holds the directory.

    ``holder`` is the :class:`~depthconf.checkpointing.LockHolder` it recorded
    (pid, host, start time), or None if it had not recorded itself yet.
    """

    def __init__(self, directory: Path, lock_path: Path, holder: LockHolder | None) -> None:
        self.holder = holder
        if holder is not None and holder.is_this_process():
            message = (
                f"checkpoint directory {directory} is locked by another CheckpointKeeper of "
                f"this same process ({holder.describe()}) that is still open; close() it, or "
                "use it in a `with` block, before creating a new keeper on the directory. "
                "This keeper changed nothing."
            )
        else:
            who = holder.describe() if holder else "its pid and host are not recorded yet"
            message = (
                f"checkpoint directory {directory} is locked by another CheckpointKeeper "
                f"({who}); only one process may write checkpoints to a directory, so this "
                "keeper changed nothing. In a multi-GPU run only rank 0 should write: build "
                "every rank's keeper with CheckpointKeeper.from_config(cfg, run_dir), which "
                "reads the rank the launcher sets (or pass rank=). Otherwise wait for that "
                "process to end, or use another checkpoint.filepath."
            )
        super().__init__(directory, lock_path, message)

    def __reduce__(self) -> tuple[type, tuple[Path, Path, LockHolder | None]]:
        return (type(self), (self.directory, self.lock_path, self.holder))


class CheckpointLockUnsupportedError(CheckpointLockError):
    """The filesystem or platform cannot lock the directory, so the keeper will not run.

    ``reason`` says what failed (e.g. ``flock failed: No locks available``).
    """

    def __init__(self, directory: Path, lock_path: Path, reason: str) -> None:
        self.reason = reason
        super().__init__(
            directory,
            lock_path,
            f"checkpoint directory {directory} cannot be locked ({reason}), and the keeper "
            "never runs unlocked: two writers on one directory leave checkpoints nothing "
            "prunes. Put checkpoint.filepath on a filesystem with file locking (a local "
            "disk; NFS mounted with lock support; Lustre mounted with -o flock).",
        )

    def __reduce__(self) -> tuple[type, tuple[Path, Path, str]]:
        return (type(self), (self.directory, self.lock_path, self.reason))
