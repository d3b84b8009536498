"""The model facts of the trainer profiles: cited, and faithful to the trainer's parsing."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from depthconf.schema import DepthNetConfig, ModelConfig, TrainConfig
from depthconf.trainer import FORK_208E293, PROFILES, Failure, Quirk, TrainerName
from depthconf.validation import check
from tests.trainer.test_profiles import CITE

# Printable ASCII: the trainer's int() would also read non-ASCII digits, which
# depthconf does not accept.
VERSIONS = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=6)


def _cites(value: Any, where: str) -> Iterator[tuple[str, str]]:
    """Every cite in a profile's model facts, with where it sits."""
    if isinstance(value, Failure | Quirk):
        yield where, value.cite
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            if f.name.endswith("cite") and item:
                yield f"{where}.{f.name}", item
            else:
                yield from _cites(item, f"{where}.{f.name}")
    elif isinstance(value, dict | tuple) or hasattr(value, "items"):
        items = value.items() if hasattr(value, "items") else enumerate(value)
        for key, item in items:
            yield from _cites(item, f"{where}[{key}]")


@pytest.mark.parametrize("name", list(TrainerName))
def test_every_model_fact_cites_the_trainer(name: TrainerName) -> None:
    found = list(_cites(PROFILES[name].model, "model"))
    assert len(found) > 20
    for where, cite in found:
        assert CITE.match(cite), (where, cite)


# How the trainer parses a version, restated from its code at 208e293 (the files named).
def _layers(version: str | None) -> int | None:
    try:
        return int(version[:2]) if version is not None else None
    except ValueError:
        return None


TRAINER_PARSES: dict[str, Callable[[str | None], bool]] = {
    # ResNetSAN01.py:51-56 ('' or None: ResNet-18), resnet_encoder.py:75-76
    "ResNetSAN01": lambda v: not v or _layers(v) in (18, 34, 50, 101, 152),
    # DepthResNet.py:30-32, RaySurfaceResNet.py:38-40
    "DepthResNet": lambda v: _layers(v) in (18, 34, 50),
    "RaySurfaceResNet": lambda v: _layers(v) in (18, 34, 50),
    # PoseResNet.py:29-31 (18, 34, 50), then resnet_encoder.py:48 (18, 50)
    "PoseResNet": lambda v: _layers(v) in (18, 50),
    # PackNet01.py:27, :41-54; PackNetSlim01.py:28, :43-56
    "PackNet01": lambda v: v is not None and v[1:] in ("A", "B"),
    "PackNetSlim01": lambda v: v is not None and v[1:] in ("A", "B"),
    # PackNetSlimSAN01.py:18 ('' or None: 'A'), :37-50
    "PackNetSlimSAN01": lambda v: (v[1:] if v else "A") in ("A", "B"),
    # PackNetSAN01.py:160; only A matches the decoder (:60-76, :94-131)
    "PackNetSAN01": lambda v: v is not None and v[1:] == "A",
}


def test_every_versioned_network_is_restated() -> None:
    assert set(FORK_208E293.model.versions) == set(TRAINER_PARSES)


@pytest.mark.parametrize("network", sorted(TRAINER_PARSES))
@given(version=VERSIONS)
def test_versions_match_the_trainers_parsing(network: str, version: str) -> None:
    versions = FORK_208E293.model.versions[network]
    assert versions.builds(version) == TRAINER_PARSES[network](version)
    assert TRAINER_PARSES[network](versions.example)


def _version_findings(network: str, version: str) -> list[str]:
    net = DepthNetConfig(name=network, version=version)
    cfg = TrainConfig(model=ModelConfig(name="SemiSupCompletionModel", depth_net=net))
    report = check(cfg)
    found = (*report.errors, *report.warnings)
    return [v.code for v in found if v.path == "model.depth_net.version"]


@pytest.mark.parametrize("network", ["ResNetSAN01", "PackNetSAN01", "PackNetSlimSAN01"])
@given(version=VERSIONS)
def test_a_version_the_trainer_cannot_build_is_an_error(network: str, version: str) -> None:
    findings = _version_findings(network, version)
    if not TRAINER_PARSES[network](version):
        assert findings == ["network_version"]
    elif network == "ResNetSAN01" or not version or version[0].isdigit():
        assert findings == []
    else:  # a PackNet first character that is not a digit: depthconf is stricter [F2.C3]
        assert findings == ["network_version"]


def test_versions_match_across_lines() -> None:
    # A version that spans lines still parses by its first characters (int('18')).
    assert FORK_208E293.model.versions["ResNetSAN01"].builds("18\nA")
    assert re.fullmatch(FORK_208E293.model.versions["PackNetSAN01"].works, "1A")
