"""Every use of Hydra's internals, in one module (as hydra-zen keeps its own).

Hydra's public API composes a config in one call. depthconf also needs the steps
of a composition (the config repository, the defaults list, loading one config,
composing a defaults list, applying overrides), the override parser, the command
line parser of ``@hydra.main`` and the basic sweeper's job expansion. Those live
in ``hydra._internal`` or are private methods, and may change between Hydra
releases: this module is the only one that touches them, so a Hydra upgrade is
checked here and nowhere else.

>>> [o.key_or_group for o in parse_overrides(["experiment=x", "+a.b=1", "~c"])]
['experiment', 'a.b', 'c']
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from hydra._internal.config_loader_impl import ConfigLoaderImpl
from hydra._internal.config_repository import (
    CachingConfigRepository,
    ConfigRepository,
    IConfigRepository,
)
from hydra._internal.core_plugins.basic_sweeper import BasicSweeper
from hydra._internal.defaults_list import DefaultsList, create_defaults_list
from hydra._internal.utils import get_args_parser
from hydra.core.config_loader import ConfigLoader
from hydra.core.config_search_path import ConfigSearchPath
from hydra.core.default_element import (
    ConfigDefault,
    GroupDefault,
    InputDefault,
    ResultDefault,
)
from hydra.core.object_type import ObjectType
from hydra.core.override_parser.overrides_parser import OverridesParser
from hydra.core.override_parser.types import Override
from hydra.errors import ConfigCompositionException
from hydra.plugins.config_source import ConfigResult, ConfigSource
from omegaconf import DictConfig, ListConfig, OmegaConf

__all__ = [
    "ConfigDefault",
    "ConfigResult",
    "DefaultsList",
    "GroupDefault",
    "InputDefault",
    "Override",
    "RepositoryProxy",
    "ResultDefault",
    "Steps",
    "apply_overrides",
    "args_parser",
    "chunks",
    "defaults_entries",
    "header_of",
    "normalized_file_name",
    "parse_overrides",
    "split_arguments",
    "steps_of",
    "struct_root",
]


def args_parser() -> argparse.ArgumentParser:
    """The command-line parser of ``@hydra.main`` apps (``--multirun``, ``--cfg``...)."""
    return get_args_parser()


def parse_overrides(
    lines: Sequence[str], config_loader: ConfigLoader | None = None
) -> list[Override]:
    """Hydra's own parse of command-line overrides; raises ``OverrideParseException``."""
    return OverridesParser.create(config_loader=config_loader).parse_overrides(list(lines))


@contextmanager
def hydra_override_errors() -> Iterator[None]:
    """Inside Hydra's override application only: the raw errors it lets through.

    Hydra 1.3 wraps most failed overrides in ConfigCompositionException, but not all: a
    delete by index on a list (``~datasets.train.path.0``) reaches
    ``ListConfig.__delitem__`` with a string and raises TypeError
    (hydra/_internal/config_loader_impl.py, ``_apply_overrides_to_config``). Wrapped here,
    at the one call into Hydra, they are the user's override mistake, while the same
    error types raised anywhere in depthconf stay bugs.
    """
    try:
        yield
    except (TypeError, KeyError, IndexError) as error:
        raise ConfigCompositionException(str(error)) from error


def apply_overrides(overrides: Sequence[Override], cfg: DictConfig) -> None:
    """Apply value overrides to a composed config exactly as Hydra does after composing."""
    with hydra_override_errors():
        ConfigLoaderImpl._apply_overrides_to_config(list(overrides), cfg)


def split_arguments(overrides: list[Override]) -> list[list[str]]:
    """The jobs of a sweep, as BasicSweeper makes them (one batch: no batch size)."""
    (jobs,) = BasicSweeper.split_arguments(overrides, None)
    return [list(job) for job in jobs]


def chunks(jobs: list[list[str]], size: int) -> list[list[list[str]]]:
    """BasicSweeper's launcher batches of ``size`` jobs."""
    return list(BasicSweeper.split_overrides_to_chunks(jobs, size))


