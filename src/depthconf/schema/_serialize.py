"""A validated config back to plain data or YAML (enums as their values)."""

from __future__ import annotations

from typing import Any

from omegaconf import OmegaConf, SCMode

from depthconf.schema._train import TrainConfig


def to_dict(cfg: TrainConfig) -> dict[str, Any]:
    """Plain nested dicts and lists, as in the YAML files."""
    data = OmegaConf.to_container(
        OmegaConf.structured(cfg),
        resolve=True,
        enum_to_str=True,
        structured_config_mode=SCMode.DICT,
    )
    assert isinstance(data, dict)
    return {str(k): v for k, v in data.items()}


def to_yaml(cfg: TrainConfig) -> str:
    return OmegaConf.to_yaml(OmegaConf.create(to_dict(cfg)))
