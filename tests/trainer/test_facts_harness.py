"""The fact harness itself: a row that does not hold must fail."""

from __future__ import annotations

import pytest

from tests.trainer.facts import E0, Fact, Verdict, assert_fact

# Rows whose verdicts are known today, each checked in both directions.
FACTS = [
    # packnet_sfm/models/model_checkpoint.py:133-134: the monitor must be emitted [C1].
    Fact(
        "C1",
        "packnet_sfm/models/model_checkpoint.py:133-134",
        ("checkpoint.save_top_k=3",),
        Verdict.error,
        "monitor_required",
    ),
]


@pytest.mark.parametrize("fact", FACTS, ids=lambda f: f.param_id)
def test_fact(fact: Fact) -> None:
    assert_fact(fact)


def test_a_wrong_verdict_fails() -> None:
    wrong = Fact("C1", "x", ("checkpoint.save_top_k=3",), Verdict.accepted)
    with pytest.raises(AssertionError, match="C1"):
        assert_fact(wrong)


def test_a_wrong_code_fails() -> None:
    wrong = Fact("C1", "x", ("checkpoint.save_top_k=3",), Verdict.error, "no_such_code")
    with pytest.raises(AssertionError, match="no_such_code"):
        assert_fact(wrong)


def test_the_bases_are_valid() -> None:
    assert_fact(Fact("E0", "n/a", (), Verdict.accepted, base=E0))
