"""Property: every checkpoint setting ``depthconf.check`` accepts builds a working keeper.

This ties the schema to what the keeper needs: a policy the validator lets through
must never be one ``CheckpointKeeper.from_config`` refuses, or one it runs with other
settings than the config's (a rule that accepts ``save_top_k=1`` without a monitor
would pass every config test and fail here, at the keeper, as it would in training).

Each example draws the settings the keeper reads (``save_top_k``, ``monitor``,
``mode``, ``filepath``, ``monitor_index``, ``period``, ``save_last``, the run ``name``)
and one or two validation datasets. ``depthconf.check`` judges them on the plain
data of the composed base (fast); when it accepts, the same settings are composed
for real as Hydra overrides (``depthconf.compose``) and the keeper is built from
that config in a fresh run directory on rank 0, then runs a few epochs with every
key the validation loop emits.
"""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

import depthconf
from depthconf.checkpointing import CheckpointKeeper
from depthconf.metrics import emitted_keys
from depthconf.schema import to_dict

from .helpers import epoch_in, writer

EXPERIMENT = "resnet_san_ncdb"
ABSOLUTE = "<absolute>"  # replaced by a directory of the example's run
#: Two validation datasets told apart by their split (so by their key prefixes);
#: mask_file and use_mask are read per dataset (trainer.md D6, D7).
TWO_VALIDATION = {
    "split": ["splits/a.json", "splits/b.json"],
    "mask_file": ["binary_mask.png", "binary_mask.png"],
    "use_mask": [True, True],
}
_BASE: dict[str, Any] = {}

# Weighted towards valid settings (about half the examples), with every refused value
# still drawn: a monitor with the mode its metric needs two times in three.
RANKED = st.sampled_from(
    [("abs_rel_lin", "min"), ("a1_lin", "max"), ("rmse_log", "min"), ("a3_lin_gt", "max")]
)
ANY_PAIR = st.tuples(
    st.sampled_from([None, "abs_rel_lin", "a2_log", "loss", "abs_rel"]),
    st.sampled_from([None, "min", "max"]),
)
SETTINGS = st.fixed_dictionaries(
    {
        "save_top_k": st.sampled_from([-1, -1, 1, 2, 3, 0, -2]),
        "pair": st.one_of(RANKED, RANKED, ANY_PAIR),
        "filepath": st.sampled_from(["", "checkpoints", "runs/ckpt", ABSOLUTE]),
        "monitor_index": st.sampled_from([0, 0, 0, 1, 2]),
        "two_validation": st.booleans(),
        "period": st.sampled_from([1, 1, 2, 3, 0]),
        "save_last": st.booleans(),
        "name": st.sampled_from(["", "run1"]),
    }
)


def _base() -> dict[str, Any]:
    if not _BASE:
        _BASE.update(to_dict(depthconf.compose(EXPERIMENT)))
    return copy.deepcopy(_BASE)


