"""Unit tests of the keeper's behaviour: values, names, pruning, period, save_last."""

from __future__ import annotations

import math
import warnings
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

from depthconf.checkpointing import (
    LOCK_NAME,
    MANIFEST_NAME,
    CheckpointKeeper,
    CheckpointWarning,
    Decision,
    MonitorKeyMissingError,
)

from .helpers import epoch_in, listing, manifest_and, temporaries, writer


def keeper_for(directory: Path, k: int = 1, mode: str = "min", **kw: object) -> CheckpointKeeper:
    return CheckpointKeeper(directory, save_top_k=k, monitor="loss", mode=mode, **kw)  # type: ignore[arg-type]


def run(keeper: CheckpointKeeper, values: list[float], start: int = 0) -> list[Decision]:
    return [
        keeper.on_validation_end(epoch, {"loss": value}, writer(epoch))
        for epoch, value in enumerate(values, start=start)
    ]


def kept_epochs(keeper: CheckpointKeeper) -> list[int]:
    return [epoch_in(path) for path, _ in keeper.kept]


def test_zero_is_a_value(tmp_path: Path) -> None:
    keeper = keeper_for(tmp_path)
    first, tie, better = run(keeper, [0.0, 0.0, -0.5])
    assert first.written is not None
    assert first.written.name == "epoch=00_loss=0.000.ckpt"
    assert first.is_best
    assert first.value == 0.0
    assert tie.written is None  # an equal value does not displace the earlier checkpoint
    assert better.removed == (first.written,)
    assert keeper.best_value == -0.5
    assert kept_epochs(keeper) == [2]


def test_nan_warns_and_never_displaces_a_finite_value(tmp_path: Path) -> None:
    keeper = keeper_for(tmp_path)
    run(keeper, [1.0])
    with pytest.warns(CheckpointWarning, match="nan"):
        (decision,) = run(keeper, [math.nan], start=1)
    assert decision.written is None
    assert keeper.best_value == 1.0
    assert kept_epochs(keeper) == [0]


def test_nan_is_kept_while_there_is_room_but_ranks_worst(tmp_path: Path) -> None:
    keeper = keeper_for(tmp_path, k=3)
    with pytest.warns(CheckpointWarning):
        run(keeper, [math.nan, 1.0, 2.0])
    assert kept_epochs(keeper) == [1, 2, 0]
    assert keeper.best_value == 1.0
    (decision,) = run(keeper, [0.5], start=3)
    assert decision.removed[0].name == "epoch=00_loss=nan.ckpt"
    assert kept_epochs(keeper) == [3, 1, 2]


@pytest.mark.parametrize(("mode", "bad"), [("max", math.inf), ("min", -math.inf)])
def test_infinity_never_displaces_a_finite_value(tmp_path: Path, mode: str, bad: float) -> None:
    keeper = keeper_for(tmp_path, mode=mode)
    run(keeper, [1.0])
    with pytest.warns(CheckpointWarning, match="inf"):
        (decision,) = run(keeper, [bad], start=1)
    assert decision.written is None
    assert kept_epochs(keeper) == [0]


def test_a_first_nan_is_the_best_until_a_finite_value_arrives(tmp_path: Path) -> None:
    keeper = keeper_for(tmp_path)
    with pytest.warns(CheckpointWarning):
        (first,) = run(keeper, [math.nan])
    assert first.is_best
    assert keeper.best_value is not None
    assert math.isnan(keeper.best_value)
    (finite,) = run(keeper, [100.0], start=1)
    assert finite.is_best
    assert finite.removed == (first.written,)


def test_a_name_collision_never_overwrites(tmp_path: Path) -> None:
    taken = tmp_path / "epoch=00_loss=0.500.ckpt"
    taken.write_bytes(b"foreign bytes")
    keeper = keeper_for(tmp_path)
    (decision,) = run(keeper, [0.5])
    assert decision.written == tmp_path / "epoch=00_loss=0.500-v1.ckpt"
    run(keeper, [0.1, 0.05], start=1)  # prunes the keeper's own -v1 file
    assert taken.read_bytes() == b"foreign bytes"
    assert not decision.written.exists()
    assert listing(tmp_path) == manifest_and(taken.name, "epoch=02_loss=0.050.ckpt")


def test_exhausted_versions_fall_back_to_a_random_suffix(tmp_path: Path) -> None:
    names = ["epoch=00_loss=0.500.ckpt"] + [f"epoch=00_loss=0.500-v{i}.ckpt" for i in range(1, 100)]
    for name in names:
        (tmp_path / name).write_bytes(b"foreign")
    (decision,) = run(keeper_for(tmp_path), [0.5])
    assert decision.written is not None
    assert decision.written.name not in names
    assert decision.written.name.startswith("epoch=00_loss=0.500-")
    assert all((tmp_path / name).read_bytes() == b"foreign" for name in names)


def test_foreign_files_survive_pruning(tmp_path: Path) -> None:
    lookalike = tmp_path / "epoch=05_loss=9.000.ckpt"
    lookalike.write_bytes(b"not the keeper's")
    (tmp_path / "notes.txt").write_text("hands off")
    keeper = keeper_for(tmp_path, k=2)
    run(keeper, [9.0, 8.0, 7.0, 6.0, 5.0, 9.0, 1.0])
    assert kept_epochs(keeper) == [6, 4]
    assert lookalike.read_bytes() == b"not the keeper's"
    assert (tmp_path / "notes.txt").read_text() == "hands off"
    kept_names = {p.name for p, _ in keeper.kept}
    assert listing(tmp_path) == manifest_and(lookalike.name, "notes.txt", *kept_names)


