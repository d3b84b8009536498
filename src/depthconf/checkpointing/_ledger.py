"""``Ledger``: the checkpoint directory and its manifest, changed only by the protocol.

One save epoch goes through five steps; ``M`` is the manifest, always replaced
atomically (:mod:`._atomic`). :meth:`Ledger.write` runs them in order; steps 4
and 5 and ABORT are in :mod:`._journal`, shared with resuming:

1. BEGIN   create ``.depthconf-tmp-<uuid>.ckpt`` with ``O_EXCL``; store M with an
           ``in_flight`` record (tmp name, epoch, value, intended final name).
2. WRITE   ``save(tmp)``; fsync tmp. An exception ABORTs: tmp (and anything
           published from it) is removed, ``in_flight`` cleared, the error re-raised.
3. PUBLISH ``os.link(tmp, final)`` (never replaces; a taken name moves on to
           ``-v1``, ``-v2`` ...); fsync the directory.
4. COMMIT  store M with the new entry (its fingerprint), displaced entries marked
           ``pending_removal`` and ``in_flight.committed``.
5. FINISH  move tmp onto ``last.ckpt`` (``os.replace`` over the keeper's own
           last file, or an exclusive link to a fresh name), unlink tmp; delete
           each pending entry whose fingerprint still matches; store M without
           ``in_flight`` and without the pending entries.

A process killed anywhere is recovered by the next keeper (:mod:`._recovery`):
before COMMIT, if tmp and the intended final name are the same inode the publish
had happened and COMMIT + FINISH are redone (the checkpoint is adopted),
otherwise tmp is removed and the epoch is as if never saved; after COMMIT, FINISH
is redone (it is idempotent). Without hard-link support (the copy fallback) a
kill between PUBLISH and COMMIT leaves that one checkpoint unrecorded: it is then
foreign and never deleted. :meth:`Ledger.settle` completes or rolls back a write
an earlier exception interrupted. ``ledger.manifest`` is always what is on disk.
All of this assumes one writer per directory, which the keeper's lock
(:mod:`._lock`) enforces.

>>> import tempfile
>>> from depthconf.checkpointing._records import Manifest, Settings
>>> settings = Settings(-1, None, None, 1, "{epoch:02d}", False)
>>> ledger = Ledger(Path(tempfile.mkdtemp()), Manifest(settings))
>>> def save(path): path.write_bytes(b"state")
>>> out = ledger.write(settings, epoch=0, value=None, stem="epoch=00", save=save)
>>> out.published.name, [e.name for e in ledger.manifest.entries]
('epoch=00.ckpt', ['epoch=00.ckpt'])
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path

from depthconf.checkpointing._atomic import (
    create_exclusive,
    fsync_dir,
    fsync_file,
    link_exclusive,
    temp_name,
    unlink_quietly,
)
from depthconf.checkpointing._journal import (
    Hook,
    abort,
    commit,
    finish,
    first_free_name,
    free_names,
    no_hook,
)
from depthconf.checkpointing._manifest import store
from depthconf.checkpointing._records import Fingerprint, InFlight, Manifest, Settings


@dataclass
class Outcome:
    """What one write did: the new ranked file (if any), deletions, problems."""

    published: Path | None
    removed: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


class Ledger:
    """Owns the manifest of ``directory``; every change goes through the protocol."""

    def __init__(self, directory: Path, manifest: Manifest, hook: Hook = no_hook) -> None:
        self.directory = directory
        self.manifest = manifest
        self._hook = hook

    def write(
        self,
        settings: Settings,
        *,
        epoch: int,
        value: float | None,
        stem: str | None,
        save: Callable[[Path], object],
    ) -> Outcome:
        """Write one checkpoint: ranked as ``stem`` (None: last only), and last if set."""
        directory = self.directory
        directory.mkdir(parents=True, exist_ok=True)
        seq = self.manifest.next_seq
        tmp = directory / temp_name("ckpt")
        create_exclusive(tmp)
        final = None if stem is None else first_free_name(directory, stem, self.manifest)
        flight = InFlight(tmp.name, epoch, seq, value, final, to_last=settings.save_last)
        begun = replace(self.manifest, settings=settings, next_seq=seq + 1, in_flight=flight)
        try:
            store(directory, begun)  # BEGIN
        except BaseException:
            unlink_quietly(tmp)
            raise
        self.manifest = begun
        self._hook("after_begin")
        published: Path | None = None
        try:
            save(tmp)  # WRITE
            fingerprint = Fingerprint.of(tmp)
            if fingerprint is None:
                raise RuntimeError(f"save() left no regular file at {tmp}; write exactly there")
            if fingerprint.size == 0:
                # An empty file would rank like a real checkpoint and could displace one.
                strays = sorted(p.name for p in directory.glob(tmp.name + "?*"))
                elsewhere = f"; it wrote {', '.join(strays)} instead" if strays else ""
                raise RuntimeError(
                    f"save() wrote nothing to {tmp.name}{elsewhere}: write the checkpoint "
                    "bytes to exactly the path it is given (no added suffix)"
                )
            fsync_file(tmp)
            self._hook("after_save")
            if stem is not None and final is not None:  # PUBLISH
                names = chain([directory / final], free_names(directory, stem, self.manifest))
                published = link_exclusive(tmp, names)
                fsync_dir(directory)
                flight = replace(flight, final_name=published.name)
                self.manifest = replace(self.manifest, in_flight=flight)
                self._hook("after_publish")
            self.manifest, problem = commit(directory, self.manifest, fingerprint)  # COMMIT
        except BaseException as exc:
            try:
                self.manifest = abort(directory, self.manifest, published)
            except Exception as cleanup:  # keep the original error
                exc.add_note(f"cleaning up after the failed checkpoint write failed: {cleanup!r}")
            raise
        self._hook("after_commit")
        self.manifest, removed, problems = finish(directory, self.manifest, self._hook)  # FINISH
        return Outcome(published, removed, [problem, *problems] if problem else problems)

    def settle(self) -> list[str]:
        """Complete (committed) or roll back (uncommitted) an interrupted write."""
        flight = self.manifest.in_flight
        if flight is None:
            return []
        if not flight.committed:
            self.manifest = abort(self.directory, self.manifest)
            return []
        self.manifest, _, problems = finish(self.directory, self.manifest, self._hook)
        return problems
