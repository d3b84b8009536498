"""The team's trainer: YoungseokOh/packnet-sfm-resnet-san at commit 208e293.

Every fact cites the file:line it was read from at that commit (paths relative to
the repository root). ``../shared/trainer.md`` holds the full reading; the ids in
brackets (M2, D25...) refer to it.
"""

from __future__ import annotations

from depthconf.trainer._fork_data import FORK_DATA
from depthconf.trainer._fork_model import DEPTH_NETS, FORK_MODEL
from depthconf.trainer._lookups import not_found, torch_optimizers, torch_schedulers
from depthconf.trainer._profile import (
    Choices,
    EvalDuringTraining,
    Failure,
    Quirk,
    Stage,
    TrainerName,
    TrainerProfile,
)

# The fork's image pins torch 1.9.0 (docker/Dockerfile:25); the trainer looks
# optimizers and schedulers up with getattr at the start of fit
# (packnet_sfm/models/model_wrapper.py:179, :219) [O8].
_TORCH = "torch 1.9.0, which the fork's image pins (docker/Dockerfile:25)"
_WRAPPER = "packnet_sfm/models/model_wrapper.py"


def _takes_no_masks(model: str, line: int) -> Failure:
    # The fork's training step passes masks= to every model (model_wrapper.py:299) [M2].
    return Failure(
        Stage.first_step,
        f"the training step calls the model with masks=, which {model}.forward() does "
        "not accept (TypeError)",
        f"packnet_sfm/models/model_wrapper.py:299, packnet_sfm/models/{model}.py:{line}",
    )


_NO_READER = "the trainer never reads it"
# The readers of these supervised-loss keys are commented out
# (packnet_sfm/losses/supervised_loss.py:107-234) [M24].
_UNREAD_LOSS_KEYS = (
    "lambda_sg",
    "use_absolute",
    "use_inv_depth",
    "epsilon",
    "alpha_ssi",
    "beta_silog",
    "w_structure",
    "w_scale",
    "enable_near_field_weighting",
    "enable_road_weighting",
    "near_field_threshold",
    "road_weight",
    "road_nearfield_weight",
    "nonroad_nearfield_weight",
)
_IGNORED = {
    **{
        f"model.loss.{key}": Quirk(
            f"{_NO_READER}: the supervised loss that would use it is commented out",
            "packnet_sfm/losses/supervised_loss.py:107-234",
        )
        for key in _UNREAD_LOSS_KEYS
    },
    **{
        f"model.loss.{key}": Quirk(
            f"{_NO_READER}: the model replaces it with model.params.{key}",
            "packnet_sfm/models/model_wrapper.py:980-986",
        )
        for key in ("min_depth", "max_depth")
    },
    "model.loss.silog_ratio": Quirk(
        f"{_NO_READER}: SSISilogLoss only stores it", "packnet_sfm/losses/ssi_silog_loss.py:84"
    ),
    "model.depth_net.force_output_shape": Quirk(
        f"{_NO_READER} (no reader in packnet_sfm/)", "packnet_sfm/networks/depth/ResNetSAN01.py:30"
    ),
    "model.depth_net.use_encoder_rezero": Quirk(
        f"{_NO_READER} (no reader in packnet_sfm/)", "packnet_sfm/networks/depth/ResNetSAN01.py:30"
    ),
    "model.depth_net.use_enhanced_lidar": Quirk(
        "the networks always use False: ResNetSAN01 overwrites the argument and YOLOv8SAN01 "
        "reads it from kwargs that are never filled",
        "packnet_sfm/networks/depth/ResNetSAN01.py:48, "
        "packnet_sfm/networks/depth/YOLOv8SAN01.py:305",
    ),
    "arch.clip_grad": Quirk(
        f"{_NO_READER}: no gradient clipping happens at all",
        "packnet_sfm/trainers/horovod_trainer.py:222-284",
    ),
    "arch.dtype": Quirk(
        "training never uses it; only evaluate() and test() read it",
        "packnet_sfm/trainers/horovod_trainer.py:27, :353, :362",
    ),
    "arch.min_epochs": Quirk(
        f"{_NO_READER}: the trainer only stores it", "packnet_sfm/trainers/base_trainer.py:46"
    ),
    **{
        f"datasets.{split}.num_logs": Quirk(
            f"{_NO_READER}: only a wandb helper that is never called uses it",
            "packnet_sfm/loggers/wandb_logger.py:159",
        )
        for split in ("train", "validation", "test")
    },
}

