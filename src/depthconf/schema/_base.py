"""The one decorator every schema section uses.

Sections are pydantic dataclasses, so a single class definition is at the same
time the Hydra structured config (OmegaConf reads it as a dataclass and
type-checks every override against it) and the pydantic validator (types,
ranges and unknown keys, with every error collected and located).

Cross-field rules deliberately do *not* live here as model validators: OmegaConf
instantiates section defaults while it builds the schema, and a validator that
rejects a default (``save_top_k`` without a monitor, say) would make the schema
itself unbuildable. Those rules live in :mod:`depthconf.validation.rules`.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field
from pydantic.dataclasses import dataclass

SCHEMA_CONFIG = ConfigDict(extra="forbid", validate_default=True)

section = dataclass(config=SCHEMA_CONFIG)

PositiveInt = Annotated[int, Field(ge=1)]
NonNegativeInt = Annotated[int, Field(ge=0)]
PositiveFloat = Annotated[float, Field(gt=0)]
NonNegativeFloat = Annotated[float, Field(ge=0)]
Probability = Annotated[float, Field(ge=0, le=1)]
