"""Every fixture in tests/fixtures/legacy loads with the outcome listed in EXPECTED.md."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from depthconf.legacy import LegacyConfig, LegacyLoadError, load_legacy

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "legacy"


def test_expected_md_covers_every_fixture(expected_rows: list[Any]) -> None:
    listed = {e.name for e in expected_rows}
    on_disk = {p.name for p in FIXTURES.iterdir() if p.suffix in {".yaml", ".yml"}}
    assert listed == on_disk
    statuses = [e.status for e in expected_rows]
    assert statuses.count("valid") == 14
    assert statuses.count("problems") == 6
    assert statuses.count("unreadable") == 4


def test_fixture_outcome(expected_fixture: Any) -> None:
    if expected_fixture.status == "unreadable":
        with pytest.raises(LegacyLoadError) as info:
            load_legacy(expected_fixture.path)
        assert [(info.value.code.value, None)] == list(expected_fixture.problems)
        assert info.value.file == expected_fixture.path
        assert str(expected_fixture.path) in str(info.value)
        return
    cfg = load_legacy(expected_fixture.path)
    assert isinstance(cfg, LegacyConfig)
    got = [(p.code.value, p.path) for p in cfg.problems]
    assert got == list(expected_fixture.problems)
    assert cfg.ok is (expected_fixture.status == "valid")
    for problem in cfg.problems:  # each a finding at its line of the file
        assert problem.location is not None
        assert problem.location.file == str(expected_fixture.path)
        line = problem.location.line
        assert problem.fix.startswith(f"in {expected_fixture.path} line {line}: ")
        assert problem.rule.startswith(
            f"legacy config ({expected_fixture.path.name}, line {line}): "
        )


def test_team_experiments_values() -> None:
    kitti = load_legacy(FIXTURES / "train_resnet_san_kitti.yaml")
    assert kitti.get("model.depth_net.name") == "ResNetSAN01"
    assert kitti.get("model.depth_net.version") == "18A"
    assert kitti.get("datasets.augmentation.crop_train_borders") == (-352, 0, 0.5, 1216)
    assert kitti.get("datasets.validation.dataset") == ["KITTI", "KITTI"]
    assert kitti.get("datasets.validation.path") == ["/data/datasets/KITTI_raw"] * 2
    assert kitti.get("datasets.validation.input_depth_type") == ["velodyne", ""]
    assert kitti.get("datasets.validation.cameras") == [[], []]
    assert kitti.get("datasets.train.repeat") == [2]
    assert kitti.get("checkpoint.save_top_k") == -1
    assert kitti.get("checkpoint.monitor") == "loss"  # default, not rewritten here

    tiny = load_legacy(FIXTURES / "train_resnet_san_kitti_tiny.yaml")
    lr = tiny.get("model.optimizer.depth.lr")
    assert type(lr) is float
    assert lr == 1e-4
    assert tiny.get("arch.eval_during_training") is False

    dual = load_legacy(FIXTURES / "train_resnet_san_ncdb_dual_head_640x384.yaml")
    assert dual.get("datasets.augmentation.image_shape") == (384, 640)
    assert dual.get("model.optimizer.depth.lr") == 2e-4
    assert dual.get("checkpoint.period") == 2
    assert dual.get("datasets.validation.use_mask") == [True]

    ncdb = load_legacy(FIXTURES / "train_resnet_san_ncdb_640x384.yaml")
    assert ncdb.get("datasets.augmentation.image_shape") == (384, 640)
    assert ncdb.get("model.params.crop") == ""


def test_incident_file_is_accepted_like_legacy() -> None:
    cfg = load_legacy(FIXTURES / "incident_save_top_k_3.yaml")
    assert cfg.ok
    assert cfg.get("checkpoint.save_top_k") == 3
    assert cfg.get("checkpoint.monitor") == "loss"
    assert "checkpoint.save_top_k" in cfg.explicit
    assert "checkpoint.monitor" not in cfg.explicit


def test_older_file_keeps_new_defaults() -> None:
    cfg = load_legacy(FIXTURES / "older_file_lacking_new_fields.yaml")
    assert cfg.get("model.depth_net.use_dual_head") is False
    assert cfg.get("datasets.augmentation.randaugment.enabled") is False
    assert not cfg.is_explicit("tensorboard")
    assert cfg.get("datasets.validation.depth_type") == ["velodyne", "velodyne"]


def test_path_with_spaces() -> None:
    cfg = load_legacy(FIXTURES / "path_with_spaces.yaml")
    assert cfg.get("datasets.train.path") == ["/data/my datasets/KITTI raw"]
    assert cfg.get("checkpoint.filepath") == "/data/my checkpoints"
    assert cfg.get("model.checkpoint_path") == "/data/my models/resnet san 18.ckpt"
    assert cfg.get("name") == "kitti run with spaces"


def test_tuple_strings() -> None:
    cfg = load_legacy(FIXTURES / "tuple_strings.yaml")
    assert cfg.get("datasets.augmentation.image_shape") == (192, 640)
    assert cfg.get("datasets.augmentation.jittering") == (0.1, 0.1, 0.1, 0.0)
    assert cfg.get("datasets.augmentation.crop_eval_borders") == (-352, 0, 0.5, 1216)
    assert cfg.get("datasets.augmentation.random_erasing.mean") == [0.5, 0.5, 0.5]
    assert cfg.get("model.depth_net.force_output_shape") == (192, 640)
    assert cfg.get("model.optimizer.depth.lr") == 5e-5
    assert cfg.get("datasets.train.split") == ["data_splits/eigen_zhou_files.txt"]
    assert cfg.get("checkpoint.monitor") == "abs_rel"


def test_wrong_type_messages_name_value_and_type() -> None:
    cfg = load_legacy(FIXTURES / "wrong_types.yaml")
    by_key = {p.path: p for p in cfg.problems}
    max_depth = by_key["model.params.max_depth"]
    assert "80" in max_depth.rule
    assert "int" in max_depth.rule
    assert "float" in max_depth.rule
    assert max_depth.fix is not None
    assert "80.0" in max_depth.fix
    assert "18" in by_key["model.depth_net.version"].rule
    assert "literal" in by_key["model.depth_net.version"].rule
    # bad values keep the default
    assert cfg.get("model.params.max_depth") == 100.0
    assert "model.params.max_depth" not in cfg.explicit
