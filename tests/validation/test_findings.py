"""Findings are structured: keys are tuples, codes one enum, a legacy problem a finding;
a section's finding is completed from the whole config by one mechanism."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

import depthconf
from depthconf.composition._compose import checked
from depthconf.findings import Code, Violation, at, key, render
from depthconf.legacy import load_legacy, migrate
from depthconf.schema import CheckpointConfig, ModelParamsConfig
from depthconf.sweep import dry_run
from depthconf.validation import RULES
from depthconf.validation._registry import COMPLETIONS

FIXTURES = Path(__file__).parents[1] / "fixtures" / "legacy"


def _structured(found: Violation) -> None:
    assert isinstance(found.code, Code)
    assert found.keys and all(isinstance(k, tuple) and k for k in found.keys)
    assert all(isinstance(part, str | int) for k in found.subjects for part in k)


def test_keys_render_only_when_printed() -> None:
    assert key("datasets.validation.split[1]") == ("datasets", "validation", "split", 1)
    assert render(("datasets", "validation", "split", 1)) == "datasets.validation.split[1]"
    with pytest.raises(ValueError, match="is not one key"):
        key("checkpoint.monitor, checkpoint.mode")
    report = depthconf.check({"checkpoint": {"filepath": "c", "save_top_k": 3}})
    (found,) = [v for v in report.errors if v.code is Code.monitor_required]
    assert found.keys == at("checkpoint.monitor", "checkpoint.mode")
    assert found.path == "checkpoint.monitor, checkpoint.mode"


@pytest.mark.parametrize(
    "overrides",
    [
        ["experiment=resnet_san_ncdb", "checkpoint.save_top_k=0", "model.optimizer.depth.lr=-1"],
        ["experiment=resnet_san_kitti", "checkpoint.mode=auto", "arch.max_epochs=x"],
        ["experiment=packnet_san_ddad", "checkpoint.monitr=1", "model/depth_net=nope"],
        ["experiment=resnet_san_ncdb", "datasets.validation.split=[a.json,b.json,c.json]"],
    ],
)
def test_every_finding_is_structured(overrides: list[str]) -> None:
    report = checked(overrides)
    assert report.errors
    for found in (*report.errors, *report.warnings):
        _structured(found)


def test_a_legacy_problem_is_a_finding_at_its_line() -> None:
    cfg = load_legacy(FIXTURES / "broadcast_length_mismatch.yaml")
    (problem,) = cfg.problems
    _structured(problem)
    assert problem.code is Code.broadcast_length  # the schema's code for the same defect
    assert problem.location is not None and problem.location.line > 1
    # migrate reports the defect once: the validator finds it too, with the same code
    result = migrate(FIXTURES / "broadcast_length_mismatch.yaml")
    same = [v for v in result.errors if v.keys == problem.keys]
    assert [v.code for v in same] == [Code.broadcast_length]


def test_the_sweeper_reports_with_the_same_codes() -> None:
    result = dry_run(["experiment=resnet_san_ncdb", "checkpoint.save_top_k=-1,0"])
    (bad,) = result.invalid
    assert [v.code for v in bad.errors] == [Code.save_top_k_zero]


# -- completions -----------------------------------------------------------------------------


def test_completions_complete_section_findings_only() -> None:
    section_codes = {Code.monitor_required, Code.mode_required, Code.crop, Code.depth_range}
    assert section_codes | {Code.lr, Code.automask_reduce_op} == set(COMPLETIONS)
    assert not {r.name for r in RULES} & {"ranking_needs_monitor_and_mode", "depth_range"}


def test_the_fix_of_a_section_finding_comes_from_the_whole_config() -> None:
    with pytest.raises(ValidationError) as raised:  # the section alone: a generic fix
        CheckpointConfig(filepath="c", save_top_k=3)
    assert "checkpoint.monitor=<metric> checkpoint.mode=<min|max>" in str(raised.value)
    report = checked(["experiment=resnet_san_ncdb", "checkpoint.save_top_k=3"])
    (found,) = report.errors  # the whole config: an emitted key to rank by
    assert found.fix.startswith("checkpoint.monitor=abs_rel_lin checkpoint.mode=min")


def test_a_mode_fix_takes_the_direction_of_the_monitored_key() -> None:
    report = checked(["experiment=resnet_san_ncdb", "checkpoint.monitor=a1_lin"])
    (found,) = [v for v in report.errors if v.code is Code.mode_required]
    assert found.fix == "checkpoint.mode=max, or checkpoint.monitor=null"


@pytest.mark.parametrize(
    ("trainer", "cite"),
    [
        ("fork_208e293", "packnet_sfm/utils/depth.py:345"),
        ("upstream_de53b31", "packnet_sfm/utils/depth.py:295"),
    ],
)
def test_a_section_message_cites_the_selected_trainer(trainer: str, cite: str) -> None:
    with pytest.raises(ValidationError) as raised:
        ModelParamsConfig(min_depth=-1.0)
    assert "packnet_sfm/utils/depth.py" not in str(raised.value)  # no trainer: no line
    report = checked(
        ["experiment=resnet_san_ncdb", f"trainer={trainer}", "model.params.min_depth=-1"]
    )
    (found,) = [v for v in report.errors if v.code is Code.depth_range]
    assert f"(min_depth, max_depth) ({cite}" in found.rule
