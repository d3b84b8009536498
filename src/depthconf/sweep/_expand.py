"""Sweep expansion: the jobs of a multirun, exactly as Hydra's basic sweeper makes them.

The parsing and the cartesian product are Hydra's own (``OverridesParser`` and
``BasicSweeper.split_arguments``), so comma lists, ``range(...)``, ``choice(...)``,
``glob(...)``, group sweeps and ``hydra.sweeper.params`` mean what they mean in Hydra::

    >>> expand(["experiment=resnet_san_ncdb,resnet_san_kitti", "checkpoint.period=range(1,3)"])
    [['experiment=resnet_san_ncdb', 'checkpoint.period=1'], ['experiment=resnet_san_ncdb', \
'checkpoint.period=2'], ['experiment=resnet_san_kitti', 'checkpoint.period=1'], \
['experiment=resnet_san_kitti', 'checkpoint.period=2']]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from hydra._internal.core_plugins.basic_sweeper import BasicSweeper
from hydra.core.config_loader import ConfigLoader
from hydra.core.override_parser.overrides_parser import OverridesParser

Job = list[str]


def sweep_arguments(arguments: Sequence[str], params: Mapping[str, str] | None = None) -> list[str]:
    """``hydra.sweeper.params`` first, then the command line, as BasicSweeper orders them."""
    return [f"{key}={value}" for key, value in (params or {}).items()] + list(arguments)


def expand(
    arguments: Sequence[str],
    params: Mapping[str, str] | None = None,
    config_loader: ConfigLoader | None = None,
) -> list[Job]:
    """Every job of the sweep, in launch order: one list of overrides per job.

    ``config_loader`` lets ``glob(...)`` sweeps over a config group see the group's options.
    Raises Hydra's own errors (``OverrideParseException``, ``HydraException``) for a sweep
    Hydra's basic sweeper would reject.
    """
    parser = OverridesParser.create(config_loader=config_loader)
    overrides = parser.parse_overrides(sweep_arguments(arguments, params))
    # With no batch size BasicSweeper returns a single batch holding every job.
    (jobs,) = BasicSweeper.split_arguments(overrides, None)
    return jobs


def batches(jobs: list[Job], max_batch_size: int | None) -> list[list[Job]]:
    """The launcher batches BasicSweeper would hand over for ``max_batch_size``."""
    if max_batch_size is None:
        return [jobs]  # as BasicSweeper.split_arguments: one batch, even when empty
    return list(BasicSweeper.split_overrides_to_chunks(jobs, max_batch_size))
