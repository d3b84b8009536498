"""The direction check: ``checkpoint.mode`` against the monitored metric's direction.

README: "``mode=max`` on ``abs_rel_lin`` is refused (the keeper would keep the worst
checkpoints)", and "a set ``monitor`` always needs an explicit ``mode``, even with
``save_top_k: -1`` (the keeper still tracks the best checkpoint)". So the check is an
error whatever ``save_top_k`` keeps, not only when the best k are ranked: with -1 the
keeper's ``best_path`` would name the worst checkpoint.

The directions below are written from what the metrics measure (errors: lower is
better; threshold accuracies: higher is better), not read from depthconf's table.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

import depthconf
from depthconf.metrics import METRICS
from depthconf.schema import to_dict

LOWER_IS_BETTER = ("abs_rel", "sqr_rel", "rmse", "rmse_log")
HIGHER_IS_BETTER = ("a1", "a2", "a3")
DIRECTION = {**dict.fromkeys(LOWER_IS_BETTER, "min"), **dict.fromkeys(HIGHER_IS_BETTER, "max")}
OPPOSITE = {"min": "max", "max": "min"}
#: (save_top_k, filepath): keep all with and without checkpoints written, and ranked.
POLICIES = [(-1, "checkpoints"), (-1, ""), (1, "checkpoints"), (3, "checkpoints")]


@pytest.fixture(scope="module")
def base() -> dict[str, Any]:
    return to_dict(depthconf.compose("resnet_san_ncdb"))


def _checked(base: dict[str, Any], k: int, filepath: str, monitor: str, mode: str) -> Any:
    data = copy.deepcopy(base)
    data["checkpoint"].update(save_top_k=k, filepath=filepath, monitor=monitor, mode=mode)
    return depthconf.check(data)


def test_the_table_here_covers_every_metric() -> None:
    assert set(DIRECTION) == set(METRICS)


@pytest.mark.parametrize(("k", "filepath"), POLICIES)
@pytest.mark.parametrize("metric", sorted(DIRECTION))
def test_the_wrong_direction_is_an_error_whatever_save_top_k(
    base: dict[str, Any], metric: str, k: int, filepath: str
) -> None:
    right = DIRECTION[metric]
    report = _checked(base, k, filepath, f"{metric}_lin", OPPOSITE[right])
    assert [(v.code, v.path) for v in report.errors] == [("mode_direction", "checkpoint.mode")]
    (violation,) = report.errors
    assert violation.value == OPPOSITE[right]
    assert violation.fix == f"checkpoint.mode={right}"
    assert "worst" in violation.rule


@pytest.mark.parametrize(("k", "filepath"), POLICIES)
@pytest.mark.parametrize("metric", sorted(DIRECTION))
def test_the_right_direction_is_accepted(
    base: dict[str, Any], metric: str, k: int, filepath: str
) -> None:
    report = _checked(base, k, filepath, f"{metric}_lin", DIRECTION[metric])
    assert report.ok, [v.render() for v in report.errors]


@pytest.mark.parametrize("suffix", ["_lin", "_log", "_lin_gt", "_log_gt"])
def test_every_evaluation_mode_of_a_metric_has_its_direction(
    base: dict[str, Any], suffix: str
) -> None:
    # the fork's key suffixes (packnet_sfm/models/model_wrapper.py:689-692)
    report = _checked(base, -1, "checkpoints", f"a2{suffix}", "min")
    assert [v.code for v in report.errors] == ["mode_direction"]


def test_compose_refuses_it_with_save_top_k_minus_one() -> None:
    """The public compose path, as a trainer calls it (one Hydra composition)."""
    with pytest.raises(depthconf.ConfigError) as error:
        depthconf.compose(
            "resnet_san_ncdb",
            ["checkpoint.save_top_k=-1", "checkpoint.monitor=abs_rel_lin", "checkpoint.mode=max"],
        )
    assert [v.code for v in error.value.violations] == ["mode_direction"]
