"""``model.params``: the output scaling, and what the trainer does with the depth range.

The crop and the depth range are judged by the section itself
(:mod:`depthconf.schema._rules.model`); their messages get the selected trainer's
file:line here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace

from depthconf.findings import Code, Violation, at, show, warning
from depthconf.schema import TrainConfig
from depthconf.schema._rules.model import crop_rule, empty_depth_range_rule, negative_min_depth_rule
from depthconf.trainer import profile_of
from depthconf.validation._registry import completes, intact, rule
from depthconf.validation.rules._choices import trainer_choice


def cited(found: Violation, builders: Sequence[Callable[[str], str]], cite: str) -> Violation:
    """``found`` with its rule built again by the builder that made it, citing ``cite``."""
    for build in builders:
        if found.rule == build(""):
            return replace(found, rule=build(cite))
    return found


@rule("model", "trainer")
def scale_output(cfg: TrainConfig) -> Iterator[Violation]:
    """D25, D26: the scale_output names the profile's trainer knows."""
    params, profile = cfg.model.params, profile_of(cfg)
    yield from trainer_choice(
        "model.params.scale_output",
        params.scale_output,
        profile.scale_outputs,
        "scale_output",
        profile,
    )


@completes(Code.crop)
def cite_crop(found: Violation, cfg: TrainConfig) -> Violation:
    """The selected trainer's crop test [D28] (fork: packnet_sfm/utils/depth.py:317)."""
    if not intact("trainer"):
        return found
    crop = cfg.model.params.crop
    cite = profile_of(cfg).model.depth_range.crop_cite
    return cited(found, [lambda c: crop_rule(crop, c)], cite)


@completes(Code.depth_range)
def cite_depth_range(found: Violation, cfg: TrainConfig) -> Violation:
    """The selected trainer's ground-truth filter [M22] (fork: packnet_sfm/utils/depth.py:345)."""
    if not intact("trainer"):
        return found
    cite = profile_of(cfg).model.depth_range.gt_filter_cite
    return cited(found, [negative_min_depth_rule, empty_depth_range_rule], cite)


@rule("model", "trainer")
def min_depth_rewritten(cfg: TrainConfig) -> Iterator[Violation]:
    """M22: training silently uses another minimum depth than validation."""
    params, profile = cfg.model.params, profile_of(cfg)
    facts = profile.model.depth_range
    low, high = params.min_depth, params.max_depth
    # A range the section refuses (negative, empty) is its error, not this warning.
    if low == 0 < high and cfg.model.name in facts.rewriting_models:
        floor = facts.training_min_depth
        yield warning(
            at("model.params.min_depth"),
            show(low),
            f"accepted, but training replaces a min_depth <= 0 with {floor} "
            f"({facts.rewrite_cite}), while validation converts the prediction and filters "
            f"ground truth with the configured {low} ({facts.gt_filter_cite}): every "
            "validation metric is computed on a different depth mapping from the one the "
            "network was trained with",
            f"model.params.min_depth={floor} (what training already uses), or any value > 0",
            Code.min_depth_rewritten,
        )
