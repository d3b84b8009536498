"""The bundled experiments are the team's experiments at the trainer's commit 208e293.

Each experiment is pinned against the team file it comes from: ``TEAM``
(``tests/schema/team_files.py``) holds the values the trainer reads from each of the fork's
``configs/train_*.yaml``. ``EXPERIMENTS`` lists, per experiment, every value that differs
from its team file and why: a fix where the team's file cannot train (fact ids of
../shared/trainer.md, with the trainer's file:line), or a deliberate difference. README's
experiment table says the same.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from omegaconf import OmegaConf

import depthconf
from depthconf.composition import compose_config, conf_dir, experiment_names
from depthconf.composition._compose import checked
from depthconf.schema import TrainConfig
from tests.schema.team_files import TEAM

# Deliberate: checkpoints in the run directory (conf/checkpoint/save_all.yaml), every one kept,
# none ranked, so no monitor (the legacy default 'loss' is never emitted: trainer.md C1, F1c.2).
RUN_LOCAL = {
    "checkpoint.filepath": ("checkpoints", "deliberate: run-local checkpoint directory"),
    "checkpoint.monitor": (None, "deliberate: no default monitor (F1c.2)"),
}
# The packnet files write no checkpoints and leave save_top_k at the trainer's 5.
WRITES_CHECKPOINTS = RUN_LOCAL | {
    "checkpoint.save_top_k": (-1, "deliberate: keep every checkpoint (F1c.1)"),
}
SAVE_LOCAL = {"save.folder": ("outputs", "deliberate: run-local save folder")}
M17 = {
    "model.depth_net.use_film": (
        True,
        "fix M17: use_film false with velodyne input leaves the Minkowski encoder None "
        "(ResNetSAN01.py:94) and the first step fails (ResNetSAN01.py:218-219)",
    )
}


def d2(splits: tuple[str, ...] = ("train", "validation", "test")) -> dict[str, tuple[Any, str]]:
    why = (
        "fix D2: '' reaches NcdbDataset, which rejects it at start-up (model_wrapper.py:1076-1077,"
        " ncdb_dataset.py:101-106); depth_original is its own default (ncdb_dataset.py:57)"
    )
    return {f"datasets.{s}.depth_type": (["depth_original"], why) for s in splits}


# experiment -> (team file, {path: (our value, why it differs)})
EXPERIMENTS: dict[str, tuple[str, dict[str, tuple[Any, str]]]] = {
    "packnet_san_kitti": ("train_packnet_san_kitti.yaml", WRITES_CHECKPOINTS),
    "packnet_san_ddad": ("train_packnet_san_ddad.yaml", WRITES_CHECKPOINTS),
    "resnet_san_kitti": ("train_resnet_san_kitti.yaml", RUN_LOCAL | SAVE_LOCAL | M17),
    "resnet_san_kitti_tiny": ("train_resnet_san_kitti_tiny.yaml", RUN_LOCAL | SAVE_LOCAL | M17),
    "resnet_san_ncdb": ("train_resnet_san_ncdb.yaml", RUN_LOCAL | SAVE_LOCAL | d2()),
    "resnet_san_ncdb_640x384": (
        "train_resnet_san_ncdb_640x384.yaml",
        RUN_LOCAL | SAVE_LOCAL | d2(),
    ),
    "resnet_san_ncdb_dual_head_640x384": (
        "train_resnet_san_ncdb_dual_head_640x384.yaml",
        RUN_LOCAL | SAVE_LOCAL,
    ),
    "resnet_san_ncdb_indoor_dual_head_640x384": (
        "train_resnet_san_ncdb_indoor_dual_head_640x384.yaml",
        RUN_LOCAL | SAVE_LOCAL,
    ),
    # No team YOLOv8 file at 208e293: derived from the closest one, the tiny KITTI file.
    "yolov8_san_kitti": (
        "train_resnet_san_kitti_tiny.yaml",
        RUN_LOCAL
        | SAVE_LOCAL
        | {
            "model.depth_net.name": ("YOLOv8SAN01", "derived: the network under test"),
            "model.depth_net.version": ("", "derived: YOLOv8SAN01 is sized by variant"),
            "model.depth_net.variant": ("s", "derived: the small YOLOv8"),
            "model.loss.supervised_method": ("sparse-ssi", "derived: depthconf's earlier choice"),
        },
    ),
}
# The shadowed-validation warnings (F3b) each experiment keeps from its team file.
SHADOWED = {"resnet_san_kitti": 1, "resnet_san_kitti_tiny": 1, "yolov8_san_kitti": 1}
SHADOWED_DDAD = 4


def composed(name: str, overrides: tuple[str, ...] = ()) -> Any:
    """The experiment composed by Hydra (not validated), resolved."""
    return compose_config([f"experiment={name}", *overrides]).config


def value(cfg: Any, path: str) -> Any:
    found = OmegaConf.select(cfg, path, throw_on_missing=True)
    return OmegaConf.to_container(found) if OmegaConf.is_config(found) else found


def test_the_nine_experiments_are_bundled() -> None:
    assert experiment_names() == sorted(EXPERIMENTS)


@pytest.mark.parametrize("name", sorted(EXPERIMENTS))
def test_experiment_is_its_team_file_plus_the_listed_differences(name: str) -> None:
    team_file, differences = EXPERIMENTS[name]
    expected = TEAM[team_file] | {path: ours for path, (ours, _why) in differences.items()}
    cfg = composed(name)
    wrong = {p: (value(cfg, p), v) for p, v in expected.items() if value(cfg, p) != v}
    assert not wrong, f"{name} vs {team_file}: {{path: (ours, expected)}} = {wrong}"
    assert value(cfg, "name") == name


@pytest.mark.parametrize("name", sorted(EXPERIMENTS))
def test_every_listed_difference_is_one(name: str) -> None:
    """A difference that matches the team's value is not one: keep the list (and README) true."""
    team_file, differences = EXPERIMENTS[name]
    for path, (ours, why) in differences.items():
        assert path in TEAM[team_file], f"{path}: pin the team's value first"
        assert TEAM[team_file][path] != ours, f"{name}: {path} equals the team's value ({why})"


