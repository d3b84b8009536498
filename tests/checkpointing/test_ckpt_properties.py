"""Property tests: after every epoch the keeper's kept set is the oracle's best k.

Random metric sequences (0.0, -0.0, negatives, ties, occasional NaN/inf), every
``save_top_k`` in {-1, 1..5}, ``period`` 1..4, both modes, ``save_last`` on and
off, foreign files that collide with the keeper's names, and restarts (a new
keeper on the same directory) at random epochs.
"""

from __future__ import annotations

import math
import tempfile
import warnings
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from depthconf.checkpointing import LOCK_NAME, CheckpointKeeper, CheckpointWarning

from .helpers import (
    Candidate,
    epoch_in,
    is_save_epoch,
    listing,
    manifest_and,
    oracle,
    writer,
)

FINITE = st.sampled_from([0.0, -0.0, 1.0, -1.0, 0.5, 2.0, -3.25, 0.125])
ROUNDED = st.floats(-4, 4, allow_nan=False).map(lambda x: round(x, 1))
NON_FINITE = st.sampled_from([math.nan, math.inf, -math.inf])
VALUES = st.one_of(FINITE, FINITE, ROUNDED, ROUNDED, ROUNDED, NON_FINITE)

FOREIGN = {
    "epoch=00_m=0.000.ckpt": b"foreign checkpoint",  # the name epoch 0 with value 0.0 wants
    "epoch=01_m=1.000.ckpt": b"another foreign one",
    "notes.txt": b"hands off",
}


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(VALUES, min_size=1, max_size=14),
    save_top_k=st.sampled_from([-1, 1, 2, 3, 4, 5]),
    period=st.integers(1, 4),
    mode=st.sampled_from(["min", "max"]),
    save_last=st.booleans(),
    foreign_last=st.booleans(),
    restarts=st.sets(st.integers(1, 13), max_size=3),
)
def test_kept_set_is_the_best_k_after_every_epoch(
    values: list[float],
    save_top_k: int,
    period: int,
    mode: str,
    save_last: bool,
    foreign_last: bool,
    restarts: set[int],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp) / "ckpt"
        directory.mkdir()
        foreign = dict(FOREIGN)
        if foreign_last:
            foreign["last.ckpt"] = b"somebody else's last"
        for name, data in foreign.items():
            (directory / name).write_bytes(data)

        def make() -> CheckpointKeeper:
            return CheckpointKeeper(
                directory,
                save_top_k=save_top_k,
                period=period,
                monitor="m",
                mode=mode,  # type: ignore[arg-type]
                save_last=save_last,
            )

        keeper = make()
        candidates: list[Candidate] = []
        last_saved: int | None = None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", CheckpointWarning)
            for epoch, value in enumerate(values):
                if epoch in restarts:  # as a new process would: the old keeper is gone
                    keeper.close()
                    keeper = make()
                    assert keeper.problems == ()
                decision = keeper.on_validation_end(epoch, {"m": value, "x": 1.0}, writer(epoch))
                if is_save_epoch(epoch, period):
                    candidates.append(Candidate(len(candidates), epoch, value))
                    last_saved = epoch
                expected = oracle(candidates, save_top_k, mode)

                kept_epochs = [epoch_in(path) for path, _ in keeper.kept]
                assert kept_epochs == expected
                if decision.written is not None:
                    assert epoch_in(decision.written) == epoch
                    assert decision.written in [path for path, _ in keeper.kept]

                expected_files = manifest_and(*(p.name for p, _ in keeper.kept), *foreign)
                if save_last and last_saved is not None:
                    last = keeper.last_path
                    assert last is not None
                    assert epoch_in(last) == last_saved
                    assert last.name == ("last-v1.ckpt" if foreign_last else "last.ckpt")
                    expected_files.add(last.name)
                if not candidates:  # nothing written yet: not even a manifest
                    expected_files = {*foreign, LOCK_NAME}
                assert listing(directory) == expected_files
                for name, data in foreign.items():
                    assert (directory / name).read_bytes() == data

                if expected:
                    assert keeper.best_path is not None
                    assert epoch_in(keeper.best_path) == expected[0]
        assert keeper.problems == ()
        keeper.close()
