"""Resuming: rebuild the keeper's state from the manifest and the files on disk.

Nothing is ever deleted because of a disagreement; each one becomes a *problem*
(a sentence the keeper keeps in ``problems`` and warns with):

* unreadable manifest (not JSON, unknown format or version, bad fields): it is
  moved aside to ``.depthconf-checkpoints.corrupt-<hex>.json`` and the keeper
  starts a fresh record, so every file already there is foreign;
* a listed checkpoint is missing: dropped from the record;
* a listed checkpoint changed (size or mtime differ): *retired*, i.e. kept in the
  manifest as a name the keeper will never touch, and no longer ranked;
* the manifest was written with other ``save_top_k``/``monitor``/``mode``: its
  checkpoints are retired (they stay on disk, untouched) and ranking starts over.
  ``period``, ``filename`` and ``save_last`` may change freely.

An interrupted write is completed or rolled back as :mod:`._journal` describes;
those actions are *notes*, not problems.

>>> import tempfile, pathlib
>>> from depthconf.checkpointing._records import Settings
>>> r = recover(pathlib.Path(tempfile.mkdtemp()), Settings(-1, None, None, 1, "{epoch}", False))
>>> r.problems, r.manifest.entries
([], ())
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path

from depthconf.checkpointing._atomic import fsync_dir, link_exclusive
from depthconf.checkpointing._journal import (
    abort,
    commit,
    finish,
    same_file,
    stray_temporaries,
)
from depthconf.checkpointing._manifest import MANIFEST_NAME, ManifestError, load, store
from depthconf.checkpointing._records import Fingerprint, Manifest, Retired, Settings


@dataclass
class Recovery:
    """The restored manifest and what resuming found (problems) and did (notes)."""

    manifest: Manifest
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def recover(directory: Path, settings: Settings) -> Recovery:
    """Load, check and repair the record in ``directory`` for a keeper with ``settings``.

    The caller must hold the directory's lock (:mod:`._lock`): repairing finishes
    or undoes writes, which only the one writer may do.
    """
    fresh = Manifest(settings)
    if not directory.is_dir():
        return Recovery(fresh)
    try:
        original = load(directory)
    except ManifestError as exc:
        backup = _set_aside(directory)
        return Recovery(
            fresh,
            problems=[
                f"the checkpoint manifest {directory / MANIFEST_NAME} is unreadable ({exc}); "
                f"it was moved to {backup.name} and a fresh record started: files already "
                "in the directory are treated as foreign and never deleted"
            ],
        )
    if original is None:
        return Recovery(fresh)
    result = Recovery(original)
    _verify_entries(directory, result)
    _settle_in_flight(directory, result)
    _verify_last(directory, result)
    _reconcile_settings(result, settings)
    if result.manifest != original:
        store(directory, result.manifest)
    strays = stray_temporaries(directory, result.manifest)
    if strays:
        result.notes.append(f"temporary files not in the manifest, left untouched: {strays}")
    return result


def _set_aside(directory: Path) -> Path:
    source = directory / MANIFEST_NAME
    names = (
        directory / f".depthconf-checkpoints.corrupt-{uuid.uuid4().hex[:12]}.json" for _ in range(3)
    )
    backup = link_exclusive(source, names)
    os.unlink(source)
    fsync_dir(directory)
    return backup


def _verify_entries(directory: Path, result: Recovery) -> None:
    manifest = result.manifest
    entries, retired = [], list(manifest.retired)
    for entry in manifest.entries:
        fingerprint = Fingerprint.of(directory / entry.name)
        if entry.pending_removal or fingerprint == entry.fingerprint:
            entries.append(entry)
        elif fingerprint is None:
            result.problems.append(
                f"checkpoint {entry.name} (epoch {entry.epoch}) is listed in the manifest "
                "but missing from disk; it is dropped from the record"
            )
        else:
            reason = "changed on disk after the keeper wrote it (size or mtime differ)"
            retired.append(Retired(entry.name, reason))
            result.problems.append(
                f"checkpoint {entry.name} {reason}; it is no longer ranked and will never "
                "be deleted by the keeper"
            )
    result.manifest = replace(manifest, entries=tuple(entries), retired=tuple(retired))


def _settle_in_flight(directory: Path, result: Recovery) -> None:
    manifest = result.manifest
    flight = manifest.in_flight
    if flight is not None and not flight.committed:
        tmp = directory / flight.tmp
        final = directory / flight.final_name if flight.final_name else None
        fingerprint = Fingerprint.of(tmp)
        if final is not None and fingerprint is not None and same_file(tmp, final):
            manifest, problem = commit(directory, manifest, fingerprint)
            result.problems += [problem] if problem else []
            result.notes.append(
                f"adopted {final.name} (epoch {flight.epoch}), published just before "
                "the previous process stopped"
            )
        else:
            manifest = abort(directory, manifest)
            result.notes.append(
                f"discarded the unfinished checkpoint write of epoch {flight.epoch}"
            )
    if manifest.in_flight is not None or any(e.pending_removal for e in manifest.entries):
        manifest, removed, problems = finish(directory, manifest)
        result.problems += problems
        result.notes += [f"finished pruning {path.name}" for path in removed]
    result.manifest = manifest


def _verify_last(directory: Path, result: Recovery) -> None:
    manifest = result.manifest
    last = manifest.last
    if last is None:
        return
    fingerprint = Fingerprint.of(directory / last.name)
    if fingerprint == last.fingerprint:
        return
    if fingerprint is None:
        result.problems.append(f"{last.name} is listed in the manifest but missing from disk")
        result.manifest = replace(manifest, last=None)
        return
    reason = "changed on disk after the keeper wrote it"
    result.problems.append(f"{last.name} {reason}; it is left alone and a new name is used")
    result.manifest = replace(
        manifest, last=None, retired=(*manifest.retired, Retired(last.name, reason))
    )


def _reconcile_settings(result: Recovery, settings: Settings) -> None:
    manifest = result.manifest
    old = manifest.settings
    if old.ranking() != settings.ranking():
        live = [e for e in manifest.entries if not e.pending_removal]
        if live:
            reason = (
                f"kept by a keeper with save_top_k={old.save_top_k}, monitor={old.monitor!r}, "
                f"mode={old.mode!r}"
            )
            result.problems.append(
                f"the manifest was written with save_top_k={old.save_top_k}, "
                f"monitor={old.monitor!r}, mode={old.mode!r} but this keeper has "
                f"save_top_k={settings.save_top_k}, monitor={settings.monitor!r}, "
                f"mode={settings.mode!r}: its {len(live)} checkpoint(s) are left on disk "
                "untouched (retired) and ranking starts over"
            )
            retired = (*manifest.retired, *(Retired(e.name, reason) for e in live))
            manifest = replace(manifest, entries=(), retired=retired)
    result.manifest = replace(manifest, settings=settings)
