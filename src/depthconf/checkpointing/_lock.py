"""One writer per checkpoint directory: an exclusive OS lock on a file inside it.

:class:`DirectoryLock` takes ``fcntl.flock(LOCK_EX | LOCK_NB)`` on
``<directory>/.depthconf-checkpoints.lock`` and holds it until :meth:`release`.
The kernel drops the lock when the process ends in any way, ``SIGKILL``
included, so a crash never leaves a stale lock behind (unlike a pid file). The
lock file itself is never deleted: removing it while it is held would let a
second process lock a new file of the same name.

The holder writes who it is (pid, host, start time; :class:`LockHolder`) into
the lock file *after* locking, so a process that finds the directory locked can
name the holder; it has changed nothing on disk (the directory and the lock file it
opens exist already, since someone holds them).

Limits. ``flock`` excludes processes on one host everywhere; across hosts it
works only where the filesystem passes it on to a lock manager: NFSv4 and NFSv3
with NLM do (Linux maps ``flock`` to a whole-file POSIX lock there, which is
per process, so two keepers inside one process are not told apart on NFS), but
an NFS mount with ``nolock`` or ``local_lock=flock|all`` keeps locks local to
each host without telling anyone, and Lustre needs ``-o flock``. A process that forks
(``fork``-started data-loader workers, say) shares the lock with its children:
it is released when the last of them exits or the keeper is closed. Where
``flock`` is missing (Windows) or refused (``ENOLCK``, ``EOPNOTSUPP``,
``EINVAL``, ``ENOSYS`` on some network filesystems) the lock is not taken and
:class:`CheckpointLockUnsupportedError` says so: the keeper never runs unlocked.

>>> import tempfile
>>> lock = DirectoryLock(Path(tempfile.mkdtemp()) / "run")
>>> lock.holder.pid == os.getpid()
True
>>> lock.release()
"""

from __future__ import annotations

import errno
import json
import os
import socket
import time
import weakref
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from depthconf.checkpointing._errors import (
    CheckpointDirectoryLockedError,
    CheckpointLockUnsupportedError,
)

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = ".depthconf-checkpoints.lock"
# flock refused by the filesystem rather than "someone else holds it".
_ENOTSUP = getattr(errno, "ENOTSUP", errno.EOPNOTSUPP)
UNSUPPORTED = frozenset((errno.ENOLCK, errno.EOPNOTSUPP, _ENOTSUP, errno.EINVAL, errno.ENOSYS))
_HOLDER_READ_TRIES = 20  # the holder writes its record right after locking
_HOLDER_READ_PAUSE = 0.01
_OPEN_TRIES = 3


@dataclass(frozen=True)
class LockHolder:
    """Who holds a checkpoint directory: process id, host name, start (UTC, ISO 8601)."""

    pid: int
    host: str
    started: str

    @classmethod
    def this_process(cls) -> LockHolder:
        started = datetime.now(UTC).isoformat(timespec="seconds")
        return cls(os.getpid(), socket.gethostname(), started)

    def is_this_process(self) -> bool:
        return self.pid == os.getpid() and self.host == socket.gethostname()

    def is_gone(self) -> bool:
        """True when the holder ran on this host and has exited (a stale record)."""
        if self.host != socket.gethostname():
            return False  # cannot tell from here
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:  # alive, another user's
            return False
        return False

    def describe(self) -> str:
        """``pid 123 on host gpu01, since 2026-01-01T00:00:00+00:00``."""
        return f"pid {self.pid} on host {self.host}, since {self.started}"


_HOLDER = TypeAdapter(LockHolder)


def _read_holder(fd: int) -> LockHolder | None:
    """The record the holder wrote; None while it is not (completely) written yet.

    Right after locking, the file may still hold the record of a previous holder
    that died; on this host that shows (its pid is gone) and is waited out too.
    """
    for attempt in range(_HOLDER_READ_TRIES):
        data = os.pread(fd, 4096, 0)
        try:
            holder = _HOLDER.validate_json(data, strict=True)
        except ValidationError:
            holder = None
        if holder is not None and not holder.is_gone():
            return holder
        if attempt + 1 < _HOLDER_READ_TRIES:
            time.sleep(_HOLDER_READ_PAUSE)
    return None


def _unsupported(directory: Path, reason: str) -> CheckpointLockUnsupportedError:
    return CheckpointLockUnsupportedError(directory, directory / LOCK_NAME, reason)


class DirectoryLock:
    """An exclusive, OS-released lock on ``directory`` (created if missing).

    Raises :class:`CheckpointDirectoryLockedError` if another holder has it and
    :class:`CheckpointLockUnsupportedError` where locking is not available.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.path = directory / LOCK_NAME
        if fcntl is None:  # pragma: no cover - Windows
            raise _unsupported(directory, "this platform has no fcntl.flock")
        directory.mkdir(parents=True, exist_ok=True)
        fd = self._acquire()
        self._owner_pid = os.getpid()
        # Closing the descriptor releases the lock: also when the keeper is garbage-collected.
        self._close = weakref.finalize(self, os.close, fd)
        self._fd = fd
        try:
            self.holder = LockHolder.this_process()
            record = json.dumps(asdict(self.holder)).encode()
            os.ftruncate(fd, 0)
            os.pwrite(fd, record, 0)
        except BaseException:
            self.release()
            raise

    def _acquire(self) -> int:
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
        for _ in range(_OPEN_TRIES):
            fd = os.open(self.path, flags, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _read_holder(fd)
                os.close(fd)
                raise CheckpointDirectoryLockedError(self.directory, self.path, holder) from None
            except OSError as exc:
                os.close(fd)
                if exc.errno in UNSUPPORTED:
                    raise _unsupported(self.directory, f"flock failed: {exc.strerror}") from exc
                raise
            if self._is_current(fd):
                return fd
            os.close(fd)  # the lock file was replaced meanwhile: lock the one now there
        raise _unsupported(self.directory, f"{LOCK_NAME} keeps being replaced by someone else")

    def _is_current(self, fd: int) -> bool:
        """True when ``fd`` is still the file at :attr:`path` (not deleted or replaced)."""
        try:
            there = os.stat(self.path, follow_symlinks=False)
        except FileNotFoundError:
            return False
        here = os.fstat(fd)
        return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)

    @property
    def held(self) -> bool:
        return self._close.alive

    def release(self) -> None:
        """Unlock and close; idempotent. The lock file stays (see the module docstring)."""
        if not self._close.alive:
            return
        if fcntl is not None and os.getpid() == self._owner_pid:
            # A forked child only closes its copy: LOCK_UN would unlock its parent too.
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        self._close()
