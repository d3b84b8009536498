"""The pre-flight's fast path gives exactly what composing each job with Hydra gives.

Random sweeps (group sweeps, value sweeps, interpolations, ``+``/``++``/``~``,
wrong types, unknown keys and options, dict and list values, in any order) are
expanded; every job is judged by the pre-flight and, separately, composed alone
with Hydra's compose API and validated, as ``depthconf check`` does. Verdicts,
validated configs and the resolved data must be identical, job by job.
"""

from __future__ import annotations

import functools
import os
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

import pytest
from hydra.types import RunMode
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from omegaconf import OmegaConf, open_dict

from depthconf.composition import Composed
from depthconf.sweep import SweepSource, expand, judge_jobs
from depthconf.validation import check
from tests.sweep.conftest import Reference, reference

GROUPS: dict[str, list[str]] = {
    "experiment": [
        "resnet_san_ncdb",
        "resnet_san_kitti",
        "packnet_san_kitti",
        "yolov8_san_kitti",
        "resnet_san_ncdb_dual_head_640x384",
        "no_such_experiment",
    ],
    "checkpoint": ["save_all", "best_3", "every_2_epochs"],
    "dataset": ["kitti", "ncdb", "ncdb_640x384", "kitti_tiny"],
    "model/depth_net": ["resnet_san_18", "packnet_san", "yolov8_san_s"],
    "trainer": ["fork_208e293", "upstream_de53b31"],
}

# Values that can stand in a comma-separated sweep.
VALUES: dict[str, list[str]] = {
    "checkpoint.save_top_k": ["-1", "0", "1", "3"],
    "checkpoint.monitor": ["abs_rel_lin", "abs_rel_lin_gt", "loss", "null"],
    "checkpoint.mode": ["min", "max", "null", "sideways"],
    "checkpoint.period": ["1", "2", "0", "abc"],
    "model.optimizer.depth.lr": ["0.1", "1e-4", "${model.optimizer.pose.lr}"],
    "datasets.train.batch_size": ["1", "4", "-1", "${checkpoint.period}"],
    "name": ["foo", "${model.depth_net.name}", "${nonexistent}", "???", "run_${arch.seed}"],
    "wandb.project": ["proj", "${name}"],
    "arch.max_epochs": ["10", "${datasets.train.batch_size}"],
    "datasets.train.path": ["[a,b]", "[/x]"],
    "datasets.train.path.0": ["/y"],
    "datasets.validation.depth_type": ["[groundtruth]", "[]"],
    "checkpoint.save_topk": ["3"],
    "model.depth_net.variant": ["s", "null"],
}

# Overrides used whole: prefixes, dict values, deletions.
WHOLE: list[str] = [
    "++checkpoint.save_top_k=5",
    "+checkpoint.save_top_k=5",
    "+checkpoint.newkey=1",
    "++extra.key=1",
    "+foo=${checkpoint.period}",
    "~checkpoint.monitor",
    "~checkpoint.mode=min",
    "~wandb.project",
    "~checkpoint",
    "~name",
    "checkpoint={save_top_k:3,monitor:abs_rel_lin,mode:min}",
    "++checkpoint={monitor:abs_rel_lin_gt,mode:max}",
    "model.params={crop:'',min_depth:1.0}",
    "wandb.tags=[a,'${name}']",
    "~checkpoint",
    "+model/depth_net@extra_net=packnet_san",
    "~metrics",
    "checkpoint.monitor='${wandb.project}'",
    "++extra.other=${extra.key}",
    "+ckpt=${checkpoint}",
    "ckpt.period=3",
    "~datasets.train.path.0",
    "++datasets.train.path.1=z",
    "datasets.train.cameras.0=[c0,c1]",
]


def _choices(draw: st.DrawFn, options: Sequence[str], sweeps_left: int) -> tuple[str, bool]:
    # One override in three is swept: sweeps of 1, 2 and 4 jobs, most of them small
    # (composing each job the slow way is what this test spends its time on).
    swept = sweeps_left and len(options) > 1 and draw(st.integers(0, 2)) == 0
    count = 2 if swept else 1
    picked = draw(
        st.lists(st.sampled_from(list(options)), min_size=count, max_size=count, unique=True)
    )
    return ",".join(picked), count > 1


@st.composite
def sweeps(draw: st.DrawFn) -> list[str]:
    """A command line of at most two swept overrides of two values: at most 4 jobs."""
    overrides: list[str] = []
    sweeps_left = 2
    for group in draw(st.lists(st.sampled_from(sorted(GROUPS)), max_size=2, unique=True)):
        value, swept = _choices(draw, GROUPS[group], sweeps_left)
        sweeps_left -= swept
        overrides.append(f"{group}={value}")
    for key in draw(st.lists(st.sampled_from(sorted(VALUES)), max_size=3, unique=True)):
        value, swept = _choices(draw, VALUES[key], sweeps_left)
        sweeps_left -= swept
        overrides.append(f"{key}={value}")
    overrides += draw(st.lists(st.sampled_from(WHOLE), max_size=2, unique=True))
    return list(draw(st.permutations(overrides)))


