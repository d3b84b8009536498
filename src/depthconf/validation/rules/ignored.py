"""Keys the trainer never reads: a non-default value is a wish the run silently ignores."""

from __future__ import annotations

from collections.abc import Iterator
from functools import reduce
from typing import Any

from depthconf.findings import Code, Violation, show
from depthconf.schema import TrainConfig
from depthconf.trainer import profile_of
from depthconf.validation._registry import rule
from depthconf.validation.rules._choices import trainer_quirk

_DEFAULTS = TrainConfig()


def _at(cfg: TrainConfig, path: str) -> Any:
    return reduce(getattr, path.split("."), cfg)


@rule("model", "arch", "datasets", "trainer")
def ignored_keys(cfg: TrainConfig) -> Iterator[Violation]:
    """Warn about every key of the profile's ``ignored_keys`` set to a non-default value.

    A key left at its default says nothing, so it is not reported.
    """
    for path, quirk in profile_of(cfg).ignored_keys.items():
        value, default = _at(cfg, path), _at(_DEFAULTS, path)
        if value != default:
            fix = f"remove it or set {path}={show(default)} (the value has no effect)"
            yield trainer_quirk(path, value, quirk, fix, Code.ignored_key)
