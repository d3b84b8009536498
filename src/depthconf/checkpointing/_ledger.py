"""``Ledger``: the checkpoint directory and its manifest, changed only by the protocol.

:meth:`Ledger.write` runs one save epoch through BEGIN, WRITE, PUBLISH, COMMIT
and FINISH (see :mod:`._journal`) in that order; :meth:`Ledger.settle` completes
or rolls back a write an earlier exception interrupted. ``ledger.manifest`` is
always what is on disk.

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
