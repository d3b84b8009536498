"""Every threshold of the rules, tested on both sides, through ``depthconf.check``.

One row per side of a threshold: the values on the accepted side must validate (and,
for a warning, say nothing), the values on the refused side must give exactly the
expected finding. The base is the bundled ``resnet_san_ncdb`` experiment, composed
once per module; each row changes a few keys of its plain data, which ``check``
judges as it judges a composed config (the same validator, about a millisecond a row).

The rules live in ``src/depthconf/schema/_rules/`` (a section's own rules and pydantic
field bounds) and ``src/depthconf/validation/rules/`` (the trainer profile and several
sections); trainer paths below are at commit 208e293 of the team's fork.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pytest

import depthconf
from depthconf.schema import to_dict

EXPERIMENT = "resnet_san_ncdb"
RANKED = {"checkpoint.monitor": "abs_rel_lin", "checkpoint.mode": "min"}
#: Two validation datasets (split names differ, so their key prefixes do); mask_file and
#: use_mask are read per dataset, never broadcast (trainer.md D6, D7).
TWO_VALIDATION = {
    "datasets.validation.split": ["splits/a.json", "splits/b.json"],
    "datasets.validation.mask_file": ["binary_mask.png", "binary_mask.png"],
    "datasets.validation.use_mask": [True, True],
}
NO_VALIDATION = {
    "datasets.validation.dataset": [],
    "datasets.validation.path": [],
    "datasets.validation.split": [],
}


@dataclass(frozen=True)
class Side:
    """One side of a threshold: ``changes`` to the base and what ``check`` must say.

    ``errors``: the exact set of (code, path) errors (empty: the config is valid);
    ``warning``: a (code, path) warning that must be there; ``silent``: a code that
    must appear neither among the errors nor among the warnings.
    """

    changes: Mapping[str, Any]
    errors: frozenset[tuple[str, str]] = field(default_factory=frozenset)
    warning: tuple[str, str] | None = None
    silent: str | None = None


def ok(changes: Mapping[str, Any], silent: str | None = None) -> Side:
    return Side(changes, silent=silent)


def refused(changes: Mapping[str, Any], *errors: str) -> Side:
    """``errors`` as 'code@path'."""
    pairs = frozenset((e.split("@")[0], e.split("@")[1]) for e in errors)
    return Side(changes, errors=pairs)


def warned(changes: Mapping[str, Any], finding: str) -> Side:
    code, path = finding.split("@")
    return Side(changes, warning=(code, path))


GE = "greater_than_equal"
GT = "greater_than"
LE = "less_than_equal"
TOP_K = "monitor_required@checkpoint.monitor, checkpoint.mode"

ROWS: dict[str, Side] = {
    # -- checkpoint.save_top_k (schema/_rules/checkpoint.py, schema/_policy.py) ------------
    # Below -1 means nothing: the trainer indexes best_k_models[''] at the first save
    # (packnet_sfm/models/model_checkpoint.py:96, :107).
    "save_top_k=-3": refused(
        {"checkpoint.save_top_k": -3}, "save_top_k_range@checkpoint.save_top_k"
    ),
    "save_top_k=-2": refused(
        {"checkpoint.save_top_k": -2}, "save_top_k_range@checkpoint.save_top_k"
    ),
    "save_top_k=-2 ranked": refused(
        {"checkpoint.save_top_k": -2, **RANKED}, "save_top_k_range@checkpoint.save_top_k"
    ),
    # -1 keeps all, with or without a monitor (model_checkpoint.py:132-134 skips the key check).
    "save_top_k=-1": ok({"checkpoint.save_top_k": -1}),
    "save_top_k=-1 ranked": ok({"checkpoint.save_top_k": -1, **RANKED}),
    # 0 is 'keep all' to the legacy keeper (model_checkpoint.py:30-31), 'none' to Lightning.
    "save_top_k=0": refused({"checkpoint.save_top_k": 0}, "save_top_k_zero@checkpoint.save_top_k"),
    "save_top_k=0 ranked": refused(
        {"checkpoint.save_top_k": 0, **RANKED}, "save_top_k_zero@checkpoint.save_top_k"
    ),
    # k >= 1 ranks by the monitor: the trainer's default 'loss' is never emitted and its
    # keeper asserts the key at the first save (model_checkpoint.py:132-134).
    "save_top_k=1": refused({"checkpoint.save_top_k": 1}, TOP_K),
    "save_top_k=1 ranked": ok({"checkpoint.save_top_k": 1, **RANKED}),
    "save_top_k=1 monitor only": refused(
        {"checkpoint.save_top_k": 1, "checkpoint.monitor": "abs_rel_lin"}, TOP_K
    ),
    "save_top_k=1 mode only": refused(
        {"checkpoint.save_top_k": 1, "checkpoint.mode": "min"}, TOP_K
    ),
    "save_top_k=2": refused({"checkpoint.save_top_k": 2}, TOP_K),
    "save_top_k=2 ranked": ok({"checkpoint.save_top_k": 2, **RANKED}),
    "save_top_k=3": refused({"checkpoint.save_top_k": 3}, TOP_K),
    "save_top_k=3 ranked": ok({"checkpoint.save_top_k": 3, **RANKED}),
    # No keeper at all without a filepath (scripts/core/train.py:66-67).
    "save_top_k=1 ranked, filepath ''": refused(
        {"checkpoint.save_top_k": 1, "checkpoint.filepath": "", **RANKED},
        "top_k_without_checkpoints@checkpoint.save_top_k, checkpoint.filepath",
    ),
    "save_top_k=-1, filepath ''": ok({"checkpoint.save_top_k": -1, "checkpoint.filepath": ""}),
    # A monitor needs a mode even when every checkpoint is kept ('auto' guesses from
    # substrings: model_checkpoint.py:48-52).
    "monitor without mode, save_top_k=-1": refused(
        {"checkpoint.monitor": "abs_rel_lin"}, "mode_required@checkpoint.mode"
    ),
    # -- checkpoint: the other bounds -----------------------------------------------------
    "period=0": refused({"checkpoint.period": 0}, f"{GE}@checkpoint.period"),
    "period=1": ok({"checkpoint.period": 1}),
    "s3_frequency=-1": refused({"checkpoint.s3_frequency": -1}, f"{GE}@checkpoint.s3_frequency"),
    "s3_frequency=0": ok({"checkpoint.s3_frequency": 0}),  # 0: no S3 sync, as in the trainer
    "monitor_index=-1": refused({"checkpoint.monitor_index": -1}, f"{GE}@checkpoint.monitor_index"),
    "monitor_index=0 of 1": ok({"checkpoint.monitor_index": 0}),
    # packnet_sfm/utils/config.py:243-245 asserts monitor_index < the validation count.
    "monitor_index=1 of 1": refused(
        {"checkpoint.monitor_index": 1}, "monitor_index_range@checkpoint.monitor_index"
    ),
    "monitor_index=1 of 2": ok({"checkpoint.monitor_index": 1, **TWO_VALIDATION}),
    "monitor_index=1 of 2, ranked": ok(
        {"checkpoint.monitor_index": 1, "checkpoint.save_top_k": 1, **RANKED, **TWO_VALIDATION}
    ),
    "monitor_index=2 of 2": refused(
        {"checkpoint.monitor_index": 2, **TWO_VALIDATION},
        "monitor_index_range@checkpoint.monitor_index",
    ),
    # config.py:243-245 again, with no validation dataset at all.
    "no validation, filepath set": refused(
        NO_VALIDATION,
        "checkpoint_without_validation@checkpoint.filepath, datasets.validation",
    ),
    # Without a filepath the checkpoint rule is silent; a run without validation is not.
    "no validation, filepath ''": refused(
        {**NO_VALIDATION, "checkpoint.filepath": ""},
        "no_validation_dataset@datasets.validation.path",
    ),
    # -- arch (schema/_rules/run.py, validation/rules/run.py) -----------------------------
    "min_epochs=0": refused({"arch.min_epochs": 0}, f"{GE}@arch.min_epochs"),
    "min_epochs=1": ok({"arch.min_epochs": 1}),
    "max_epochs=0": refused({"arch.max_epochs": 0}, f"{GE}@arch.max_epochs"),
    "max_epochs=1": ok({"arch.max_epochs": 1}),
    # packnet_sfm/trainers/base_trainer.py:46 stores min_epochs and never reads it.
    "min_epochs=max_epochs": ok({"arch.min_epochs": 7, "arch.max_epochs": 7}),
    "min_epochs=max_epochs+1": refused(
        {"arch.min_epochs": 8, "arch.max_epochs": 7},
        "epoch_range@arch.min_epochs, arch.max_epochs",
    ),
    # packnet_sfm/models/model_wrapper.py:921-926 seeds only when seed >= 0.
    "seed=0": ok({"arch.seed": 0}, silent="no_seed"),
    "seed=-1": warned({"arch.seed": -1}, "no_seed@arch.seed"),
    # packnet_sfm/trainers/horovod_trainer.py:234, :242-245: evaluates every
    # max(1, int(batches x interval)) batches, never at batch 0.
    "eval_progress_interval=0": refused(
        {"arch.eval_progress_interval": 0.0}, f"{GT}@arch.eval_progress_interval"
    ),
    "eval_progress_interval=0.0099": warned(
        {"arch.eval_progress_interval": 0.0099}, "eval_interval_tiny@arch.eval_progress_interval"
    ),
    "eval_progress_interval=0.01": ok(
        {"arch.eval_progress_interval": 0.01}, silent="eval_interval_tiny"
    ),
    "eval_progress_interval=0.99": ok(
        {"arch.eval_progress_interval": 0.99}, silent="no_eval_during_training"
    ),
    "eval_progress_interval=1": warned(
        {"arch.eval_progress_interval": 1.0},
        "no_eval_during_training@arch.eval_progress_interval",
    ),
    "eval_progress_interval=1, not evaluating": ok(
        {"arch.eval_progress_interval": 1.0, "arch.eval_during_training": False},
        silent="no_eval_during_training",
    ),
    # horovod_trainer.py:138 evaluates max(50, eval_subset_size) batches.
    "eval_subset_size=-1": refused({"arch.eval_subset_size": -1}, f"{GE}@arch.eval_subset_size"),
    "eval_subset_size=0": warned(
        {"arch.eval_subset_size": 0}, "eval_subset_floor@arch.eval_subset_size"
    ),
    "eval_subset_size=49": warned(
        {"arch.eval_subset_size": 49}, "eval_subset_floor@arch.eval_subset_size"
    ),
    "eval_subset_size=50": ok({"arch.eval_subset_size": 50}, silent="eval_subset_floor"),
    "eval_subset_size=25 (the default)": ok(
        {"arch.eval_subset_size": 25}, silent="eval_subset_floor"
    ),
    "tensorboard.log_frequency=0": refused(
        {"tensorboard.log_frequency": 0}, f"{GE}@tensorboard.log_frequency"
    ),
    "tensorboard.log_frequency=1": ok({"tensorboard.log_frequency": 1}),
    # -- model.params (schema/_rules/model.py, validation/rules/params.py) ----------------
    # Validation keeps ground truth in (min_depth, max_depth): packnet_sfm/utils/depth.py:345.
    "min_depth=-0.01": refused(
        {"model.params.min_depth": -0.01}, "depth_range@model.params.min_depth"
    ),
    # Training replaces min_depth <= 0 with 0.5 (SemiSupCompletionModel.py:43-45).
    "min_depth=0": warned(
        {"model.params.min_depth": 0.0}, "min_depth_rewritten@model.params.min_depth"
    ),
    "min_depth=0.01": ok({"model.params.min_depth": 0.01}, silent="min_depth_rewritten"),
    "max_depth=min_depth": refused(
        {"model.params.min_depth": 1.0, "model.params.max_depth": 1.0},
        "depth_range@model.params.min_depth, model.params.max_depth",
    ),
    "max_depth<min_depth": refused(
        {"model.params.min_depth": 1.0, "model.params.max_depth": 0.5},
        "depth_range@model.params.min_depth, model.params.max_depth",
    ),
    "max_depth just above min_depth": ok(
        {"model.params.min_depth": 1.0, "model.params.max_depth": 1.001}
    ),
    # -- optimizer and scheduler (schema/_rules/model.py, validation/rules/optim.py) -------
    # torch.optim refuses lr < 0 (packnet_sfm/models/model_wrapper.py:216); 0 is depthconf's.
    "lr<0": refused({"model.optimizer.depth.lr": -1e-6}, "lr@model.optimizer.depth.lr"),
    "lr=0": refused({"model.optimizer.depth.lr": 0.0}, "lr@model.optimizer.depth.lr"),
    "lr>0": ok({"model.optimizer.depth.lr": 1e-9}),
    # The pose group is not built with supervised_loss_weight 1.0 (model_wrapper.py:188).
    "pose lr=0 unused": ok({"model.optimizer.pose.lr": 0.0}),
    "weight_decay<0": refused(
        {"model.optimizer.depth.weight_decay": -1e-6},
        "weight_decay@model.optimizer.depth.weight_decay",
    ),
    "weight_decay=0": ok({"model.optimizer.depth.weight_decay": 0.0}),
    # StepLR divides by step_size at the first scheduler.step()
    # (packnet_sfm/trainers/horovod_trainer.py:125).
    "step_size=0": refused({"model.scheduler.step_size": 0}, "step_size@model.scheduler.step_size"),
    "step_size=1": ok({"model.scheduler.step_size": 1}),
    "gamma=0": refused({"model.scheduler.gamma": 0.0}, "gamma@model.scheduler.gamma"),
    "gamma>0": ok({"model.scheduler.gamma": 1e-6}),
    "T_max=0": refused(
        {"model.scheduler.name": "CosineAnnealingLR", "model.scheduler.T_max": 0},
        "T_max@model.scheduler.T_max",
    ),
    "T_max=1": ok({"model.scheduler.name": "CosineAnnealingLR", "model.scheduler.T_max": 1}),
    # -- model.loss -----------------------------------------------------------------------
    # SemiSupCompletionModel.py:39 asserts (0, 1]; below 1.0 it needs a pose net (:63-64).
    "supervised_loss_weight=0": refused(
        {"model.loss.supervised_loss_weight": 0.0}, f"{GT}@model.loss.supervised_loss_weight"
    ),
    "supervised_loss_weight=0.999": refused(
        {"model.loss.supervised_loss_weight": 0.999},
        "pose_net_missing@model.loss.supervised_loss_weight, model.pose_net.name",
    ),
    "supervised_loss_weight=1": ok({"model.loss.supervised_loss_weight": 1.0}),
    "supervised_loss_weight=1.001": refused(
        {"model.loss.supervised_loss_weight": 1.001}, f"{LE}@model.loss.supervised_loss_weight"
    ),
    # Every depth net returns 4 training scales (ResNetSAN01.py:294-300); the loss indexes
    # one per supervised scale (packnet_sfm/utils/image.py:205).
    "supervised_num_scales=0": refused(
        {"model.loss.supervised_num_scales": 0}, f"{GE}@model.loss.supervised_num_scales"
    ),
    "supervised_num_scales=4": ok({"model.loss.supervised_num_scales": 4}),
    "supervised_num_scales=5": refused(
        {"model.loss.supervised_num_scales": 5},
        "supervised_num_scales@model.loss.supervised_num_scales",
    ),
    "ssim_loss_weight=1": ok({"model.loss.ssim_loss_weight": 1.0}),
    "ssim_loss_weight=1.01": refused(
        {"model.loss.ssim_loss_weight": 1.01}, f"{LE}@model.loss.ssim_loss_weight"
    ),
    "ssim_loss_weight=0": ok({"model.loss.ssim_loss_weight": 0.0}),
    "ssim_loss_weight=-0.01": refused(
        {"model.loss.ssim_loss_weight": -0.01}, f"{GE}@model.loss.ssim_loss_weight"
    ),
    "smooth_loss_weight=0": ok({"model.loss.smooth_loss_weight": 0.0}),
    "smooth_loss_weight<0": refused(
        {"model.loss.smooth_loss_weight": -1e-6}, f"{GE}@model.loss.smooth_loss_weight"
    ),
    "epsilon=0": refused({"model.loss.epsilon": 0.0}, f"{GT}@model.loss.epsilon"),
    "epsilon>0": ok({"model.loss.epsilon": 1e-12}),
    # -- model.depth_net ------------------------------------------------------------------
    "dropout=0": ok({"model.depth_net.dropout": 0.0}),
    "dropout=1": ok({"model.depth_net.dropout": 1.0}),
    "dropout<0": refused({"model.depth_net.dropout": -0.01}, f"{GE}@model.depth_net.dropout"),
    "dropout>1": refused({"model.depth_net.dropout": 1.01}, f"{LE}@model.depth_net.dropout"),
    # FiLM runs where `i in film_scales`, i over ResNetSAN01's 5 encoder scales
    # (packnet_sfm/networks/depth/ResNetSAN01.py:86-90, :224): 0..4 are used.
    "film_scales=[0]": ok(
        {"model.depth_net.use_film": True, "model.depth_net.film_scales": [0]}, silent="film_scales"
    ),
    "film_scales=[4]": ok(
        {"model.depth_net.use_film": True, "model.depth_net.film_scales": [4]}, silent="film_scales"
    ),
    "film_scales=[5]": warned(
        {"model.depth_net.use_film": True, "model.depth_net.film_scales": [5]},
        "film_scales@model.depth_net.film_scales",
    ),
    "film_scales=[-1]": warned(
        {"model.depth_net.use_film": True, "model.depth_net.film_scales": [-1]},
        "film_scales@model.depth_net.film_scales",
    ),
    # -- datasets: loaders ----------------------------------------------------------------
    "train batch_size=0": refused(
        {"datasets.train.batch_size": 0}, f"{GE}@datasets.train.batch_size"
    ),
    "train batch_size=1": ok({"datasets.train.batch_size": 1}),
    "validation batch_size=0": refused(
        {"datasets.validation.batch_size": 0}, f"{GE}@datasets.validation.batch_size"
    ),
    "validation batch_size=1": ok({"datasets.validation.batch_size": 1}),
    "num_workers=-1": refused(
        {"datasets.train.num_workers": -1}, f"{GE}@datasets.train.num_workers"
    ),
    "num_workers=0": ok({"datasets.train.num_workers": 0}),
    "test num_workers=-1": refused(
        {"datasets.test.num_workers": -1}, f"{GE}@datasets.test.num_workers"
    ),
    "test num_workers=0": ok({"datasets.test.num_workers": 0}),
    "back_context=-1": refused(
        {"datasets.train.back_context": -1}, f"{GE}@datasets.train.back_context"
    ),
    "back_context=0": ok({"datasets.train.back_context": 0}),
    "repeat=0": refused({"datasets.train.repeat": [0]}, f"{GE}@datasets.train.repeat[0]"),
    "repeat=1": ok({"datasets.train.repeat": [1]}),
    "num_logs=-1": refused(
        {"datasets.validation.num_logs": -1}, f"{GE}@datasets.validation.num_logs"
    ),
    "num_logs=0": ok({"datasets.validation.num_logs": 0}),
    # -- datasets.augmentation: image sizes (schema/_rules/datasets.py, rules/shapes.py) ---
    "image_shape=[]": ok({"datasets.augmentation.image_shape": []}),
    "image_shape=[32,32]": ok({"datasets.augmentation.image_shape": [32, 32]}),
    "image_shape height 0": refused(
        {"datasets.augmentation.image_shape": [0, 640]},
        "image_shape@datasets.augmentation.image_shape",
    ),
    "image_shape width 0": refused(
        {"datasets.augmentation.image_shape": [384, 0]},
        "image_shape@datasets.augmentation.image_shape",
    ),
    "image_shape negative": refused(
        {"datasets.augmentation.image_shape": [-384, 640]},
        "image_shape@datasets.augmentation.image_shape",
    ),
    "image_shape one value": refused(
        {"datasets.augmentation.image_shape": [384]},
        "image_shape@datasets.augmentation.image_shape",
    ),
    "image_shape three values": refused(
        {"datasets.augmentation.image_shape": [384, 640, 3]},
        "image_shape@datasets.augmentation.image_shape",
    ),
    # The decoder's torch.cat needs multiples of 32 (layers/resnet/depth_decoder.py:59).
    "image_shape multiple of 32": ok({"datasets.augmentation.image_shape": [384, 640]}),
    "image_shape height 32k-1": refused(
        {"datasets.augmentation.image_shape": [383, 640]},
        "input_size@datasets.augmentation.image_shape",
    ),
    "image_shape width 32k+1": refused(
        {"datasets.augmentation.image_shape": [384, 641]},
        "input_size@datasets.augmentation.image_shape",
    ),
    # Crop borders: 2 or 4 values (packnet_sfm/utils/misc.py:139-141).
    "crop 4 values": ok({"datasets.augmentation.crop_eval_borders": [0, 384, 0, 640]}),
    "crop 2 ints": ok({"datasets.augmentation.crop_eval_borders": [0, 0]}),
    "crop 1 value": refused(
        {"datasets.augmentation.crop_eval_borders": [0]},
        "crop_borders@datasets.augmentation.crop_eval_borders",
    ),
    "crop 3 values": refused(
        {"datasets.augmentation.crop_eval_borders": [0, 0, 0]},
        "crop_borders@datasets.augmentation.crop_eval_borders",
    ),
    "crop 5 values": refused(
        {"datasets.augmentation.crop_eval_borders": [0, 384, 0, 640, 0]},
        "crop_borders@datasets.augmentation.crop_eval_borders",
    ),
    # -- datasets.augmentation: jittering (validation/rules/augmentation.py) --------------
    # packnet_sfm/datasets/augmentations.py:338 unpacks four values; :297-299 read a fifth.
    "jittering 3 values": refused(
        {"datasets.augmentation.jittering": [0.2, 0.2, 0.2]},
        "jittering_length@datasets.augmentation.jittering",
    ),
    "jittering 4 values": ok({"datasets.augmentation.jittering": [0.2, 0.2, 0.2, 0.05]}),
    "jittering 5 values": ok(
        {"datasets.augmentation.jittering": [0.2, 0.2, 0.2, 0.05, 0.1]}, silent="jittering_length"
    ),
    "jittering 6 values": warned(
        {"datasets.augmentation.jittering": [0.2, 0.2, 0.2, 0.05, 0.1, 0.1]},
        "jittering_length@datasets.augmentation.jittering",
    ),
    "jittering empty": ok({"datasets.augmentation.jittering": []}),
    # torchvision's adjust_hue takes [-0.5, 0.5] (augmentations.py:342, :364-366).
    "hue=0.5": ok({"datasets.augmentation.jittering": [0.2, 0.2, 0.2, 0.5]}),
    "hue=-0.5": ok({"datasets.augmentation.jittering": [0.2, 0.2, 0.2, -0.5]}),
    "hue=0.51": refused(
        {"datasets.augmentation.jittering": [0.2, 0.2, 0.2, 0.51]},
        "jittering_hue@datasets.augmentation.jittering[3]",
    ),
    "hue=-0.51": refused(
        {"datasets.augmentation.jittering": [0.2, 0.2, 0.2, -0.51]},
        "jittering_hue@datasets.augmentation.jittering[3]",
    ),
    # -- datasets.augmentation: probabilities and positive parameters ---------------------
    "randaugment.prob=0": ok({"datasets.augmentation.randaugment.prob": 0.0}),
    "randaugment.prob=1": ok({"datasets.augmentation.randaugment.prob": 1.0}),
    "randaugment.prob<0": refused(
        {"datasets.augmentation.randaugment.prob": -0.01},
        f"{GE}@datasets.augmentation.randaugment.prob",
    ),
    "randaugment.prob>1": refused(
        {"datasets.augmentation.randaugment.prob": 1.01},
        f"{LE}@datasets.augmentation.randaugment.prob",
    ),
    "randaugment.m>1": refused(
        {"datasets.augmentation.randaugment.m": 1.01}, f"{LE}@datasets.augmentation.randaugment.m"
    ),
    "randaugment.n=0": refused(
        {"datasets.augmentation.randaugment.n": 0}, f"{GE}@datasets.augmentation.randaugment.n"
    ),
    "randaugment.n=1": ok({"datasets.augmentation.randaugment.n": 1}),
    "random_erasing.probability=1": ok({"datasets.augmentation.random_erasing.probability": 1.0}),
    "random_erasing.probability>1": refused(
        {"datasets.augmentation.random_erasing.probability": 1.01},
        f"{LE}@datasets.augmentation.random_erasing.probability",
    ),
    "random_erasing.sh<0": refused(
        {"datasets.augmentation.random_erasing.sh": -0.01},
        f"{GE}@datasets.augmentation.random_erasing.sh",
    ),
    "random_erasing.r1=0": refused(
        {"datasets.augmentation.random_erasing.r1": 0.0},
        f"{GT}@datasets.augmentation.random_erasing.r1",
    ),
    "mixup.alpha=0": refused(
        {"datasets.augmentation.mixup.alpha": 0.0}, f"{GT}@datasets.augmentation.mixup.alpha"
    ),
    "mixup.alpha>0": ok({"datasets.augmentation.mixup.alpha": 1e-6}),
    "cutmix.prob>1": refused(
        {"datasets.augmentation.cutmix.prob": 1.01}, f"{LE}@datasets.augmentation.cutmix.prob"
    ),
    "cutmix.prob=1": ok({"datasets.augmentation.cutmix.prob": 1.0}),
}


@pytest.fixture(scope="module")
def base() -> dict[str, Any]:
    return to_dict(depthconf.compose(EXPERIMENT))


def changed(base: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(dict(base))
    for path, value in changes.items():
        *parents, leaf = path.split(".")
        node = data
        for part in parents:
            node = node[part]
        assert leaf in node, f"{path} is not a key of the base config"
        node[leaf] = value
    return data


@pytest.mark.parametrize("side", ROWS.values(), ids=ROWS.keys())
def test_threshold_side(base: dict[str, Any], side: Side) -> None:
    report = depthconf.check(changed(base, side.changes))
    errors = {(v.code.value, v.path) for v in report.errors}
    assert errors == side.errors, [v.render() for v in report.errors]
    warnings = {(v.code.value, v.path) for v in report.warnings}
    if side.warning is not None:
        assert side.warning in warnings, [v.render() for v in report.warnings]
    if side.silent is not None:
        assert side.silent not in {code for code, _ in errors | warnings}


def test_every_refused_finding_has_a_rule_and_a_fix(base: dict[str, Any]) -> None:
    for name, side in ROWS.items():
        if not side.errors:
            continue
        for violation in depthconf.check(changed(base, side.changes)).errors:
            assert violation.rule and violation.fix, (name, violation.render())