def _yaml(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return "[" + ",".join(_yaml(v) for v in value) + "]"
    return "''" if value == "" else str(value)


def _checkpoint(drawn: dict[str, Any], run_dir: Path) -> dict[str, Any]:
    monitor, mode = drawn["pair"]
    filepath = str(run_dir / "abs") if drawn["filepath"] == ABSOLUTE else drawn["filepath"]
    return {
        "save_top_k": drawn["save_top_k"],
        "monitor": monitor,
        "mode": mode,
        "filepath": filepath,
        "monitor_index": drawn["monitor_index"],
        "period": drawn["period"],
        "save_last": drawn["save_last"],
    }


def _overrides(drawn: dict[str, Any], ckpt: dict[str, Any]) -> list[str]:
    out = [f"checkpoint.{key}={_yaml(value)}" for key, value in ckpt.items()]
    out.append(f"name={_yaml(drawn['name'])}")
    if drawn["two_validation"]:
        out += [f"datasets.validation.{k}={_yaml(v)}" for k, v in TWO_VALIDATION.items()]
    return out


def _expected_directory(ckpt: dict[str, Any], name: str, run_dir: Path) -> Path:
    base = Path(ckpt["filepath"])
    base = base if base.is_absolute() else run_dir / base
    return base / name if name else base


def _drawn(**changes: Any) -> dict[str, Any]:
    """An explicit example: one ranked policy on the first dataset, with ``changes``."""
    typical = {
        "save_top_k": 1,
        "pair": ("abs_rel_lin", "min"),
        "filepath": "checkpoints",
        "monitor_index": 0,
        "two_validation": False,
        "period": 1,
        "save_last": False,
        "name": "run1",
    }
    return {**typical, **changes}


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(SETTINGS)
# save_top_k 1 and 2 without monitor and mode: the keeper cannot rank them.
@example(_drawn(save_top_k=1, pair=(None, None)))
@example(_drawn(save_top_k=2, pair=(None, None)))
# A valid ranked policy on the second validation dataset, written every second epoch.
@example(
    _drawn(pair=("a1_lin", "max"), monitor_index=1, two_validation=True, period=2, save_last=True)
)
@example(_drawn(save_top_k=-1, pair=("rmse_log", "min"), filepath=ABSOLUTE, name=""))
# found by this property: a mode without a monitor, which the keeper drops
@example(_drawn(save_top_k=-1, pair=(None, "min")))
def test_every_valid_checkpoint_config_builds_a_keeper_that_follows_it(
    drawn: dict[str, Any],
) -> None:
    with tempfile.TemporaryDirectory() as directory:
        run_dir = Path(directory)
        ckpt = _checkpoint(drawn, run_dir)
        data = _base()
        data["checkpoint"].update(ckpt)
        data["name"] = drawn["name"]
        if drawn["two_validation"]:
            data["datasets"]["validation"].update(copy.deepcopy(TWO_VALIDATION))
        if not depthconf.check(data).ok:
            event("refused by depthconf.check")
            return
        cfg = depthconf.compose(EXPERIMENT, _overrides(drawn, ckpt))
        assert to_dict(cfg) == data  # the overrides compose what check judged
        if not ckpt["filepath"]:  # checkpoints disabled: nothing to keep
            event("valid, no checkpoints")
            with pytest.raises(ValueError, match="disables checkpointing"):
                CheckpointKeeper.from_config(cfg, run_dir, rank=0)
            return
        event(f"valid, keeper with save_top_k={ckpt['save_top_k']}")
        _run_keeper(cfg, ckpt, drawn["name"], run_dir)


def _run_keeper(cfg: depthconf.TrainConfig, ckpt: dict[str, Any], name: str, run_dir: Path) -> None:
    emitted = emitted_keys(cfg)
    with CheckpointKeeper.from_config(cfg, run_dir, rank=0) as keeper:
        assert keeper.is_writer
        assert keeper.directory == _expected_directory(ckpt, name, run_dir)
        assert (keeper.save_top_k, keeper.period, keeper.save_last) == (
            ckpt["save_top_k"],
            ckpt["period"],
            ckpt["save_last"],
        )
        # a mode without a monitor ranks nothing, so the keeper drops it
        # (checkpointing/_policy.py check_policy; tests/checkpointing/test_policy_edges.py)
        assert keeper.mode == (ckpt["mode"] if ckpt["monitor"] is not None else None)
        if ckpt["monitor"] is None:
            assert keeper.monitor is None
        else:  # the full key validation returns for the monitor_index dataset
            monitored = emitted[ckpt["monitor_index"]]
            assert keeper.monitor == f"{monitored.prefix}-{ckpt['monitor']}"
            assert keeper.monitor in monitored.keys
        # every key the validation loop returns, improving in the keeper's direction
        epochs = 3 * ckpt["period"]
        for epoch in range(epochs):
            step = epoch if keeper.mode is None or keeper.mode == "max" else -epoch
            metrics = {key: 0.5 + step / 100 for ds in emitted for key in ds.keys}
            decision = keeper.on_validation_end(epoch, metrics, writer(epoch))
            if (epoch + 1) % ckpt["period"] == 0:
                assert decision.written is not None and decision.written.is_file()
        kept = [path for path, _ in keeper.kept]
        expected = 3 if ckpt["save_top_k"] == -1 else min(3, ckpt["save_top_k"])
        assert len(kept) == expected
        assert {epoch_in(path) for path in kept} == {
            (3 - i) * ckpt["period"] - 1 for i in range(expected)
        }
