"""``model``: the network pair, its losses, optimizer, scheduler and output parameters."""

from __future__ import annotations

from dataclasses import field
from typing import Annotated, ClassVar

from omegaconf import MISSING
from pydantic import Field

from depthconf.schema._base import (
    NonNegativeFloat,
    PositiveFloat,
    PositiveInt,
    Probability,
    section,
)
from depthconf.schema._rules import SectionRule
from depthconf.schema._rules.model import (
    DEPTH_NET_RULES,
    LOSS_RULES,
    PARAM_GROUP_RULES,
    PARAMS_RULES,
)
from depthconf.schema._vocabulary import PaddingMode, PhotometricReduceOp, RotationMode, YoloVariant

# Each description says what the trainer does with the value; a field error appends it.
# packnet_sfm/geometry/pose_utils.py:41-49 (pose_vec2mat raises for any other mode).
_ROTATION_WHY = (
    "a pose network's rotation is 'euler' or 'quat', and the trainer converts only 'euler': "
    "anything else fails at the first training step with a pose network (ValueError "
    "'Rotation mode not supported', packnet_sfm/geometry/pose_utils.py:41-49)"
)
# packnet_sfm/losses/multiview_photometric_loss.py:285-291 raises for any other reduction.
_REDUCE_WHY = (
    "the photometric loss reduces by 'min' or 'mean' and fails at the first training step "
    "on anything else (ValueError 'Unknown photometric_reduce_op', "
    "packnet_sfm/losses/multiview_photometric_loss.py:285-291)"
)


@section
class LossConfig:
    RULES: ClassVar[tuple[SectionRule, ...]] = LOSS_RULES

    rotation_mode: Annotated[RotationMode, Field(description=_ROTATION_WHY)] = RotationMode.euler
    upsample_depth_maps: bool = True
    ssim_loss_weight: Probability = 0.85
    occ_reg_weight: NonNegativeFloat = 0.1
    smooth_loss_weight: NonNegativeFloat = 0.001
    C1: PositiveFloat = 1e-4
    C2: PositiveFloat = 9e-4
    photometric_reduce_op: Annotated[PhotometricReduceOp, Field(description=_REDUCE_WHY)] = (
        PhotometricReduceOp.min
    )
    disp_norm: bool = True
    clip_loss: NonNegativeFloat = 0.0
    padding_mode: PaddingMode = PaddingMode.zeros
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
    RULES: ClassVar[tuple[SectionRule, ...]] = DEPTH_NET_RULES

    # Mandatory: '' (the legacy default) builds no network, and the trainer fails at
    # start-up (packnet_sfm/models/model_wrapper.py:946-950); a model/depth_net option
    # sets it.
    name: str = MISSING
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
    variant: YoloVariant | None = None
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
    """Optimizer settings of one parameter group (depth or pose network).

    >>> ParamGroupConfig(lr=-1)
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for ParamGroupConfig
    lr
      a learning rate must be > 0: the trainer fails at the start of training (optimizer and \
scheduler set-up): torch rejects it when it builds the optimizer (ValueError 'Invalid learning \
rate')
      fix: lr=1e-4 [type=lr, input_value='-1.0', input_type=str]
    """

    RULES: ClassVar[tuple[SectionRule, ...]] = PARAM_GROUP_RULES

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
    RULES: ClassVar[tuple[SectionRule, ...]] = PARAMS_RULES

    crop: str = "garg"
    min_depth: float = 0.0
    max_depth: float = 100.0
    scale_output: str = ""
    use_log_space: bool = False


@section
class ModelConfig:
    # Mandatory: '' (the legacy default) loads no model class, and the trainer fails at
    # start-up (packnet_sfm/utils/load.py:105); the model group sets it.
    name: str = MISSING
    checkpoint_path: str = ""
    loss: LossConfig = field(default_factory=LossConfig)
    depth_net: DepthNetConfig = field(default_factory=DepthNetConfig)
    pose_net: PoseNetConfig = field(default_factory=PoseNetConfig)
    optimizer: OptimizerConfig = field(default_factory=OptimizerConfig)
    scheduler: SchedulerConfig = field(default_factory=SchedulerConfig)
    params: ModelParamsConfig = field(default_factory=ModelParamsConfig)
