"""Edges of the metric-key contract found by ``make mutation``: each direction's words,
and the longest metric winning when a name reads two ways."""

from __future__ import annotations

from depthconf.metrics._contract import direction_of, phrase, split_short_name
from depthconf.schema import Mode


def test_each_direction_in_words() -> None:
    assert phrase(Mode.min) == "lower is better"
    assert phrase(Mode.max) == "higher is better"


def test_the_longest_metric_wins_when_a_name_reads_two_ways() -> None:
    # with modes "" and "_log", 'rmse_log' is rmse_log in mode "" or rmse in mode "_log"
    assert split_short_name("rmse_log", ("", "_log")) == ("rmse_log", "")
    assert split_short_name("rmse_log_log", ("", "_log")) == ("rmse_log", "_log")
    assert split_short_name("rmse_lin", ("_lin",)) == ("rmse", "_lin")
    assert split_short_name("loss", ("", "_lin")) is None


def test_a_direction_follows_the_metric_not_the_mode() -> None:
    assert direction_of("a1_lin", ("_lin",)) is Mode.max
    assert direction_of("abs_rel_lin_gt", ("_lin", "_lin_gt")) is Mode.min
    assert direction_of("abs_rel", ("_lin",)) is None
