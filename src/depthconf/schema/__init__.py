"""The typed schema of a training run: one pydantic dataclass per config section.

Each class is both the Hydra structured config (registered in the ConfigStore as
``depthconf_schema``) and the pydantic validator of its section: field types, ranges
and closed vocabularies, and the section's own rules (:mod:`depthconf.schema._rules`),
run whenever a section is constructed.

>>> from depthconf.schema import CheckpointConfig
>>> CheckpointConfig(save_top_k=0)
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for CheckpointConfig
save_top_k
  depthconf is stricter than the trainer here, because 0 is ambiguous: ...
"""

from depthconf.schema._checkpoint import CheckpointConfig
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
from depthconf.schema._policy import KEEP_ALL, Gap, Mode, Retention, gap, kept, retention
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
from depthconf.schema._vocabulary import (
    DType,
    PaddingMode,
    PhotometricReduceOp,
    RotationMode,
    YoloVariant,
)

register_schema()

__all__ = [
    "KEEP_ALL",
    "SCHEMA_NAME",
    "ArchConfig",
    "AugmentationConfig",
    "BroadcastError",
    "CheckpointConfig",
    "DType",
    "DatasetEntry",
    "DatasetsConfig",
    "DepthNetConfig",
    "Gap",
    "LossConfig",
    "Mode",
    "ModelConfig",
    "ModelParamsConfig",
    "OptimizerConfig",
    "PaddingMode",
    "ParamGroupConfig",
    "PhotometricReduceOp",
    "PoseNetConfig",
    "Retention",
    "RotationMode",
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
    "YoloVariant",
    "field_info",
    "field_reason",
    "gap",
    "kept",
    "register_schema",
    "retention",
    "section_fields",
    "to_dict",
    "to_yaml",
    "wrap_cameras",
]
