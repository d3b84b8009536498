"""depthconf.legacy.migrate: what is written, what is reported, for every fixture."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from depthconf.legacy import MigrationResult, experiment_name, migrate
from tests.migrate.conftest import CANNOT_TRAIN, TEAM, codes, expected_rows, paths

READABLE = [e for e in expected_rows() if e.status != "unreadable"]
UNREADABLE = [e for e in expected_rows() if e.status == "unreadable"]
WithFile = Callable[[str, str], Path]
NCDB_VALIDATION = (
    "datasets:\n  validation:\n    dataset: [ncdb]\n    path: [/data/ncdb]\n    split: [val.json]\n"
)


def body(text: str) -> dict[str, object]:
    """The experiment's values (YAML, comments ignored)."""
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("row", UNREADABLE, ids=[e.name for e in UNREADABLE])
def test_unreadable_files_write_nothing_and_say_why(
    migrated: dict[str, MigrationResult], row: object
) -> None:
    expected = row
    result = migrated[expected.name]  # type: ignore[attr-defined]
    assert result.status == "unreadable"
    assert result.text is None and result.composed is None
    (error,) = result.errors
    assert error.code == expected.problems[0][0]  # type: ignore[attr-defined]
    assert error.fix


@pytest.mark.parametrize("name", TEAM)
def test_team_experiments_migrate_to_valid_experiments(
    migrated: dict[str, MigrationResult], name: str
) -> None:
    result = migrated[name]
    assert result.status == "valid", [v.render() for v in result.errors]
    assert result.config is not None
    assert result.name == name.removeprefix("train_").removesuffix(".yaml")
    assert result.config.name == result.name
    assert result.text is not None
    lines = result.text.splitlines()
    assert lines[:2] == ["# @package _global_", f"# Migrated from {name} by depthconf migrate"]


@pytest.mark.parametrize("name", sorted(CANNOT_TRAIN))
def test_team_experiments_the_trainer_cannot_train_are_refused(
    migrated: dict[str, MigrationResult], name: str
) -> None:
    # packnet_sfm/datasets/ncdb_dataset.py:178-181: '' reaches NcdbDataset (trainer.md D2)
    result = migrated[name]
    assert result.status == "invalid"
    assert set(codes(result)) == {CANNOT_TRAIN[name]}
    assert all("at start-up" in v.rule for v in result.errors)


def test_group_options_are_selected_where_values_match(
    migrated: dict[str, MigrationResult],
) -> None:
    dual = migrated["train_resnet_san_ncdb_dual_head_640x384.yaml"]
    assert dict(dual.defaults) == {"checkpoint": "every_2_epochs", "dataset": "ncdb_640x384"}
    assert "  - override /checkpoint: every_2_epochs" in dual.text.splitlines()  # type: ignore[union-attr]
    assert dict(migrated["train_yolov8_san_kitti.yaml"].defaults) == {
        "dataset": "kitti_tiny",
        "model/depth_net": "yolov8_san_s",
    }
    # kitti is train.yaml's default dataset and the fixture's ResNetSAN01 with FiLM is the
    # model group's default network (M17 fixed): no override is written for either
    kitti = migrated["train_resnet_san_kitti.yaml"]
    assert dict(kitti.defaults) == {}
    assert "override /dataset" not in kitti.text  # type: ignore[operator]


def test_only_differing_values_are_written(migrated: dict[str, MigrationResult]) -> None:
    result = migrated["train_packnet_san_kitti.yaml"]
    data = body(result.text or "")
    # the fixture sets supervised_loss_weight 1.0, the model group's value, but not
    # supervised_num_scales: the legacy default 4 differs from the group's 1, so it is written
    assert data["model"] == {
        "loss": {"supervised_method": "sparse-silog", "supervised_num_scales": 4},
        "params": {"max_depth": 80.0},
    }
    # one validation dataset instead of kitti's two: only the two count lists are rewritten
    datasets = data["datasets"]
    assert isinstance(datasets, dict)
    assert datasets["validation"] == {
        "depth_type": ["groundtruth"],
        "input_depth_type": ["velodyne"],
    }
    assert (
        "  validation: {depth_type: [groundtruth], input_depth_type: [velodyne]}"
        in (result.text or "").splitlines()
    )


@pytest.mark.parametrize("row", READABLE, ids=[e.name for e in READABLE])
def test_every_legacy_problem_is_a_depthconf_error(
    migrated: dict[str, MigrationResult], row: object
) -> None:
    result = migrated[row.name]  # type: ignore[attr-defined]
    assert result.text is not None and result.composed is not None
    for _code, key in row.problems:  # type: ignore[attr-defined]
        assert key in paths(result), f"{key} not reported: {codes(result)}"
    if row.problems:  # type: ignore[attr-defined]
        assert result.status == "invalid"
    assert "migration_mismatch" not in codes(result)
    assert "legacy_unrepresentable" not in codes(result)


