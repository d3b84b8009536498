"""The protocol steps that writing and resuming share: COMMIT, FINISH and ABORT.

The whole write protocol (BEGIN, WRITE, PUBLISH, COMMIT, FINISH) and why a kill at
any point is recoverable are described in :mod:`._ledger`, whose ``Ledger.write``
runs it. This module holds the steps that :mod:`._recovery` also runs to finish
or undo a write a killed process left behind:

* :func:`commit` (step 4): record the finished checkpoint, mark displaced ones
  ``pending_removal``; :func:`finish` (step 5): install ``last.ckpt``, drop the
  temporary file, delete pending entries whose fingerprint still matches;
  :func:`abort`: forget an uncommitted write and remove its files;
* the name rules they share: :func:`free_names`, :func:`first_free_name`,
  :func:`retained`, :func:`stray_temporaries`.

Deletion only ever happens in :func:`finish`, only for entries the manifest
marks, and only when their fingerprint matches.

>>> from depthconf.checkpointing._records import Settings
>>> m = Manifest(Settings(-1, None, None, 1, "{epoch:02d}", False))
>>> retained(m, None)[0]
[]
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from itertools import chain
from pathlib import Path

from depthconf.checkpointing._atomic import (
    TMP_PREFIX,
    fsync_dir,
    link_exclusive,
    unlink_quietly,
)
from depthconf.checkpointing._filename import LAST_STEM, SUFFIX, candidate_names
from depthconf.checkpointing._manifest import MANIFEST_NAME, store
from depthconf.checkpointing._policy import retain
from depthconf.checkpointing._records import Entry, Fingerprint, LastFile, Manifest, Retired

Hook = Callable[[str], None]


def no_hook(stage: str) -> None:
    """The default crash-point hook: does nothing."""


def free_names(directory: Path, stem: str, manifest: Manifest) -> Iterator[Path]:
    """Candidate paths for ``stem`` that the manifest does not mention (finite).

    ``last.ckpt`` is reserved for the last checkpoint: a ranked name never takes it.
    """
    taken = manifest.names() | {MANIFEST_NAME}
    if stem != LAST_STEM:
        taken.add(LAST_STEM + SUFFIX)
    return (directory / name for name in candidate_names(stem) if name not in taken)


def first_free_name(directory: Path, stem: str, manifest: Manifest) -> str:
    """The first candidate name that is neither reserved nor on disk."""
    for path in free_names(directory, stem, manifest):
        if not os.path.lexists(path):
            return path.name
    raise FileExistsError(f"no free checkpoint name for {stem!r} in {directory}")


def same_file(a: Path, b: Path) -> bool:
    """True when both names exist and are the same inode."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def retained(manifest: Manifest, new: Entry | None) -> tuple[list[Entry], list[Entry]]:
    """Live entries after adding ``new``: ``(kept best first, displaced)``."""
    live = [e for e in manifest.entries if not e.pending_removal]
    if new is None:
        return live, []
    s = manifest.settings
    return retain(live, new, save_top_k=s.save_top_k, mode=s.mode)


def choose_last_name(directory: Path, manifest: Manifest) -> tuple[str, Manifest, str | None]:
    """Where the next last checkpoint goes: ``(name, manifest, problem)``.

    The recorded last file is reused when it is still the keeper's (or gone); a
    changed one is retired (never touched again) and a fresh name chosen.
    """
    current = manifest.last
    if current is not None:
        fingerprint = Fingerprint.of(directory / current.name)
        if fingerprint is None or fingerprint == current.fingerprint:
            return current.name, manifest, None
        reason = "changed by someone else after the keeper wrote it"
        manifest = replace(
            manifest, last=None, retired=(*manifest.retired, Retired(current.name, reason))
        )
        problem = f"{current.name} was {reason}; it is left alone"
        return first_free_name(directory, LAST_STEM, manifest), manifest, problem
    return first_free_name(directory, LAST_STEM, manifest), manifest, None


def commit(
    directory: Path, manifest: Manifest, fingerprint: Fingerprint
) -> tuple[Manifest, str | None]:
    """Step 4: record the finished (and, if ranked, published) in-flight checkpoint."""
    flight = manifest.in_flight
    if flight is None or flight.committed:
        raise RuntimeError("commit() needs an uncommitted in-flight write")
    new = None
    if flight.final_name is not None:
        new = Entry(flight.final_name, flight.epoch, flight.seq, flight.value, fingerprint)
    kept, dropped = retained(manifest, new)
    pending = [e for e in manifest.entries if e.pending_removal]
    pending += [replace(e, pending_removal=True) for e in dropped]
    last_name, problem = None, None
    if flight.to_last:
        last_name, manifest, problem = choose_last_name(directory, manifest)
    flight = replace(flight, committed=True, fingerprint=fingerprint, last_name=last_name)
    manifest = replace(manifest, entries=(*kept, *pending), in_flight=flight)
    store(directory, manifest)
    return manifest, problem


