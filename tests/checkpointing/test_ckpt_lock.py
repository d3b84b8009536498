"""The directory lock inside one process: held from construction to close, real ``flock``.

The other side of the lock is taken here with a plain ``fcntl.flock`` on the lock
file, never with a stand-in; only the "filesystem cannot lock" cases replace
``flock``, since no test machine has such a filesystem at hand.
"""

from __future__ import annotations

import errno
import json
import os
import pickle
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, replace
from pathlib import Path

import pytest

from depthconf.checkpointing import (
    LOCK_NAME,
    MANIFEST_NAME,
    CheckpointDirectoryLockedError,
    CheckpointKeeper,
    CheckpointLockError,
    CheckpointLockUnsupportedError,
    LockHolder,
)
from depthconf.checkpointing import _lock as lock_module

from .helpers import listing, writer

fcntl = pytest.importorskip("fcntl")


def keeper_on(directory: Path) -> CheckpointKeeper:
    return CheckpointKeeper(directory, save_top_k=2, monitor="loss", mode="min")


def snapshot(directory: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and mtime: "changed nothing" means this is equal afterwards."""
    return {
        name: ((directory / name).read_bytes(), os.stat(directory / name).st_mtime_ns)
        for name in sorted(listing(directory))
    }


def locked_by_someone(directory: Path) -> bool:
    """Try the lock the way another process would (a separate open file)."""
    fd = os.open(directory / LOCK_NAME, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # also releases it if we got it
    return False


@contextmanager
def held_elsewhere(directory: Path, record: bytes = b"") -> Iterator[None]:
    """Hold the directory's lock with ``record`` in the lock file, like a keeper that has
    just locked (and not yet replaced the record of the previous holder)."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / LOCK_NAME).write_bytes(record)
    fd = os.open(directory / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        yield
    finally:
        os.close(fd)


def test_the_directory_is_locked_from_construction_to_close(tmp_path: Path) -> None:
    directory = tmp_path / "new" / "ckpt"
    keeper = keeper_on(directory)
    assert listing(directory) == {LOCK_NAME}  # created and locked before the first epoch
    assert locked_by_someone(directory)
    keeper.on_validation_end(0, {"loss": 1.0}, writer(0))
    assert locked_by_someone(directory)
    keeper.close()
    assert not locked_by_someone(directory)
    assert listing(directory) == {LOCK_NAME, MANIFEST_NAME, "epoch=00_loss=1.000.ckpt"}
    keeper.close()  # idempotent


def test_a_with_block_releases_the_directory_even_on_error(tmp_path: Path) -> None:
    keeper = keeper_on(tmp_path)
    assert locked_by_someone(tmp_path)
    with pytest.raises(KeyError), keeper:
        keeper.on_validation_end(0, {"val": 1.0}, writer(0))
    assert keeper.closed
    assert not locked_by_someone(tmp_path)


def test_the_holder_records_itself_in_the_lock_file(tmp_path: Path) -> None:
    with keeper_on(tmp_path):
        holder = lock_module._HOLDER.validate_json((tmp_path / LOCK_NAME).read_bytes())
    assert holder.pid == os.getpid()
    assert holder.is_this_process()


def test_a_second_keeper_in_this_process_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    first = keeper_on(tmp_path)
    first.on_validation_end(0, {"loss": 1.0}, writer(0))
    before = snapshot(tmp_path)
    with pytest.raises(CheckpointDirectoryLockedError) as info:
        keeper_on(tmp_path)
    assert snapshot(tmp_path) == before
    error = info.value
    assert isinstance(error, CheckpointLockError)
    assert (error.directory, error.lock_path) == (tmp_path, tmp_path / LOCK_NAME)
    assert error.holder is not None
    assert error.holder.pid == os.getpid()
    assert "of this same process" in str(error)
    assert "still open; close() it" in str(error)
    first.close()
    keeper_on(tmp_path).close()  # now it can


def test_a_holder_not_recorded_yet_is_said_so(tmp_path: Path) -> None:
    with held_elsewhere(tmp_path):
        before = snapshot(tmp_path)
        with pytest.raises(CheckpointDirectoryLockedError) as info:
            keeper_on(tmp_path)
        assert snapshot(tmp_path) == before
    assert info.value.holder is None
    assert "its pid and host are not recorded yet" in str(info.value)
    assert "only one process may write checkpoints to a directory" in str(info.value)


def test_the_record_of_a_dead_holder_is_not_taken_for_the_new_one(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    stale = LockHolder(int(dead.stdout), socket.gethostname(), "2026-01-01T00:00:00+00:00")
    with held_elsewhere(tmp_path, json.dumps(asdict(stale)).encode()):
        with pytest.raises(CheckpointDirectoryLockedError) as info:
            keeper_on(tmp_path)
        assert info.value.holder is None
        live = replace(stale, pid=os.getppid())
        (tmp_path / LOCK_NAME).write_text(json.dumps(asdict(live)))
        with pytest.raises(CheckpointDirectoryLockedError) as info:
            keeper_on(tmp_path)
        assert info.value.holder == live


def test_a_closed_keeper_refuses_to_write_but_still_answers(tmp_path: Path) -> None:
    keeper = keeper_on(tmp_path)
    keeper.on_validation_end(0, {"loss": 1.0}, writer(0))
    keeper.close()
    with pytest.raises(RuntimeError, match="is closed and no longer owns the directory"):
        keeper.on_validation_end(1, {"loss": 0.5}, writer(1))
    assert keeper.best_path == tmp_path / "epoch=00_loss=1.000.ckpt"


def test_a_failed_construction_releases_the_lock(tmp_path: Path) -> None:
    (tmp_path / MANIFEST_NAME).mkdir()  # recovery cannot read it, nor set it aside
    with pytest.raises(OSError):  # noqa: PT011 - whichever error the OS gives
        keeper_on(tmp_path)
    assert not locked_by_someone(tmp_path)


def test_a_forked_child_closing_its_copy_keeps_the_parent_locked(tmp_path: Path) -> None:
    with keeper_on(tmp_path) as keeper:
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            keeper.close()
            os._exit(0)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        assert locked_by_someone(tmp_path)
        keeper.on_validation_end(0, {"loss": 1.0}, writer(0))
    assert not locked_by_someone(tmp_path)


@pytest.mark.parametrize(
    "code", [errno.ENOLCK, errno.EOPNOTSUPP, errno.EINVAL, errno.ENOSYS], ids=errno.errorcode.get
)
def test_a_filesystem_that_cannot_lock_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    def refuse(fd: int, operation: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(fcntl, "flock", refuse)
    with pytest.raises(CheckpointLockUnsupportedError) as info:
        keeper_on(tmp_path)
    message = str(info.value)
    assert f"{tmp_path} cannot be locked (flock failed: {os.strerror(code)})" in message
    assert "never runs unlocked" in message
    assert "Put checkpoint.filepath on a filesystem with file locking" in message
    assert info.value.reason == f"flock failed: {os.strerror(code)}"
    assert listing(tmp_path) == {LOCK_NAME}  # no manifest, no recovery


def test_another_flock_failure_is_not_called_unsupported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(fd: int, operation: int) -> None:
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(fcntl, "flock", broken)
    with pytest.raises(OSError, match="I/O error") as info:
        keeper_on(tmp_path)
    assert not isinstance(info.value, CheckpointLockError)


def test_a_platform_without_flock_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lock_module, "fcntl", None)
    with pytest.raises(CheckpointLockUnsupportedError, match=r"this platform has no fcntl\.flock"):
        keeper_on(tmp_path)
    assert not tmp_path.joinpath(LOCK_NAME).exists()


def test_the_errors_survive_pickling(tmp_path: Path) -> None:  # e.g. from a multiprocessing pool
    holder = LockHolder(123, "gpu07", "2026-01-01T00:00:00+00:00")
    errors: list[CheckpointLockError] = [
        CheckpointDirectoryLockedError(tmp_path, tmp_path / LOCK_NAME, holder),
        CheckpointDirectoryLockedError(tmp_path, tmp_path / LOCK_NAME, None),
        CheckpointLockUnsupportedError(tmp_path, tmp_path / LOCK_NAME, "flock failed: x"),
    ]
    for error in errors:
        again = pickle.loads(pickle.dumps(error))
        assert (type(again), str(again), again.directory) == (
            type(error),
            str(error),
            error.directory,
        )
    assert "(pid 123 on host gpu07, since 2026-01-01T00:00:00+00:00)" in str(errors[0])
