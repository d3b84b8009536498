"""Crop borders keep their element types (S9) and take the trainer's forms (D19).

The trainer reads each crop border by its type: an int is a pixel offset, a float the
fraction of the image size a crop is centred on (packnet_sfm/utils/misc.py:106-123).
``[-352, 0, 0.5, 1216]`` as floats reads -352.0 as a fraction and fails the
'Crop borders ... are invalid' assert (misc.py:143-144) at the first step, so the type
of every element must survive Hydra composition, overrides, validation and export.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import depthconf
from depthconf.legacy import to_legacy
from depthconf.validation import check

TEAM_BORDERS = [-352, 0, 0.5, 1216]  # the fork's configs/train_*_kitti.yaml (trainer.md 3c)
KEYS = ("crop_train_borders", "crop_eval_borders")


def _types(values: Any) -> list[type]:
    return [type(v) for v in values]


def _with_borders(base: dict[str, Any], key: str, borders: list[Any]) -> dict[str, Any]:
    data = copy.deepcopy(base)
    data["datasets"]["augmentation"][key] = borders
    return data


@pytest.mark.parametrize("key", KEYS)
def test_s9_an_override_keeps_ints_and_floats(key: str) -> None:
    # S9: packnet_sfm/utils/misc.py:106-123 tests is_int per axis
    cfg = depthconf.compose("resnet_san_kitti", [f"datasets.augmentation.{key}=[-352,0,0.5,1216]"])
    borders = getattr(cfg.datasets.augmentation, key)
    assert borders == TEAM_BORDERS
    assert _types(borders) == [int, int, float, int]
    exported = to_legacy(cfg)["datasets"]["augmentation"][key]
    assert exported == (-352, 0, 0.5, 1216) and _types(exported) == [int, int, float, int]


def test_s9_an_experiment_file_keeps_ints_and_floats(conf_copy: Path) -> None:
    # S9 through a YAML experiment and Hydra's merge with the structured schema; 1216.0 is
    # written as a float on purpose: it stays one (a fraction, as the trainer would read it)
    experiment = conf_copy / "experiment" / "crops.yaml"
    experiment.write_text(
        "# @package _global_\n"
        + yaml.safe_dump(
            {
                "defaults": [{"override /dataset": "kitti"}],
                "name": "crops",
                "datasets": {
                    "augmentation": {
                        "crop_train_borders": TEAM_BORDERS,
                        "crop_eval_borders": [-352, 0, 0.5, 1216.0],
                    }
                },
            },
            sort_keys=False,
        ),
        encoding="utf-8",
    )
    cfg = depthconf.compose("crops")
    assert _types(cfg.datasets.augmentation.crop_train_borders) == [int, int, float, int]
    assert _types(cfg.datasets.augmentation.crop_eval_borders) == [int, int, float, float]


@pytest.mark.parametrize(
    ("override", "shown"),
    [("[true,0,0.5,1216]", "True"), ("['0.5',0,0.5,1216]", "'0.5'"), ("[null,0,0.5,1]", "None")],
)
def test_s9_a_bool_or_string_border_is_refused(override: str, shown: str) -> None:
    # is_int(True) is True in the trainer (packnet_sfm/utils/types.py: isinstance(x, int)), so
    # a bool would silently be pixel 1; a string fails in the trainer's arithmetic
    with pytest.raises(depthconf.ConfigError) as caught:
        depthconf.compose(
            "resnet_san_kitti", [f"datasets.augmentation.crop_eval_borders={override}"]
        )
    (violation,) = caught.value.violations
    assert violation.path == "datasets.augmentation.crop_eval_borders[0]"
    assert violation.code == "crop_border"
    assert "packnet_sfm/utils/misc.py:106-123" in violation.rule
    assert f"{shown} is neither" in violation.rule
    assert "-352 for pixels or 0.5 for a fraction" in violation.fix


_BORDER = st.one_of(
    st.integers(-5000, 5000),
    st.floats(-2, 2, allow_nan=False, allow_infinity=False),
)


# ncdb is only read (each example deep-copies it), so sharing it between examples is safe
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(borders=st.lists(_BORDER, min_size=4, max_size=4), key=st.sampled_from(KEYS))
def test_s9_every_element_type_survives_validation_and_export(
    ncdb: dict[str, Any], borders: list[int | float], key: str
) -> None:
    cfg = _with_borders(ncdb, key, borders)
    # a resize after the crop fixes the network's input size, whatever the crop (D15)
    cfg["datasets"]["augmentation"]["image_shape"] = [384, 640]
    report = check(cfg)
    if report.config is None:
        # the trainer fails on it whatever the image (an empty centred crop, a float
        # pixel size): refused by the crop rule alone, see test_a_four_value_crop_...
        assert {v.code for v in report.errors} == {"crop_borders"}, report.errors
        return
    kept = getattr(report.config.datasets.augmentation, key)
    assert kept == borders and _types(kept) == _types(borders)
    exported = to_legacy(report.config)["datasets"]["augmentation"][key]
    assert list(exported) == borders and _types(exported) == _types(borders)


@pytest.mark.parametrize("borders", [[], [23, 26], [-23, -26], TEAM_BORDERS, [0.5, 352, 0.5, 1216]])
def test_d19_accepted_forms(ncdb: dict[str, Any], borders: list[Any]) -> None:
    # D19: the 2-value int form (top, left) works (packnet_sfm/utils/misc.py:124-132): on
    # KITTI [23, 26] crops to (26, 23, 1242, 375); the 4-value form as before (:104-123)
    for key in KEYS:
        report = check(_with_borders(ncdb, key, borders))
        assert report.ok, [v.render() for v in report.errors]


@pytest.mark.parametrize(
    ("borders", "cited", "words"),
    [
        # the 2-value float form centres both axes at the left value (misc.py:133-138)
        ([23, 0.5], "misc.py:133-138", "not as (top, left)"),
        ([0.5, 0.5], "misc.py:133-138", "of both the height and the width"),
        # a float top in the int form is a fractional pixel offset (misc.py:124-132)
        ([2.5, 26], "misc.py:124-132", "fractional pixel borders"),
        # other lengths: NotImplementedError('Crop tuple must have 2 or 4 values.')
        ([1, 2, 3], "misc.py:139-141", "Crop tuple must have 2 or 4 values"),
        ([1], "misc.py:139-141", "with 1 values it fails"),
    ],
)
@pytest.mark.parametrize(
    ("key", "when"),
    [
        ("crop_train_borders", "first training step (packnet_sfm/datasets/transforms.py:41-43)"),
        ("crop_eval_borders", "first validation (packnet_sfm/datasets/transforms.py:70-71)"),
    ],
)
def test_d19_refused_forms(
    ncdb: dict[str, Any], borders: list[Any], cited: str, words: str, key: str, when: str
) -> None:
    report = check(_with_borders(ncdb, key, borders))
    (violation,) = report.errors
    assert violation.path == f"datasets.augmentation.{key}"
    assert violation.code == "crop_borders"
    assert cited in violation.rule and words in violation.rule
    assert when in violation.rule
    assert f"datasets.augmentation.{key}=[] (no crop)" in violation.fix


_CENTRED_EMPTY = (
    "a centred crop (float offset 0.5) needs a {name} > 0, not {size}: the crop is empty "
    "and the trainer fails its 'Crop borders ... are invalid' assert {when} "
    "(packnet_sfm/utils/misc.py:112-123, :143-144)"
)
_FLOAT_PIXELS = (
    "with a pixel (int) offset {offset} the {name} must be an int, not {size}: the trainer "
    "crops the depth map with it and fails {when} with TypeError 'slice indices must be "
    "integers' (packnet_sfm/utils/misc.py:109, :118, packnet_sfm/datasets/augmentations.py:432)"
)
_TRAIN = "at the first training step (packnet_sfm/datasets/transforms.py:41-43)"
_EVAL = "at the first validation (packnet_sfm/datasets/transforms.py:70-71)"


@pytest.mark.parametrize(
    ("key", "borders", "rule", "fix"),
    [
        # misc.py:112-113, :121-123: a centred axis of size <= 0 is empty, then :143-144
        (
            "crop_train_borders",
            [0.5, 0, 0, 1216],
            _CENTRED_EMPTY.format(name="height", size=0, when=_TRAIN),
            "a height in pixels > 0",
        ),
        (
            "crop_eval_borders",
            [0, 352, 0.5, -32],
            _CENTRED_EMPTY.format(name="width", size=-32, when=_EVAL),
            "a width in pixels > 0",
        ),
        (
            "crop_train_borders",
            [0.5, -0.5, 0.5, 1216],
            _CENTRED_EMPTY.format(name="height", size=-0.5, when=_TRAIN),
            "a height in pixels > 0",
        ),
        # misc.py:109, :118 keep a float size; augmentations.py:432 slices with it
        (
            "crop_train_borders",
            [0, 100.5, 0, 1216],
            _FLOAT_PIXELS.format(offset=0, name="height", size=100.5, when=_TRAIN),
            "an int height, e.g. 100",
        ),
        (
            "crop_eval_borders",
            [-352, 0, 8, 96.0],
            _FLOAT_PIXELS.format(offset=8, name="width", size=96.0, when=_EVAL),
            "an int width, e.g. 96",
        ),
    ],
)
def test_a_four_value_crop_the_trainer_cannot_cut_is_refused(
    ncdb: dict[str, Any], key: str, borders: list[Any], rule: str, fix: str
) -> None:
    report = check(_with_borders(ncdb, key, borders))
    (error,) = report.errors
    assert (error.code, error.path) == ("crop_borders", f"datasets.augmentation.{key}")
    assert error.rule == rule
    assert error.fix == f"{fix}, or datasets.augmentation.{key}=[] (no crop)"


@pytest.mark.parametrize(
    "borders",
    [
        [0.5, 1, 0.5, 1],  # the smallest centred crop: one pixel (misc.py:112-123)
        [0.25, 0.5, 0.5, 352.0],  # a float size is fine in a centred axis
        [0, 0, 0, 0],  # pixel sizes <= 0 run to the far border (misc.py:109, :118)
        [-352, -1, 0, 1216],
    ],
)
def test_four_value_crops_the_trainer_cuts_are_accepted(
    ncdb: dict[str, Any], borders: list[Any]
) -> None:
    for key in KEYS:
        report = check(_with_borders(ncdb, key, borders))
        assert "crop_borders" not in {v.code for v in report.errors}, report.errors