def test_unknown_keys_are_errors_and_kept_as_comments(migrated: dict[str, MigrationResult]) -> None:
    result = migrated["unknown_keys.yaml"]
    unknown = ["trainer", "model.loss.progressive_scaling", "model.depth_net.use_dualhead"]
    unknown.append("datasets.train.image_shape")
    assert [v.path for v in result.errors if v.code == "legacy_unknown_key"] == unknown
    text = result.text or ""
    assert "# not migrated (no place in the schema): trainer: {gpus: 8}" in text
    for key in unknown:
        assert f"# not migrated (no place in the schema): {key}: " in text
    # each fix is an edit of the legacy file, at the key's line (issue 10)
    assert any(
        v.fix.endswith("line 12: did you mean model.depth_net.use_dual_head?")
        for v in result.errors
    )
    assert all(v.location is not None for v in result.errors)


def test_wrong_types_are_reported_and_kept_as_comments(
    migrated: dict[str, MigrationResult],
) -> None:
    result = migrated["wrong_types.yaml"]
    assert "# not migrated (invalid legacy value, the legacy default is used): " in (
        result.text or ""
    )
    assert "arch.max_epochs: thirty" in (result.text or "")
    assert "legacy_wrong_type" in codes(result)


def test_the_incident_reports_the_founding_defect(migrated: dict[str, MigrationResult]) -> None:
    result = migrated["incident_save_top_k_3.yaml"]
    # The file's ncdb datasets also leave depth_type unset: the trainer would stop at start-up
    # even before the incident (packnet_sfm/datasets/ncdb_dataset.py:178-181, trainer.md D2).
    assert [c for c in codes(result) if c != "ncdb_depth_type"] == ["monitor_required"]
    assert "checkpoint.monitor=abs_rel_lin checkpoint.mode=min" in result.errors[0].fix
    assert body(result.text or "")["checkpoint"] == {
        "filepath": "/data/checkpoints",
        "save_top_k": 3,
    }


@pytest.mark.parametrize("name", ["older_file_lacking_new_fields.yaml", "path_with_spaces.yaml"])
def test_legacy_default_save_top_k_with_a_filepath_is_written_explicitly(
    migrated: dict[str, MigrationResult], name: str
) -> None:
    result = migrated[name]
    checkpoint = body(result.text or "")["checkpoint"]
    assert isinstance(checkpoint, dict) and checkpoint["save_top_k"] == 5
    assert "  save_top_k: 5  # legacy default: checkpoint.filepath is set" in (result.text or "")
    assert "monitor_required" in codes(result)


def test_explicit_loss_monitor_is_written_so_the_validator_explains_it(
    legacy_file: WithFile,
) -> None:
    path = legacy_file(
        "train_loss.yaml",
        NCDB_VALIDATION + "checkpoint:\n  filepath: /ckpt\n  monitor: loss\n  save_top_k: 3\n",
    )
    result = migrate(path)
    loss = next(v for v in result.errors if v.code == "monitor_is_loss")
    assert "checkpoint.monitor=abs_rel_lin" in loss.fix
    assert body(result.text or "")["checkpoint"] == {
        "filepath": "/ckpt",
        "save_top_k": 3,
        "monitor": "loss",
    }


def test_explicit_auto_mode_is_an_error_with_the_metric_direction(legacy_file: WithFile) -> None:
    path = legacy_file(
        "train_auto.yaml",
        NCDB_VALIDATION
        + "checkpoint:\n  filepath: /ckpt\n  monitor: a1_lin\n  mode: auto\n  save_top_k: 3\n",
    )
    result = migrate(path)
    (auto,) = [v for v in result.errors if v.code == "legacy_mode_auto"]
    assert auto.path == "checkpoint.mode"
    assert auto.location is not None and auto.location.text.strip() == "mode: auto"
    assert auto.fix.endswith(
        f"line {auto.location.line}: checkpoint.mode=max (a1_lin: higher is better)"
    )
    text = result.text or ""
    assert "# not migrated (mode 'auto' is gone): checkpoint.mode: auto" in text
    assert "mode" not in body(text)["checkpoint"]  # type: ignore[operator]


def test_variant_from_the_defaults_is_dropped_but_an_explicit_one_is_kept(
    legacy_file: WithFile, migrated: dict[str, MigrationResult]
) -> None:
    ncdb = migrated["train_resnet_san_ncdb.yaml"].composed or {}
    assert ncdb["model"]["depth_net"]["variant"] is None
    yolo = migrated["train_yolov8_san_kitti.yaml"].composed or {}
    assert yolo["model"]["depth_net"]["variant"] == "s"
    path = legacy_file(
        "train_v.yaml",
        "model:\n  depth_net:\n    name: ResNetSAN01\n    version: 18A\n    variant: m\n",
    )
    result = migrate(path)
    assert (result.composed or {})["model"]["depth_net"]["variant"] == "m"
    assert "variant_network" in codes(result)


