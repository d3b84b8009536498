"""The team's fork at 208e293: what it does with the ``model.*`` keys (see ``_model.py``).

Every fact cites its file:line at 208e293 (paths relative to the repository root);
the ids in brackets refer to ``../shared/trainer.md``.
"""

from __future__ import annotations

from depthconf.trainer._model import DepthRange, DualHead, Film, ModelFacts, Versions
from depthconf.trainer._profile import Choices, Failure, Quirk, Stage

_NETS = "packnet_sfm/networks"
# The depth networks: modules loaded by name from packnet_sfm/networks/depth/
# (packnet_sfm/utils/load.py:79-105).
DEPTH_NETS = (
    "ResNetSAN01",
    "PackNetSAN01",
    "PackNetSlimSAN01",
    "YOLOv8SAN01",
    "DepthResNet",
    "PackNet01",
    "PackNetSlim01",
    "RaySurfaceResNet",
)
_WRAPPER = "packnet_sfm/models/model_wrapper.py"


def _resnet(name: str, lines: str, layers: str = "18, 34 or 50") -> Versions:
    # int(version[:2]) must name a ResNet the encoder has: '101A' reads as 10 layers,
    # '1A' raises ValueError [M13, F2.A8].
    return Versions(
        works=rf"({layers.replace(', ', '|').replace(' or ', '|')}).*",
        example="18pt",
        grammar=f"the ResNet depth ({layers}) as its first two characters, e.g. '18pt'",
        failure=Failure(
            Stage.start_up,
            f"{name} reads the layer count as int(version[:2]), which must be {layers} "
            "(ValueError or AssertionError otherwise; '101A' reads as 10 layers)",
            lines,
        ),
    )


def _packnet(name: str, lines: str, *, empty: bool = False) -> Versions:
    # PackNet networks read only version[1:], the variant letter: A concatenates,
    # B adds, anything else raises ValueError 'Unknown PackNet version' [F2.A9].
    return Versions(
        works=r"(.[AB])?" if empty else r".[AB]",
        example="1A",
        grammar="a generation digit and the variant letter A (concatenation) or B (addition)"
        + (", or '' for 1A" if empty else ""),
        failure=Failure(
            Stage.start_up,
            f"{name} reads the variant letter version[1:], which must be A or B "
            "(ValueError 'Unknown PackNet version')",
            lines,
        ),
    )


# pose_vec2mat supports only 'euler' (ValueError 'Rotation mode not supported ...'),
# reached whenever a pose network runs [M28].
_ONLY_EULER = Failure(
    Stage.first_step,
    "the pose network's output is converted by pose_vec2mat, which supports only 'euler' "
    "(ValueError 'Rotation mode not supported')",
    "packnet_sfm/geometry/pose_utils.py:41-49, packnet_sfm/models/SfmModel.py:95",
)

