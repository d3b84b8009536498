"""Upstream PackNet-SfM: TRI-ML/packnet-sfm at commit de53b31.

Kept as a second profile for configs that still target upstream; every fact cites
the file:line it was read from at that commit (paths relative to the repository
root).
"""

from __future__ import annotations

from depthconf.trainer._lookups import not_found, torch_optimizers, torch_schedulers
from depthconf.trainer._profile import Choices, Failure, Stage, TrainerName, TrainerProfile
from depthconf.trainer._upstream_data import UPSTREAM_DATA
from depthconf.trainer._upstream_model import UPSTREAM_MODEL

# The upstream image pins torch 1.8.1 (docker/Dockerfile:6); optimizers and
# schedulers are looked up with getattr (packnet_sfm/models/model_wrapper.py:133, :152).
_TORCH = "torch 1.8.1, which upstream's image pins (docker/Dockerfile:6)"
_LOOKUP = "packnet_sfm/models/model_wrapper.py"
_STEP = "packnet_sfm/trainers/horovod_trainer.py"
_NO_SCALING = Failure(
    Stage.first_validation,
    "the metric code raises NotImplementedError for it",
    "packnet_sfm/utils/depth.py:357-358",
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
        unknown=not_found("packnet_sfm/models", f"{_LOOKUP}:459"),
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
        works=("PackNet01", "PackNetSAN01", "PackNetSlim01", "DepthResNet", "RaySurfaceResNet"),
        unknown=not_found("packnet_sfm/networks/depth", f"{_LOOKUP}:401"),
    ),
    depth_net_inputs={
        "DepthResNet": ("rgb",),  # packnet_sfm/networks/depth/DepthResNet.py:38
        "PackNet01": ("rgb",),  # packnet_sfm/networks/depth/PackNet01.py:106
        "PackNetSlim01": ("rgb",),  # packnet_sfm/networks/depth/PackNetSlim01.py:108
        "RaySurfaceResNet": ("rgb",),  # packnet_sfm/networks/depth/RaySurfaceResNet.py:48
    },
    pose_nets=Choices(  # packnet_sfm/networks/pose/
        works=("PoseNet", "PoseResNet"),
        unknown=not_found("packnet_sfm/networks/pose", f"{_LOOKUP}:430"),
    ),
    # packnet_sfm/models/model_wrapper.py:520-535
    dataset_kinds=Choices(works=("KITTI", "DGP", "Image")),
    ncdb_depth_types=(),
    scale_outputs=Choices(
        works=("resize", "top-center"),  # packnet_sfm/utils/depth.py:347-356
        fails={"": _NO_SCALING},
        unknown=_NO_SCALING,
    ),
    # packnet_sfm/losses/supervised_loss.py:73-84
    supervised_losses=Choices(
        works=("l1", "mse", "berhu", "silog", "abs_rel"),
        unknown=Failure(
            Stage.start_up,
            "no supervised loss ends with that name (ValueError 'Unknown supervised loss')",
            "packnet_sfm/losses/supervised_loss.py:84",
        ),
    ),
    # packnet_sfm/models/model_wrapper.py:133, :152 (getattr), :152-153 (filter_args);
    # packnet_sfm/trainers/horovod_trainer.py:93 (optimizer.step), :71 (scheduler.step)
    optimizers=torch_optimizers(_TORCH, f"{_LOOKUP}:133", f"{_STEP}:93"),
    schedulers=torch_schedulers(_TORCH, f"{_LOOKUP}:152", f"{_LOOKUP}:152-153", f"{_STEP}:71"),
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
    model=UPSTREAM_MODEL,
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
