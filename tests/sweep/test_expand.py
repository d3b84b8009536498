"""Sweep expansion is Hydra's basic sweeper's: same jobs, same order, same batches."""

from __future__ import annotations

import pytest
from hydra._internal.core_plugins.basic_sweeper import BasicSweeper
from hydra.core.override_parser.overrides_parser import OverridesParser

from depthconf.sweep import SweepSource, batches, expand, sweep_jobs
from depthconf.validation import ConfigError


def _basic(arguments: list[str], source: SweepSource, size: int | None = None) -> list[list[str]]:
    parser = OverridesParser.create(config_loader=source.loader)
    chunks = BasicSweeper.split_arguments(parser.parse_overrides(arguments), size)
    return [job for chunk in chunks for job in chunk]


@pytest.mark.parametrize(
    "arguments",
    [
        ["experiment=resnet_san_ncdb,resnet_san_kitti", "checkpoint.period=1,2"],
        ["checkpoint.save_top_k=range(1,4)", "checkpoint.mode=choice(min,max)"],
        ["experiment=glob(resnet_san_ncdb*)", "+extra=1"],
        ["model.optimizer.depth.lr=range(0.1,0.3,0.1)", "~checkpoint.monitor"],
        ["datasets.train.path=[a,b],[c]", "name='a,b',c"],
        [],
    ],
)
def test_jobs_are_the_basic_sweepers(arguments: list[str], source: SweepSource) -> None:
    assert expand(arguments, config_loader=source.loader) == _basic(arguments, source)


def test_glob_sees_the_group_options(source: SweepSource) -> None:
    jobs = expand(["experiment=glob(resnet_san_ncdb*)"], config_loader=source.loader)
    assert [j[0] for j in jobs] == [
        "experiment=resnet_san_ncdb",
        "experiment=resnet_san_ncdb_640x384",
        "experiment=resnet_san_ncdb_dual_head_640x384",
        "experiment=resnet_san_ncdb_indoor_dual_head_640x384",
    ]


def test_params_come_first_and_the_command_line_wins() -> None:
    jobs = expand(["checkpoint.period=3"], {"checkpoint.period": "1,2", "name": "a,b"})
    # BasicSweeper keys its product by override key: the command line replaces params.
    assert jobs == [["checkpoint.period=3", "name=a"], ["checkpoint.period=3", "name=b"]]


@pytest.mark.parametrize("size", [None, 1, 2, 3, 7])
def test_batches_are_the_basic_sweepers(size: int | None, source: SweepSource) -> None:
    arguments = ["checkpoint.period=1,2,3", "checkpoint.save_top_k=-1,1"]
    parser = OverridesParser.create(config_loader=source.loader)
    expected = BasicSweeper.split_arguments(parser.parse_overrides(arguments), size)
    assert batches(expand(arguments), size) == expected


def test_a_sweep_hydra_rejects_is_a_config_error() -> None:
    with pytest.raises(ConfigError) as raised:
        sweep_jobs(["checkpoint.period=interval(1,2)"], None, None)
    assert "does not support sweep type" in raised.value.violations[0].rule
    with pytest.raises(ConfigError) as raised:
        sweep_jobs(["checkpoint.period=[1,"], None, None)
    assert raised.value.violations[0].code == "override_syntax"
