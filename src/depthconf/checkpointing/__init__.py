"""Framework-agnostic, crash-safe, resumable checkpoint keeping.

``CheckpointKeeper`` keeps the best ``save_top_k`` checkpoints by a monitored
metric (or every checkpoint, with -1), writes each one atomically, prunes only
files it provably wrote (recorded with a fingerprint in a JSON manifest in the
checkpoint directory), never overwrites an existing file, and resumes from its
manifest after a crash. ``plan_checkpoints`` predicts what a run will keep with
the same period and retention functions.

Crash safety in short (details in ``_ledger``): the caller writes to a fresh
temporary name recorded in the manifest; the file is fsynced and hard-linked to
its final name (never replacing anything); the manifest then records it and
marks displaced checkpoints "pending removal"; only after that are they deleted
(if their fingerprint still matches) and the manifest updated again. A new
keeper finishes or rolls back whatever a killed process left half done.

One writer per directory, enforced: a keeper holds an exclusive OS lock
(``flock``) on ``.depthconf-checkpoints.lock`` in its directory from construction
to ``close()``, and the kernel releases it when the process dies. A second keeper
raises :class:`CheckpointDirectoryLockedError` (naming the holder's pid and host)
and changes nothing; a filesystem that cannot lock raises
:class:`CheckpointLockUnsupportedError`. In multi-GPU training every rank runs the
same loop: ``CheckpointKeeper.from_config`` reads the rank the launcher sets
(:func:`launcher_rank`) and only rank 0 writes; the other ranks get an idle
keeper (``is_writer`` False).

What ``save_top_k``, ``monitor`` and ``mode`` mean is the schema's checkpoint policy
(:mod:`depthconf.schema._policy`): the keeper refuses what the schema refuses. Only
:mod:`._config` reads a depthconf config (``from_config``, :func:`checkpoint_filename`,
:func:`checkpoint_directory`); everything else takes plain values.

>>> import tempfile
>>> from pathlib import Path
>>> directory = Path(tempfile.mkdtemp())
>>> with CheckpointKeeper(directory, save_top_k=2, monitor="loss", mode="min") as keeper:
...     for epoch, loss in enumerate([0.5, 0.0, 0.7, 0.1]):
...         _ = keeper.on_validation_end(epoch, {"loss": loss}, lambda p: p.write_bytes(b"state"))
>>> [(path.name, value) for path, value in keeper.kept]
[('epoch=01_loss=0.000.ckpt', 0.0), ('epoch=03_loss=0.100.ckpt', 0.1)]
>>> plan_checkpoints(save_top_k=2, period=1, max_epochs=4)
CheckpointPlan(written=4, kept_at_end=2)
"""

from depthconf.checkpointing._config import checkpoint_directory, checkpoint_filename
from depthconf.checkpointing._errors import (
    CheckpointDirectoryLockedError,
    CheckpointLockError,
    CheckpointLockUnsupportedError,
    CheckpointWarning,
    MonitorKeyMissingError,
)
from depthconf.checkpointing._filename import default_template
from depthconf.checkpointing._keeper import CheckpointKeeper, Decision
from depthconf.checkpointing._lock import LOCK_NAME, LockHolder
from depthconf.checkpointing._manifest import MANIFEST_NAME
from depthconf.checkpointing._policy import CheckpointPlan, plan_checkpoints
from depthconf.checkpointing._rank import (
    RANK_VARIABLES,
    WRITER_RANK,
    LauncherRankError,
    ProcessRank,
    launcher_rank,
)

__all__ = [
    "LOCK_NAME",
    "MANIFEST_NAME",
    "RANK_VARIABLES",
    "WRITER_RANK",
    "CheckpointDirectoryLockedError",
    "CheckpointKeeper",
    "CheckpointLockError",
    "CheckpointLockUnsupportedError",
    "CheckpointPlan",
    "CheckpointWarning",
    "Decision",
    "LauncherRankError",
    "LockHolder",
    "MonitorKeyMissingError",
    "ProcessRank",
    "checkpoint_directory",
    "checkpoint_filename",
    "default_template",
    "launcher_rank",
    "plan_checkpoints",
]
