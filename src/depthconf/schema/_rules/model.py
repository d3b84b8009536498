"""``model.*``: what the loss, the output parameters, the depth network and an optimizer
parameter group refuse by themselves.

A section cannot see which trainer runs the config, so these messages name the
trainer's behaviour without its file:line; on a whole config the validator completes
them with the line of the selected trainer profile
(:mod:`depthconf.validation.rules.params`, ``.losses``, ``.optim``), through the
builders here (``*_rule``), so the wording is written once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Final

from depthconf.findings import Code, Violation, did_you_mean, show
from depthconf.schema._rules._engine import Here, section_rule
from depthconf.schema._vocabulary import CROPS, YOLO_NETS, YOLO_VARIANTS
from depthconf.trainer._profile import Failure, Stage

if TYPE_CHECKING:
    from depthconf.schema._model import (
        DepthNetConfig,
        LossConfig,
        ModelParamsConfig,
        ParamGroupConfig,
    )

# -- model.params -------------------------------------------------------------------------


def crop_rule(crop: str, cite: str = "") -> str:
    """Why ``model.params.crop`` must be '' or 'garg' [D28, H4]; ``cite``: the trainer's test."""
    where = f" ({cite})" if cite else ""
    return (
        "the trainer crops only for 'garg' and evaluates without a crop for any other "
        f"value{where}, so {crop!r} would silently mean no crop; depthconf is stricter and "
        "accepts only '' (no crop) and 'garg', so that a misspelt crop is not silently "
        f"ignored{did_you_mean(crop, ['garg'])}"
    )


@section_rule("crop")
def crop(params: ModelParamsConfig, here: Here) -> Iterator[Violation]:
    # Only 'garg' crops; anything else silently means no crop (fork:
    # packnet_sfm/utils/depth.py:317) [D28]. depthconf refuses other spellings [H4].
    if params.crop not in CROPS:
        yield Violation(
            here.keys("crop"),
            show(params.crop),
            crop_rule(params.crop),
            f"{here('crop')}=garg, or {here('crop')}='' (no crop)",
            Code.crop,
        )


def ground_truth_filter(cite: str = "") -> str:
    """What validation does with the depth range [M22]; ``cite``: the trainer's filter."""
    where = f" ({cite})" if cite else ""
    return f"validation keeps ground truth only in (min_depth, max_depth){where}"


def negative_min_depth_rule(cite: str = "") -> str:
    return (
        f"{ground_truth_filter(cite)}, so a negative min_depth counts pixels without ground "
        "truth (depth 0) as valid and every validation metric becomes inf; the trainer does "
        "not stop, but depthconf refuses a run whose metrics mean nothing"
    )


def empty_depth_range_rule(cite: str = "") -> str:
    return (
        f"{ground_truth_filter(cite)}, and that range is empty: every validation metric is 0, "
        "and a checkpoint ranked by one fails at its first save ('Checkpoint metric is not "
        "available')"
    )


@section_rule("min_depth", "max_depth")
def depth_range(params: ModelParamsConfig, here: Here) -> Iterator[Violation]:
    """M22: the evaluated depth range (fork: packnet_sfm/utils/depth.py:345); what training
    does with a min_depth <= 0 is a warning of the validator (rules/params.py)."""
    low, high = params.min_depth, params.max_depth
    if low < 0:
        yield Violation(
            here.keys("min_depth"),
            show(low),
            negative_min_depth_rule(),
            f"{here('min_depth')}=0.1 (any value > 0)",
            Code.depth_range,
        )
    elif high <= low:
        yield Violation(
            here.keys("min_depth", "max_depth"),
            f"min_depth={low}, max_depth={high}",
            empty_depth_range_rule(),
            f"e.g. {here('min_depth')}=0.1 {here('max_depth')}=80.0",
            Code.depth_range,
        )


# -- model.loss ---------------------------------------------------------------------------

#: What the trainer does with automasking and another reduction (M6); the validator
#: completes it with the selected trainer's cite.
AUTOMASK_NEEDS_MIN: Final = Failure(
    Stage.start_up,
    "the photometric loss, built for every model, asserts 'For automasking only the min "
    "photometric_reduce_op is supported.'",
    "",
)


def automask_rule(failure: Failure = AUTOMASK_NEEDS_MIN) -> str:
    return f"automasking works only with the min reduction: the trainer {failure.sentence()}"


