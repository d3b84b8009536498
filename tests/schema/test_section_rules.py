"""The schema enforces itself: every section refuses, on construction, what
``depthconf.check`` reports as that section's own error, and nothing else.

The section rules live in ``depthconf.schema._rules`` (one module per part of the
config); the cross-section rules, which read several sections or the trainer profile,
in ``depthconf.validation.rules``.
"""

from __future__ import annotations

import copy
import dataclasses
import enum
import functools
import subprocess
import sys
import types
from typing import Any, Union, get_args, get_origin, get_type_hints

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from omegaconf import OmegaConf
from pydantic import ValidationError

import depthconf
import depthconf.validation._validator as validator
from depthconf.composition import compose_config
from depthconf.findings import Code, Severity, Violation, render
from depthconf.schema import (
    CheckpointConfig,
    Mode,
    ModelParamsConfig,
    ParamGroupConfig,
    TrainConfig,
    WandbConfig,
    to_dict,
)
from depthconf.schema._rules import canonical_key

# -- the done-when examples --------------------------------------------------------------


def _raised(make: Any) -> tuple[str, list[Any]]:
    with pytest.raises(ValidationError) as raised:
        make()
    return str(raised.value), raised.value.errors()


def test_top_k_without_monitor_and_mode_is_refused_on_construction() -> None:
    text, errors = _raised(lambda: CheckpointConfig(filepath="checkpoints", save_top_k=3))
    assert "checkpoint.monitor" in text and "checkpoint.mode" in text
    assert "fix: checkpoint.monitor=<metric> checkpoint.mode=<min|max>" in text
    (error,) = errors
    assert error["type"] == "monitor_required"
    found = error["ctx"]["depthconf"]  # the finding itself, as depthconf.check reports it
    assert isinstance(found, Violation) and found.code is Code.monitor_required


def test_the_default_filepath_adds_its_own_error() -> None:
    # save_top_k=3 with filepath '' (the trainer's default): two defects, both reported
    text, errors = _raised(lambda: CheckpointConfig(save_top_k=3))
    assert [e["type"] for e in errors] == ["top_k_without_checkpoints", "monitor_required"]
    assert "monitor" in text and "mode" in text and "fix:" in text


def test_save_top_k_zero_is_refused_with_its_reason() -> None:
    text, errors = _raised(lambda: CheckpointConfig(save_top_k=0))
    assert [e["type"] for e in errors] == ["save_top_k_zero"]
    assert "'keep none'" in text and "fix: checkpoint.save_top_k=-1" in text


def test_a_negative_learning_rate_is_refused_in_a_parameter_group() -> None:
    text, errors = _raised(lambda: ParamGroupConfig(lr=-1))
    assert [e["type"] for e in errors] == ["lr"]
    assert "Invalid learning rate" in text and "fix: lr=1e-4" in text  # no place: relative


def test_one_section_cross_field_rules() -> None:
    _, errors = _raised(lambda: ModelParamsConfig(min_depth=80.0, max_depth=10.0))
    assert [e["type"] for e in errors] == ["depth_range"]
    _, errors = _raised(lambda: WandbConfig(dry_run=False))
    assert [e["type"] for e in errors] == ["wandb_destination"]
    assert CheckpointConfig("c", save_top_k=3, monitor="abs_rel_lin", mode=Mode.min).period == 1


def test_closed_vocabularies_are_enums() -> None:
    with pytest.raises(ValidationError, match="rotation_mode"):
        depthconf.schema.LossConfig(rotation_mode="bogus")  # type: ignore[arg-type]
    assert depthconf.schema.LossConfig(rotation_mode="quat").rotation_mode == "quat"  # type: ignore[arg-type]


def test_the_done_when_one_liner_in_a_fresh_interpreter() -> None:
    code = "from depthconf.schema import CheckpointConfig; CheckpointConfig(save_top_k=3)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode != 0
    assert "pydantic_core._pydantic_core.ValidationError" in done.stderr
    assert "checkpoint.monitor" in done.stderr and "checkpoint.mode" in done.stderr
    assert "fix: checkpoint.monitor=<metric> checkpoint.mode=<min|max>" in done.stderr


# -- defaults, OmegaConf and Hydra ----------------------------------------------------------


def _sections() -> list[tuple[tuple[str, ...], type]]:
    """Every section class of the schema at one of its places (the first one)."""
    found: dict[type, tuple[str, ...]] = {}

    def walk(kind: type, at: tuple[str, ...]) -> None:
        found.setdefault(kind, at)
        for name, child in get_type_hints(kind).items():
            if isinstance(child, type) and dataclasses.is_dataclass(child):
                walk(child, (*at, name))

    walk(TrainConfig, ())
    return [(at, kind) for kind, at in found.items()]


SECTIONS = _sections()