# scale_depth raises NotImplementedError for any other value; evaluate_depth swallows
# it and falls back to metrics without scaling [D25].
_NO_SCALING = Failure(
    Stage.first_validation,
    "the metric code raises NotImplementedError for it; the error is swallowed, so metrics "
    "silently lose the garg crop and the GT-median scaling, or, when prediction and ground "
    "truth differ in size, validation ends in KeyError 'depth_lin'",
    "packnet_sfm/utils/depth.py:480-481, packnet_sfm/models/model_wrapper.py:739-781",
)

FORK_208E293 = TrainerProfile(
    name=TrainerName.fork_208e293,
    title="the team's PackNet-SfM fork (YoungseokOh/packnet-sfm-resnet-san@208e293)",
    # packnet_sfm/models/model_wrapper.py:62
    metric_modes=("_lin", "_lin_gt", "_log", "_log_gt"),
    models=Choices(
        works=("SemiSupCompletionModel",),
        fails={
            "SelfSupModel": _takes_no_masks("SelfSupModel", 83),
            "SemiSupModel": _takes_no_masks("SemiSupModel", 72),
            "GenericSelfSupModel": _takes_no_masks("GenericSelfSupModel", 85),
            "VelSupModel": Failure(
                Stage.start_up,
                "its constructor indexes the requirements list with the string 'gt_pose' "
                "(TypeError)",
                "packnet_sfm/models/VelSupModel.py:26, packnet_sfm/models/base_model.py:22",
            ),
        },
        unknown=not_found("packnet_sfm/models", "packnet_sfm/models/model_wrapper.py:992"),
    ),
    partial_supervision=Failure(
        Stage.first_step,
        "with supervised_loss_weight below 1.0 SemiSupCompletionModel also runs "
        "SelfSupModel.forward, which does not accept the masks= argument the training step "
        "passes (TypeError)",
        "packnet_sfm/models/SemiSupCompletionModel.py:462-463, "
        "packnet_sfm/models/SelfSupModel.py:83",
    ),
    model_inputs={
        # packnet_sfm/models/SemiSupCompletionModel.py:69; every other model keeps
        # base_model.py:23's ['rgb'].
        "SemiSupCompletionModel": ("rgb", "input_depth", "intrinsics"),
        "SelfSupModel": ("rgb",),
        "SemiSupModel": ("rgb",),
        "GenericSelfSupModel": ("rgb",),
        "VelSupModel": ("rgb",),
    },
    # Modules loaded by name, packnet_sfm/utils/load.py:79-105.
    depth_nets=Choices(
        works=DEPTH_NETS,
        unknown=not_found(
            "packnet_sfm/networks/depth", "packnet_sfm/models/model_wrapper.py:946-950"
        ),
    ),
    depth_net_inputs={
        # forward(self, rgb) only [M12]; the SAN networks take **kwargs.
        "DepthResNet": ("rgb",),  # packnet_sfm/networks/depth/DepthResNet.py:38
        "PackNet01": ("rgb",),  # packnet_sfm/networks/depth/PackNet01.py:106
        "PackNetSlim01": ("rgb",),  # packnet_sfm/networks/depth/PackNetSlim01.py:108
        "RaySurfaceResNet": ("rgb",),  # packnet_sfm/networks/depth/RaySurfaceResNet.py:48
    },
    pose_nets=Choices(  # packnet_sfm/networks/pose/
        works=("PoseNet", "PoseResNet"),
        unknown=not_found(
            "packnet_sfm/networks/pose", "packnet_sfm/models/model_wrapper.py:962-966"
        ),
    ),
    # packnet_sfm/models/model_wrapper.py:1060-1109 (case-sensitive)
    dataset_kinds=Choices(works=("KITTI", "ncdb", "DGP", "Image")),
    # packnet_sfm/datasets/ncdb_dataset.py:59-107 (lower-cased and stripped, :89, :180)
    ncdb_depth_types=("depth", "distance", "depth_original", "distance_original"),
    scale_outputs=Choices(
        # packnet_sfm/utils/depth.py:470-472 (resize), :474-479 (top-center) [D26]
        works=("resize", "top-center"),
        fails={"": _NO_SCALING},  # [D25]
        unknown=_NO_SCALING,
    ),
    # The endswith chain of packnet_sfm/losses/supervised_loss.py:88-151, in the order the
    # trainer tests the names (the first ending that matches wins) [M7, M8].
    supervised_losses=Choices(
        works=("l1", "mse", "berhu", "ssi-silog", "silog", "abs_rel", "ssi", "ssi-trim"),
        unknown=Failure(
            Stage.start_up,
            "no supervised loss ends with that name (ValueError 'Unknown supervised loss')",
            "packnet_sfm/losses/supervised_loss.py:236-237",
        ),
        quirks={
            name: Quirk(
                f"the trainer tests for a name ending in 'ssi' first, so '{name}' trains "
                "with SSILoss, not its own loss",
                "packnet_sfm/losses/supervised_loss.py:145-149",
            )
            for name in ("enhanced-ssi", "progressive-ssi")
        },
    ),
    # packnet_sfm/models/model_wrapper.py:179, :219 (getattr), :219-220 (filter_args);
    # packnet_sfm/trainers/horovod_trainer.py:275 (optimizer.step), :125 (scheduler.step)
    optimizers=torch_optimizers(
        _TORCH, f"{_WRAPPER}:179", "packnet_sfm/trainers/horovod_trainer.py:275"
    ),
    schedulers=torch_schedulers(
        _TORCH,
        f"{_WRAPPER}:219",
        f"{_WRAPPER}:219-220",
        "packnet_sfm/trainers/horovod_trainer.py:125",
    ),
    # configs/default_config.py:289-294 ("THESE SHOULD NOT BE CHANGED")
    runtime_only_keys=(
        "config",
        "default",
        "wandb.url",
        "checkpoint.s3_url",
        "save.pretrained",
        "prepared",
    ),
    ignored_keys=_IGNORED,
    data=FORK_DATA,
    model=FORK_MODEL,
    # With a logger on, the training step draws images through logger.writer, which only
    # the tensorboard logger has (model_wrapper.py:301, :336-337); the end of the epoch
    # then calls log_metrics(..., step=), which WandbLogger.log_metrics does not take
    # (model_wrapper.py:467-470, loggers/wandb_logger.py:126) [L1].
    wandb_logging=Failure(
        Stage.first_step,
        "the training step logs images through logger.writer, which the fork's "
        "WandbLogger does not have (AttributeError: 'WandbLogger' object has no attribute "
        "'writer'); past that, the end of the first epoch calls its log_metrics with a "
        "step argument it does not take (TypeError)",
        "packnet_sfm/models/model_wrapper.py:336-337, :467-470, "
        "packnet_sfm/loggers/wandb_logger.py:126",
    ),
    # max(50, eval_subset_size) batches per loader (horovod_trainer.py:138), every
    # max(1, int(batches x eval_progress_interval)) batches, never at batch 0
    # (horovod_trainer.py:234, :242-245) [D22, D23].
    eval_during_training=EvalDuringTraining(
        50, "packnet_sfm/trainers/horovod_trainer.py:138, :234, :242-245"
    ),
    # _lin keys use sigmoid_to_depth_linear, _log keys sigmoid_to_depth_log; training
    # uses sigmoid_to_inv_depth(use_log_space=...) (model_wrapper.py:689-692,
    # utils/post_process_depth.py:13, :68, :111) [M23].
    metric_mappings={"_lin": "linear", "_lin_gt": "linear", "_log": "log", "_log_gt": "log"},
)
