"""Upstream PackNet-SfM: TRI-ML/packnet-sfm at commit de53b31.

Kept as a second profile for configs that still target upstream; every fact cites
the file:line it was read from at that commit (paths relative to the repository
root).
"""

from __future__ import annotations

from depthconf.trainer._profile import Choices, Failure, Stage, TrainerName, TrainerProfile
from depthconf.trainer._upstream_data import UPSTREAM_DATA

# The upstream image pins torch 1.8.1 (docker/Dockerfile:6); optimizers and
# schedulers are looked up with getattr (packnet_sfm/models/model_wrapper.py:133, :152).
_TORCH = "torch 1.8.1, which upstream's image pins (docker/Dockerfile:6)"
_LOOKUP = "packnet_sfm/models/model_wrapper.py"


def _missing_from_torch(name: str, module: str, added: str, cite: str) -> Failure:
    return Failure(
        Stage.start_of_fit, f"{_TORCH}, has no {module}.{name} (added in torch {added})", cite
    )


def _scheduler_needs(name: str, argument: str) -> Failure:
    return Failure(
        Stage.start_of_fit,
        f"only model.scheduler.step_size, gamma and T_max reach the scheduler, and {name} "
        f"requires {argument} (TypeError)",
        "packnet_sfm/models/model_wrapper.py:152-153, packnet_sfm/utils/load.py:35-56",
    )


UPSTREAM_DE53B31 = TrainerProfile(
    name=TrainerName.upstream_de53b31,
    title="upstream PackNet-SfM (TRI-ML/packnet-sfm@de53b31)",
    # packnet_sfm/models/model_wrapper.py:49
    metric_modes=("", "_pp", "_gt", "_pp_gt"),
    models=Choices(
        # The training step passes no masks (packnet_sfm/models/model_wrapper.py:186).
        works=("SelfSupModel", "SemiSupModel", "SemiSupCompletionModel", "GenericSelfSupModel"),
        fails={
            "VelSupModel": Failure(
                Stage.start_up,
                "its constructor indexes the requirements list with the string 'gt_pose' "
                "(TypeError)",
                "packnet_sfm/models/VelSupModel.py:26, packnet_sfm/models/base_model.py:22",
            )
        },
    ),
    partial_supervision=None,
    model_inputs={
        # packnet_sfm/models/SemiSupCompletionModel.py:38; the others keep
        # packnet_sfm/models/base_model.py:23's ['rgb'].
        "SemiSupCompletionModel": ("rgb", "input_depth", "intrinsics"),
        "SelfSupModel": ("rgb",),
        "SemiSupModel": ("rgb",),
        "GenericSelfSupModel": ("rgb",),
        "VelSupModel": ("rgb",),
    },
    depth_nets=Choices(  # packnet_sfm/networks/depth/
        works=("PackNet01", "PackNetSAN01", "PackNetSlim01", "DepthResNet", "RaySurfaceResNet")
    ),
    depth_net_inputs={
        "DepthResNet": ("rgb",),  # packnet_sfm/networks/depth/DepthResNet.py:38
        "PackNet01": ("rgb",),  # packnet_sfm/networks/depth/PackNet01.py:106
        "PackNetSlim01": ("rgb",),  # packnet_sfm/networks/depth/PackNetSlim01.py:108
        "RaySurfaceResNet": ("rgb",),  # packnet_sfm/networks/depth/RaySurfaceResNet.py:48
    },
    pose_nets=Choices(works=("PoseNet", "PoseResNet")),  # packnet_sfm/networks/pose/
    # packnet_sfm/models/model_wrapper.py:520-535
    dataset_kinds=Choices(works=("KITTI", "DGP", "Image")),
    ncdb_depth_types=(),
    scale_outputs=Choices(
        works=("resize", "top-center"),  # packnet_sfm/utils/depth.py:347-356
        fails={
            "": Failure(
                Stage.first_validation,
                "the metric code raises NotImplementedError for it",
                "packnet_sfm/utils/depth.py:357-358",
            )
        },
    ),
    # packnet_sfm/losses/supervised_loss.py:73-84
    supervised_losses=Choices(works=("l1", "mse", "berhu", "silog", "abs_rel")),
    optimizers=Choices(
        works=(
            "Adam",
            "AdamW",
            "SGD",
            "RMSprop",
            "Adagrad",
            "Adadelta",
            "Adamax",
            "ASGD",
            "Rprop",
        ),
        fails={
            name: _missing_from_torch(name, "torch.optim", "1.10", f"{_LOOKUP}:133")
            for name in ("NAdam", "RAdam")
        },
    ),
    schedulers=Choices(
        works=("StepLR", "ExponentialLR", "CosineAnnealingLR"),
        fails={
            "MultiStepLR": _scheduler_needs("MultiStepLR", "milestones"),
            "CosineAnnealingWarmRestarts": _scheduler_needs("CosineAnnealingWarmRestarts", "T_0"),
            "ReduceLROnPlateau": Failure(
                Stage.end_of_epoch,
                "the trainer calls scheduler.step() without the metrics ReduceLROnPlateau "
                "needs (TypeError)",
                "packnet_sfm/trainers/horovod_trainer.py:71",
            ),
            **{
                name: _missing_from_torch(
                    name,
                    "torch.optim.lr_scheduler",
                    added,
                    f"{_LOOKUP}:152",
                )
                for name, added in (
                    ("LinearLR", "1.10"),
                    ("ConstantLR", "1.10"),
                    ("PolynomialLR", "1.13"),
                )
            },
        },
    ),
    # configs/default_config.py:187-192
    runtime_only_keys=(
        "config",
        "default",
        "wandb.url",
        "checkpoint.s3_url",
        "save.pretrained",
        "prepared",
    ),
    # Not read for upstream: its own defaults (configs/default_config.py) lack most of the
    # fork's keys, so depthconf exports only for the fork (see depthconf.legacy).
    ignored_keys={},
    data=UPSTREAM_DATA,
    # Upstream's ModelWrapper calls only log_depth and log_metrics(dict), which its
    # WandbLogger has (packnet_sfm/models/model_wrapper.py:195-249,
    # packnet_sfm/loggers/wandb_logger.py:126).
    wandb_logging=None,
    # No evaluation during training: upstream's fit runs train, validate, save per epoch
    # (packnet_sfm/trainers/horovod_trainer.py:56-71); arch.eval_* do not exist there.
    eval_during_training=None,
    # One mapping: every mode evaluates the network's own inverse depth (no use_log_space).
    metric_mappings={},
)
