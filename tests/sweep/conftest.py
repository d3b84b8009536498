"""Fixtures of the sweep tests: Hydra's loader, and the reference verdict of a job."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import pytest
from omegaconf import OmegaConf, SCMode

from depthconf.composition import compose_config
from depthconf.composition._compose import config_loader
from depthconf.sweep import SweepSource
from depthconf.validation import ConfigError, Report, check


@pytest.fixture(scope="module")
def source() -> Iterator[SweepSource]:
    """A sweep source composing as ``compose_config`` does (same conf dir, same loader)."""
    with config_loader() as loader:
        yield SweepSource(loader)


@dataclass(frozen=True)
class Reference:
    report: Report
    data: dict[str, Any] | None


def reference(job: Sequence[str]) -> Reference:
    """The slow path: compose the job alone with Hydra's compose API, as ``depthconf check``."""
    try:
        composed = compose_config(job)
    except ConfigError as error:
        return Reference(Report(None, error.violations, error.warnings), None)
    report = check(composed.config, overrides=composed.overrides)
    try:
        data = OmegaConf.to_container(
            composed.config, resolve=True, structured_config_mode=SCMode.DICT
        )
    except Exception:
        data = None
    return Reference(report, data if isinstance(data, dict) else None)
