"""Registration of the schema in Hydra's ConfigStore.

``conf/train.yaml`` lists ``depthconf_schema`` first in its defaults, so every
group option and override is merged into (and type-checked against) TrainConfig.
"""

from __future__ import annotations

from hydra.core.config_store import ConfigStore

from depthconf.schema._train import TrainConfig

SCHEMA_NAME = "depthconf_schema"


def register_schema() -> None:
    """Store the schema under :data:`SCHEMA_NAME`; safe to call repeatedly."""
    ConfigStore.instance().store(name=SCHEMA_NAME, node=TrainConfig)
