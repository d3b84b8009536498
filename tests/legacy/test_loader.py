"""load_legacy: merging, literal evaluation, problems, unreadable files, cross-field rules."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

from depthconf.findings import Code, Violation
from depthconf.legacy import LegacyConfig, LegacyLoadError, load_legacy


def _write(tmp_path: Path, text: str | bytes, name: str = "exp.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def _load(tmp_path: Path, text: str | bytes) -> LegacyConfig:
    return load_legacy(_write(tmp_path, text))


def _codes(cfg: LegacyConfig) -> list[tuple[str, str | None]]:
    return [(p.code.value, p.path) for p in cfg.problems]


# --- literal evaluation and yacs type rules -------------------------------------------


@pytest.mark.parametrize(
    ("key", "yaml_value", "expected"),
    [
        ("datasets.augmentation.crop_train_borders", "(-352, 0, 0.5, 1216)", (-352, 0, 0.5, 1216)),
        ("datasets.augmentation.image_shape", "[384, 640]", (384, 640)),
        ("datasets.augmentation.image_shape", "(384, 640)", (384, 640)),
        ("model.optimizer.depth.lr", "1e-4", 1e-4),
        ("model.optimizer.depth.lr", "2.0e-4", 2e-4),
        ("model.loss.supervised_method", "sparse-ssi-silog", "sparse-ssi-silog"),
        ("model.depth_net.version", "18A", "18A"),
        ("model.depth_net.version", "\"'18'\"", "18"),
        ("checkpoint.monitor", "abs_rel_lin", "abs_rel_lin"),
        ("datasets.train.split", "\"('a.txt', 'b.txt')\"", ["a.txt", "b.txt"]),
        ("datasets.augmentation.random_erasing.mean", "(0.5, 0.5, 0.5)", [0.5, 0.5, 0.5]),
        ("arch.dtype", "float16", "float16"),
        ("arch.dtype", "16", 16),
        ("arch.dtype", "[1, 2]", [1, 2]),
        ("tensorboard.dry_run", "no", False),  # YAML 1.1 boolean
        ("name", "None", None),  # literal None replaces any leaf (yacs quirk)
        ("model.name", "~", None),
        ("wandb.tags", "['a', '(1, 2)']", ["a", "(1, 2)"]),  # list items are not decoded
        ("save.folder", "/data/my outputs", "/data/my outputs"),
    ],
)
def test_accepted_values(tmp_path: Path, key: str, yaml_value: str, expected: Any) -> None:
    *sections, leaf = key.split(".")
    text = "".join(f"{'  ' * i}{s}:\n" for i, s in enumerate(sections))
    text += f"{'  ' * len(sections)}{leaf}: {yaml_value}\n"
    cfg = _load(tmp_path, text)
    assert cfg.ok, cfg.problems
    value = cfg.get(key)
    assert value == expected
    assert type(value) is type(expected)
    assert key in cfg.explicit
    assert cfg.declared[key] == expected


@pytest.mark.parametrize(
    ("key", "yaml_value"),
    [
        ("model.params.max_depth", "80"),  # int for float
        ("arch.max_epochs", "30.0"),  # float for int
        ("checkpoint.save_top_k", "true"),  # bool for int
        ("debug", "1"),  # int for bool
        ("model.depth_net.version", "'18'"),  # evaluates to int
        ("name", "'True'"),  # evaluates to bool
        ("name", '"{1: 2}"'),  # evaluates to dict
        ("wandb.dry_run", "'yes'"),  # the string yes
        ("datasets.train.depth_type", "groundtruth"),  # str for list
        ("datasets.augmentation.image_shape", "384"),  # int for tuple
        ("arch.dtype", "{a: 1}"),  # mapping for a leaf
        ("arch.dtype", "2020-01-01"),  # YAML date: not a yacs type
        ("arch.dtype", '"{1, 2}"'),  # evaluates to a set
        ("model.loss.C1", "1j"),  # evaluates to complex
    ],
)
def test_rejected_values(tmp_path: Path, key: str, yaml_value: str) -> None:
    *sections, leaf = key.split(".")
    text = "".join(f"{'  ' * i}{s}:\n" for i, s in enumerate(sections))
    text += f"{'  ' * len(sections)}{leaf}: {yaml_value}\n"
    cfg = _load(tmp_path, text)
    assert _codes(cfg) == [("legacy_wrong_type", key)]
    problem = cfg.problems[0]
    assert problem.location is not None and problem.location.line == len(sections) + 1
    assert problem.fix
    assert key not in cfg.explicit


def test_undecodable_literal_is_a_problem(tmp_path: Path) -> None:
    cfg = _load(tmp_path, 'name: "{[1]: 2}"\n')  # literal_eval raises TypeError
    assert _codes(cfg) == [("legacy_undecodable_value", "name")]
    assert cfg.get("name") == ""


# --- unknown keys, sections -------------------------------------------------------------


def test_every_unknown_key_is_collected(tmp_path: Path) -> None:
    cfg = _load(
        tmp_path,
        """
        trainer: {gpus: 8}
        model:
          name: SemiSupCompletionModel
          loss:
            ssi_weigth: 0.4
            progressive_scaling: 0.0
          depth_net:
            use_dualhead: true
        datasets:
          train:
            image_shape: (384, 640)
        model.name: X
        2: two
        on: true
        checkpoint:
          save_top_k: -1
        """,
    )
    assert _codes(cfg) == [
        ("legacy_unknown_key", "trainer"),
        ("legacy_unknown_key", "model.loss.ssi_weigth"),
        ("legacy_unknown_key", "model.loss.progressive_scaling"),
        ("legacy_unknown_key", "model.depth_net.use_dualhead"),
        ("legacy_unknown_key", "datasets.train.image_shape"),
        ("legacy_unknown_key", "model.name"),
        ("legacy_unknown_key", "2"),
        ("legacy_unknown_key", "True"),
    ]
    fixes = {p.path: p.fix or "" for p in cfg.problems}
    assert "model.loss.ssi_weight" in fixes["model.loss.ssi_weigth"]
    assert "upstream" in fixes["model.loss.progressive_scaling"]
    assert "model.depth_net.use_dual_head" in fixes["model.depth_net.use_dualhead"]
    assert "datasets.augmentation.image_shape" in fixes["datasets.train.image_shape"]
    assert "nest" in fixes["model.name"]
    assert all("Non-existent config key" in p.rule for p in cfg.problems[:6])
    # valid keys around the bad ones are still applied
    assert cfg.get("model.name") == "SemiSupCompletionModel"
    assert cfg.get("checkpoint.save_top_k") == -1


def test_non_mapping_sections(tmp_path: Path) -> None:
    cfg = _load(tmp_path, "model: X\ncheckpoint:\nsave:\n  depth: [1]\narch: {}\n")
    assert _codes(cfg) == [
        ("legacy_not_a_section", "model"),
        ("legacy_not_a_section", "checkpoint"),
        ("legacy_not_a_section", "save.depth"),
    ]
    assert cfg.get("model.name") == ""
    assert cfg.get("save.depth.png") is True


def test_explicit_and_declared(tmp_path: Path) -> None:
    cfg = _load(
        tmp_path,
        """
        model:
          depth_net: {name: ResNetSAN01, version: 18A}
        checkpoint: {save_top_k: -1}
        arch: {}
        """,
    )
    assert cfg.explicit == {
        "model.depth_net.name",
        "model.depth_net.version",
        "checkpoint.save_top_k",
    }
    assert cfg.is_explicit("model")
    assert cfg.is_explicit("model.depth_net")
    assert not cfg.is_explicit("arch")
    assert dict(cfg.declared) == {
        "model.depth_net.name": "ResNetSAN01",
        "model.depth_net.version": "18A",
        "checkpoint.save_top_k": -1,
    }
    flat = cfg.flat()
    assert flat["checkpoint.save_top_k"] == -1
    assert flat["checkpoint.monitor"] == "loss"
    assert len(flat) == 174


def test_get_raises_key_error(tmp_path: Path) -> None:
    cfg = _load(tmp_path, "arch: {seed: 1}\n")
    assert cfg.get("arch")["seed"] == 1
    with pytest.raises(KeyError):
        cfg.get("arch.seed.x")
    with pytest.raises(KeyError):
        cfg.get("nope")


def test_str_and_path_arguments(tmp_path: Path) -> None:
    path = _write(tmp_path, "arch: {seed: 7}\n")
    assert load_legacy(str(path)).get("arch.seed") == 7
    assert load_legacy(path).source == path


def test_self_referencing_alias_does_not_break(tmp_path: Path) -> None:
    cfg = _load(tmp_path, "wandb:\n  tags: &t [a, *t]\n")
    assert cfg.ok
    assert "wandb.tags" in cfg.explicit
    str(cfg.flat())


# --- cross-field rules ------------------------------------------------------------------


def test_wandb_needs_entity_and_project(tmp_path: Path) -> None:
    cfg = _load(tmp_path, "wandb:\n  dry_run: false\n")
    assert _codes(cfg) == [
        ("wandb_destination", "wandb.entity"),
        ("wandb_destination", "wandb.project"),
    ]
    assert "WANDB_ENTITY" in cfg.problems[0].rule
    assert _load(tmp_path, "wandb: {dry_run: ~}\n").problems  # None is "off" too


def test_wandb_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WANDB_ENTITY", "team")
    monkeypatch.setenv("WANDB_PROJECT", "depth")
    cfg = _load(tmp_path, "wandb:\n  dry_run: false\n")
    assert cfg.ok
    assert cfg.get("wandb.entity") == "team"
    assert "wandb.entity" not in cfg.explicit


_VALIDATION_2 = """
datasets:
  validation:
    dataset: [KITTI]
    path: [/data/KITTI_raw]
    split: [eigen_test_files.txt]
    depth_type: [groundtruth, groundtruth]
