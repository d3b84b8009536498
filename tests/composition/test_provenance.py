"""Where every value came from: ``depthconf explain`` and the provenance of findings.

The property test composes every bundled experiment with random overrides and,
for every leaf of the result, reads the source ``explain`` names (the file, at
its package, or the override, parsed with Hydra's own parser) and checks that it
holds the final value.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from omegaconf import DictConfig, ListConfig, OmegaConf

from depthconf.composition import (
    compose_config,
    conf_dir,
    config_loader,
    experiment_names,
    explain,
)
from depthconf.composition._diagnose import sources_of
from depthconf.composition._hydra_compat import parse_overrides
from depthconf.composition._provenance import Sources, key_parts, schema_default
from depthconf.validation import ConfigError, Source, SourceKind
from tests.composition.conftest import Write


def test_the_chain_of_the_issue() -> None:
    """schema default -> conf/checkpoint/best_3.yaml:N -> command line."""
    best_3 = conf_dir() / "checkpoint" / "best_3.yaml"
    line = next(
        n for n, text in enumerate(best_3.read_text().splitlines(), 1) if "save_top_k" in text
    )
    explained = explain(
        "checkpoint.save_top_k",
        ["experiment=resnet_san_ncdb", "checkpoint=best_3", "checkpoint.save_top_k=5"],
    )
    kinds = [s.kind for s in explained.leaves[0].chain]
    assert kinds == [SourceKind.schema, SourceKind.file, SourceKind.override]
    _, file, override = explained.leaves[0].chain
    assert file.location is not None
    assert file.location.describe() == f"conf/checkpoint/best_3.yaml:{line}"
    assert "checkpoint=best_3" in file.detail  # the override that selected the file
    assert override.override == "checkpoint.save_top_k=5"
    assert explained.value == 5


def test_a_section_explains_every_leaf() -> None:
    explained = explain("checkpoint", ["checkpoint=best_3"])
    assert explained.section
    assert {p.key for p in explained.leaves} >= {
        "checkpoint.save_top_k",
        "checkpoint.monitor",
        "checkpoint.mode",
    }


def test_dict_add_force_add_and_delete_overrides() -> None:
    lines = ["checkpoint={save_top_k:3,period:2}", "++checkpoint.period=4"]
    explained = explain("checkpoint.period", lines)
    chain = explained.leaves[0].chain
    assert [s.override for s in chain if s.kind is SourceKind.override] == lines
    assert explained.value == 4
    explained = explain("checkpoint.save_top_k", lines)
    assert explained.leaves[0].winner == Source(
        SourceKind.override, "3", override="checkpoint={save_top_k:3,period:2}"
    )
    with pytest.raises(ConfigError) as error:  # a schema key cannot be deleted
        explain("checkpoint.mode", ["checkpoint=best_3", "~checkpoint.mode"])
    assert error.value.violations[0].override == "~checkpoint.mode"


def test_a_list_element_is_its_list() -> None:
    explained = explain("datasets.validation.path[0]", ["dataset=ncdb_640x384"])
    assert explained.key == "datasets.validation.path"
    winner = explained.leaves[0].winner
    assert winner is not None and winner.location is not None
    assert winner.location.file == "conf/dataset/ncdb_640x384.yaml"


def test_interpolations_and_environment_variables(
    conf: Path, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEPTHCONF_TEST_NAME", "from-env")
    write("experiment/interp", "# @package _global_\nname: ${oc.env:DEPTHCONF_TEST_NAME}\n")
    explained = explain("name", ["experiment=interp"], config_dir=conf)
    (step,) = explained.leaves[0].via
    assert step.kind is SourceKind.env and step.detail == "DEPTHCONF_TEST_NAME"
    assert step.value == "'from-env'" and explained.value == "from-env"
    explained = explain("wandb.tags", ["+wandb.tags=[a,'${name}']"], config_dir=conf)
    assert [s.kind for s in explained.leaves[0].via] == [SourceKind.interpolation]


def test_an_unknown_key_is_refused_with_the_keys_there() -> None:
    with pytest.raises(ConfigError) as error:
        explain("checkpoint.save_topk")
    (violation,) = error.value.violations
    assert "did you mean 'save_top_k'" in violation.rule and "save_top_k" in violation.fix


# -- the property: the source explain names holds the final value ------------------------

_GROUPS = ("checkpoint", "dataset", "model/depth_net")


@functools.cache
def _options(group: str) -> list[str]:
    return sorted(p.stem for p in (conf_dir() / group).glob("*.yaml"))


def _leaves(node: Any, key: str = "") -> Iterator[str]:
    if isinstance(node, DictConfig):
        for child in node:
            name = str(child)
            yield from _leaves(node._get_node(name), f"{key}.{name}" if key else name)
    else:
        yield key


def _raw(cfg: DictConfig, key: str) -> Any:
    """The final value of ``key`` as composed, interpolations kept as written."""
    node: Any = cfg
    for part in key.split("."):
        node = node._get_node(part)
    if isinstance(node, ListConfig | DictConfig):
        return OmegaConf.to_container(node, resolve=False, enum_to_str=True)
    value = node._value()
    return value.value if isinstance(value, Enum) else value


def _same(written: Any, final: Any) -> bool:
    """A written value and the composed one, after the schema's conversion."""
    if isinstance(written, list) and isinstance(final, list):
        return len(written) == len(final) and all(map(_same, written, final))
    if isinstance(final, bool) or isinstance(written, bool):
        return written == final
    if isinstance(final, int | float) and isinstance(written, int | float | str):
        try:
            return float(written) == float(final)
        except ValueError:
            return False
    return written == final or str(written) == str(final)