@pytest.mark.parametrize("name", sorted(EXPERIMENTS))
def test_every_experiment_composes_and_validates(name: str) -> None:
    cfg = depthconf.compose(name)
    assert isinstance(cfg, TrainConfig)


@pytest.mark.parametrize("name", sorted(EXPERIMENTS))
def test_kept_shadowed_validation_datasets_are_warned(name: str) -> None:
    """F3b (logging.py:33-61 ignores input_depth_type): depthconf warns, the value stays."""
    warnings = checked([f"experiment={name}"]).warnings
    expected = SHADOWED_DDAD if name == "packnet_san_ddad" else SHADOWED.get(name, 0)
    assert [w.code for w in warnings].count("shadowed_dataset") == expected


def test_ddad_keeps_the_teams_resize_scale_output() -> None:
    """D26: the trainer handles 'resize' (utils/depth.py:470-472), so depthconf accepts it."""
    cfg = depthconf.compose("packnet_san_ddad")
    assert cfg.model.params.scale_output == "resize"


def test_crop_borders_are_written_as_pixels_and_fractions() -> None:
    """S9 (utils/misc.py:106-123): per axis an int is pixels, a float a fraction."""
    source = yaml.safe_load((conf_dir() / "dataset" / "kitti.yaml").read_text())["augmentation"]
    for key in ("crop_train_borders", "crop_eval_borders"):
        assert [type(v) for v in source[key]] == [int, int, float, int], key


def test_crop_borders_keep_their_element_types_when_composed() -> None:
    borders = value(composed("packnet_san_kitti"), "datasets.augmentation.crop_eval_borders")
    assert [type(v) for v in borders] == [int, int, float, int]