def test_keep_all_with_a_monitor_tracks_the_best(tmp_path: Path) -> None:
    keeper = keeper_for(tmp_path, k=-1, mode="max")
    decisions = run(keeper, [0.1, 0.3, 0.2, 0.3])
    assert [d.is_best for d in decisions] == [True, True, False, False]
    assert kept_epochs(keeper) == [1, 3, 2, 0]
    assert keeper.best_value == 0.3
    assert all(d.removed == () for d in decisions)


def test_unmonitored_keep_all_in_epoch_order(tmp_path: Path) -> None:
    keeper = CheckpointKeeper(tmp_path, save_top_k=-1, period=2)
    for epoch in range(6):
        keeper.on_validation_end(epoch, {}, writer(epoch))
    assert [p.name for p, _ in keeper.kept] == ["epoch=01.ckpt", "epoch=03.ckpt", "epoch=05.ckpt"]
    assert keeper.best_path is None
    assert keeper.best_value is None
    assert keeper.last_path == tmp_path / "epoch=05.ckpt"


def test_period_is_epoch_based_and_zero_indexed(tmp_path: Path) -> None:
    keeper = keeper_for(tmp_path, k=-1, period=3)
    decisions = run(keeper, [float(e) for e in range(9)])
    assert [d.epoch for d in decisions if d.written] == [2, 5, 8]
    assert "not a save epoch (period=3)" in decisions[0].reason


def test_save_last_tracks_the_newest_state_and_is_never_pruned(tmp_path: Path) -> None:
    keeper = keeper_for(tmp_path, k=1, save_last=True)
    decisions = run(keeper, [0.5, 0.9, 0.1, 0.7])
    last = tmp_path / "last.ckpt"
    assert [d.last for d in decisions] == [last] * 4
    assert decisions[1].written is None  # not in the top 1, but last.ckpt is still written
    assert epoch_in(last) == 3
    assert keeper.last_path == last
    assert kept_epochs(keeper) == [2]
    assert listing(tmp_path) == manifest_and("last.ckpt", "epoch=02_loss=0.100.ckpt")


def test_a_foreign_last_ckpt_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "last.ckpt").write_bytes(b"foreign last")
    keeper = keeper_for(tmp_path, save_last=True)
    run(keeper, [0.5, 0.4])
    assert (tmp_path / "last.ckpt").read_bytes() == b"foreign last"
    assert keeper.last_path == tmp_path / "last-v1.ckpt"
    assert epoch_in(tmp_path / "last-v1.ckpt") == 1


def test_a_missing_monitor_key_raises_one_clear_error(tmp_path: Path) -> None:
    directory = tmp_path / "ckpt"
    keeper = CheckpointKeeper(directory, save_top_k=3, monitor="val-abs_rel", mode="min")
    metrics = {"val-abs_rel_lin": 0.1, "val-rmse": 4.2}
    with pytest.raises(MonitorKeyMissingError) as info:
        keeper.on_validation_end(0, metrics, writer(0))
    message = str(info.value)
    assert isinstance(info.value, KeyError)
    assert "'val-abs_rel'" in message
    assert "'val-abs_rel_lin', 'val-rmse'" in message
    assert "depthconf check" in message
    assert "Did you mean 'val-abs_rel_lin'" in message
    assert listing(directory) == {LOCK_NAME}  # locked by the keeper, nothing written


def test_a_template_field_missing_from_metrics_is_reported(tmp_path: Path) -> None:
    keeper = keeper_for(tmp_path, filename="{epoch:02d}-{loss:.2f}-{val/rmse:.1f}")
    with pytest.raises(MonitorKeyMissingError, match="filename template"):
        keeper.on_validation_end(0, {"loss": 0.25}, writer(0))
    decision = keeper.on_validation_end(1, {"loss": 0.25, "val/rmse": 3.0}, writer(1))
    assert decision.written == tmp_path / "epoch=01-loss=0.25-val_rmse=3.0.ckpt"


def test_decision_is_frozen(tmp_path: Path) -> None:
    (decision,) = run(keeper_for(tmp_path), [1.0])
    with pytest.raises(FrozenInstanceError):
        decision.is_best = False  # type: ignore[misc]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"save_top_k": 0}, "save_top_k must be -1"),
        ({"save_top_k": -2}, "save_top_k must be -1"),
        ({"save_top_k": -1, "period": 0}, "period must be"),
        ({"save_top_k": 3}, "monitor .* required"),
        ({"save_top_k": 3, "monitor": "loss"}, "mode .* required"),
        ({"save_top_k": 3, "monitor": "loss", "mode": "best"}, "mode must be"),
        ({"save_top_k": -1, "monitor": ""}, "monitor must be"),
        ({"save_top_k": -1, "filename": "{epoch:02d"}, "invalid checkpoint filename"),
        ({"save_top_k": -1, "filename": "{epoch:.3q}"}, "invalid checkpoint filename"),
        ({"save_top_k": -1, "filename": ""}, "must not be empty"),
    ],
)
def test_invalid_arguments_are_rejected(
    tmp_path: Path, kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        CheckpointKeeper(tmp_path, **kwargs)  # type: ignore[arg-type]


def test_no_warning_for_an_ordinary_run(tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        keeper = keeper_for(tmp_path, k=2, save_last=True)
        run(keeper, [3.0, 2.0, 1.0, 0.0])
        keeper.close()
        keeper_for(tmp_path, k=2, save_last=True).close()
    assert keeper.problems == ()
    assert temporaries(tmp_path) == set()
    assert (tmp_path / MANIFEST_NAME).exists()
