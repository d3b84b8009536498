"""Upstream PackNet-SfM at de53b31: what it does with the ``model.*`` keys.

Every fact cites its file:line at de53b31. The networks upstream shares with the
fork (DepthResNet, RaySurfaceResNet, PackNet01, PackNetSlim01, PackNetSAN01,
PoseResNet) have identical code, so their version facts are the fork's.
"""

from __future__ import annotations

from depthconf.trainer._fork_model import FORK_MODEL
from depthconf.trainer._model import DepthRange, ModelFacts
from depthconf.trainer._profile import Choices, Failure, Quirk, Stage

_WRAPPER = "packnet_sfm/models/model_wrapper.py"
_SHARED_NETS = (
    "DepthResNet",
    "RaySurfaceResNet",
    "PoseResNet",
    "PackNet01",
    "PackNetSlim01",
    "PackNetSAN01",
)


UPSTREAM_MODEL = ModelFacts(
    pose_free_models={
        "SemiSupCompletionModel": "packnet_sfm/models/SemiSupCompletionModel.py:32-33",
        "SemiSupModel": "packnet_sfm/models/SemiSupModel.py:33-34",
    },
    missing_pose_net=Failure(
        Stage.start_up,
        "the model requires a pose network, and load_class('') raises ValueError 'Unknown class '",
        f"{_WRAPPER}:465-466, :430, packnet_sfm/utils/load.py:105",
    ),
    # The training step passes only progress= (no masks).
    step_kwargs=(),
    step_kwargs_cite=f"{_WRAPPER}:186, packnet_sfm/models/SfmModel.py:78",
    versions={name: FORK_MODEL.versions[name] for name in _SHARED_NETS},
    ignored_by_network={},
    # The same files as the fork's.
    training_scales={
        name: FORK_MODEL.training_scales[name]
        for name in (
            "PackNet01",
            "PackNetSAN01",
            "PackNetSlim01",
            "DepthResNet",
            "RaySurfaceResNet",
        )
    },
    too_many_scales=Failure(
        Stage.first_step,
        "the supervised loss indexes one prediction per scale (IndexError: list index out "
        "of range)",
        "packnet_sfm/utils/image.py:205, packnet_sfm/losses/supervised_loss.py:173",
    ),
    film={},  # upstream has no ResNetSAN01
    input_depth_kinds=("KITTI", "DGP"),
    input_depth_cite="packnet_sfm/datasets/kitti_dataset.py:100, :389, "
    "packnet_sfm/datasets/dgp_dataset.py:110, :243-245",
    dual_head=None,  # no dual-head network upstream
    dense_losses=Choices(
        works=(),
        fails={
            "silog": Failure(
                Stage.first_step,
                "without the 'sparse-' prefix SilogLoss takes the log of every pixel, and "
                "pixels without ground truth are 0, so the loss is NaN and the weights "
                "become NaN (upstream does not stop)",
                "packnet_sfm/losses/supervised_loss.py:146-147, :62-63",
            )
        },
        quirks={
            name: Quirk(
                "without the 'sparse-' prefix the loss runs over every pixel, so pixels "
                "without ground truth are supervised toward inverse depth 0",
                "packnet_sfm/losses/supervised_loss.py:146-147",
            )
            for name in ("l1", "mse", "berhu", "abs_rel")
        },
    ),
    loss_lookup_cite="packnet_sfm/losses/supervised_loss.py:73-84, :140",
    automask_needs_min=Failure(
        Stage.start_up,
        "the photometric loss, built for every model, asserts 'For automasking only the min "
        "photometric_reduce_op is supported.'",
        "packnet_sfm/losses/multiview_photometric_loss.py:112-114, "
        "packnet_sfm/models/SelfSupModel.py:22",
    ),
    # packnet_sfm/geometry/pose_utils.py:41-49 and SfmModel.py:95, as in the fork.
    rotation_modes=FORK_MODEL.rotation_modes,
    # Upstream's models take no depth range: it is used for evaluation only.
    depth_range=DepthRange(
        gt_filter_cite="packnet_sfm/utils/depth.py:295",
        crop_cite="packnet_sfm/utils/depth.py:278",
    ),
    # torch 1.8.1 (docker/Dockerfile:6) has the same signatures as 1.9.0 here.
    optimizer_args=dict(FORK_MODEL.optimizer_args),
    scheduler_args=dict(FORK_MODEL.scheduler_args),
    args_cite=f"{_WRAPPER}:139, :146, :149-153, packnet_sfm/utils/load.py:35-56",
    scheduler_step_cite="packnet_sfm/trainers/horovod_trainer.py:71",
)
