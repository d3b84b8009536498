"""The typed schema of a training run: one pydantic dataclass per config section.

Each class is both the Hydra structured config (registered in the ConfigStore as
``depthconf_schema``) and the pydantic validator of its section.
"""

from depthconf.schema._checkpoint import CheckpointConfig, Mode
from depthconf.schema._datasets import (
    AugmentationConfig,
    BroadcastError,
    DatasetEntry,
    DatasetsConfig,
    SplitConfig,
    TestSplitConfig,
    TrainSplitConfig,
    ValidationSplitConfig,
    wrap_cameras,
)
from depthconf.schema._introspect import field_info, field_reason, section_fields
from depthconf.schema._model import (
    DepthNetConfig,
    LossConfig,
    ModelConfig,
    ModelParamsConfig,
    OptimizerConfig,
    ParamGroupConfig,
    PoseNetConfig,
    SchedulerConfig,
)
from depthconf.schema._run import (
    ArchConfig,
    SaveConfig,
    TensorboardConfig,
    TrainerConfig,
    WandbConfig,
)
from depthconf.schema._serialize import to_dict, to_yaml
from depthconf.schema._store import SCHEMA_NAME, register_schema
from depthconf.schema._train import TrainConfig

register_schema()

__all__ = [
    "SCHEMA_NAME",
    "ArchConfig",
    "AugmentationConfig",
    "BroadcastError",
    "CheckpointConfig",
    "DatasetEntry",
    "DatasetsConfig",
    "DepthNetConfig",
    "LossConfig",
    "Mode",
    "ModelConfig",
    "ModelParamsConfig",
    "OptimizerConfig",
    "ParamGroupConfig",
    "PoseNetConfig",
    "SaveConfig",
    "SchedulerConfig",
    "SplitConfig",
    "TensorboardConfig",
    "TestSplitConfig",
    "TrainConfig",
    "TrainSplitConfig",
    "TrainerConfig",
    "ValidationSplitConfig",
    "WandbConfig",
    "field_info",
    "field_reason",
    "register_schema",
    "section_fields",
    "to_dict",
    "to_yaml",
    "wrap_cameras",
]