def test_wandb_destination_from_the_environment_is_not_written(
    legacy_file: WithFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WANDB_PROJECT", "from-env")
    path = legacy_file("train_w.yaml", "wandb:\n  entity: team\n  tags: [a]\n")
    result = migrate(path)
    wandb = body(result.text or "")["wandb"]
    assert wandb == {"entity": "team", "tags": ["a"]}
    assert (result.composed or {})["wandb"]["project"] == "from-env"
    # an explicit value is written even when the environment happens to agree
    explicit = migrate(legacy_file("train_w2.yaml", "wandb:\n  project: from-env\n"))
    assert body(explicit.text or "")["wandb"] == {"project": "from-env"}


def test_names(legacy_file: WithFile) -> None:
    assert experiment_name("a/train_resnet_x.yaml") == "resnet_x"
    assert experiment_name("weird name!.yaml") == "weird_name_"
    path = legacy_file("train_n.yaml", "name: 'my run'\narch:\n  seed: 7\n")
    kept = migrate(path)
    assert kept.name == "n" and body(kept.text or "")["name"] == "my run"
    renamed = migrate(path, name="other")
    assert renamed.name == "other" and body(renamed.text or "")["name"] == "other"
    with pytest.raises(ValueError, match="not a valid experiment name"):
        migrate(path, name="bad name")


def test_strings_are_written_so_hydra_reads_them_back(legacy_file: WithFile) -> None:
    text = (
        "name: 'yes'\n"
        "model:\n  checkpoint_path: '${HOME}/x # y'\n  name: \"'1e-4'\"\n"
        "save:\n  folder: 'null'\n"
        "wandb:\n  name: ' lead, trail: '\n  tags: ['true', '???x', '[a]']\n"
    )
    result = migrate(legacy_file("train_s.yaml", text))
    assert "migration_mismatch" not in codes(result)
    composed = result.composed or {}
    assert composed["name"] == "yes"
    assert composed["model"]["checkpoint_path"] == "${HOME}/x # y"
    assert composed["model"]["name"] == "1e-4"
    assert composed["save"]["folder"] == "null"
    assert composed["wandb"]["name"] == " lead, trail: "
    assert composed["wandb"]["tags"] == ["true", "???x", "[a]"]


def test_values_the_schema_cannot_hold_are_errors_not_losses(legacy_file: WithFile) -> None:
    text = "arch:\n  dtype: 16\ndatasets:\n  train:\n    use_mask: ['yes']\n"
    result = migrate(legacy_file("train_h.yaml", text))
    held = [v for v in result.errors if v.code == "legacy_unrepresentable"]
    assert {v.path for v in held} == {"arch.dtype", "datasets.train.use_mask"}
    comments = [line for line in (result.text or "").splitlines() if line.startswith("# not ")]
    assert "# not migrated (the schema cannot hold this value): arch.dtype: 16" in comments
    assert "migration_mismatch" not in codes(result)


VALID_MODEL = (
    "model:\n  name: SemiSupCompletionModel\n  loss: {supervised_loss_weight: 1.0}\n"
    "  depth_net: {name: ResNetSAN01, version: 18A}\n  params: {scale_output: top-center}\n"
)


def test_a_schema_error_hides_only_the_legacy_problem_it_reports_again(
    legacy_file: WithFile,
) -> None:
    text = VALID_MODEL + "wandb: {dry_run: false, entity: 123, project: p}\n"
    result = migrate(legacy_file("train_w.yaml", text))
    at_entity = sorted(v.code for v in result.errors if "wandb.entity" in v.path)
    # the wandb destination is reported once (by the schema), the wrong type still is
    assert at_entity == ["legacy_wrong_type", "wandb_destination"]


def test_a_dropped_dataset_column_is_one_error_not_a_cascade(legacy_file: WithFile) -> None:
    text = VALID_MODEL + (
        "datasets:\n  validation:\n    dataset: [KITTI]\n    path: [/a]\n    split: [a]\n"
        "    depth_type: [groundtruth]\n    cameras: [[1, 2], 3]\n"
    )
    result = migrate(legacy_file("train_c.yaml", text))
    # cameras takes a flat or a nested list (packnet_sfm/utils/config.py:31-32), so the schema
    # reads the column and judges its elements; no sibling column is reported
    assert result.errors
    assert all(v.path.startswith("datasets.validation.cameras") for v in result.errors)


def test_the_legacy_file_is_read_once(
    legacy_file: WithFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    import depthconf.legacy._read as read

    reads: list[Path] = []
    real = read._read_text

    def counting(path: Path) -> str:
        reads.append(path)
        return real(path)

    monkeypatch.setattr(read, "_read_text", counting)
    path = legacy_file("train_once.yaml", "arch:\n  seed: 7\n  epochs: 3\n")
    result = migrate(path)
    assert reads == [path]
    assert result.legacy is not None and result.legacy.raw["arch.epochs"] == 3
    epochs = next(v for v in result.errors if v.path == "arch.epochs")
    assert epochs.value == "3"  # quoted from the file as it was written