@pytest.mark.parametrize(("at", "kind"), SECTIONS, ids=lambda v: getattr(v, "__name__", ""))
def test_every_default_satisfies_the_rules(at: tuple[str, ...], kind: type) -> None:
    section = kind()  # OmegaConf instantiates defaults so while it builds the schema
    assert isinstance(section, kind)
    assert OmegaConf.structured(kind) is not None


def test_the_schema_builds_and_composes() -> None:
    schema = OmegaConf.structured(TrainConfig)
    assert OmegaConf.is_missing(schema.model, "name")  # mandatory: a model option sets it
    composed = compose_config(["experiment=resnet_san_ncdb", "checkpoint=best_3"])
    assert depthconf.check(composed.config, overrides=composed.overrides).ok


def test_to_dict_and_replace_keep_working() -> None:
    cfg = depthconf.compose("resnet_san_ncdb", ["checkpoint=best_3"])
    assert to_dict(cfg)["checkpoint"]["mode"] == "min"
    assert dataclasses.replace(cfg.checkpoint, period=2).period == 2
    with pytest.raises(ValidationError, match="save_top_k_zero"):
        dataclasses.replace(cfg.checkpoint, save_top_k=0)


def test_a_section_error_inside_composition_is_a_finding() -> None:
    # A section raising inside Hydra (a structured config built with bad values) is
    # reported as the section's own finding, not a traceback.
    try:
        CheckpointConfig(save_top_k=0)
    except ValidationError as error:
        raised: BaseException = error
    wrapped = RuntimeError("composition failed")
    wrapped.__cause__ = raised
    found = depthconf.composition.translate(wrapped, ["checkpoint.save_top_k=0"])
    assert found.code is Code.save_top_k_zero and found.path == "checkpoint.save_top_k"


# -- construction agrees with depthconf.check ------------------------------------------------


@functools.cache
def _base() -> dict[str, Any]:
    return to_dict(depthconf.compose("resnet_san_ncdb"))


def _place(kind: type, default: tuple[str, ...]) -> tuple[str, ...]:
    return canonical_key(kind) or default  # type: ignore[return-value]


def _strategy(hint: Any) -> st.SearchStrategy[Any]:
    """Values for a field: mostly of its type, around its bounds, sometimes wrong."""
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, types.UnionType):
        return st.one_of(*(_strategy(a) for a in args))
    if hint is type(None):
        return st.none()
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return st.sampled_from([*(m.value for m in hint), "bogus"])
    if hint is bool:
        return st.booleans()
    if hint is int:
        return st.integers(-3, 5)
    if hint is float:
        return st.one_of(st.sampled_from([-1.0, 0.0, 0.5, 1.0, 80.0]), st.floats(-2, 200))
    if hint is str:
        return st.sampled_from(["", "ckpt", "abs_rel_lin", "ResNetSAN01", "YOLOv8SAN01", "x"])
    if origin is list:
        return st.lists(_strategy(args[0]) if args else _strategy(Any), max_size=5)
    if hint is Any:  # crop borders: pixels or fractions
        return st.one_of(st.integers(-400, 1300), st.floats(0, 1))
    return st.just(None)


def _values(kind: type) -> st.SearchStrategy[dict[str, Any]]:
    hints = get_type_hints(kind)
    leaves = {
        f.name: _strategy(hints[f.name])
        for f in dataclasses.fields(kind)
        if not (isinstance(hints[f.name], type) and dataclasses.is_dataclass(hints[f.name]))
    }
    return st.fixed_dictionaries({}, optional=leaves)


def _local_errors(data: dict[str, Any], at: tuple[str, ...]) -> list[Violation]:
    """depthconf.check's errors about the section at ``at`` from its own checks: field
    checks and section rules (the cross-section rules are the registry's)."""
    original = validator.RULES
    validator.RULES = []  # type: ignore[misc]
    try:
        report = depthconf.check(data)
    finally:
        validator.RULES = original  # type: ignore[misc]
    return [
        v
        for v in report.errors
        if v.severity is Severity.error and all(k[: len(at)] == at for k in v.keys)
    ]


@pytest.mark.parametrize(("at", "kind"), SECTIONS, ids=lambda v: getattr(v, "__name__", ""))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_construction_succeeds_exactly_when_check_finds_no_error_of_the_section(
    at: tuple[str, ...], kind: type, data: st.DataObject
) -> None:
    place = _place(kind, at)
    whole = copy.deepcopy(_base())  # a valid config: only the drawn values can be wrong
    section = whole
    for part in place:
        section = section[part]
    section.update(data.draw(_values(kind)))
    try:
        kind(**copy.deepcopy(section))  # the section as the config holds it
        built = True
    except ValidationError:
        built = False
    local = _local_errors(whole, place)
    if place == ():  # the root: its own fields only (name, debug)
        local = [v for v in local if len(v.keys[0]) == 1]
    event("built" if built else "refused")
    assert built == (not local), [f"{render(v.keys[0])} {v.code}" for v in local]