class RepositoryProxy(IConfigRepository):
    """A config repository that hands every question to ``delegate``; subclasses change
    what ``load_config`` returns (a file read differently, a defaults entry left out)."""

    def __init__(self, delegate: IConfigRepository) -> None:
        self.delegate = delegate

    def get_schema_source(self) -> ConfigSource:
        return self.delegate.get_schema_source()

    def load_config(self, config_path: str) -> ConfigResult | None:
        return self.delegate.load_config(config_path)

    def group_exists(self, config_path: str) -> bool:
        return self.delegate.group_exists(config_path)

    def config_exists(self, config_path: str) -> bool:
        return self.delegate.config_exists(config_path)

    def get_group_options(
        self, group_name: str, results_filter: ObjectType | None = ObjectType.CONFIG
    ) -> list[str]:
        return self.delegate.get_group_options(group_name, results_filter)

    def get_sources(self) -> list[ConfigSource]:
        return self.delegate.get_sources()

    def initialize_sources(self, config_search_path: ConfigSearchPath) -> None:
        self.delegate.initialize_sources(config_search_path)

    def source_of(self, config_path: str) -> ConfigSource | None:
        """The search-path source that holds ``config_path`` (first match, as Hydra)."""
        return next((s for s in self.get_sources() if s.is_config(config_path)), None)


def defaults_entries(
    repo: IConfigRepository, config_path: str, items: ListConfig
) -> list[InputDefault]:
    """A ``defaults:`` list parsed as Hydra's repository parses it (``repo`` is a caching
    repository); raises ``ValueError`` for a bad item."""
    inner = repo.delegate if isinstance(repo, CachingConfigRepository) else repo
    assert isinstance(inner, ConfigRepository)
    return inner._create_defaults_list(config_path, items)


@dataclass(frozen=True)
class Steps:
    """The steps of one composition by a ConfigLoaderImpl, taken one at a time."""

    loader: ConfigLoaderImpl

    def repository(
        self, config_name: str | None, overrides: Sequence[str]
    ) -> tuple[list[Override], CachingConfigRepository]:
        """The parsed overrides and a fresh caching repository (``hydra.searchpath`` applied)."""
        return self.loader._parse_overrides_and_create_caching_repo(config_name, list(overrides))

    @staticmethod
    def defaults(
        repo: IConfigRepository,
        config_name: str | None,
        overrides: list[Override],
        *,
        skip_missing: bool = False,
    ) -> DefaultsList:
        """The defaults list (Hydra's config included), as a composition builds it."""
        return create_defaults_list(
            repo=repo,
            config_name=config_name,
            overrides_list=overrides,
            prepend_hydra=True,
            skip_missing=skip_missing,
        )

    def compose(self, defaults: list[ResultDefault], repo: IConfigRepository) -> DictConfig:
        """Merge every config of a defaults list, in order, as a composition does."""
        return self.loader._compose_config_from_defaults_list(defaults=defaults, repo=repo)

    def load_one(self, default: ResultDefault, repo: IConfigRepository) -> ConfigResult:
        """One config of a defaults list, placed at its package and merged with a schema of
        the same name, as the composition merges it."""
        return self.loader._load_single_config(default=default, repo=repo)


def steps_of(loader: ConfigLoader) -> Steps | None:
    """The step-by-step composition of ``loader``; None for a loader that is not Hydra's."""
    return Steps(loader) if isinstance(loader, ConfigLoaderImpl) else None


def struct_root(cfg: DictConfig) -> None:
    """What Hydra does to a composed config before it applies the overrides."""
    OmegaConf.set_struct(cfg, True)
    OmegaConf.set_readonly(cfg.hydra, False)


def header_of(text: str) -> dict[str, str | None]:
    """The ``# @key value`` header of a config file; raises ``ValueError`` for a bad one."""
    return ConfigSource._get_header_dict(text)


def normalized_file_name(config_path: str) -> str:
    """``experiment/x`` -> ``experiment/x.yaml``, as Hydra's file sources name files."""
    return ConfigSource._normalize_file_name(config_path)
