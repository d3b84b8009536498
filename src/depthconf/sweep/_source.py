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

from hydra.core.config_loader import ConfigLoader
from hydra.types import RunMode
from omegaconf import DictConfig, OmegaConf, open_dict

from depthconf.composition import PRIMARY_CONFIG, Composed
from depthconf.composition._hydra_compat import hydra_override_errors, steps_of
from depthconf.sweep._overrides import GroupRepository


def recorded_overrides(master: DictConfig, kind: str) -> list[str]:
    """``hydra.overrides.<kind>`` (``task`` or ``hydra``) of a sweep's config, as typed.

    Read as Hydra reads them (``to_container(..., resolve=False)``): an override's
    ``${...}`` is the job's business, resolved in the job's config, never here.
    """
    recorded = OmegaConf.to_container(master.hydra.overrides[kind], resolve=False)
    assert isinstance(recorded, list)
    return [str(line) for line in recorded]


@dataclass(frozen=True)
class SweepSource:
    """What every job of a sweep shares: the loader, the primary config, Hydra's overrides.

    ``master`` is the sweep's own config: each job is composed with its Hydra
    overrides, from the shell, and starts from its resolver cache, as Hydra's
    ``load_sweep_config`` does. Without one, jobs compose as ``compose_config`` does.
    """

    loader: ConfigLoader
    config_name: str | None = PRIMARY_CONFIG
    master: DictConfig | None = None

    @classmethod
    def of_master(cls, loader: ConfigLoader, master: DictConfig) -> SweepSource:
        """The source Hydra's launchers compose each job from (``load_sweep_config``)."""
        return cls(loader, master.hydra.job.config_name, master)

    @functools.cached_property
    def hydra_overrides(self) -> tuple[str, ...]:
        """The sweep's own Hydra overrides (``hydra.*``, ``hydra/launcher=...``)."""
        return () if self.master is None else tuple(recorded_overrides(self.master, "hydra"))

    @property
    def from_shell(self) -> bool:
        return self.master is not None

    @functools.cached_property
    def repository(self) -> GroupRepository | None:
        """The config repository Hydra classifies this sweep's overrides with."""
        steps = steps_of(self.loader)
        if steps is None:
            return None
        try:
            _, repo = steps.repository(self.config_name, self.hydra_overrides)
        except Exception:  # every job is then composed by Hydra and reports the problem
            return None
        return repo

    def compose(self, overrides: Sequence[str]) -> Composed:
        """Compose with Hydra, as ``compose_config`` does; Hydra's errors propagate."""
        with hydra_override_errors():
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
