"""``model.params``: the evaluation crop, the output scaling and the depth range."""

from __future__ import annotations

from collections.abc import Iterator

from depthconf.schema import TrainConfig
from depthconf.schema import _vocabulary as vocab
from depthconf.trainer import profile_of
from depthconf.validation._registry import rule
from depthconf.validation._violation import Violation, did_you_mean, show, warning
from depthconf.validation.rules._choices import trainer_choice


@rule("model", "trainer")
def crop_and_scaling(cfg: TrainConfig) -> Iterator[Violation]:
    """D25, D26 (scale_output), D28, H4 (crop)."""
    params, profile = cfg.model.params, profile_of(cfg)
    if params.crop not in vocab.CROPS:
        # Only 'garg' crops; anything else silently means no crop [D28]. depthconf keeps
        # refusing other spellings on purpose [H4].
        yield Violation(
            "model.params.crop",
            show(params.crop),
            "the trainer crops only for 'garg' and evaluates without a crop for any other "
            f"value ({profile.model.depth_range.crop_cite}), so {params.crop!r} would silently "
            "mean no crop; depthconf is stricter and accepts only '' (no crop) and 'garg', so "
            f"that a misspelt crop is not silently ignored{did_you_mean(params.crop, ['garg'])}",
            "model.params.crop=garg, or model.params.crop='' (no crop)",
            "crop",
        )
    yield from trainer_choice(
        "model.params.scale_output",
        params.scale_output,
        profile.scale_outputs,
        "scale_output",
        profile,
    )


@rule("model", "trainer")
def depth_range(cfg: TrainConfig) -> Iterator[Violation]:
    """M22: the evaluated depth range, and the one training silently uses instead."""
    params, profile = cfg.model.params, profile_of(cfg)
    facts = profile.model.depth_range
    low, high = params.min_depth, params.max_depth
    filtering = (
        f"validation keeps ground truth only in (min_depth, max_depth) ({facts.gt_filter_cite})"
    )
    if low < 0:
        yield Violation(
            "model.params.min_depth",
            show(low),
            f"{filtering}, so a negative min_depth counts pixels without ground truth (depth 0) "
            "as valid and every validation metric becomes inf; the trainer does not stop, but "
            "depthconf refuses a run whose metrics mean nothing",
            "model.params.min_depth=0.1 (any value > 0)",
            "depth_range",
        )
    elif high <= low:
        yield Violation(
            "model.params.min_depth, model.params.max_depth",
            f"min_depth={low}, max_depth={high}",
            f"{filtering}, and that range is empty: every validation metric is 0, and a "
            "checkpoint ranked by one fails at its first save ('Checkpoint metric is not "
            "available')",
            "e.g. model.params.min_depth=0.1 model.params.max_depth=80.0",
            "depth_range",
        )
    elif low <= 0 and cfg.model.name in facts.rewriting_models:
        floor = facts.training_min_depth
        yield warning(
            "model.params.min_depth",
            show(low),
            f"accepted, but training replaces a min_depth <= 0 with {floor} "
            f"({facts.rewrite_cite}), while validation converts the prediction and filters "
            f"ground truth with the configured {low} ({facts.gt_filter_cite}): every "
            "validation metric is computed on a different depth mapping from the one the "
            "network was trained with",
            f"model.params.min_depth={floor} (what training already uses), or any value > 0",
            "min_depth_rewritten",
        )
