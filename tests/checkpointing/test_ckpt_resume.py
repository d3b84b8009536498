"""Resuming from the manifest, failures inside ``save`` and manifests that disagree."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from depthconf.checkpointing import MANIFEST_NAME, CheckpointKeeper, CheckpointWarning
from depthconf.checkpointing._manifest import load

from .helpers import epoch_in, listing, manifest_and, payload, temporaries, writer

VALUES = [0.9, 0.4, 0.7, 0.4, 0.2, 0.8, 0.3, 0.1, 0.6, 0.5]


def make(directory: Path, **kw: object) -> CheckpointKeeper:
    options: dict[str, object] = {"save_top_k": 3, "monitor": "loss", "mode": "min"}
    options.update(kw)
    return CheckpointKeeper(directory, **options)  # type: ignore[arg-type]


def feed(keeper: CheckpointKeeper, epochs: range) -> None:
    for epoch in epochs:
        keeper.on_validation_end(epoch, {"loss": VALUES[epoch]}, writer(epoch))


def earlier_run(directory: Path, epochs: range, **kw: object) -> None:
    """A keeper that runs ``epochs`` and is closed, as an earlier process would be."""
    with make(directory, **kw) as keeper:
        feed(keeper, epochs)


def state(keeper: CheckpointKeeper) -> list[tuple[str, float | None]]:
    return [(path.name, value) for path, value in keeper.kept]


@pytest.mark.parametrize("stop", [1, 4, 7])
def test_resume_gives_the_same_result_as_an_uninterrupted_run(tmp_path: Path, stop: int) -> None:
    whole = make(tmp_path / "whole", save_last=True)
    feed(whole, range(len(VALUES)))

    first = make(tmp_path / "resumed", save_last=True)
    feed(first, range(stop))
    first.close()
    second = make(tmp_path / "resumed", save_last=True)
    assert state(second) == state(first)
    assert second.best_path == first.best_path
    feed(second, range(stop, len(VALUES)))

    assert state(second) == state(whole)
    assert second.problems == ()
    assert listing(tmp_path / "resumed") == listing(tmp_path / "whole")
    assert epoch_in(tmp_path / "resumed" / "last.ckpt") == len(VALUES) - 1


@pytest.mark.parametrize("error", [RuntimeError("disk full"), KeyboardInterrupt()])
def test_an_exception_inside_save_leaves_everything_intact(
    tmp_path: Path, error: BaseException
) -> None:
    keeper = make(tmp_path, save_top_k=2, save_last=True)
    feed(keeper, range(2))
    before = state(keeper)
    files = listing(tmp_path)
    manifest = (tmp_path / MANIFEST_NAME).read_bytes()

    def broken(path: Path) -> None:
        path.write_bytes(payload(2)[:100])  # a partial write, then the failure
        raise error

    with pytest.raises(type(error)):
        keeper.on_validation_end(2, {"loss": 0.0}, broken)

    assert state(keeper) == before
    assert listing(tmp_path) == files
    assert temporaries(tmp_path) == set()
    assert all(epoch_in(path) in (0, 1) for path, _ in keeper.kept)
    assert epoch_in(tmp_path / "last.ckpt") == 1
    restored = json.loads((tmp_path / MANIFEST_NAME).read_bytes())
    assert restored["in_flight"] is None
    assert restored["entries"] == json.loads(manifest)["entries"]
    assert [e.name for e in load(tmp_path).entries] == [name for name, _ in before]

    decision = keeper.on_validation_end(2, {"loss": 0.0}, writer(2))  # and it goes on
    assert decision.is_best


def test_save_that_writes_nothing_is_an_error(tmp_path: Path) -> None:
    keeper = make(tmp_path)
    with pytest.raises(RuntimeError, match="left no regular file"):
        keeper.on_validation_end(0, {"loss": 1.0}, os.unlink)
    assert listing(tmp_path) == manifest_and()


def test_save_that_makes_a_directory_is_an_error_and_the_keeper_goes_on(tmp_path: Path) -> None:
    keeper = make(tmp_path)

    def make_directory(path: Path) -> None:
        path.unlink()
        path.mkdir()

    with pytest.raises(RuntimeError, match="left no regular file"):
        keeper.on_validation_end(0, {"loss": 1.0}, make_directory)
    decision = keeper.on_validation_end(1, {"loss": 1.0}, writer(1))
    assert decision.written is not None
    assert epoch_in(decision.written) == 1


def test_an_interrupted_prune_is_finished_by_the_next_call(tmp_path: Path) -> None:
    keeper = make(tmp_path, save_top_k=1)
    feed(keeper, range(2))  # epoch 1 (0.4) displaced epoch 0 (0.9)

    def fail(stage: str) -> None:
        if stage == "after_commit":
            raise OSError("interrupted before pruning")

    keeper._crash_point = fail
    with pytest.raises(OSError, match="interrupted"):
        keeper.on_validation_end(4, {"loss": 0.2}, writer(4))
    keeper._crash_point = None
    # committed but not finished: both checkpoints and the temporary file are still there
    assert {"epoch=01_loss=0.400.ckpt", "epoch=04_loss=0.200.ckpt"} <= listing(tmp_path)
    assert len(temporaries(tmp_path)) == 1
    keeper.on_validation_end(5, {"loss": 0.8}, writer(5))
    assert [epoch_in(path) for path, _ in keeper.kept] == [4]
    assert listing(tmp_path) == manifest_and("epoch=04_loss=0.200.ckpt")


def test_a_corrupt_manifest_is_reported_and_nothing_is_deleted(tmp_path: Path) -> None:
    earlier_run(tmp_path, range(3), save_top_k=2)
    old = listing(tmp_path) - {MANIFEST_NAME}
    (tmp_path / MANIFEST_NAME).write_text("{ not json")

    with pytest.warns(CheckpointWarning, match="unreadable"):
        keeper = make(tmp_path, save_top_k=2)
    assert len(keeper.kept) == 0
    assert "unreadable" in keeper.problems[0]
    feed(keeper, range(3, len(VALUES)))
    assert old <= listing(tmp_path)  # the earlier checkpoints are foreign now
    assert any(name.startswith(".depthconf-checkpoints.corrupt-") for name in listing(tmp_path))
    assert [epoch_in(path) for path, _ in keeper.kept] == [7, 4]


@pytest.mark.parametrize(
    "content",
    [
        b"[]",
        b'{"format": "depthconf-checkpoints", "version": 99}',
        b'{"format": "depthconf-checkpoints", "version": 1, "settings": {}}',
    ],
)
def test_a_manifest_with_bad_fields_is_corrupt(tmp_path: Path, content: bytes) -> None:
    (tmp_path / MANIFEST_NAME).write_bytes(content)
    with pytest.warns(CheckpointWarning, match="unreadable"):
        make(tmp_path)


def test_a_manifest_cannot_point_outside_the_directory(tmp_path: Path) -> None:
    directory = tmp_path / "ckpt"
    earlier_run(directory, range(2), save_top_k=1)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    doc = json.loads((directory / MANIFEST_NAME).read_bytes())
    doc["entries"][0]["name"] = "../victim.txt"
    doc["entries"][0]["pending_removal"] = True
    (directory / MANIFEST_NAME).write_text(json.dumps(doc))
    with pytest.warns(CheckpointWarning, match="not a plain file name"):
        make(directory, save_top_k=1)
    assert victim.read_text() == "precious"


def test_a_missing_file_is_reported_and_dropped(tmp_path: Path) -> None:
    earlier_run(tmp_path, range(3))
    gone = tmp_path / "epoch=01_loss=0.400.ckpt"
    gone.unlink()
    with pytest.warns(CheckpointWarning, match="missing from disk"):
        keeper = make(tmp_path)
    assert [path.name for path, _ in keeper.kept] == [
        "epoch=02_loss=0.700.ckpt",
        "epoch=00_loss=0.900.ckpt",
    ]
    assert any("epoch=01_loss=0.400.ckpt" in p for p in keeper.problems)
    before = listing(tmp_path)
    feed(keeper, range(3, 4))  # there was room again: nothing deleted
    assert before <= listing(tmp_path)


def test_a_changed_file_is_reported_and_never_deleted(tmp_path: Path) -> None:
    earlier_run(tmp_path, range(3))
    changed = tmp_path / "epoch=00_loss=0.900.ckpt"
    changed.write_bytes(b"edited by hand")
    with pytest.warns(CheckpointWarning, match="changed on disk"):
        keeper = make(tmp_path)
    assert changed not in [path for path, _ in keeper.kept]
    feed(keeper, range(3, len(VALUES)))
    assert changed.read_bytes() == b"edited by hand"
    assert len(keeper.kept) == 3


def test_a_file_changed_while_pending_removal_is_not_deleted(tmp_path: Path) -> None:
    keeper = make(tmp_path, save_top_k=1)
    feed(keeper, range(1))
    doomed = tmp_path / "epoch=00_loss=0.900.ckpt"

    def edit(stage: str) -> None:
        if stage == "after_commit":
            doomed.write_bytes(b"somebody wrote here meanwhile")

    keeper._crash_point = edit
    with pytest.warns(CheckpointWarning, match="changed on disk"):
        feed(keeper, range(1, 2))
    assert doomed.read_bytes() == b"somebody wrote here meanwhile"


@pytest.mark.parametrize(
    "changed",
    [{"save_top_k": 2}, {"monitor": "rmse"}, {"mode": "max"}],
)
def test_a_manifest_with_other_settings_is_reported(
    tmp_path: Path, changed: dict[str, object]
) -> None:
    earlier_run(tmp_path, range(3))
    old = listing(tmp_path) - {MANIFEST_NAME}
    with pytest.warns(CheckpointWarning, match="was written with save_top_k=3"):
        keeper = make(tmp_path, **changed)
    assert len(keeper.kept) == 0
    key = "rmse" if "monitor" in changed else "loss"
    for epoch in range(3, len(VALUES)):
        keeper.on_validation_end(epoch, {key: VALUES[epoch]}, writer(epoch))
    assert old <= listing(tmp_path)
    assert keeper.problems[1:] == ()  # reported once
    keeper.close()
    again = make(tmp_path, **changed)
    assert again.problems == ()


def test_period_and_save_last_may_change_on_resume(tmp_path: Path) -> None:
    earlier_run(tmp_path, range(3))
    keeper = make(tmp_path, period=2, save_last=True)
    assert keeper.problems == ()
    assert len(keeper.kept) == 3
