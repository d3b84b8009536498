"""Trainer profiles: one per supported trainer version, selectable as a config group."""

from __future__ import annotations

import re

import pytest

import depthconf
from depthconf.composition import conf_dir
from depthconf.trainer import PROFILES, Choices, TrainerName, profile_of

CITE = re.compile(r"^[\w/.]+\.py:\d+(-\d+)?(, ([\w/.]+\.py)?:\d+(-\d+)?)*$")


def _choices(name: TrainerName) -> dict[str, Choices]:
    profile = PROFILES[name]
    return {f: v for f, v in vars(profile).items() if isinstance(v, Choices)}


def test_every_name_has_a_profile_and_a_group_option() -> None:
    options = {p.stem for p in (conf_dir() / "trainer").glob("*.yaml")}
    assert set(PROFILES) == set(TrainerName) == options


@pytest.mark.parametrize("name", list(TrainerName))
def test_every_failure_and_quirk_cites_the_trainer(name: TrainerName) -> None:
    for field, choices in _choices(name).items():
        assert choices.works, field
        for failure in choices.fails.values():
            assert CITE.match(failure.cite), (field, failure.cite)
        for quirk in choices.quirks.values():
            assert CITE.match(quirk.cite), (field, quirk.cite)
        assert not set(choices.works) & set(choices.fails), field
    for key, quirk in PROFILES[name].ignored_keys.items():
        assert CITE.match(quirk.cite), (key, quirk.cite)


def test_the_fork_is_the_default() -> None:
    assert profile_of(depthconf.compose("resnet_san_ncdb")).name is TrainerName.fork_208e293


def test_an_unknown_profile_is_a_launch_error() -> None:
    with pytest.raises(depthconf.ConfigError) as error:
        depthconf.compose("resnet_san_ncdb", ["trainer=fork"])
    assert "fork_208e293" in error.value.violations[0].rule


def test_metric_modes_follow_the_profile() -> None:
    # packnet_sfm/models/model_wrapper.py:62 at 208e293; :49 upstream at de53b31.
    fork = depthconf.compose("packnet_san_kitti", ["checkpoint=best_3"])
    assert (
        depthconf.metrics.monitor_key(fork) == "KITTI_raw-eigen_test_files-groundtruth-abs_rel_lin"
    )
    upstream = depthconf.compose(
        "packnet_san_kitti",
        ["trainer=upstream_de53b31", "checkpoint=best_3", "checkpoint.monitor=abs_rel"],
    )
    assert (
        depthconf.metrics.monitor_key(upstream) == "KITTI_raw-eigen_test_files-groundtruth-abs_rel"
    )