@functools.lru_cache(maxsize=4096)
def _reference(job: tuple[str, ...]) -> Reference:
    return reference(job)


def _ordered(value: Any) -> Any:
    """Data with its key order made visible to ``==``."""
    if isinstance(value, dict):
        return [(k, _ordered(v)) for k, v in value.items()]
    if isinstance(value, list):
        return [_ordered(v) for v in value]
    return value


def assert_same(jobs: list[list[str]], source: SweepSource) -> list[str]:
    outcomes = sorted(judge_jobs(jobs, source, keep_data=True), key=lambda o: o.index)
    assert [o.index for o in outcomes] == list(range(len(jobs)))
    for job, outcome in zip(jobs, outcomes, strict=True):
        expected = _reference(tuple(job))
        assert outcome.overrides == tuple(job)
        assert outcome.report.errors == expected.report.errors, job
        assert outcome.report.warnings == expected.report.warnings, job
        assert outcome.report.config == expected.report.config, job
        assert _ordered(outcome.data) == _ordered(expected.data), job
    return [o.route for o in outcomes]


EXAMPLES = int(os.environ.get("DEPTHCONF_EQUIVALENCE_EXAMPLES", "200"))


class ReusedBases(SweepSource):
    """A source whose bases outlive a sweep: each is composed once for all examples.

    Halves the run time, and makes the test stricter: every base serves the jobs of
    many sweeps, so a job that left any trace in its base would fail a later one.
    """

    def compose(self, overrides: Sequence[str]) -> Composed:
        key = tuple(overrides)
        if key not in _BASES:
            _BASES[key] = super().compose(overrides)
            while len(_BASES) > 32:  # bounded: the least recently used goes
                _BASES.popitem(last=False)
        _BASES.move_to_end(key)
        return _BASES[key]


_BASES: OrderedDict[tuple[str, ...], Composed] = OrderedDict()


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(sweep=sweeps())
def test_fast_path_matches_composing_every_job(sweep: list[str], source: SweepSource) -> None:
    jobs = expand(sweep)
    assert len(jobs) <= 4
    for route in assert_same(jobs, ReusedBases(source.loader)):
        event(f"route: {route}")


@pytest.mark.parametrize(
    "sweep",
    [
        [
            "experiment=resnet_san_ncdb",
            "checkpoint.save_top_k=-1,3",
            "checkpoint.monitor=abs_rel_lin",
        ],
        ["experiment=resnet_san_ncdb,resnet_san_kitti", "datasets.train.batch_size=1,4"],
        ["checkpoint=save_all,best_3", "model.optimizer.depth.lr=0.1,${model.optimizer.pose.lr}"],
        ["experiment=resnet_san_ncdb", "~checkpoint.monitor", "+checkpoint.monitor=abs_rel_lin,x"],
    ],
)
def test_common_sweeps_take_the_fast_route(sweep: list[str], source: SweepSource) -> None:
    assert set(assert_same(expand(sweep), source)) == {"fast"}


def test_jobs_the_fast_path_cannot_vouch_for_are_judged_whole(source: SweepSource) -> None:
    routes = assert_same(expand(["name=???,${nonexistent}"]), source)
    assert routes == ["full", "full"]
    routes = assert_same(expand(["+ckpt=${checkpoint}", "ckpt.period=3,0"]), source)
    assert routes == ["full", "full"]


@pytest.mark.parametrize(
    "overrides",
    [
        ["experiment=resnet_san_ncdb,resnet_san_kitti", "checkpoint.save_top_k=-1,3"],
        ["hydra/launcher=joblib", "hydra.job.name=x", "checkpoint=best_3,save_all", "name=a,b"],
        ["hydra.job.chdir=true", "experiment=resnet_san_ncdb", "datasets.train.batch_size=0,2"],
    ],
)
def test_verdicts_match_hydras_own_composition_of_each_job(
    overrides: list[str], source: SweepSource
) -> None:
    """In a multirun, the reference is Hydra's ``load_sweep_config`` (what launchers run)."""
    master = source.loader.load_configuration("train", overrides, RunMode.MULTIRUN)
    jobs = expand(OmegaConf.to_container(master.hydra.overrides.task, resolve=False))
    swept = SweepSource.of_master(source.loader, master)
    for outcome in sorted(judge_jobs(jobs, swept), key=lambda o: o.index):
        cfg = source.loader.load_sweep_config(master, list(outcome.overrides))
        with open_dict(cfg):
            del cfg["hydra"]
        expected = check(cfg, overrides=outcome.overrides)
        assert outcome.report == expected, outcome.overrides
