"""Where the jobs of a sweep are composed from: what they all share.

A sweep's jobs are composed from one primary config, with one config loader and
the same Hydra overrides (``hydra.*``, ``hydra/launcher=...``); only the task
overrides differ. Inside a Hydra multirun that is the sweep's own config
(:meth:`SweepSource.of_master`, as Hydra's ``load_sweep_config`` composes each
job); outside, the loader ``compose_config`` uses::

    with config_loader() as loader:
        composed = SweepSource(loader).compose(["experiment=resnet_san_ncdb"])
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from hydra._internal.config_loader_impl import ConfigLoaderImpl
from hydra.core.config_loader import ConfigLoader
from hydra.types import RunMode
from omegaconf import DictConfig, OmegaConf, open_dict

from depthconf.composition import PRIMARY_CONFIG, Composed
from depthconf.sweep._overrides import GroupRepository


@dataclass(frozen=True)
class SweepSource:
    """What every job of a sweep shares: the loader, the primary config, Hydra's overrides.

    ``master`` is the sweep's own config, whose resolver cache each job starts from,
    as Hydra's ``load_sweep_config`` does.
    """

    loader: ConfigLoader
    config_name: str | None = PRIMARY_CONFIG
    hydra_overrides: tuple[str, ...] = ()
    from_shell: bool = False
    master: DictConfig | None = None

    @classmethod
    def of_master(cls, loader: ConfigLoader, master: DictConfig) -> SweepSource:
        """The source Hydra's launchers compose each job from (``load_sweep_config``)."""
        hydra_overrides = [str(o) for o in master.hydra.overrides.hydra]
        return cls(loader, master.hydra.job.config_name, tuple(hydra_overrides), True, master)

    @functools.cached_property
    def repository(self) -> GroupRepository | None:
        """The config repository Hydra classifies this sweep's overrides with."""
        if not isinstance(self.loader, ConfigLoaderImpl):
            return None
        try:
            _, repo = self.loader._parse_overrides_and_create_caching_repo(
                self.config_name, list(self.hydra_overrides)
            )
        except Exception:  # every job is then composed by Hydra and reports the problem
            return None
        return repo

    def compose(self, overrides: Sequence[str]) -> Composed:
        """Compose with Hydra, as ``compose_config`` does; Hydra's errors propagate."""
        cfg = self.loader.load_configuration(
            config_name=self.config_name,
            overrides=[*self.hydra_overrides, *overrides],
            run_mode=RunMode.RUN,
            from_shell=self.from_shell,
        )
        if self.master is not None:
            OmegaConf.copy_cache(from_config=self.master, to_config=cfg)
        choices = OmegaConf.to_container(cfg.hydra.runtime.choices)
        assert isinstance(choices, dict)
        with open_dict(cfg):
            del cfg["hydra"]
        picked = {str(k): v for k, v in choices.items() if not str(k).startswith("hydra/")}
        return Composed(cfg, tuple(overrides), picked)
