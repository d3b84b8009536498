"""The model, network and output-param findings, word for word, on both trainers.

Each row changes a few keys of a composed trainer.md base (``tests/trainer/facts.py``),
judged by ``depthconf.check`` as a composed config is, and pins every finding the changes
add: severity, code, keys, value, rule and fix. The fact tables
(``tests/trainer/test_facts_model.py``) say which finding a config gets; these rows hold
the rest of what the user reads: the fix they copy, the trainer's file:line in the rule,
which branch of a rule fires (a model that needs a pose network always, or only below
1.0; a pose network that runs or is never read; FiLM fed by training or by validation
alone; a cite left out when the trainer section is broken), and that nothing more is
said (no pose finding for a model that cannot train). ``make mutation`` showed these
branches could change with every table green. A code in ``also`` is another module's
finding the config also gets, checked for presence only.

Trainer paths are at 208e293 of the team's fork unless marked upstream (de53b31).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pytest

import depthconf
from depthconf.schema import to_dict
from depthconf.validation import Report, Violation
from tests.trainer import facts
from tests.trainer.facts import _new
from tests.validation.test_rule_boundaries import changed

# trainer.md's bases (E0: resnet_san_ncdb, K0: resnet_san_kitti with FiLM, P0:
# packnet_san_kitti), as override lists
E0 = facts.E0
K0 = facts.K0
E0_NO_DROPOUT = (*facts.E0, "model.depth_net.dropout=0.0")
P0_UPSTREAM = (*facts.P0, "trainer=upstream_de53b31")


@dataclass(frozen=True)
class Finding:
    """``'<severity> <code> at <key>, <key>'``, then the value, rule and fix as shown."""

    head: str
    value: str
    rule: str
    fix: str


@dataclass(frozen=True)
class Row:
    id: str
    base: tuple[str, ...]
    changes: Mapping[str, Any]
    findings: list[Finding]
    also: tuple[str, ...] = field(default=())


# packnet_sfm/utils/load.py:105 via packnet_sfm/models/model_wrapper.py:992
UNKNOWN_MODEL = Finding(
    "error unknown_choice at model.name",
    "'Foo'",
    "the team's PackNet-SfM fork (YoungseokOh/packnet-sfm-resnet-san@208e293) has no "
    "model 'Foo'; it trains with: SemiSupCompletionModel; the trainer fails at "
    "start-up: load_class finds no module of that name in packnet_sfm/models "
    "(ValueError 'Unknown class') (packnet_sfm/models/model_wrapper.py:992, "
    "packnet_sfm/utils/load.py:105)",
    "model.name=SemiSupCompletionModel",
)
# packnet_sfm/geometry/pose_utils.py:41-49, reached whenever a pose network runs
QUAT_FAILS = Finding(
    "error trainer_fails at model.loss.rotation_mode",
    "'quat'",
    "rotation_mode 'quat' cannot train: the trainer fails at the first training step: "
    "the pose network's output is converted by pose_vec2mat, which supports only "
    "'euler' (ValueError 'Rotation mode not supported') "
    "(packnet_sfm/geometry/pose_utils.py:41-49, packnet_sfm/models/SfmModel.py:95)",
    "model.loss.rotation_mode=euler",
)
# the schema's own finding for an unknown trainer profile
UNKNOWN_PROFILE = Finding(
    "error unknown_choice at trainer.profile",
    "'fork'",
    "profile must be one of: fork_208e293, upstream_de53b31",
    "trainer.profile=fork_208e293",
)


@cache
def _base(overrides: tuple[str, ...]) -> tuple[dict[str, Any], Report]:
    data = to_dict(facts._report(overrides).config_or_raise())
    return data, depthconf.check(data)


def _finding(v: Violation) -> Finding:
    keys = ", ".join(".".join(map(str, k)) for k in v.keys)
    return Finding(f"{v.severity} {v.code} at {keys}", v.value, v.rule, v.fix)


ROWS = [
    # packnet_sfm/utils/load.py:105 via packnet_sfm/models/model_wrapper.py:992
    Row(
        "model: unknown name; no pose or rotation finding for a model that cannot train",
        E0,
        {
            "model.name": "Foo",
            "model.pose_net.name": "PoseResNet",
            "model.pose_net.version": "34",
            "model.loss.rotation_mode": "quat",
            "model.depth_net.name": "DepthResNet",
            "model.depth_net.version": "18pt",
        },
        [
            UNKNOWN_MODEL,
        ],
    ),
    # packnet_sfm/models/model_wrapper.py:299, packnet_sfm/models/SelfSupModel.py:83
    Row(
        "model: a model that loads but cannot train",
        E0,
        {"model.name": "SelfSupModel"},
        [
            Finding(
                "error trainer_fails at model.name",
                "'SelfSupModel'",
                "model 'SelfSupModel' cannot train: the trainer fails at the first training step: "
                "the training step calls the model with masks=, which SelfSupModel.forward() does "
                "not accept (TypeError) (packnet_sfm/models/model_wrapper.py:299, "
                "packnet_sfm/models/SelfSupModel.py:83)",
                "model.name=SemiSupCompletionModel",
            ),
        ],
    ),
    # packnet_sfm/models/model_wrapper.py:465-466, :430 (upstream), packnet_sfm/utils/load.py:105
    Row(
        "upstream: a model that always needs a pose network, without one",
        P0_UPSTREAM,
        {"model.name": "SelfSupModel"},
        [
            Finding(
                "error pose_net_missing at model.pose_net.name",
                "''",
                "SelfSupModel always needs a pose network, and model.pose_net.name is '': the "
                "trainer fails at start-up: the model requires a pose network, and load_class('') "
                "raises ValueError 'Unknown class ' (packnet_sfm/models/model_wrapper.py:465-466, "
                ":430, packnet_sfm/utils/load.py:105)",
                "model.pose_net.name=PoseResNet model.pose_net.version=18pt",
            ),
        ],
    ),
    # packnet_sfm/models/SemiSupModel.py:33-34 (upstream)
    Row(
        "upstream: SemiSupModel below 1.0 without a pose network (fix offers one)",
        P0_UPSTREAM,
        {"model.name": "SemiSupModel", "model.loss.supervised_loss_weight": 0.9},
        [
            Finding(
                "error pose_net_missing at model.loss.supervised_loss_weight, model.pose_net.name",
                "supervised_loss_weight=0.9, pose_net.name=''",
                "SemiSupModel trains without a pose network only with supervised_loss_weight "
                "exactly 1.0 (packnet_sfm/models/SemiSupModel.py:33-34); with 0.9 it also runs "
                "its self-supervised loss, which needs a pose network, and model.pose_net.name is "
                "'': the trainer fails at start-up: the model requires a pose network, and "
                "load_class('') raises ValueError 'Unknown class ' "
                "(packnet_sfm/models/model_wrapper.py:465-466, :430, "
                "packnet_sfm/utils/load.py:105)",
                "model.loss.supervised_loss_weight=1.0, or give it a pose network: "
                "model.pose_net.name=PoseResNet model.pose_net.version=18pt",
            ),
        ],
    ),
    # packnet_sfm/models/SemiSupModel.py:33-34 (upstream)
    Row(
        "upstream: SemiSupModel at 1.0 with a pose network that is never read",
        P0_UPSTREAM,
        {
            "model.name": "SemiSupModel",
            "model.pose_net.name": "PoseResNet",
            "model.loss.rotation_mode": "quat",
        },
        [
            Finding(
                "warning pose_net_unused at model.pose_net.name",
                "'PoseResNet'",
                "accepted, but SemiSupModel builds no pose network when supervised_loss_weight is "
                "1.0 (packnet_sfm/models/SemiSupModel.py:33-34), so model.pose_net is never read",
                "model.pose_net.name='' (the pose network settings have no effect)",
            ),
            Finding(
                "warning ignored_key at model.loss.rotation_mode",
                "'quat'",
                "accepted, but SemiSupModel builds no pose network when supervised_loss_weight is "
                "1.0 (packnet_sfm/models/SemiSupModel.py:33-34), so the trainer never reads it",
                "model.loss.rotation_mode=euler (the value has no effect)",
            ),
        ],
    ),
    # packnet_sfm/models/SemiSupModel.py:33-34, packnet_sfm/models/model_wrapper.py:186
    # (upstream: the training step passes no masks, so a weight below 1.0 trains)
    Row(
        "upstream: SemiSupModel below 1.0 with a pose network trains",
        P0_UPSTREAM,
        {
            "model.name": "SemiSupModel",
            "model.loss.supervised_loss_weight": 0.9,
            "model.pose_net.name": "PoseResNet",
            "model.pose_net.version": "18pt",
        },
        [],
    ),
    # packnet_sfm/models/model_wrapper.py:962-966,
    # packnet_sfm/models/SemiSupCompletionModel.py:462-463
    Row(
        "fork: an unknown pose network below 1.0",
        E0,
        {"model.loss.supervised_loss_weight": 0.9, "model.pose_net.name": "PoseResNett"},
        [
            Finding(
                "error unknown_choice at model.pose_net.name",
                "'PoseResNett'",
                "the team's PackNet-SfM fork (YoungseokOh/packnet-sfm-resnet-san@208e293) has no "
                "pose network 'PoseResNett' (did you mean 'PoseResNet'?); it trains with: "
                "PoseNet, PoseResNet; the trainer fails at start-up: load_class finds no module "
                "of that name in packnet_sfm/networks/pose (ValueError 'Unknown class') "
                "(packnet_sfm/models/model_wrapper.py:962-966, packnet_sfm/utils/load.py:105)",
                "model.pose_net.name=PoseResNet",
            ),
            Finding(
                "error partial_supervision at model.loss.supervised_loss_weight",
                "0.9",
                "with supervised_loss_weight 0.9 (below 1.0) SemiSupCompletionModel also trains "
                "its self-supervised part with the pose network PoseResNett: the trainer fails at "
                "the first training step: with supervised_loss_weight below 1.0 "
                "SemiSupCompletionModel also runs SelfSupModel.forward, which does not accept the "
                "masks= argument the training step passes (TypeError) "
                "(packnet_sfm/models/SemiSupCompletionModel.py:462-463, "
                "packnet_sfm/models/SelfSupModel.py:83); only 1.0 trains with the team's "
                "PackNet-SfM fork (YoungseokOh/packnet-sfm-resnet-san@208e293)",
                "model.loss.supervised_loss_weight=1.0 (which builds no pose network: also set "
                "model.pose_net.name='')",
            ),
        ],
    ),
    # packnet_sfm/networks/pose/PoseResNet.py:29-33, packnet_sfm/geometry/pose_utils.py:41-49
    Row(
        "fork: a pose network below 1.0, its version and its rotation mode read",
        E0,
        {
            "model.loss.supervised_loss_weight": 0.9,
            "model.pose_net.name": "PoseResNet",
            "model.pose_net.version": "34",
            "model.loss.rotation_mode": "quat",
        },
        [
            Finding(
                "error partial_supervision at model.loss.supervised_loss_weight",
                "0.9",
                "with supervised_loss_weight 0.9 (below 1.0) SemiSupCompletionModel also trains "
                "its self-supervised part with the pose network PoseResNet: the trainer fails at "
                "the first training step: with supervised_loss_weight below 1.0 "
                "SemiSupCompletionModel also runs SelfSupModel.forward, which does not accept the "
                "masks= argument the training step passes (TypeError) "
                "(packnet_sfm/models/SemiSupCompletionModel.py:462-463, "
                "packnet_sfm/models/SelfSupModel.py:83); only 1.0 trains with the team's "
                "PackNet-SfM fork (YoungseokOh/packnet-sfm-resnet-san@208e293)",
                "model.loss.supervised_loss_weight=1.0 (which builds no pose network: also set "
                "model.pose_net.name='')",
            ),
            QUAT_FAILS,
            Finding(
                "error network_version at model.pose_net.version",
                "'34'",
                "PoseResNet takes a version made of the ResNet depth (18 or 50) as its first two "
                "characters, e.g. '18pt': the trainer fails at start-up: PoseResNet reads the "
                "layer count as int(version[:2]), which must be 18 or 50 (ValueError or "
                "AssertionError otherwise; '101A' reads as 10 layers) "
                "(packnet_sfm/networks/pose/PoseResNet.py:29-33, "
                "packnet_sfm/networks/layers/resnet/resnet_encoder.py:48)",
                "model.pose_net.version=18pt",
            ),
        ],
    ),
    # packnet_sfm/models/SemiSupCompletionModel.py:63-64, packnet_sfm/models/SfmModel.py:95
    Row(
        "fork: at 1.0 the pose network, its version and the rotation mode are never read",
        E0,
        {
            "model.pose_net.name": "PoseResNet",
            "model.pose_net.version": "34",
            "model.loss.rotation_mode": "quat",
        },
        [
            Finding(
                "warning pose_net_unused at model.pose_net.name",
                "'PoseResNet'",
                "accepted, but SemiSupCompletionModel builds no pose network when "
                "supervised_loss_weight is 1.0 "
                "(packnet_sfm/models/SemiSupCompletionModel.py:63-64), so model.pose_net is never "
                "read",
                "model.pose_net.name='' (the pose network settings have no effect)",
            ),
            Finding(
                "warning ignored_key at model.loss.rotation_mode",
                "'quat'",
                "accepted, but SemiSupCompletionModel builds no pose network when "
                "supervised_loss_weight is 1.0 "
                "(packnet_sfm/models/SemiSupCompletionModel.py:63-64), so the trainer never reads "
                "it",
                "model.loss.rotation_mode=euler (the value has no effect)",
            ),
        ],
    ),
    # packnet_sfm/geometry/pose_utils.py:41-49, packnet_sfm/models/SfmModel.py:95 (upstream)
    Row(
        "upstream: a pose network that runs, with quat",
        P0_UPSTREAM,
        {
            "model.name": "SelfSupModel",
            "model.pose_net.name": "PoseNet",
            "model.pose_net.version": "18pt",
            "model.loss.rotation_mode": "quat",
        },
        [
            QUAT_FAILS,
        ],
    ),
    # packnet_sfm/networks/pose/PoseResNet.py:29-33 (upstream)
    Row(
        "upstream: PoseResNet's version is read when the pose network runs",
        P0_UPSTREAM,
        {
            "model.name": "SelfSupModel",
            "model.pose_net.name": "PoseResNet",
            "model.pose_net.version": "101A",
        },
        [
            Finding(
                "error network_version at model.pose_net.version",
                "'101A'",
                "PoseResNet takes a version made of the ResNet depth (18 or 50) as its first two "
                "characters, e.g. '18pt': the trainer fails at start-up: PoseResNet reads the "
                "layer count as int(version[:2]), which must be 18 or 50 (ValueError or "
                "AssertionError otherwise; '101A' reads as 10 layers) "
                "(packnet_sfm/networks/pose/PoseResNet.py:29-33, "
                "packnet_sfm/networks/layers/resnet/resnet_encoder.py:48)",
                "model.pose_net.version=18pt",
            ),
        ],
    ),
    # packnet_sfm/models/model_wrapper.py:946-950, packnet_sfm/utils/load.py:105
    Row(
        "networks: unknown depth network",
        E0,
        {"model.depth_net.name": "ResNetSAN0"},
        [
            Finding(
                "error unknown_choice at model.depth_net.name",
                "'ResNetSAN0'",
                "the team's PackNet-SfM fork (YoungseokOh/packnet-sfm-resnet-san@208e293) has no "
                "depth network 'ResNetSAN0' (did you mean 'ResNetSAN01'?); it trains with: "
                "ResNetSAN01, PackNetSAN01, PackNetSlimSAN01, YOLOv8SAN01, DepthResNet, "
                "PackNet01, PackNetSlim01, RaySurfaceResNet; the trainer fails at start-up: "
                "load_class finds no module of that name in packnet_sfm/networks/depth "
                "(ValueError 'Unknown class') (packnet_sfm/models/model_wrapper.py:946-950, "
                "packnet_sfm/utils/load.py:105)",
                "model.depth_net.name=ResNetSAN01",
            ),
        ],
    ),
    # packnet_sfm/networks/depth/ResNetSAN01.py:51-56
    Row(
        "networks: a ResNet version without the layer count",
        E0,
        {"model.depth_net.version": "1A"},
        [
            Finding(
                "error network_version at model.depth_net.version",
                "'1A'",
                "ResNetSAN01 takes a version made of '' (ResNet-18) or the ResNet depth (18, 34 "
                "or 50) as its first two characters, e.g. '18A' or '18': the trainer fails at "
                "start-up: ResNetSAN01 reads the layer count as int(version[:2]), which must be "
                "18, 34 or 50 (ValueError: '1A' is not a number, '101A' reads as 10 layers) "
                "(packnet_sfm/networks/depth/ResNetSAN01.py:51-56, "
                "packnet_sfm/networks/layers/resnet/resnet_encoder.py:75-76)",
                "model.depth_net.version=18A",
            ),
        ],
    ),
    # packnet_sfm/networks/depth/ResNetSAN01.py:51-56
    Row(
        "networks: a ResNet version with another layer count",
        E0,
        {"model.depth_net.version": "34"},
        [],
    ),
    # packnet_sfm/networks/depth/PackNetSAN01.py:160
    Row(
        "networks: a PackNet version with a letter for the generation digit",
        E0,
        {"model.depth_net.name": "PackNetSAN01", "model.depth_net.version": "XA"},
        [
            Finding(
                "error network_version at model.depth_net.version",
                "'XA'",
                "the trainer reads only the variant letter of a PackNetSAN01 version "
                "(version[1:]), so 'XA' builds like '1A'; depthconf is stricter and wants the "
                "generation digit first, because any other first character is most likely a typo",
                "model.depth_net.version=1A",
            ),
        ],
    ),
    # packnet_sfm/networks/depth/PackNetSAN01.py:160, :94-131
    Row(
        "networks: PackNetSAN01 variant B",
        E0,
        {"model.depth_net.name": "PackNetSAN01", "model.depth_net.version": "1B"},
        [
            Finding(
                "error network_version at model.depth_net.version",
                "'1B'",
                "PackNetSAN01 takes a version made of a generation digit and the variant letter A "
                "(the only variant its decoder is sized for): the trainer fails at the first "
                "training step: PackNetSAN01 reads the variant letter version[1:]; anything but A "
                "takes the addition branch, but the decoder is sized for concatenation "
                "(RuntimeError: tensor sizes 512 and 256 do not match) "
                "(packnet_sfm/networks/depth/PackNetSAN01.py:160, :94-131, :60-76)",
                "model.depth_net.version=1A",
            ),
        ],
    ),
    # packnet_sfm/networks/depth/PackNetSlimSAN01.py:18 ('' builds as 1A)
    Row(
        "networks: PackNetSlimSAN01 takes an empty version",
        E0,
        {"model.depth_net.name": "PackNetSlimSAN01", "model.depth_net.version": ""},
        [],
    ),
    # packnet_sfm/networks/depth/PackNetSlimSAN01.py:18, :37-50
    Row(
        "networks: PackNetSlimSAN01 variant C",
        E0,
        {"model.depth_net.name": "PackNetSlimSAN01", "model.depth_net.version": "1C"},
        [
            Finding(
                "error network_version at model.depth_net.version",
                "'1C'",
                "PackNetSlimSAN01 takes a version made of a generation digit and the variant "
                "letter A (concatenation) or B (addition), or '' for 1A: the trainer fails at "
                "start-up: PackNetSlimSAN01 reads the variant letter version[1:], which must be A "
                "or B (ValueError 'Unknown PackNet version') "
                "(packnet_sfm/networks/depth/PackNetSlimSAN01.py:18, :37-50)",
                "model.depth_net.version=1A",
            ),
        ],
    ),
    # packnet_sfm/networks/depth/DepthResNet.py:38, packnet_sfm/models/model_wrapper.py:299
    Row(
        "networks: a depth network whose forward() takes only rgb (fork)",
        E0,
        {"model.depth_net.name": "DepthResNet", "model.depth_net.version": "18pt"},
        [
            Finding(
                "error depth_net_inputs at model.depth_net.name",
                "'DepthResNet'",
                "SemiSupCompletionModel cannot train with DepthResNet: the trainer fails at the "
                "first training step: DepthResNet.forward() takes only rgb, but the model also "
                "passes input_depth=, intrinsics=, masks= (TypeError: unexpected keyword "
                "argument) (packnet_sfm/models/model_wrapper.py:299, "
                "packnet_sfm/models/SfmModel.py:78)",
                "model.depth_net.name=ResNetSAN01 (a network whose forward() takes **kwargs)",
            ),
        ],
    ),
    # packnet_sfm/networks/depth/DepthResNet.py:38,
    # packnet_sfm/models/SemiSupCompletionModel.py:38 (upstream)
    Row(
        "networks: a depth network whose forward() takes only rgb (upstream)",
        P0_UPSTREAM,
        {"model.depth_net.name": "DepthResNet", "model.depth_net.version": "18pt"},
        [
            Finding(
                "error depth_net_inputs at model.depth_net.name",
                "'DepthResNet'",
                "SemiSupCompletionModel cannot train with DepthResNet: the trainer fails at the "
                "first training step: DepthResNet.forward() takes only rgb, but the model also "
                "passes input_depth=, intrinsics= (TypeError: unexpected keyword argument) "
                "(packnet_sfm/models/model_wrapper.py:186, packnet_sfm/models/SfmModel.py:78)",
                "model.depth_net.name=PackNetSAN01 (a network whose forward() takes **kwargs)",
            ),
        ],
    ),
    # packnet_sfm/models/base_model.py:23 (upstream)
    Row(
        "networks: an rgb-only depth network for an rgb-only model (upstream)",
        P0_UPSTREAM,
        {
            "model.name": "SelfSupModel",
            "model.pose_net.name": "PoseNet",
            "model.depth_net.name": "DepthResNet",
            "model.depth_net.version": "18pt",
        },
        [],
    ),
    # packnet_sfm/networks/depth/ResNetSAN01.py:30
    Row(
        "networks: ResNetSAN01 never uses dropout",
        E0_NO_DROPOUT,
        {"model.depth_net.dropout": 0.3},
        [
            Finding(
                "warning ignored_key at model.depth_net.dropout",
                "0.3",
                "accepted, but ResNetSAN01 takes dropout and never uses it "
                "(packnet_sfm/networks/depth/ResNetSAN01.py:30)",
                "remove it or set model.depth_net.dropout=0.0 (the value has no effect)",
            ),
        ],
    ),
    # packnet_sfm/networks/depth/PackNetSAN01.py:27-30
    Row(
        "networks: PackNetSAN01 uses dropout",
        E0_NO_DROPOUT,
        {
            "model.depth_net.name": "PackNetSAN01",
            "model.depth_net.version": "1A",
            "model.depth_net.dropout": 0.3,
        },
        [],
    ),
    # packnet_sfm/networks/depth/ResNetSAN01.py:94, :218-219
    Row(
        "film: training and validation feed an input depth, without FiLM",
        K0,
        {"model.depth_net.use_film": False},
        [
            Finding(
                "error film_required at model.depth_net.use_film",
                "false",
                "datasets.train[0] (KITTI), datasets.validation[0] (KITTI) give ResNetSAN01 an "
                "input depth (packnet_sfm/datasets/kitti_dataset_optimized.py:302, :691-693, "
                "packnet_sfm/datasets/dgp_dataset.py:110, :243-245), and use_film is false: the "
                "trainer fails at the first training step: ResNetSAN01 builds its sparse-depth "
                "encoder only with use_film, but runs it for every input depth (AttributeError: "
                "'NoneType' object has no attribute 'prep') "
                "(packnet_sfm/networks/depth/ResNetSAN01.py:94, :218-219)",
                "model.depth_net.use_film=true, or input_depth_type='' for those datasets (RGB "
                "only)",
            ),
        ],
    ),
    # packnet_sfm/models/model_wrapper.py:358-365
    Row(
        "film: only validation feeds an input depth, without FiLM",
        K0,
        {
            "model.depth_net.use_film": False,
            "datasets.train.input_depth_type": [""],
            "datasets.validation.input_depth_type": ["velodyne", "velodyne"],
        },
        [
            Finding(
                "error film_required at model.depth_net.use_film",
                "false",
                "datasets.validation[0] (KITTI), datasets.validation[1] (KITTI) give ResNetSAN01 "
                "an input depth (packnet_sfm/datasets/kitti_dataset_optimized.py:302, :691-693, "
                "packnet_sfm/datasets/dgp_dataset.py:110, :243-245), and use_film is false: the "
                "trainer fails at the end of the first validation: ResNetSAN01 builds its "
                "sparse-depth encoder only with use_film, but runs it for every input depth "
                "(AttributeError: 'NoneType' object has no attribute 'prep'); validation swallows "
                "it and ends in KeyError 'depth_lin' "
                "(packnet_sfm/networks/depth/ResNetSAN01.py:94, :218-219, "
                "packnet_sfm/models/model_wrapper.py:358-365)",
                "model.depth_net.use_film=true, or input_depth_type='' for those datasets (RGB "
                "only)",
            ),
        ],
    ),
    # packnet_sfm/utils/misc.py:47 (the dataset rules refuse the training split; FiLM judges
    # the validation split alone)
    Row(
        "film: a training split that cannot be broadcast is left to the dataset rules",
        K0,
        {
            "model.depth_net.use_film": False,
            "datasets.train.path": ["a", "b"],
            "datasets.train.split": ["x", "y", "z"],
        },
        [
            Finding(
                "error film_required at model.depth_net.use_film",
                "false",
                "datasets.validation[0] (KITTI) gives ResNetSAN01 an input depth "
                "(packnet_sfm/datasets/kitti_dataset_optimized.py:302, :691-693, "
                "packnet_sfm/datasets/dgp_dataset.py:110, :243-245), and use_film is false: the "
                "trainer fails at the end of the first validation: ResNetSAN01 builds its "
                "sparse-depth encoder only with use_film, but runs it for every input depth "
                "(AttributeError: 'NoneType' object has no attribute 'prep'); validation swallows "
                "it and ends in KeyError 'depth_lin' "
                "(packnet_sfm/networks/depth/ResNetSAN01.py:94, :218-219, "
                "packnet_sfm/models/model_wrapper.py:358-365)",
                "model.depth_net.use_film=true, or input_depth_type='' for those datasets (RGB "
                "only)",
            ),
        ],
        also=("broadcast_length",),
    ),
    # packnet_sfm/networks/depth/ResNetSAN01.py:94
    Row(
        "film: no dataset feeds an input depth, without FiLM",
        K0,
        {
            "model.depth_net.use_film": False,
            "datasets.train.input_depth_type": [""],
            "datasets.validation.input_depth_type": ["", ""],
        },
        [],
    ),
    # packnet_sfm/utils/load.py:105: no FiLM finding for a model that cannot train
    Row(
        "film: a model that cannot train",
        K0,
        {"model.depth_net.use_film": False, "model.name": "Foo"},
        [
            UNKNOWN_MODEL,
        ],
    ),
    # FiLM is ResNetSAN01's (packnet_sfm/networks/depth/ResNetSAN01.py:86-90); PackNetSAN01
    # has none
    Row(
        "film: a network without FiLM",
        K0,
        {
            "model.depth_net.name": "PackNetSAN01",
            "model.depth_net.version": "1A",
            "model.depth_net.use_film": False,
        },
        [],
    ),
    # packnet_sfm/networks/depth/ResNetSAN01.py:114-121, :86-90, :224
    Row(
        "film: FiLM with no input depth, and a scale past the encoder's",
        E0,
        {
            "model.depth_net.use_film": True,
            "datasets.train.input_depth_type": ["velodyne"],
            "model.depth_net.film_scales": [5],
        },
        [
            Finding(
                "warning film_unused at model.depth_net.use_film",
                "true",
                "accepted, but no training or validation dataset gives the network an input depth "
                "(only KITTI and DGP load one, with input_depth_type: "
                "packnet_sfm/datasets/kitti_dataset_optimized.py:302, :691-693, "
                "packnet_sfm/datasets/dgp_dataset.py:110, :243-245), so FiLM and the sparse-depth "
                "encoder never run; use_film still builds that encoder, so MinkowskiEngine must "
                "be installed (packnet_sfm/networks/depth/ResNetSAN01.py:114-121)",
                "model.depth_net.use_film=false",
            ),
            Finding(
                "warning film_scales at model.depth_net.film_scales",
                "[5]",
                "accepted, but ResNetSAN01 has encoder scales 0..4 and applies FiLM only where a "
                "scale is listed (packnet_sfm/networks/depth/ResNetSAN01.py:86-90, :224), so [5] "
                "silently add no FiLM",
                "model.depth_net.film_scales=[0]",
            ),
        ],
        also=("ncdb_ignores",),
    ),
    # packnet_sfm/networks/depth/ResNetSAN01.py:86-90, :224
    Row(
        "film: scales on both sides of the encoder's range",
        K0,
        {"model.depth_net.film_scales": [0, 5, -1, 4]},
        [
            Finding(
                "warning film_scales at model.depth_net.film_scales",
                "[0, 5, -1, 4]",
                "accepted, but ResNetSAN01 has encoder scales 0..4 and applies FiLM only where a "
                "scale is listed (packnet_sfm/networks/depth/ResNetSAN01.py:86-90, :224), so [5, "
                "-1] silently add no FiLM",
                "model.depth_net.film_scales=[0,4]",
            ),
        ],
    ),
    # packnet_sfm/networks/depth/ResNetSAN01.py:86-90, :224
    Row(
        "film: no scale inside the encoder's range",
        K0,
        {"model.depth_net.film_scales": [7]},
        [
            Finding(
                "warning film_scales at model.depth_net.film_scales",
                "[7]",
                "accepted, but ResNetSAN01 has encoder scales 0..4 and applies FiLM only where a "
                "scale is listed (packnet_sfm/networks/depth/ResNetSAN01.py:86-90, :224), so [7] "
                "silently add no FiLM",
                "model.depth_net.film_scales=[0]",
            ),
        ],
    ),
    # packnet_sfm/utils/depth.py:480-481
    Row(
        "params: unknown scale_output",
        E0,
        {"model.params.scale_output": "resiz"},
        [
            Finding(
                "error unknown_choice at model.params.scale_output",
                "'resiz'",
                "the team's PackNet-SfM fork (YoungseokOh/packnet-sfm-resnet-san@208e293) has no "
                "scale_output 'resiz' (did you mean 'resize'?); it trains with: resize, "
                "top-center; the trainer fails at the end of the first validation: the metric "
                "code raises NotImplementedError for it; the error is swallowed, so metrics "
                "silently lose the garg crop and the GT-median scaling, or, when prediction and "
                "ground truth differ in size, validation ends in KeyError 'depth_lin' "
                "(packnet_sfm/utils/depth.py:480-481, "
                "packnet_sfm/models/model_wrapper.py:739-781)",
                "model.params.scale_output=resize",
            ),
        ],
    ),
    # packnet_sfm/utils/depth.py:480-481
    Row(
        "params: empty scale_output",
        E0,
        {"model.params.scale_output": ""},
        [
            Finding(
                "error trainer_fails at model.params.scale_output",
                "''",
                "scale_output '' cannot train: the trainer fails at the end of the first "
                "validation: the metric code raises NotImplementedError for it; the error is "
                "swallowed, so metrics silently lose the garg crop and the GT-median scaling, or, "
                "when prediction and ground truth differ in size, validation ends in KeyError "
                "'depth_lin' (packnet_sfm/utils/depth.py:480-481, "
                "packnet_sfm/models/model_wrapper.py:739-781)",
                "model.params.scale_output=resize",
            ),
        ],
    ),
    # packnet_sfm/utils/depth.py:317
    Row(
        "params: a crop cites the trainer's test",
        E0,
        {"model.params.crop": "gar"},
        [
            Finding(
                "error crop at model.params.crop",
                "'gar'",
                "the trainer crops only for 'garg' and evaluates without a crop for any other "
                "value (packnet_sfm/utils/depth.py:317), so 'gar' would silently mean no crop; "
                "depthconf is stricter and accepts only '' (no crop) and 'garg', so that a "
                "misspelt crop is not silently ignored (did you mean 'garg'?)",
                "model.params.crop=garg, or model.params.crop='' (no crop)",
            ),
        ],
    ),
    # an unknown trainer.profile: the rule is the section's own, citing no trainer
    Row(
        "params: a crop, with no trainer to cite",
        E0,
        {"model.params.crop": "gar", "trainer.profile": "fork"},
        [
            UNKNOWN_PROFILE,
            Finding(
                "error crop at model.params.crop",
                "'gar'",
                "the trainer crops only for 'garg' and evaluates without a crop for any other "
                "value, so 'gar' would silently mean no crop; depthconf is stricter and accepts "
                "only '' (no crop) and 'garg', so that a misspelt crop is not silently ignored "
                "(did you mean 'garg'?)",
                "model.params.crop=garg, or model.params.crop='' (no crop)",
            ),
        ],
    ),
    # packnet_sfm/utils/depth.py:345
    Row(
        "params: a negative min_depth cites the ground-truth filter",
        E0,
        {"model.params.min_depth": -1.0},
        [
            Finding(
                "error depth_range at model.params.min_depth",
                "-1.0",
                "validation keeps ground truth only in (min_depth, max_depth) "
                "(packnet_sfm/utils/depth.py:345, packnet_sfm/models/model_wrapper.py:668-692), "
                "so a negative min_depth counts pixels without ground truth (depth 0) as valid "
                "and every validation metric becomes inf; the trainer does not stop, but "
                "depthconf refuses a run whose metrics mean nothing",
                "model.params.min_depth=0.1 (any value > 0)",
            ),
        ],
    ),
    # packnet_sfm/utils/depth.py:345
    Row(
        "params: an empty depth range cites the ground-truth filter",
        E0,
        {"model.params.min_depth": 5.0, "model.params.max_depth": 2.0},
        [
            Finding(
                "error depth_range at model.params.min_depth, model.params.max_depth",
                "min_depth=5.0, max_depth=2.0",
                "validation keeps ground truth only in (min_depth, max_depth) "
                "(packnet_sfm/utils/depth.py:345, packnet_sfm/models/model_wrapper.py:668-692), "
                "and that range is empty: every validation metric is 0, and a checkpoint ranked "
                "by one fails at its first save ('Checkpoint metric is not available')",
                "e.g. model.params.min_depth=0.1 model.params.max_depth=80.0",
            ),
        ],
    ),
    # an unknown trainer.profile: the rule is the section's own, citing no trainer
    Row(
        "params: a negative min_depth, with no trainer to cite",
        E0,
        {"model.params.min_depth": -1.0, "trainer.profile": "fork"},
        [
            UNKNOWN_PROFILE,
            Finding(
                "error depth_range at model.params.min_depth",
                "-1.0",
                "validation keeps ground truth only in (min_depth, max_depth), so a negative "
                "min_depth counts pixels without ground truth (depth 0) as valid and every "
                "validation metric becomes inf; the trainer does not stop, but depthconf refuses "
                "a run whose metrics mean nothing",
                "model.params.min_depth=0.1 (any value > 0)",
            ),
        ],
    ),
    # packnet_sfm/models/SemiSupCompletionModel.py:43-45
    Row(
        "params: min_depth 0 is rewritten in training",
        E0,
        {"model.params.min_depth": 0.0},
        [
            Finding(
                "warning min_depth_rewritten at model.params.min_depth",
                "0.0",
                "accepted, but training replaces a min_depth <= 0 with 0.5 "
                "(packnet_sfm/models/SemiSupCompletionModel.py:43-45, "
                "packnet_sfm/networks/depth/ResNetSAN01.py:37-39), while validation converts the "
                "prediction and filters ground truth with the configured 0.0 "
                "(packnet_sfm/utils/depth.py:345, packnet_sfm/models/model_wrapper.py:668-692): "
                "every validation metric is computed on a different depth mapping from the one "
                "the network was trained with",
                "model.params.min_depth=0.5 (what training already uses), or any value > 0",
            ),
        ],
    ),
    # packnet_sfm/utils/depth.py:345
    Row(
        "params: min_depth 0 with an empty range is the range's error alone",
        E0,
        {"model.params.min_depth": 0.0, "model.params.max_depth": 0.0},
        [
            Finding(
                "error depth_range at model.params.min_depth, model.params.max_depth",
                "min_depth=0.0, max_depth=0.0",
                "validation keeps ground truth only in (min_depth, max_depth) "
                "(packnet_sfm/utils/depth.py:345, packnet_sfm/models/model_wrapper.py:668-692), "
                "and that range is empty: every validation metric is 0, and a checkpoint ranked "
                "by one fails at its first save ('Checkpoint metric is not available')",
                "e.g. model.params.min_depth=0.1 model.params.max_depth=80.0",
            ),
        ],
    ),
    # packnet_sfm/models/SemiSupCompletionModel.py:43-45 is the model that rewrites it
    Row(
        "params: min_depth 0 for a model that does not rewrite it",
        E0,
        {"model.params.min_depth": 0.0, "model.name": "Foo"},
        [
            UNKNOWN_MODEL,
        ],
    ),
    # upstream's models take no depth range; it only filters ground truth
    # (packnet_sfm/utils/depth.py:295 at de53b31)
    Row(
        "params: upstream keeps min_depth 0",
        P0_UPSTREAM,
        {"model.params.min_depth": 0.0},
        [],
    ),
    # packnet_sfm/losses/ssi_silog_loss.py:84, packnet_sfm/trainers/horovod_trainer.py:222-284
    Row(
        "ignored: keys the trainer never reads",
        E0,
        {"datasets.train.num_logs": 7, "arch.clip_grad": 1.0, "model.loss.silog_ratio": 3},
        [
            Finding(
                "warning ignored_key at model.loss.silog_ratio",
                "3",
                "accepted, but the trainer never reads it: SSISilogLoss only stores it "
                "(packnet_sfm/losses/ssi_silog_loss.py:84)",
                "remove it or set model.loss.silog_ratio=10 (the value has no effect)",
            ),
            Finding(
                "warning ignored_key at arch.clip_grad",
                "1.0",
                "accepted, but the trainer never reads it: no gradient clipping happens at all "
                "(packnet_sfm/trainers/horovod_trainer.py:222-284)",
                "remove it or set arch.clip_grad=10.0 (the value has no effect)",
            ),
            Finding(
                "warning ignored_key at datasets.train.num_logs",
                "7",
                "accepted, but the trainer never reads it: only a wandb helper that is never "
                "called uses it (packnet_sfm/loggers/wandb_logger.py:159)",
                "remove it or set datasets.train.num_logs=5 (the value has no effect)",
            ),
        ],
    ),
]


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_the_findings_read_as_pinned(row: Row) -> None:
    data, before = _base(row.base)
    after = depthconf.check(changed(data, row.changes))
    added = [*_new(after.errors, before.errors), *_new(after.warnings, before.warnings)]
    assert [_finding(v) for v in added if v.code not in row.also] == row.findings
    assert sorted({v.code.value for v in added if v.code in row.also}) == sorted(row.also)
