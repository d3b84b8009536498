"""Rules declare what they read, as sections or dotted paths; a rule is skipped only when
a path it reads is broken (issue 10)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from depthconf.schema import TrainConfig
from depthconf.validation import RULES, Violation, check, intact, rule
from depthconf.validation._registry import overlaps


@pytest.fixture
def probe() -> Iterator[list[str]]:
    """Two throw-away rules: one reads a section, one a dotted path; each records its run.

    Ask for it after ``ncdb`` (which composes, and so runs every rule, once)."""
    ran: list[str] = []
    before = list(RULES)

    @rule("arch")
    def reads_arch(cfg: TrainConfig) -> Iterator[Violation]:
        ran.append("arch")
        yield from ()

    @rule("arch.seed")
    def reads_seed(cfg: TrainConfig) -> Iterator[Violation]:
        ran.append("arch.seed" if intact("arch.max_epochs") else "arch.seed, max_epochs broken")
        yield from ()

    yield ran
    RULES[:] = before


def test_overlap_of_paths() -> None:
    assert overlaps(("checkpoint",), ("checkpoint", "save_top_k"))
    assert overlaps(("checkpoint", "save_top_k"), ("checkpoint",))
    assert overlaps((), ("anything",))
    assert not overlaps(("checkpoint", "save_top_k"), ("checkpoint", "save_last"))
    assert not overlaps(("arch",), ("arch2",))


def test_a_broken_field_skips_only_the_rules_reading_it(
    ncdb: dict[str, Any], probe: list[str]
) -> None:
    ncdb["arch"]["max_epochs"] = 0  # out of range: arch.max_epochs is broken
    check(ncdb)
    assert probe == ["arch.seed, max_epochs broken"]  # the section rule was skipped


def test_a_broken_path_from_the_caller(ncdb: dict[str, Any], probe: list[str]) -> None:
    check(ncdb, broken=["arch.seed"])
    assert probe == []
    probe.clear()
    check(ncdb, broken=["datasets.train.repeat[0]"])
    assert probe == ["arch", "arch.seed"]


def test_an_unknown_key_breaks_no_field(ncdb: dict[str, Any], probe: list[str]) -> None:
    ncdb["arch"]["seeed"] = 1
    report = check(ncdb)
    assert [v.code for v in report.errors] == ["unknown_key"]
    assert probe == ["arch", "arch.seed"]


def test_top_k_is_reported_when_datasets_are_broken(ncdb: dict[str, Any]) -> None:
    ncdb["datasets"]["train"]["batch_size"] = 0
    ncdb["checkpoint"]["save_top_k"] = 3
    codes = {v.code for v in check(ncdb).errors}
    assert "monitor_required" in codes
    (top_k,) = [v for v in check(ncdb).errors if v.code == "monitor_required"]
    assert "checkpoint.monitor=<metric>" in top_k.fix  # no suggestion from broken datasets
