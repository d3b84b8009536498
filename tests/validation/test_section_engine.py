"""How a section runs its rules (``depthconf.schema._rules._engine``): which rule runs,
where its finding points, what a section's ValidationError carries.

The rule tables say what each rule finds; these tests pin the machinery around them: a
rule is skipped when a field it reads is not given (``???``) or holds an error of its
own (also when the whole section does), a section built alone reports its errors
relative to itself with the fix in the error's context, and a rule made with
``section_rule`` is the function it decorates, reading the fields it names.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

import pytest
from omegaconf import MISSING
from pydantic import TypeAdapter, ValidationError

import depthconf
from depthconf.findings import Code, Violation
from depthconf.schema import CheckpointConfig
from depthconf.schema._base import section
from depthconf.schema._model import DepthNetConfig
from depthconf.schema._rules import (
    DEFER_RULES,
    Here,
    SectionRule,
    all_findings,
    canonical_key,
    missing_keys,
    section_findings,
    section_rule,
)


def _deferred(kind: type, **values: Any) -> Any:
    """A section built as the validator builds it: its rules not run."""
    return TypeAdapter(kind).validate_python(values, context={DEFER_RULES: True})


# -- a rule made at test time (the schema's own rules are made at import) ------------------


def _probe_section() -> tuple[type, SectionRule]:
    """A section with two rules, made by the real decorators: ``ordered`` reads ``low``
    and ``high`` (a mandatory field), ``counted`` reads ``other`` alone."""

    def ordered(probe: Any, here: Here) -> Iterator[Violation]:
        if probe.low > probe.high:
            yield Violation(
                here.keys("low", "high"),
                f"low={probe.low}, high={probe.high}",
                "low cannot exceed high",
                f"{here('high')}={probe.low}",
                Code.epoch_range,
            )

    def counted(probe: Any, here: Here) -> Iterator[Violation]:
        if probe.other < 0:
            yield Violation(here.keys("other"), str(probe.other), "a count", "other=0", Code.lr)

    rule = section_rule("low", "high")(ordered)

    @section
    class Probe:
        RULES: ClassVar[tuple[SectionRule, ...]] = (rule, section_rule("other")(counted))

        low: int = 0
        high: Any = MISSING
        other: int = 0

    return Probe, rule


def test_section_rule_keeps_the_function_its_name_and_what_it_reads() -> None:
    kind, rule = _probe_section()
    assert (rule.name, rule.reads) == ("ordered", ("low", "high"))
    probe = _deferred(kind, low=5, high=2)
    (found,) = rule(probe, Here(("arch",)))  # a rule is called like its function
    assert found.keys == (("arch", "low"), ("arch", "high")) and found.fix == "arch.high=5"
    assert list(rule.check(probe, Here(("arch",)))) == [found]


def test_a_section_refuses_what_its_rule_finds_relative_to_itself() -> None:
    kind, _ = _probe_section()
    assert kind(low=1, high=2).high == 2
    with pytest.raises(ValidationError) as raised:
        kind(low=5, high=2)
    (error,) = raised.value.errors()
    # a section used in no config sits nowhere: its keys are its own fields
    assert (error["type"], error["loc"], error["input"]) == (
        "epoch_range",
        ("low",),
        "low=5, high=2",
    )
    assert error["msg"] == "low cannot exceed high\n  fix: high=5"
    assert error["ctx"]["fix"] == "high=5"
    assert error["ctx"]["depthconf"].keys == (("low",), ("high",))
    assert "1 validation error for Probe" in str(raised.value)


ORDERED, COUNTED = (("probe", "low"), ("probe", "high")), (("probe", "other"),)


@pytest.mark.parametrize(
    ("broken", "runs"),
    [
        ((), [ORDERED, COUNTED]),
        ((("probe", "other"),), [ORDERED]),
        ((("probe", "low"),), [COUNTED]),
        ((("probe", "high"),), [COUNTED]),
        ((("probe",),), []),  # the whole section is broken
        ((("probe", "high", 0),), [COUNTED]),  # an element of a field it reads
        ((("elsewhere", "low"),), [ORDERED, COUNTED]),
        ((("probe", "highest"),), [ORDERED, COUNTED]),
    ],
)
def test_a_rule_is_skipped_when_a_field_it_reads_is_broken(
    broken: tuple[tuple[Any, ...], ...], runs: list[tuple[tuple[str, ...], ...]]
) -> None:
    kind, _ = _probe_section()
    probe = _deferred(kind, low=5, high=2, other=-1)
    assert [f.keys for f in section_findings(probe, ("probe",), broken)] == runs


def test_a_rule_reading_a_field_not_given_is_skipped_and_only_that_rule() -> None:
    kind, _ = _probe_section()
    probe = _deferred(kind, low=5, other=-1)  # high is ??? (MISSING): the validator reports it
    assert [f.keys for f in section_findings(probe, ("probe",))] == [COUNTED]
    assert kind(low=5).high == MISSING  # and construction does not refuse it either


# -- the schema's sections ------------------------------------------------------------------


def test_a_deferred_section_is_built_and_its_rules_still_find_the_error() -> None:
    ckpt = _deferred(CheckpointConfig, save_top_k=0)
    assert ckpt.save_top_k == 0
    (found,) = section_findings(ckpt, ("checkpoint",))
    assert found.code is Code.save_top_k_zero and found.keys == (("checkpoint", "save_top_k"),)
    (rule, *_) = CheckpointConfig.RULES
    assert list(rule(ckpt, Here(("checkpoint",)))) == [found]


def test_the_error_context_carries_the_finding_and_its_fix() -> None:
    with pytest.raises(ValidationError) as raised:
        CheckpointConfig(save_top_k=0)
    (error,) = raised.value.errors()
    fix = (
        "checkpoint.save_top_k=-1 to keep every checkpoint, "
        "or checkpoint.filepath='' to write no checkpoints"
    )
    assert error["ctx"]["fix"] == fix
    assert error["ctx"]["depthconf"].fix == fix
    assert str(raised.value).startswith("1 validation error for CheckpointConfig\nsave_top_k\n")
    assert error["loc"] == ("save_top_k",) and error["input"] == "0"


@pytest.mark.parametrize(
    ("kind_path", "place"),
    [
        (("checkpoint",), ("checkpoint",)),
        (("arch",), ("arch",)),
        (("wandb",), ("wandb",)),
        (("model", "params"), ("model", "params")),
        (("model", "depth_net"), ("model", "depth_net")),
        (("datasets", "augmentation"), ("datasets", "augmentation")),
        (("model", "optimizer", "depth"), ()),  # also at model.optimizer.pose
    ],
)
def test_a_section_knows_its_place_when_it_has_one(
    kind_path: tuple[str, ...], place: tuple[str, ...]
) -> None:
    node: Any = depthconf.schema.TrainConfig()
    # TrainConfig() leaves mandatory fields ???; the section classes are what matters
    for part in kind_path:
        node = getattr(node, part)
    assert canonical_key(type(node)) == place


def test_the_validator_skips_the_rules_of_a_section_the_caller_names_broken(
    ncdb: dict[str, Any],
) -> None:
    # composition names a whole package broken when a file of it could not be read
    # (composition/_diagnose.py): a rule of that section must not judge what is left.
    ncdb["checkpoint"]["save_top_k"] = 0
    ncdb["model"]["params"]["min_depth"] = -1.0
    codes = {v.code for v in depthconf.check(ncdb).errors}
    assert {Code.save_top_k_zero, Code.depth_range} <= codes
    for broken, gone, kept in [
        (["checkpoint"], Code.save_top_k_zero, Code.depth_range),
        (["checkpoint.save_top_k"], Code.save_top_k_zero, Code.depth_range),
        (["model"], Code.depth_range, Code.save_top_k_zero),
        (["model.params.min_depth"], Code.depth_range, Code.save_top_k_zero),
    ]:
        codes = {v.code for v in depthconf.check(ncdb, broken=broken).errors}
        assert gone not in codes and kept in codes, broken


def test_every_section_is_visited_at_its_real_place(ncdb: dict[str, Any]) -> None:
    # a section used in several places (a parameter group, a split) is judged at each
    ncdb["model"]["optimizer"]["pose"]["lr"] = -1.0
    ncdb["datasets"]["test"]["path"] = [""]
    ncdb["arch"]["min_epochs"] = 99
    pose_lr = (Code.lr, (("model", "optimizer", "pose", "lr"),))
    others = [
        (Code.empty_path, (("datasets", "test", "path", 0),)),
        (Code.epoch_range, (("arch", "min_epochs"), ("arch", "max_epochs"))),
    ]
    keys = [(v.code, v.keys) for v in depthconf.check(ncdb).errors]
    assert pose_lr in keys and all(found in keys for found in others)
    keys = [(v.code, v.keys) for v in depthconf.check(ncdb, broken=["model.optimizer.pose"]).errors]
    assert pose_lr not in keys and all(found in keys for found in others)


def test_missing_keys_names_every_mandatory_value_not_given() -> None:
    config = depthconf.schema.TrainConfig()
    assert sorted(missing_keys(config)) == sorted(
        [("model", "name"), ("model", "depth_net", "name")]
    )
    assert list(all_findings(config)) == []  # rules reading a value not given are skipped
    net = _deferred(DepthNetConfig, name="YOLOv8SAN01")
    assert [v.code for v in section_findings(net, ("model", "depth_net"))] == [Code.yolo_variant]
