"""Shared helpers for the checkpoint keeper tests: payloads, listings and an oracle."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from depthconf.checkpointing import LOCK_NAME, MANIFEST_NAME, RANK_VARIABLES
from tests.conftest import cli_env

PAD = b"#" * 4096  # large enough that a truncated write would be noticed


def payload(epoch: int) -> bytes:
    """The bytes a test checkpoint of ``epoch`` holds."""
    return f"epoch={epoch};".encode() + PAD


def writer(epoch: int) -> Callable[[Path], None]:
    """A ``save`` callback writing :func:`payload` the way ``torch.save`` would."""

    def save(path: Path) -> None:
        with open(path, "wb") as handle:
            handle.write(payload(epoch))

    return save


def epoch_in(path: Path) -> int:
    """The epoch recorded in a test checkpoint, asserting the file is complete."""
    data = path.read_bytes()
    head, _, rest = data.partition(b";")
    assert rest == PAD, f"{path.name} is truncated or foreign"
    return int(head.decode().removeprefix("epoch="))


def listing(directory: Path) -> set[str]:
    """File names in ``directory`` (empty if it does not exist)."""
    return set(os.listdir(directory)) if directory.is_dir() else set()


def temporaries(directory: Path) -> set[str]:
    return {n for n in listing(directory) if n.startswith(".depthconf-tmp-")}


def manifest_and(*names: str) -> set[str]:
    """``names`` plus the keeper's own files: its manifest and its lock file."""
    return {MANIFEST_NAME, LOCK_NAME, *names}


def unmanaged(directory: Path) -> set[str]:
    """Files no manifest record accounts for: nothing will ever prune them.

    Read from the manifest's JSON directly (not through the keeper), so a keeper bug
    cannot hide its own leftovers. Everything is unmanaged if there is no manifest.
    """
    path = directory / MANIFEST_NAME
    doc = json.loads(path.read_bytes()) if path.exists() else {}
    named = {e["name"] for e in doc.get("entries", [])}
    named |= {r["name"] for r in doc.get("retired", [])}
    named |= {doc["last"]["name"]} if doc.get("last") else set()
    flight = doc.get("in_flight") or {}
    named |= {flight[k] for k in ("tmp", "final_name", "last_name") if flight.get(k)}
    return listing(directory) - named - {MANIFEST_NAME, LOCK_NAME}


def child_env(**launcher: str) -> dict[str, str]:
    """The environment for a child process: ours, minus every launcher rank variable,
    plus ``launcher`` (e.g. ``RANK="2"``)."""
    env = {k: v for k, v in cli_env().items() if k not in RANK_VARIABLES}
    return env | launcher


@dataclass(frozen=True)
class Candidate:
    seq: int
    epoch: int
    value: float


def beats(a: float, b: float, mode: str) -> bool:
    """``a`` is strictly better than ``b``: finite beats non-finite, else by mode."""
    if math.isfinite(a) != math.isfinite(b):
        return math.isfinite(a)
    if not math.isfinite(a):
        return False
    return a < b if mode == "min" else a > b


def oracle(candidates: Sequence[Candidate], k: int, mode: str) -> list[int]:
    """Epochs of the best ``k`` candidates, best first; ties go to the earlier one.

    A candidate's rank is the number of others that beat it, or tie with it and
    came earlier; written independently of the keeper's sort key.
    """
    ranked = []
    for c in candidates:
        rank = sum(
            1
            for o in candidates
            if o is not c
            and (
                beats(o.value, c.value, mode)
                or (not beats(c.value, o.value, mode) and o.seq < c.seq)
            )
        )
        if k == -1 or rank < k:
            ranked.append((rank, c.epoch))
    return [epoch for _, epoch in sorted(ranked)]


def is_save_epoch(epoch: int, period: int) -> bool:
    """Written independently of the keeper: the last epoch of each block of ``period``."""
    return epoch % period == period - 1