def _install_last(directory: Path, manifest: Manifest) -> tuple[LastFile | None, str | None]:
    """Step 5a: put the finished tmp file in place as the last checkpoint."""
    flight = manifest.in_flight
    if flight is None or not flight.last_name or flight.fingerprint is None:
        raise RuntimeError("no committed last checkpoint to install")
    tmp, target = directory / flight.tmp, directory / flight.last_name
    current = manifest.last
    if not os.path.lexists(tmp):  # installed before a crash, or tmp lost
        if Fingerprint.of(target) == flight.fingerprint:
            return LastFile(target.name, flight.epoch, flight.fingerprint), None
        if current is not None and Fingerprint.of(directory / current.name) == current.fingerprint:
            return current, None
        return None, f"the last checkpoint of epoch {flight.epoch} could not be found"
    placed = target
    if same_file(tmp, target):
        pass  # linked before a crash
    elif (
        current is not None
        and current.name == target.name
        and Fingerprint.of(target) == current.fingerprint
    ):
        os.replace(tmp, target)  # over the keeper's own previous last file only
    else:  # fresh name, or our last file changed meanwhile: never overwrite
        placed = link_exclusive(tmp, chain([target], free_names(directory, LAST_STEM, manifest)))
    problem = None if placed == target else f"{target.name} appeared; wrote {placed.name}"
    return LastFile(placed.name, flight.epoch, flight.fingerprint), problem


def finish(
    directory: Path, manifest: Manifest, hook: Hook = no_hook
) -> tuple[Manifest, list[Path], list[str]]:
    """Step 5: install last, drop tmp, delete pending entries that are provably ours."""
    problems: list[str] = []
    last, retired = manifest.last, list(manifest.retired)
    flight = manifest.in_flight
    if flight is not None:
        if not flight.committed:
            raise RuntimeError("finish() needs a committed in-flight write")
        if flight.to_last and flight.last_name and flight.fingerprint:
            last, problem = _install_last(directory, manifest)
            problems += [problem] if problem else []
            hook("after_last")
        unlink_quietly(directory / flight.tmp)
        fsync_dir(directory)
    entries, removed = [], []
    for entry in manifest.entries:
        if not entry.pending_removal:
            entries.append(entry)
            continue
        path = directory / entry.name
        fingerprint = Fingerprint.of(path)
        if fingerprint is None:
            continue  # already deleted before a crash, or by someone else
        if fingerprint != entry.fingerprint:
            reason = "changed on disk after the keeper wrote it"
            retired.append(Retired(entry.name, reason))
            problems.append(f"{entry.name} {reason}: not deleted")
            continue
        os.unlink(path)
        removed.append(path)
        hook("after_remove")
    fsync_dir(directory)
    manifest = replace(
        manifest, entries=tuple(entries), last=last, in_flight=None, retired=tuple(retired)
    )
    store(directory, manifest)
    return manifest, removed, problems


def abort(directory: Path, manifest: Manifest, published: Path | None = None) -> Manifest:
    """Undo an uncommitted write: remove tmp and its published link; forget it."""
    flight = manifest.in_flight
    if flight is None or flight.committed:
        raise RuntimeError("abort() needs an uncommitted in-flight write")
    tmp = directory / flight.tmp
    if published is not None and same_file(tmp, published):
        unlink_quietly(published)
    # save() may have put a directory there; leave it (a stray temporary) rather than fail
    with contextlib.suppress(IsADirectoryError, PermissionError):
        unlink_quietly(tmp)
    fsync_dir(directory)
    manifest = replace(manifest, in_flight=None)
    store(directory, manifest)
    return manifest


def stray_temporaries(directory: Path, manifest: Manifest) -> list[str]:
    """Temporary-looking files the manifest does not account for (left untouched)."""
    known = manifest.names()
    try:
        names = os.listdir(directory)
    except FileNotFoundError:
        return []
    return sorted(n for n in names if n.startswith(TMP_PREFIX) and n not in known)
