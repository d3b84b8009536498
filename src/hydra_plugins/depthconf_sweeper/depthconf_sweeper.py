"""The depthconf sweeper: Hydra's basic sweep, with every job validated before any launches.

Selected by ``conf/train.yaml``; any Hydra app can use it with ``hydra/sweeper=depthconf``::

    depthconf run -m experiment=resnet_san_ncdb,resnet_san_kitti checkpoint.period=1,2
    depthconf run -m experiment=resnet_san_ncdb checkpoint.save_top_k=-1,3   # exit 2, no job
    depthconf run -m experiment=resnet_san_ncdb,resnet_san_kitti hydra.sweeper.dry_run=true

Jobs are expanded exactly as by ``BasicSweeper`` (same parser, same product, same
``max_batch_size`` batches, ``params`` first); all the work lives in
:mod:`depthconf.sweep`, imported only when a sweep runs so that Hydra's plugin scan
stays cheap for apps that never use it.
"""

# No ``from __future__ import annotations``: Hydra's plugin scan executes this module
# without registering it in sys.modules, and dataclasses then cannot read string annotations.
import logging
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hydra.core.config_store import ConfigStore
from hydra.core.utils import JobReturn
from hydra.plugins.launcher import Launcher
from hydra.plugins.sweeper import Sweeper
from hydra.types import HydraContext, TaskFunction
from omegaconf import DictConfig, OmegaConf

log = logging.getLogger(__name__)


@dataclass
class DepthconfSweeperConf:
    """``hydra/sweeper=depthconf``: BasicSweeperConf's fields, plus ``dry_run``.

    ``params`` defaults to ``{}`` where BasicSweeperConf has ``None``, into which
    OmegaConf cannot merge a dict: ``+hydra.sweeper.params={...}`` on the command
    line then works (plain ``=`` cannot add keys to the struct-mode ``hydra`` node).
    """

    _target_: str = "hydra_plugins.depthconf_sweeper.depthconf_sweeper.DepthconfSweeper"
    max_batch_size: int | None = None
    params: dict[str, str] | None = field(default_factory=dict)
    dry_run: bool = False


ConfigStore.instance().store(
    group="hydra/sweeper", name="depthconf", node=DepthconfSweeperConf, provider="depthconf"
)


class DepthconfSweeper(Sweeper):
    """Expand as BasicSweeper, pre-flight every job, launch only if all are valid."""

    def __init__(
        self,
        max_batch_size: int | None = None,
        params: Mapping[str, Any] | None = None,
        dry_run: bool = False,
    ) -> None:
        super().__init__()
        self.max_batch_size = max_batch_size
        self.params = params
        self.dry_run = dry_run
        self.hydra_context: HydraContext | None = None
        self.config: DictConfig | None = None
        self.launcher: Launcher | None = None

    def setup(
        self, *, hydra_context: HydraContext, task_function: TaskFunction, config: DictConfig
    ) -> None:
        from hydra.core.plugins import Plugins

        self.hydra_context = hydra_context
        self.config = config
        self.launcher = Plugins.instance().instantiate_launcher(
            hydra_context=hydra_context, task_function=task_function, config=config
        )

    def sweep(self, arguments: list[str]) -> Any:
        from depthconf._app import EXIT_INVALID, fail
        from depthconf.sweep import (
            SweepSource,
            batches,
            located,
            plan,
            preflight,
            print_invalid_jobs,
            print_job_table,
        )
        from depthconf.validation import ConfigError

        assert self.config is not None and self.hydra_context is not None
        loader = self.hydra_context.config_loader
        try:
            jobs = plan(
                arguments,
                self.config,
                loader,
                params=self.params,
                max_batch_size=self.max_batch_size,
            )
        except ConfigError as error:
            fail(error)
        tic = time.perf_counter()
        source = SweepSource.of_master(loader, self.config)
        result = preflight(jobs, source)
        log.info(f"depthconf pre-flight: {result.counts} ({time.perf_counter() - tic:.2f} s)")
        result = located(result, source)  # only an invalid sweep: where its values came from
        if self.dry_run:
            print_job_table(result)
            if not result.ok:
                sys.exit(EXIT_INVALID)
            return []
        if not result.ok:
            print_invalid_jobs(result)
            sys.exit(EXIT_INVALID)
        return self._launch(batches(jobs, self.max_batch_size))

    def _launch(self, job_batches: Sequence[Sequence[Sequence[str]]]) -> list[Sequence[JobReturn]]:
        """BasicSweeper.sweep's launch loop: same sweep dir, batches, indices and returns.

        Hydra's own per-batch ``validate_batch_is_legal`` (one more composition of every
        job) is left out: the pre-flight has composed every job already.
        """
        assert self.config is not None and self.launcher is not None
        sweep_dir = Path(self.config.hydra.sweep.dir)
        sweep_dir.mkdir(parents=True, exist_ok=True)
        OmegaConf.save(self.config, sweep_dir / "multirun.yaml")
        returns: list[Sequence[JobReturn]] = []
        initial_job_idx = 0
        for batch in job_batches:
            results = self.launcher.launch(batch, initial_job_idx=initial_job_idx)
            for r in results:
                _ = r.return_value  # raises if the job failed, as in BasicSweeper
            initial_job_idx += len(batch)
            returns.append(results)
        return returns