@section_rule("automask_loss", "photometric_reduce_op")
def automask_reduce_op(loss: LossConfig, here: Here) -> Iterator[Violation]:
    """M6: automasking asserts the min reduction, for every model at start-up (fork:
    packnet_sfm/losses/multiview_photometric_loss.py:116-118)."""
    if loss.automask_loss and loss.photometric_reduce_op != "min":
        yield Violation(
            here.keys("photometric_reduce_op", "automask_loss"),
            f"photometric_reduce_op={show(loss.photometric_reduce_op.value)}, automask_loss=true",
            automask_rule(),
            f"{here('photometric_reduce_op')}=min, or {here('automask_loss')}=false",
            Code.automask_reduce_op,
        )


# -- model.depth_net ----------------------------------------------------------------------


@section_rule("name", "version")
def yolo_version(net: DepthNetConfig, here: Here) -> Iterator[Violation]:
    # [F2.C8] YOLOv8SAN01.py:199-206 takes no version; filter_args drops it.
    if net.name in YOLO_NETS and net.version:
        yield Violation(
            here.keys("version"),
            show(net.version),
            f"{net.name} takes no version and is sized by {here('variant')} "
            f"({', '.join(YOLO_VARIANTS)}); the trainer drops the value "
            "(packnet_sfm/utils/load.py:35-56), and depthconf is stricter and refuses it, "
            "so that a size meant for another network is not silently ignored",
            f"{here('version')}='' and {here('variant')}=s",
            Code.network_version,
        )


@section_rule("name", "use_dual_head")
def dual_head_network(net: DepthNetConfig, here: Here) -> Iterator[Violation]:
    # The dual head exists only in packnet_sfm/networks/depth/ResNetSAN01.py [M21].
    if net.use_dual_head and net.name != "ResNetSAN01":
        yield Violation(
            here.keys("use_dual_head"),
            "true",
            "the dual depth head exists only in ResNetSAN01, "
            f"not in {net.name or 'an unset network'}",
            f"{here('use_dual_head')}=false, or model/depth_net=resnet_san_18",
            Code.dual_head_network,
        )


@section_rule("name", "variant")
def variant(net: DepthNetConfig, here: Here) -> Iterator[Violation]:
    if net.name in YOLO_NETS:
        if net.variant is None:
            yield Violation(
                here.keys("variant"),
                show(None),
                f"{net.name} needs a size variant: one of {', '.join(YOLO_VARIANTS)}",
                f"{here('variant')}=s",
                Code.yolo_variant,
            )
    elif net.variant is not None:
        # [H1] filter_args (packnet_sfm/utils/load.py:35-56) drops it: only
        # YOLOv8SAN01.py:199-206 has a variant parameter.
        yield Violation(
            here.keys("variant"),
            show(net.variant.value),
            f"variant (n, s, m, l, x) sizes YOLOv8SAN01 only; the trainer drops it for "
            f"{net.name or 'this network'} (packnet_sfm/utils/load.py:35-56), and depthconf "
            "is stricter and refuses it, so that a size is never silently ignored (export "
            "writes the trainer's default 's' back)",
            f"{here('variant')}=null",
            Code.variant_network,
        )


# -- model.optimizer.depth / .pose --------------------------------------------------------


#: Why a torch optimizer argument stops a run (O2).
INVALID_ARGUMENT: Final = "torch rejects it when it builds the optimizer"


def negative_lr_rule(cite: str = "") -> str:
    """torch refuses a negative learning rate in every optimizer [O2]."""
    invalid = Failure(Stage.start_of_fit, INVALID_ARGUMENT, cite)
    return (
        f"a learning rate must be > 0: the trainer {invalid.sentence()} "
        "(ValueError 'Invalid learning rate')"
    )


@section_rule("lr")
def learning_rate(group: ParamGroupConfig, here: Here) -> Iterator[Violation]:
    """O2: torch.optim refuses lr < 0 (fork: packnet_sfm/models/model_wrapper.py:216).

    A rate of 0 torch accepts; depthconf refuses it only for a group the trainer
    builds (the validator's rules/optim.py), since the pose group may be unused.
    """
    if group.lr < 0:
        yield Violation(
            here.keys("lr"), show(group.lr), negative_lr_rule(), f"{here('lr')}=1e-4", Code.lr
        )


PARAMS_RULES: Final = (crop, depth_range)
LOSS_RULES: Final = (automask_reduce_op,)
DEPTH_NET_RULES: Final = (yolo_version, dual_head_network, variant)
PARAM_GROUP_RULES: Final = (learning_rate,)
