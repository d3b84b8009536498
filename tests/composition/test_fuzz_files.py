"""Mutated experiment files: no traceback, and every error names a file or an override.

Each example takes a bundled experiment and mutates it as a user might: keys renamed,
values of another type, sections and lists of another shape, keys added, broken
YAML, bad ``defaults:`` entries, a missing or wrong ``# @package`` header. The
mutated file is judged in process, as ``depthconf check`` judges it.
"""

from __future__ import annotations

import copy
import shutil
from collections.abc import Iterator
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from depthconf.composition import conf_dir, experiment_names
from depthconf.composition._compose import checked
from tests.composition.conftest import names_a_source

VALUES: list[Any] = ["fifty", 3, -2, 0.5, None, True, "", [1, 2], [["x"]], {"a": 1}, "${nope}"]
DEFAULTS: list[Any] = [
    {"override /dataset": "no_such_option"},
    {"override /datset": "kitti"},
    {"override /nogroup": "x"},
    {"/checkpoint": "best_3"},
    {"override /dataset": 3},
    "_self_",
    "no_such_config",
    {"override /dataset": "???"},
]
HEADERS = ["", "# @package datasets\n", "# @package\n", "#@package _global_\n"]
BREAKS = [" [", "\t x", " '", ": :", " {"]


def _paths(node: Any, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if prefix or key != "defaults":
                yield (*prefix, str(key))
                yield from _paths(value, (*prefix, str(key)))


@st.composite
def mutated(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(experiment_names()))
    text = (conf_dir() / "experiment" / f"{name}.yaml").read_text(encoding="utf-8")
    header, _, _ = text.partition("\n")
    tree = yaml.safe_load(text)
    for _ in range(draw(st.integers(1, 3))):
        paths = list(_paths(tree))
        path = draw(st.sampled_from(paths))
        parent = tree
        for part in path[:-1]:
            parent = parent[part]
        kind = draw(st.sampled_from(["rename", "value", "shape", "add"]))
        if kind == "rename":
            parent[path[-1] + draw(st.sampled_from(["x", "_", "s"]))] = parent.pop(path[-1])
        elif kind == "value":
            # a copy: a later mutation must not change VALUES itself (a shared dict once
            # became its own value, a cycle, and the strategy depended on earlier examples)
            parent[path[-1]] = copy.deepcopy(draw(st.sampled_from(VALUES)))
        elif kind == "shape":
            value = parent[path[-1]]
            parent[path[-1]] = {"k": value} if isinstance(value, list) else [value]
        else:
            parent[draw(st.sampled_from(["bogus", "datasets", "checkpoint"]))] = {"bogus": 1}
    if draw(st.booleans()):
        tree.setdefault("defaults", []).append(copy.deepcopy(draw(st.sampled_from(DEFAULTS))))
    body = yaml.safe_dump(tree, sort_keys=False)
    if draw(st.integers(0, 5)) == 0:
        lines = body.splitlines()
        index = draw(st.integers(0, len(lines) - 1))
        lines[index] += draw(st.sampled_from(BREAKS))
        body = "\n".join(lines) + "\n"
    head = draw(st.sampled_from([f"{header}\n", f"{header}\n", *HEADERS]))
    return head + body


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mutated())
def test_mutated_experiments_are_located_without_traceback(
    tmp_path_factory: Any, text: str
) -> None:
    conf = tmp_path_factory.mktemp("fuzz") / "conf"
    shutil.copytree(conf_dir(), conf)
    (conf / "experiment" / "mutated.yaml").write_text(text, encoding="utf-8")
    report = checked(["experiment=mutated"], config_dir=conf)  # raises nothing
    for violation in report.errors:
        assert names_a_source(violation), (text, violation.render())
        assert "see the message above" not in violation.fix
        assert violation.fix.strip()


def test_the_bundled_conf_is_never_written() -> None:
    """The fuzz writes only into its copies: the bundled conf/ has no mutated file."""
    assert not (conf_dir() / "experiment" / "mutated.yaml").exists()
