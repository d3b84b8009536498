"""Keys the trainer never reads: a non-default value warns, the default says nothing."""

from __future__ import annotations

import pytest

from tests.trainer.facts import E0, Fact, Verdict, assert_fact

W = Verdict.warning

FACTS = [
    # M16: packnet_sfm/networks/depth/ResNetSAN01.py:48 overwrites use_enhanced_lidar with False.
    Fact(
        "M16",
        "packnet_sfm/networks/depth/ResNetSAN01.py:48",
        ("model.depth_net.use_film=true", "model.depth_net.use_enhanced_lidar=true"),
        W,
        "ignored_key",
        says=("always use False",),
    ),
    # M19: no reader of force_output_shape / use_encoder_rezero in packnet_sfm/.
    Fact(
        "M19",
        "packnet_sfm/networks/depth/ResNetSAN01.py:30",
        ("model.depth_net.force_output_shape=[384,640]",),
        W,
        "ignored_key",
    ),
    Fact(
        "M19",
        "packnet_sfm/networks/depth/ResNetSAN01.py:30",
        ("model.depth_net.use_encoder_rezero=true",),
        W,
        "ignored_key",
    ),
    # M24: packnet_sfm/losses/supervised_loss.py:107-234, readers commented out.
    *[
        Fact(
            "M24",
            "packnet_sfm/losses/supervised_loss.py:107-234",
            (override,),
            W,
            "ignored_key",
            says=("never reads it",),
        )
        for override in (
            "model.loss.enable_near_field_weighting=true",
            "model.loss.road_weight=9.0",
            "model.loss.lambda_sg=0.9",
        )
    ],
    # M24: packnet_sfm/models/model_wrapper.py:980-986 replaces the loss depth range.
    Fact(
        "M24",
        "packnet_sfm/models/model_wrapper.py:980-986",
        ("model.loss.min_depth=0.5",),
        W,
        "ignored_key",
        says=("model.params.min_depth",),
    ),
    # M25: no reader of arch.clip_grad anywhere in packnet_sfm/.
    Fact(
        "M25",
        "packnet_sfm/trainers/horovod_trainer.py:222-284",
        ("arch.clip_grad=1.0",),
        W,
        "ignored_key",
        says=("no gradient clipping",),
    ),
    # M26: packnet_sfm/trainers/horovod_trainer.py:27 stores dtype; only :353/:362 read it.
    Fact(
        "M26",
        "packnet_sfm/trainers/horovod_trainer.py:27",
        ("arch.dtype=float16",),
        W,
        "ignored_key",
    ),
    # M27: packnet_sfm/trainers/base_trainer.py:46 (stored, never read);
    # packnet_sfm/loggers/wandb_logger.py:159 (num_logs only in an uncalled helper).
    Fact(
        "M27",
        "packnet_sfm/trainers/base_trainer.py:46",
        ("arch.min_epochs=5",),
        W,
        "ignored_key",
    ),
    Fact(
        "M27",
        "packnet_sfm/loggers/wandb_logger.py:159",
        ("datasets.train.num_logs=10",),
        W,
        "ignored_key",
    ),
    # The defaults themselves say nothing (clip_grad 10.0 is default_config.py's value).
    Fact("M25", "configs/default_config.py:149", ("arch.clip_grad=10.0",), Verdict.accepted),
]


@pytest.mark.parametrize("fact", FACTS, ids=lambda f: f.param_id)
def test_fact(fact: Fact) -> None:
    assert_fact(fact)


def test_e0_sets_no_ignored_key() -> None:
    assert_fact(Fact("E0", "n/a", (), Verdict.accepted, base=E0))