def _held(source: Source, key: str, sources: Sources) -> Any:
    """What the named source gives ``key``: the file re-read, or the override re-parsed."""
    parts = key_parts(key)
    if source.kind is SourceKind.schema:
        return schema_default(parts)
    if source.kind is SourceKind.override:
        (override,) = parse_overrides([source.override or ""])
        value = override.value()
        for part in parts[len(key_parts(override.key_or_group)) :]:
            value = value[part]
        return value
    assert source.kind is SourceKind.file and source.location is not None
    (file,) = [f for f in sources.files if f.shown == source.location.file]
    node: Any = OmegaConf.to_container(OmegaConf.load(source.location.path), resolve=False)
    for part in parts[len(file.prefix) :]:
        node = node[part]
    return node


_VALUES = {
    "checkpoint.save_top_k": st.sampled_from(["-1", "2", "5"]),
    "checkpoint.period": st.sampled_from(["1", "3"]),
    "checkpoint.filepath": st.sampled_from(["ckpt", "''"]),
    "arch.max_epochs": st.sampled_from(["7", "30"]),
    "model.optimizer.depth.lr": st.sampled_from(["0.1", "1e-5"]),
    "datasets.train.batch_size": st.sampled_from(["1", "8"]),
    "name": st.sampled_from(["x", "'${model.depth_net.name}'"]),
    "datasets.validation.split": st.sampled_from(["[a]", "[a,b]"]),
}
_OVERRIDE = st.one_of(
    st.sampled_from(_GROUPS).flatmap(
        lambda g: st.sampled_from(_options(g)).map(lambda o: f"{g}={o}")
    ),
    st.sampled_from(sorted(_VALUES)).flatmap(
        lambda k: _VALUES[k].map(lambda v: f"{st_prefix(k)}{k}={v}")
    ),
    st.sampled_from(["checkpoint={save_top_k:3,period:2}", "model.params={crop:'',min_depth:1.0}"]),
)


def st_prefix(key: str) -> str:
    return "++" if key == "checkpoint.period" else ""


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    experiment=st.sampled_from(experiment_names()),
    overrides=st.lists(_OVERRIDE, max_size=4),
)
def test_the_named_source_holds_the_final_value(experiment: str, overrides: list[str]) -> None:
    lines = [f"experiment={experiment}", *overrides]
    cfg = compose_config(lines).config
    with config_loader() as loader:
        sources = sources_of(loader, "train", lines)
    assert sources is not None
    for key in _leaves(cfg):
        winner = sources.provenance(key).winner
        assert winner is not None, key
        written = _held(winner, key, sources)
        assert _same(written, _raw(cfg, key)), (key, winner, written, _raw(cfg, key))
