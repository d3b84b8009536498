"""Edges of the retention policy that the keeper's own tests do not reach (found by
``make mutation``): wrong types for save_top_k, a mode without a monitor, ties among
checkpoints handed over out of order, a checkpoint without a value."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from depthconf.checkpointing._policy import check_policy, rank_key, retain, validate_retention
from depthconf.schema import Mode


@dataclass(frozen=True)
class C:
    seq: int
    value: float | None


@pytest.mark.parametrize("k", [3.0, "3", None])
def test_save_top_k_must_be_an_int_not_just_a_number(k: object) -> None:
    with pytest.raises(ValueError, match="save_top_k must be an int"):
        validate_retention(k, 1)  # type: ignore[arg-type]


@pytest.mark.parametrize("period", [2.0, "2", True, 0])
def test_period_must_be_an_int_of_at_least_one(period: object) -> None:
    with pytest.raises(ValueError, match="period must be an int >= 1"):
        validate_retention(3, period)  # type: ignore[arg-type]


def test_a_mode_without_a_monitor_ranks_nothing() -> None:
    # with -1 and no monitor the checkpoints are kept in write order: no mode applies
    assert check_policy(-1, 1, None, "min") is None
    assert check_policy(-1, 1, "abs_rel_lin", "max") is Mode.max


def test_ties_go_to_the_earlier_checkpoint_whatever_order_they_come_in() -> None:
    # a resumed keeper hands its kept checkpoints over in ledger order, not rank order
    kept, dropped = retain([C(2, 1.0), C(1, 1.0)], C(3, 1.0), save_top_k=1, mode=Mode.min)
    assert [c.seq for c in kept] == [1]
    assert [c.seq for c in dropped] == [2, 3]
    kept, _ = retain([C(5, None), C(4, None)], C(6, None), save_top_k=2, mode=None)
    assert [c.seq for c in kept] == [4, 5]


def test_a_checkpoint_without_a_value_ranks_by_its_seq_even_under_a_mode() -> None:
    assert rank_key(None, 7, Mode.min) == rank_key(None, 7, None) == (0, 0.0, 7)
