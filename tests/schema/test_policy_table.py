"""The checkpoint policy (depthconf.schema._policy) as a table: every save_top_k around
its thresholds, every monitor/mode combination. The schema, the keeper and the run plan
all read these functions, so an off-by-one here is one in all three."""

from __future__ import annotations

import pytest

from depthconf.schema._policy import KEEP_ALL, Gap, Mode, Retention, gap, kept, retention


@pytest.mark.parametrize(
    ("k", "meaning", "valid"),
    [
        (-3, Retention.meaningless, False),
        (-2, Retention.meaningless, False),
        (-1, Retention.keep_all, True),
        (0, Retention.zero, False),
        (1, Retention.best, True),
        (2, Retention.best, True),
        (10**6, Retention.best, True),
    ],
)
def test_what_save_top_k_means(k: int, meaning: Retention, valid: bool) -> None:
    assert retention(k) is meaning
    assert meaning.valid is valid


def test_keep_all_is_minus_one() -> None:
    assert KEEP_ALL == -1


# (save_top_k, monitor, mode) -> what the policy lacks
@pytest.mark.parametrize(
    ("k", "monitor", "mode", "lacks"),
    [
        (1, None, None, Gap.ranking),
        (1, "abs_rel_lin", None, Gap.ranking),
        (1, None, Mode.min, Gap.ranking),
        (1, "abs_rel_lin", Mode.min, None),
        (2, "abs_rel_lin", "max", None),
        (-1, None, None, None),
        (-1, None, Mode.min, None),
        (-1, "abs_rel_lin", None, Gap.mode),
        (-1, "abs_rel_lin", Mode.max, None),
        (0, "abs_rel_lin", None, Gap.mode),
        (0, None, None, None),
        (-2, None, None, None),
    ],
)
def test_what_a_policy_lacks(
    k: int, monitor: str | None, mode: str | None, lacks: Gap | None
) -> None:
    assert gap(k, monitor, mode) is lacks


def test_what_is_kept_in_words() -> None:
    assert kept(-1) == "keep all"
    assert kept(1) == "keep the best 1"
    assert kept(3) == "keep the best 3"
