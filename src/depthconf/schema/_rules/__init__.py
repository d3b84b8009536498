"""Section rules: what one section refuses by itself, as pydantic validators.

Each module holds the rules of the sections of one part of the config, each rule a
function of one section that reads only that section's fields (no other section, no
trainer profile):

* :mod:`.checkpoint`: what ``save_top_k`` means, what ranking needs (the checkpoint
  policy of :mod:`depthconf.schema._policy`);
* :mod:`.run`: the training length (``arch``) and the wandb destination;
* :mod:`.model`: the depth range, the learning rate, automasking, the depth network's
  options;
* :mod:`.datasets`: the image shape, crop borders, the parallel dataset lists.

A section lists its rules in its ``RULES`` class attribute; :mod:`._engine` makes them
its pydantic model validator and lets :func:`depthconf.validation.check` run them on a
whole config. Rules that read several sections or the trainer profile are the
validator's: :mod:`depthconf.validation.rules`.
"""

from depthconf.schema._rules._engine import (
    DEFER_RULES,
    RULES_ATTRIBUTE,
    Here,
    SectionRule,
    all_findings,
    canonical_key,
    default_of,
    enforce,
    missing_keys,
    section_findings,
    section_rule,
)

__all__ = [
    "DEFER_RULES",
    "RULES_ATTRIBUTE",
    "Here",
    "SectionRule",
    "all_findings",
    "canonical_key",
    "default_of",
    "enforce",
    "missing_keys",
    "section_findings",
    "section_rule",
]
