"""Schema types that must match the trainer's yacs types, so `check` refuses what the
trainer's ``merge_from_file`` would (packnet_sfm/utils/config.py:117)."""

from __future__ import annotations

import pytest

import depthconf
from depthconf.legacy import legacy_defaults, to_legacy


@pytest.mark.parametrize("value", ["10.5", "10.0"])
def test_f1d1_silog_ratio_is_an_int(value: str) -> None:
    # F1d.1: the trainer's default is the int 10 (configs/default_config.py:63), and yacs
    # rejects a float for it at start-up ('Type mismatch'); check refuses it the same way
    with pytest.raises(depthconf.ConfigError) as caught:
        depthconf.compose("resnet_san_ncdb", [f"model.loss.silog_ratio={value}"])
    (violation,) = caught.value.violations
    assert violation.path == "model.loss.silog_ratio"
    assert violation.fix == "model.loss.silog_ratio=<an integer>"


def test_f1d1_an_int_silog_ratio_is_exported_as_an_int() -> None:
    cfg = depthconf.compose("resnet_san_ncdb", ["model.loss.silog_ratio=12"])
    exported = to_legacy(cfg)["model"]["loss"]["silog_ratio"]
    assert exported == 12 and type(exported) is type(
        legacy_defaults()["model"]["loss"]["silog_ratio"]
    )