FORK_MODEL = ModelFacts(
    pose_free_models={
        # Only a weight of exactly 1 removes 'pose_net' from the network requirements.
        "SemiSupCompletionModel": "packnet_sfm/models/SemiSupCompletionModel.py:63-64",
        "SemiSupModel": "packnet_sfm/models/SemiSupModel.py:33-34",
    },
    # [M4] setup_model builds the pose network whenever the model requires one, and
    # load_class('') cannot find a module named ''.
    missing_pose_net=Failure(
        Stage.start_up,
        "the model requires a pose network, and load_class('') raises ValueError 'Unknown class '",
        f"{_WRAPPER}:1007-1008, :962, packnet_sfm/utils/load.py:105",
    ),
    # [M2, M12] training_step passes masks= to the model; SemiSupCompletionModel and
    # SfmModel hand their **kwargs on to depth_net(...) (SfmModel.py:78).
    step_kwargs=("masks",),
    step_kwargs_cite=f"{_WRAPPER}:299, packnet_sfm/models/SfmModel.py:78",
    versions={
        "ResNetSAN01": Versions(
            # '' (or null) means ResNet-18, variant A [M14, F1d.3]
            works=r"|(18|34|50).*",
            example="18A",
            grammar="'' (ResNet-18) or the ResNet depth (18, 34 or 50) as its first two "
            "characters, e.g. '18A' or '18'",
            failure=Failure(
                Stage.start_up,
                "ResNetSAN01 reads the layer count as int(version[:2]), which must be 18, 34 "
                "or 50 (ValueError: '1A' is not a number, '101A' reads as 10 layers)",
                f"{_NETS}/depth/ResNetSAN01.py:51-56, "
                f"{_NETS}/layers/resnet/resnet_encoder.py:75-76",
            ),
        ),
        "DepthResNet": _resnet("DepthResNet", f"{_NETS}/depth/DepthResNet.py:30-32"),
        "RaySurfaceResNet": _resnet("RaySurfaceResNet", f"{_NETS}/depth/RaySurfaceResNet.py:38-40"),
        # PoseResNet asserts 18/34/50, then builds a two-image encoder that asserts
        # 18 or 50 [F2.A8].
        "PoseResNet": _resnet(
            "PoseResNet",
            f"{_NETS}/pose/PoseResNet.py:29-33, {_NETS}/layers/resnet/resnet_encoder.py:48",
            "18 or 50",
        ),
        "PackNet01": _packnet("PackNet01", f"{_NETS}/depth/PackNet01.py:27, :41-54"),
        "PackNetSlim01": _packnet("PackNetSlim01", f"{_NETS}/depth/PackNetSlim01.py:28, :43-56"),
        # '' (or null) means variant A [F2.C3]
        "PackNetSlimSAN01": _packnet(
            "PackNetSlimSAN01", f"{_NETS}/depth/PackNetSlimSAN01.py:18, :37-50", empty=True
        ),
        # [M15] any letter but A takes the addition branch, while the decoder is
        # always sized for concatenation.
        "PackNetSAN01": Versions(
            works=r".A",
            example="1A",
            grammar="a generation digit and the variant letter A (the only variant its "
            "decoder is sized for)",
            failure=Failure(
                Stage.first_step,
                "PackNetSAN01 reads the variant letter version[1:]; anything but A takes the "
                "addition branch, but the decoder is sized for concatenation (RuntimeError: "
                "tensor sizes 512 and 256 do not match)",
                f"{_NETS}/depth/PackNetSAN01.py:160, :94-131, :60-76",
            ),
        ),
    },
    # [M19] ResNetSAN01 takes dropout and never uses it.
    ignored_by_network={
        "ResNetSAN01": {
            "dropout": Quirk(
                "ResNetSAN01 takes dropout and never uses it",
                f"{_NETS}/depth/ResNetSAN01.py:30",
            )
        }
    },
    # Every depth network returns 4 scales in training: ResNetSAN01.py:294-300,
    # PackNetSAN01.py:135-136, PackNetSlimSAN01.py:245-246, YOLOv8SAN01.py:594-600,
    # DepthResNet.py:45-50, PackNet01.py:178-181, PackNetSlim01.py:180-183,
    # RaySurfaceResNet.py:56-59 (all in packnet_sfm/networks/depth/).
    training_scales=dict.fromkeys(DEPTH_NETS, 4),
    # [M11] match_scales indexes the prediction list once per supervised scale.
    too_many_scales=Failure(
        Stage.first_step,
        "the supervised loss indexes one prediction per scale (IndexError: list index out "
        "of range)",
        "packnet_sfm/utils/image.py:205, packnet_sfm/losses/supervised_loss.py:428",
    ),
    film={
        "ResNetSAN01": Film(
            # FiLM is applied where `i in film_scales`, i over the 5 encoder scales [M20]
            scales=5,
            scales_cite=f"{_NETS}/depth/ResNetSAN01.py:86-90, :224",
            # [M17] mconvs stays None without use_film; run_network uses it whenever
            # an input depth arrives.
            without_film=Failure(
                Stage.first_step,
                "ResNetSAN01 builds its sparse-depth encoder only with use_film, but runs it "
                "for every input depth (AttributeError: 'NoneType' object has no attribute "
                "'prep')",
                f"{_NETS}/depth/ResNetSAN01.py:94, :218-219",
            ),
            # [M18] the Minkowski encoder is built whenever use_film is set.
            encoder_cite=f"{_NETS}/depth/ResNetSAN01.py:114-121",
        )
    },
    # KITTI and DGP load 'input_depth' when input_depth_type is set; ncdb never does
    # (packnet_sfm/datasets/ncdb_dataset.py:611-635) [M17, M18].
    input_depth_kinds=("KITTI", "DGP"),
    input_depth_cite="packnet_sfm/datasets/kitti_dataset_optimized.py:302, :691-693, "
    "packnet_sfm/datasets/dgp_dataset.py:110, :243-245",
    # [M21]
    dual_head=DualHead(
        networks=("ResNetSAN01",),
        ignores=(
            "supervised_method",
            "supervised_num_scales",
            "ssi_weight",
            "silog_weight",
            "gradient_weight",
            "gradient_scales",
            "alpha",
        ),
        quirk=Quirk(
            "the dual-head model replaces the configured supervised loss with "
            "DualHeadDepthLoss and its fixed weights (integer 1.0, fractional 10.0, "
            "consistency 0.5), on the full-resolution output only",
            "packnet_sfm/models/SemiSupCompletionModel.py:110-133",
        ),
    ),
    dense_losses=Choices(
        # SSILoss and SSISilogLoss mask pixels without ground truth themselves.
        works=("ssi-silog", "ssi"),
        fails={
            # [M9] log(0) of pixels without ground truth
            "silog": Failure(
                Stage.first_step,
                "without the 'sparse-' prefix SilogLoss takes the log of every pixel, and "
                "pixels without ground truth are 0, so the loss is NaN (ValueError "
                "'Non-finite loss at step 0')",
                "packnet_sfm/losses/supervised_loss.py:413-418, :76, "
                "packnet_sfm/trainers/horovod_trainer.py:271-272",
            )
        },
        quirks={
            # [M10]
            name: Quirk(
                "without the 'sparse-' prefix the loss runs over every pixel, so pixels "
                "without ground truth are supervised toward inverse depth 0",
                "packnet_sfm/losses/supervised_loss.py:413-418",
            )
            for name in ("l1", "mse", "berhu", "abs_rel", "ssi-trim")
        },
    ),
    loss_lookup_cite="packnet_sfm/losses/supervised_loss.py:88-151, :312",
    # [M6] built for every model by SelfSupModel.__init__ (SelfSupModel.py:22).
    automask_needs_min=Failure(
        Stage.start_up,
        "the photometric loss, built for every model, asserts 'For automasking only the min "
        "photometric_reduce_op is supported.'",
        "packnet_sfm/losses/multiview_photometric_loss.py:116-118, "
        "packnet_sfm/models/SelfSupModel.py:22",
    ),
    # [M28] read only when a pose network runs (SfmModel.py:95).
    rotation_modes=Choices(works=("euler",), fails={"quat": _ONLY_EULER}, unknown=_ONLY_EULER),
    # [M22]
    depth_range=DepthRange(
        gt_filter_cite=f"packnet_sfm/utils/depth.py:345, {_WRAPPER}:668-692",
        crop_cite="packnet_sfm/utils/depth.py:317",  # [D28, H4]
        rewriting_models=("SemiSupCompletionModel",),
        training_min_depth=0.5,
        rewrite_cite="packnet_sfm/models/SemiSupCompletionModel.py:43-45, "
        f"{_NETS}/depth/ResNetSAN01.py:37-39",
    ),
    # torch 1.9.0 signatures (docker/Dockerfile:25): Rprop takes no weight_decay; only
    # step_size, gamma and T_max can reach a scheduler [O7].
    optimizer_args={
        **dict.fromkeys(
            ("Adam", "AdamW", "SGD", "RMSprop", "Adagrad", "Adadelta", "Adamax", "ASGD"),
            ("lr", "weight_decay"),
        ),
        "Rprop": ("lr",),
    },
    scheduler_args={
        "StepLR": ("step_size", "gamma"),
        "ExponentialLR": ("gamma",),
        "CosineAnnealingLR": ("T_max",),
    },
    args_cite=f"{_WRAPPER}:185, :192, :216-220, packnet_sfm/utils/load.py:35-56",
    scheduler_step_cite="packnet_sfm/trainers/horovod_trainer.py:125",
)
