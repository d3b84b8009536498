"""The one decorator every schema section uses.

Sections are pydantic dataclasses, so a single class definition is at the same
time the Hydra structured config (OmegaConf reads it as a dataclass and
type-checks every override against it) and the pydantic validator (types,
ranges, closed vocabularies and unknown keys, with every error collected and
located).

A section with rules lists them in its ``RULES`` class attribute (see
:mod:`depthconf.schema._rules`): the rules that read its own fields and nothing
else. The decorator installs them as the section's model validator, so a section
refuses a policy it does not allow when it is constructed (``CheckpointConfig(
save_top_k=3)`` raises a :class:`pydantic.ValidationError` naming monitor and
mode). OmegaConf instantiates section defaults while it builds the schema, which is
why every default satisfies the rules. Rules that read several sections or the
trainer profile live in :mod:`depthconf.validation.rules`.
"""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any, TypeVar, dataclass_transform

from pydantic import ConfigDict, Field, model_validator
from pydantic.dataclasses import dataclass

from depthconf.schema._rules import RULES_ATTRIBUTE, enforce

SCHEMA_CONFIG = ConfigDict(extra="forbid", validate_default=True)

T = TypeVar("T")


@dataclass_transform(field_specifiers=(dataclasses.field, Field))
def section(cls: type[T]) -> type[T]:
    """A schema section: a pydantic dataclass that enforces its ``RULES``."""
    if getattr(cls, RULES_ATTRIBUTE, ()):
        cls._depthconf_rules = model_validator(mode="after")(enforce)  # type: ignore[attr-defined]
    made: Any = dataclass(config=SCHEMA_CONFIG)(cls)
    return made  # type: ignore[no-any-return]


PositiveInt = Annotated[int, Field(ge=1)]
NonNegativeInt = Annotated[int, Field(ge=0)]
PositiveFloat = Annotated[float, Field(gt=0)]
NonNegativeFloat = Annotated[float, Field(ge=0)]
Probability = Annotated[float, Field(ge=0, le=1)]
