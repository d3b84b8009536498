"""The findings of the trainer-profile rules for a base config with a few keys changed.

Shared by the tests that pin every finding of ``depthconf.validation.rules`` (losses,
optim, run, shapes) word for word: a finding is compared as a whole (severity, code,
keys, value, rule, fix), so a rule that loses part of its text, a key or its fix fails.
The bases are bundled experiments composed once (real Hydra composition) and judged as
plain data with ``depthconf.check``, the validator every entry point calls.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from functools import cache
from typing import Any, NamedTuple

import depthconf
from depthconf.schema import TrainSplitConfig, ValidationSplitConfig, to_dict
from tests.validation.test_rule_boundaries import changed


class Finding(NamedTuple):
    """One finding as the user reads it (keys dotted, comma-separated)."""

    severity: str
    code: str
    keys: str
    value: str
    rule: str
    fix: str


def no_datasets(split: str) -> dict[str, list[Any]]:
    """Changes that leave ``datasets.<split>`` (train or validation) without a dataset."""
    kind = TrainSplitConfig if split == "train" else ValidationSplitConfig
    return {f"datasets.{split}.{name}": [] for name in kind.PARALLEL_FIELDS}


@cache
def _base(experiment: str, overrides: tuple[str, ...]) -> dict[str, Any]:
    return to_dict(depthconf.compose(experiment, list(overrides)))


def findings(
    changes: Mapping[str, Any],
    codes: Collection[str],
    *,
    experiment: str = "resnet_san_ncdb",
    overrides: tuple[str, ...] = (),
    broken: Collection[str] = (),
    under: str | tuple[str, ...] = "",
) -> list[Finding]:
    """Every finding (errors first) whose code is in ``codes`` and whose first key starts
    with ``under`` (or one of them), for ``experiment`` composed with ``overrides`` and
    then ``changes`` (dotted path -> value) set in its plain data."""
    data = changed(_base(experiment, overrides), changes)
    report = depthconf.check(data, broken=broken)
    return [
        Finding(
            str(v.severity),
            str(v.code),
            ", ".join(".".join(str(part) for part in key) for key in v.keys),
            v.value,
            v.rule,
            v.fix,
        )
        for v in (*report.errors, *report.warnings)
        if v.code in codes and v.path.startswith(under)
    ]
