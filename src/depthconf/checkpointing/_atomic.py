"""Durable, non-overwriting file operations on one directory.

* :func:`fsync_file` / :func:`fsync_dir` make data and directory entries durable.
* :func:`create_exclusive` creates a new empty file, failing if the name exists.
* :func:`link_exclusive` gives a finished file a second name, the first free one
  of a finite list: ``os.link`` never replaces an existing name, so a file that
  appears concurrently is never overwritten. Where hard links are unsupported it
  reserves the name with ``O_EXCL`` and moves a copy over its own placeholder.
* :func:`write_atomic` replaces a small file (the manifest) via a temporary
  file, fsync, ``os.replace`` and a directory fsync.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> write_atomic(d / "a.json", b"{}")
>>> link_exclusive(d / "a.json", [d / "a.json", d / "b.json"]).name
'b.json'
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import uuid
from collections.abc import Iterable
from pathlib import Path

TMP_PREFIX = ".depthconf-tmp-"
_NO_HARDLINKS = {errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOSYS, errno.EOPNOTSUPP}
_NO_HARDLINKS.add(getattr(errno, "ENOTSUP", errno.EOPNOTSUPP))


def temp_name(kind: str) -> str:
    """A fresh name for a temporary file of the keeper, e.g. ``.depthconf-tmp-<hex>.ckpt``."""
    return f"{TMP_PREFIX}{uuid.uuid4().hex}.{kind}"


def fsync_file(path: Path) -> None:
    """Flush ``path``'s data to stable storage (whoever wrote it)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    """Make renames, links and unlinks in directory ``path`` durable (no-op on Windows)."""
    if os.name == "nt":  # pragma: no cover - directories cannot be opened there
        return
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def create_exclusive(path: Path) -> None:
    """Create an empty file; FileExistsError if the name is taken."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
    os.close(fd)


def unlink_quietly(path: Path) -> None:
    """Remove ``path`` if it exists."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def link_exclusive(src: Path, names: Iterable[Path]) -> Path:
    """Give ``src`` the first free name of ``names`` (``src`` keeps its own name).

    Never replaces an existing file. Raises FileExistsError when every name is
    taken; ``names`` must therefore be finite. The caller fsyncs the directory.
    """
    for dst in names:
        try:
            os.link(src, dst)
            return dst
        except FileExistsError:
            continue
        except OSError as exc:
            if exc.errno not in _NO_HARDLINKS:
                raise
        if _copy_exclusive(src, dst):
            return dst
    raise FileExistsError(errno.EEXIST, f"no free name left for {src.name}", str(src))


def _copy_exclusive(src: Path, dst: Path) -> bool:
    """Fallback without hard links: reserve ``dst`` then move a durable copy over it."""
    try:
        create_exclusive(dst)
    except FileExistsError:
        return False
    scratch = dst.with_name(temp_name("copy"))
    try:
        shutil.copyfile(src, scratch)
        shutil.copystat(src, scratch)  # keeps mtime_ns, so fingerprints still match
        fsync_file(scratch)
        os.replace(scratch, dst)  # replaces our own placeholder only
    except BaseException:
        unlink_quietly(scratch)
        unlink_quietly(dst)
        raise
    return True


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so a crash leaves either the old or the new bytes."""
    tmp = path.with_name(temp_name("manifest"))
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        unlink_quietly(tmp)
        raise
    fsync_dir(path.parent)
