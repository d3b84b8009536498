"""``model``: the network pair, its losses, optimizer, scheduler and output parameters."""

from __future__ import annotations

from dataclasses import field
from typing import Annotated

from pydantic import Field

from depthconf.schema._base import (
    NonNegativeFloat,
    PositiveFloat,
    PositiveInt,
    Probability,
    section,
)


@section
class LossConfig:
    rotation_mode: str = "euler"
    upsample_depth_maps: bool = True
    ssim_loss_weight: Probability = 0.85
    occ_reg_weight: NonNegativeFloat = 0.1
    smooth_loss_weight: NonNegativeFloat = 0.001
    C1: PositiveFloat = 1e-4
    C2: PositiveFloat = 9e-4
    photometric_reduce_op: str = "min"
    disp_norm: bool = True
    clip_loss: NonNegativeFloat = 0.0
    padding_mode: str = "zeros"
    automask_loss: bool = True
    velocity_loss_weight: NonNegativeFloat = 0.1
    supervised_method: str = "sparse-l1"
    supervised_num_scales: Annotated[
        int,
        Field(
            ge=1,
            # packnet_sfm/losses/supervised_loss.py:412, :418 divide by the scale count
            description="the supervised loss averages over this many scales, and 0 fails "
            "at the first training step (ZeroDivisionError, "
            "packnet_sfm/losses/supervised_loss.py:412, :418)",
            examples=[1],
        ),
    ] = 4
    # The trainer's default 0.9 (configs/default_config.py:40); with the fork only 1.0
    # trains (rules/model.py: pose_network).
    supervised_loss_weight: Annotated[
        float,
        Field(
            gt=0,
            le=1,
            # packnet_sfm/models/SemiSupCompletionModel.py:39, SemiSupModel.py:27 [M3]
            description="the weight must lie in (0, 1], or the trainer fails at start-up: "
            "the model asserts 'Model requires (0, 1] supervision' "
            "(packnet_sfm/models/SemiSupCompletionModel.py:39)",
            examples=[1.0],
        ),
    ] = 0.9
    consistency_loss_weight: NonNegativeFloat = 0.1
    lambda_sg: NonNegativeFloat = 0.5
    num_scales: PositiveInt = 4
    use_absolute: bool = True
    use_inv_depth: bool = False
    epsilon: PositiveFloat = 1e-8
    ssi_weight: NonNegativeFloat = 0.7
    silog_weight: NonNegativeFloat = 0.3
    alpha_ssi: NonNegativeFloat = 0.85
    beta_silog: NonNegativeFloat = 0.15
    min_depth: NonNegativeFloat = 0.05
    max_depth: PositiveFloat = 100.0
    gradient_weight: NonNegativeFloat = 0.0
    gradient_scales: PositiveInt = 4
    w_structure: NonNegativeFloat = 0.4
    w_scale: NonNegativeFloat = 0.6
    alpha: NonNegativeFloat = 0.85
    # an int in the trainer (configs/default_config.py:63): yacs rejects 10.5 and 10.0 (F1d.1)
    silog_ratio: PositiveInt = 10
    silog_ratio2: NonNegativeFloat = 0.85
    enable_near_field_weighting: bool = False
    enable_road_weighting: bool = False
    near_field_threshold: PositiveFloat = 1.0
    road_weight: NonNegativeFloat = 5.0
    road_nearfield_weight: NonNegativeFloat = 10.0
    nonroad_nearfield_weight: NonNegativeFloat = 3.0


@section
class DepthNetConfig:
    name: str = ""
    checkpoint_path: str = ""
    version: str = ""
    dropout: Probability = 0.0
    force_output_shape: list[int] = field(default_factory=list)
    use_film: bool = False
    # Any int: scales outside the encoder's are silently skipped (a warning, rules/networks.py).
    film_scales: list[int] = field(default_factory=lambda: [0])
    use_enhanced_lidar: bool = False
    use_dual_head: bool = False
    use_encoder_rezero: bool = False
    # YOLOv8SAN01's size (n, s, m, l, x). The legacy default 's' applied to every
    # network and meant nothing for most; unset here, and only YOLOv8SAN01 may set it.
    variant: str | None = None
    use_neck_features: bool = False
    use_imagenet_pretrained: bool = False
    use_depth_neck: bool = False


@section
class PoseNetConfig:
    name: str = ""
    checkpoint_path: str = ""
    version: str = ""
    dropout: Probability = 0.0


@section
class ParamGroupConfig:
    """Optimizer settings of one parameter group (depth or pose network)."""

    lr: float = 0.0002
    weight_decay: float = 0.0


@section
class OptimizerConfig:
    name: str = "Adam"
    depth: ParamGroupConfig = field(default_factory=ParamGroupConfig)
    pose: ParamGroupConfig = field(default_factory=ParamGroupConfig)


@section
class SchedulerConfig:
    name: str = "StepLR"
    step_size: int = 10
    gamma: float = 0.5
    T_max: int = 20


@section
class ModelParamsConfig:
    crop: str = "garg"
    min_depth: float = 0.0
    max_depth: float = 100.0
    scale_output: str = ""
    use_log_space: bool = False


@section
class ModelConfig:
    name: str = ""
    checkpoint_path: str = ""
    loss: LossConfig = field(default_factory=LossConfig)
    depth_net: DepthNetConfig = field(default_factory=DepthNetConfig)
    pose_net: PoseNetConfig = field(default_factory=PoseNetConfig)
    optimizer: OptimizerConfig = field(default_factory=OptimizerConfig)
    scheduler: SchedulerConfig = field(default_factory=SchedulerConfig)
    params: ModelParamsConfig = field(default_factory=ModelParamsConfig)