"""


@pytest.mark.parametrize(
    ("checkpoint", "problem"),
    [
        ("{monitor_index: 5}", False),  # no filepath: no checkpoints, no check
        ("{filepath: /ckpt, monitor_index: 0}", False),
        # S6: 2 datasets after broadcasting, but the trainer counts len(split) == 1 before
        # broadcasting (packnet_sfm/utils/config.py:243-245, prep_dataset at :248)
        ("{filepath: /ckpt, monitor_index: 1}", True),
        ("{filepath: /ckpt, monitor_index: -1}", False),  # python index, the assert passes
        ("{filepath: /ckpt, monitor_index: 2}", True),
        ("{filepath: /ckpt, monitor_index: ~}", True),
    ],
)
def test_monitor_index(tmp_path: Path, checkpoint: str, problem: bool) -> None:
    cfg = _load(tmp_path, f"{_VALIDATION_2}checkpoint: {checkpoint}\n")
    expected = [("monitor_index_range", "checkpoint.monitor_index")] if problem else []
    assert _codes(cfg) == expected


def test_monitor_index_without_validation(tmp_path: Path) -> None:
    # S5: packnet_sfm/utils/config.py:243-245 with an empty datasets.validation.split
    cfg = _load(tmp_path, "checkpoint: {filepath: /ckpt}\n")
    assert _codes(cfg) == [("monitor_index_range", "checkpoint.monitor_index")]
    assert "datasets.validation.split is empty" in cfg.problems[0].rule


def test_s6_monitor_index_is_counted_before_broadcasting(tmp_path: Path) -> None:
    # S6: the trainer asserts monitor_index < len(datasets.validation.split) *before*
    # prep_dataset broadcasts the lists (packnet_sfm/utils/config.py:243-245, :248): one
    # split entry and two depth types make 2 datasets, yet monitor_index 1 fails at start-up.
    cfg = _load(tmp_path, f"{_VALIDATION_2}checkpoint: {{filepath: /ckpt, monitor_index: 1}}\n")
    [problem] = cfg.problems
    assert problem.path == "checkpoint.monitor_index"
    assert "before it broadcasts" in problem.rule
    assert "You need to monitor a valid dataset" in problem.rule
    assert "config.py:243-245" in problem.rule
    assert problem.fix.endswith(
        "list datasets.validation.split once per dataset (2 entries), or use a monitor_index "
        "below 1"
    )
    # the fix works: the split written once per dataset
    fixed = _VALIDATION_2.replace("[eigen_test_files.txt]", "[eigen_test_files.txt, e.txt]")
    assert _load(tmp_path, f"{fixed}checkpoint: {{filepath: /ckpt, monitor_index: 1}}\n").ok


# --- unreadable files -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "code", "line"),
    [
        (b"", Code.legacy_empty_file, None),
        (b"# only a comment\n", Code.legacy_empty_file, None),
        (b"~\n", Code.legacy_empty_file, None),
        (b"42\n", Code.legacy_not_a_mapping, None),
        (b"just a string\n", Code.legacy_not_a_mapping, None),
        (b"- a\n- b\n", Code.legacy_not_a_mapping, None),
        (b"model:\n  name: 'x\n", Code.legacy_yaml_syntax, 3),
        (b"a: [1, 2\nb: 3\n", Code.legacy_yaml_syntax, 2),
        (b"model:\n\tname: x\n", Code.legacy_yaml_syntax, 2),
        (b"a: 1\n---\nb: 2\n", Code.legacy_yaml_syntax, 2),
        (b"name: 2020-13-45\n", Code.legacy_yaml_syntax, None),
        (b"a: 1\nname: x\x00y\n", Code.legacy_yaml_syntax, 2),
        (b"[" * 5000, Code.legacy_yaml_syntax, None),
        (b"name: ok\nmodel: caf\xe9\n", Code.legacy_not_utf8, 2),
        (b"\xff\xfe\x00", Code.legacy_not_utf8, 1),
    ],
)
def test_unreadable(tmp_path: Path, content: bytes, code: Code, line: int | None) -> None:
    path = _write(tmp_path, content)
    with pytest.raises(LegacyLoadError) as info:
        load_legacy(path)
    err = info.value
    assert err.code is code
    assert err.file == path
    assert err.line == line
    assert err.fix
    assert str(path) in str(err)
    if line is not None:
        assert err.column is not None
        assert f"line {line}, column {err.column}" in err.message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(LegacyLoadError) as info:
        load_legacy(tmp_path / "nope.yaml")
    assert info.value.code is Code.legacy_missing_file
    assert "not found" in str(info.value)


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(LegacyLoadError) as info:
        load_legacy(tmp_path)
    assert info.value.code is Code.legacy_unreadable_file


def test_empty_mapping_is_all_defaults(tmp_path: Path) -> None:
    cfg = _load(tmp_path, "{}\n")
    assert cfg.ok
    assert cfg.explicit == frozenset()


def test_problem_fields(tmp_path: Path) -> None:
    cfg = _load(tmp_path, "arch:\n  clip_grad: 1\n")
    (problem,) = cfg.problems
    assert isinstance(problem, Violation)  # a finding like any other, located in the file
    assert problem.location is not None
    assert problem.location.file == str(tmp_path / "exp.yaml")
    assert problem.path == "arch.clip_grad"
    assert problem.location.line == 2
    assert "1" in problem.rule
    assert problem.fix is not None
    assert "1.0" in problem.fix
    with pytest.raises(AttributeError):
        problem.path = "x"  # type: ignore[misc]