def test_model_group_makes_every_experiment_trainable() -> None:
    """SemiSupCompletionModel.py:39, :63-64: only weight 1.0 trains on this trainer (M2-M5);
    the model group sets it once, no experiment restates it."""
    group = yaml.safe_load((conf_dir() / "model" / "semisup_completion.yaml").read_text())
    assert group["loss"] == {"supervised_loss_weight": 1.0, "supervised_num_scales": 1}
    for path in (conf_dir() / "experiment").glob("*.yaml"):
        text = path.read_text()
        assert "supervised_loss_weight" not in text and "supervised_num_scales" not in text


def test_experiments_only_override_what_differs() -> None:
    """An experiment selects group options; it never restates the model, nor the trainer
    profile (the metrics group)."""
    for path in (conf_dir() / "experiment").glob("*.yaml"):
        text = path.read_text()
        assert text.startswith("# @package _global_"), path
        assert "SemiSupCompletionModel" not in text, path
        assert "override /dataset" in text, path
        assert "metrics" not in yaml.safe_load(text), path


def _choices() -> dict[str, set[str]]:
    used: dict[str, set[str]] = {}
    for name in EXPERIMENTS:
        for group, option in compose_config([f"experiment={name}"]).choices.items():
            used.setdefault(group, set()).add(str(option))
    return used


def _options(group: str) -> list[str]:
    return sorted(p.stem for p in (conf_dir() / group).glob("*.yaml"))


@pytest.mark.parametrize("group", ["dataset", "model/depth_net"])
def test_every_dataset_and_network_option_is_an_experiments(group: str) -> None:
    """Each is then composed and validated by the experiment that uses it."""
    assert _choices()[group] == set(_options(group))


@pytest.mark.parametrize(
    "override",
    [f"checkpoint={o}" for o in _options("checkpoint")]
    + [f"trainer={o}" for o in _options("trainer")]
    + [f"model={o}" for o in _options("model")]
    + [f"model/depth_net={o}" for o in _options("model/depth_net")],
)
def test_every_group_option_composes_and_validates(override: str) -> None:
    # Upstream PackNet-SfM has neither ResNetSAN01 nor ncdb: check it on a PackNet experiment.
    experiment = (
        "packnet_san_kitti" if override == "trainer=upstream_de53b31" else "resnet_san_ncdb"
    )
    # KITTI feeds velodyne input depth, which ResNetSAN01 runs only with FiLM
    # (packnet_sfm/networks/depth/ResNetSAN01.py:94, :218-219).
    film = ["model.depth_net.use_film=true"] if override.startswith("dataset=kitti") else []
    cfg = depthconf.compose(experiment, [override, *film])
    assert isinstance(cfg, TrainConfig)


def test_best_3_on_kitti_must_pick_the_unshadowed_dataset() -> None:
    """KITTI validates twice under one prefix; ranking by dataset 0 would track dataset 1."""
    with pytest.raises(depthconf.ConfigError) as error:
        depthconf.compose("resnet_san_kitti", ["checkpoint=best_3"])
    # the fix is an edit of the experiment file (the composition's last word on checkpoint)
    fix = error.value.violations[0].fix
    assert fix.startswith("in conf/experiment/resnet_san_kitti.yaml: add `monitor_index: 1`")
    depthconf.compose("resnet_san_kitti", ["checkpoint=best_3", "checkpoint.monitor_index=1"])


_KEY_LINE = re.compile(r"^\s*[A-Za-z_][\w/]*:\s*\S")  # a key with a value on the same line


@pytest.mark.parametrize("group", ["experiment", "dataset", "model", "model/depth_net"])
def test_every_field_is_commented(group: str) -> None:
    """Each value line carries a comment, or follows a comment line (lightning-hydra style)."""
    for path in sorted((conf_dir() / group).glob("*.yaml")):
        lines = path.read_text().splitlines()
        bare = [
            f"{path.name}:{i + 1}: {line.strip()}"
            for i, line in enumerate(lines)
            if _KEY_LINE.match(line)
            and "#" not in line
            and not lines[i - 1].lstrip().startswith("#")
        ]
        assert not bare, bare


def test_conf_dir_is_the_checkout_conf() -> None:
    assert conf_dir() == (Path(__file__).resolve().parents[2] / "conf")
