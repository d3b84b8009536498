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

from hydra.core.config_loader import ConfigLoader

from depthconf.composition._hydra_compat import (
    Override,
    chunks,
    parse_overrides,
    split_arguments,
)

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
    return split_arguments(_parse(arguments, params, config_loader))


def _parse(
    arguments: Sequence[str], params: Mapping[str, str] | None, config_loader: ConfigLoader | None
) -> list[Override]:
    return parse_overrides(sweep_arguments(arguments, params), config_loader)


def empty_sweeps(
    arguments: Sequence[str],
    params: Mapping[str, str] | None = None,
    config_loader: ConfigLoader | None = None,
) -> list[Override]:
    """The sweep overrides that expand to no value (``glob(*nope*)``, ``range(1,1)``):
    each one alone makes the sweep's product empty."""
    return [
        override
        for override in _parse(arguments, params, config_loader)
        if override.is_sweep_override() and next(override.sweep_string_iterator(), None) is None
    ]


def batches(jobs: list[Job], max_batch_size: int | None) -> list[list[Job]]:
    """The launcher batches BasicSweeper would hand over for ``max_batch_size``."""
    if max_batch_size is None:
        return [jobs]  # as BasicSweeper.split_arguments: one batch, even when empty
    return chunks(jobs, max_batch_size)
