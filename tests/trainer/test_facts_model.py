"""The model, its networks, losses, optimizer, scheduler and output params: trainer.md rows.

Each row cites the trainer's file:line at 208e293 (upstream rows: at de53b31) that
decides its verdict.
"""

from __future__ import annotations

import pytest

from tests.trainer.facts import D0, E0, K0, P0, Fact, Verdict, assert_fact

ERR, WARN, OK = Verdict.error, Verdict.warning, Verdict.accepted
START, STEP, FIT = "at start-up", "at the first training step", "at the start of training"
FIRST_VALIDATION, EPOCH_END = "at the end of the first validation", "at the end of the first epoch"
STRICTER = "depthconf is stricter"

UPSTREAM = "trainer=upstream_de53b31"  # upstream PackNet-SfM at de53b31, on P0 (PackNetSAN01)
E0_NO_DROPOUT = (*E0, "model.depth_net.dropout=0.0")
PARTIAL = ("model.loss.supervised_loss_weight=0.9",)
POSE = ("model.pose_net.name=PoseResNet", "model.pose_net.version=18pt")

FACTS = [
    # M1: packnet_sfm/utils/load.py:105 via packnet_sfm/models/model_wrapper.py:992.
    Fact(
        "M1",
        "packnet_sfm/utils/load.py:105",
        ("model.name=Foo",),
        ERR,
        "unknown_choice",
        says=(START, "Unknown class"),
    ),
    # M2: model_wrapper.py:299 passes masks=; SelfSupModel.py:83, SemiSupModel.py:72,
    # GenericSelfSupModel.py:85 take no masks; VelSupModel.py:26 fails in its constructor.
    *[
        Fact(
            "M2",
            f"packnet_sfm/models/model_wrapper.py:299, packnet_sfm/models/{m}.py:{line}",
            (f"model.name={m}",),
            ERR,
            "trainer_fails",
            says=(STEP, "masks="),
        )
        for m, line in (("SelfSupModel", 83), ("SemiSupModel", 72), ("GenericSelfSupModel", 85))
    ],
    Fact(
        "M2",
        "packnet_sfm/models/VelSupModel.py:26",
        ("model.name=VelSupModel",),
        ERR,
        "trainer_fails",
        says=(START, "'gt_pose'"),
    ),
    # M2 upstream: its training step passes no masks (model_wrapper.py:186 at de53b31);
    # SelfSupModel needs a pose network.
    Fact(
        "M2",
        "packnet_sfm/models/model_wrapper.py:186 (upstream)",
        (UPSTREAM, "model.name=SelfSupModel", *POSE),
        OK,
        base=P0,
    ),
    # M3: packnet_sfm/models/SemiSupCompletionModel.py:39 asserts 0 < weight <= 1.
    Fact(
        "M3",
        "packnet_sfm/models/SemiSupCompletionModel.py:39",
        ("model.loss.supervised_loss_weight=0",),
        ERR,
        "greater_than",
        says=(START, "(0, 1]", "supervised_loss_weight=1.0"),
    ),
    Fact(
        "M3",
        "packnet_sfm/models/SemiSupCompletionModel.py:39",
        ("model.loss.supervised_loss_weight=1.5",),
        ERR,
        "less_than_equal",
        says=(START,),
    ),
    # M4: SemiSupCompletionModel.py:63-64 keeps 'pose_net' for a weight < 1;
    # model_wrapper.py:1007-1008, :962 -> load.py:105 load_class('').
    Fact(
        "M4",
        "packnet_sfm/models/SemiSupCompletionModel.py:63-64",
        PARTIAL,
        ERR,
        "pose_net_missing",
        says=(START, "Unknown class", "supervised_loss_weight=1.0"),
    ),
    Fact(
        "M4",
        "packnet_sfm/models/SemiSupCompletionModel.py:63-64 (upstream :32-33)",
        (UPSTREAM, *PARTIAL),
        ERR,
        "pose_net_missing",
        base=P0,
        says=(START, "PoseResNet"),
    ),
    # M4: a weight of exactly 1.0 builds no pose network, so pose_net is never read.
    Fact(
        "M4",
        "packnet_sfm/models/SemiSupCompletionModel.py:63-64",
        POSE,
        WARN,
        "pose_net_unused",
        says=("never read",),
    ),
    # M5: SemiSupCompletionModel.py:462-463 -> SelfSupModel.py:83 (no masks=).
    Fact(
        "M5",
        "packnet_sfm/models/SemiSupCompletionModel.py:462-463",
        (*PARTIAL, *POSE),
        ERR,
        "partial_supervision",
        says=(STEP, "masks=", "supervised_loss_weight=1.0"),
    ),
    # M5 upstream: a weight below 1 with a pose network trains.
    Fact(
        "M5",
        "packnet_sfm/models/SemiSupCompletionModel.py:104 (upstream)",
        (UPSTREAM, *PARTIAL, *POSE),
        OK,
        base=P0,
    ),
    # M6: packnet_sfm/losses/multiview_photometric_loss.py:116-118, built by SelfSupModel.py:22.
    Fact(
        "M6",
        "packnet_sfm/losses/multiview_photometric_loss.py:116-118",
        ("model.loss.photometric_reduce_op=mean",),
        ERR,
        "automask_reduce_op",
        says=(START,),
    ),
    Fact(
        "M6",
        "packnet_sfm/losses/multiview_photometric_loss.py:116-118",
        ("model.loss.photometric_reduce_op=mean", "model.loss.automask_loss=false"),
        OK,
    ),
    # M7: packnet_sfm/losses/supervised_loss.py:236-237 (its branches are commented out).
    Fact(
        "M7",
        "packnet_sfm/losses/supervised_loss.py:236-237",
        ("model.loss.supervised_method=sparse-scale-adaptive",),
        ERR,
        "unknown_choice",
        says=(START, "Unknown supervised loss"),
    ),
    # M8: the endswith('ssi') test at supervised_loss.py:145 shadows :147 and :149.
    Fact(
        "M8",
        "packnet_sfm/losses/supervised_loss.py:145-149",
        ("model.loss.supervised_method=sparse-enhanced-ssi",),
        WARN,
        "trainer_quirk",
        says=("SSILoss",),
    ),
    # M9: dense branch supervised_loss.py:413-418, log(0) at :76 -> horovod_trainer.py:271-272.
    Fact(
        "M9",
        "packnet_sfm/losses/supervised_loss.py:413-418, :76",
        ("model.loss.supervised_method=silog",),
        ERR,
        "dense_loss",
        says=(STEP, "NaN"),
    ),
    # M10: dense branch supervised_loss.py:413-418 over pixels without ground truth.
    *[
        Fact(
            "M10",
            "packnet_sfm/losses/supervised_loss.py:413-418",
            (f"model.loss.supervised_method={m}",),
            WARN,
            "dense_loss",
            says=(f"sparse-{m}",),
        )
        for m in ("l1", "mse", "berhu", "abs_rel", "ssi-trim")
    ],
    # M10: SSISilogLoss and SSILoss mask missing ground truth themselves
    # (ssi_silog_loss.py:179-180, :392-393; ssi_loss.py:19).
    Fact(
        "M10",
        "packnet_sfm/losses/ssi_silog_loss.py:179-180, :392-393",
        ("model.loss.supervised_method=ssi-silog",),
        OK,
    ),
    # M11: packnet_sfm/utils/image.py:205 via supervised_loss.py:428; 4 scales in training
    # (ResNetSAN01.py:294-300).
    Fact(
        "M11",
        "packnet_sfm/utils/image.py:205",
        ("model.loss.supervised_num_scales=5",),
        ERR,
        "supervised_num_scales",
        says=(STEP, "IndexError"),
    ),
    Fact(
        "M11",
        "packnet_sfm/networks/depth/ResNetSAN01.py:294-300",
        ("model.loss.supervised_num_scales=4",),
        OK,
    ),
    Fact(
        "M11",
        "packnet_sfm/losses/supervised_loss.py:412",
        ("model.loss.supervised_num_scales=0",),
        ERR,
        "greater_than_equal",
        says=(STEP, "ZeroDivisionError"),
    ),
    # M12: forward(self, rgb) only: DepthResNet.py:38, PackNet01.py:106, PackNetSlim01.py:108,
    # RaySurfaceResNet.py:48; SfmModel.py:78 passes the model's inputs and masks=.
    *[
        Fact(
            "M12",
            f"packnet_sfm/networks/depth/{net}.py:{line}, packnet_sfm/models/SfmModel.py:78",
            (f"model.depth_net.name={net}", f"model.depth_net.version={version}"),
            ERR,
            "depth_net_inputs",
            says=(STEP, "masks="),
        )
        for net, version, line in (
            ("DepthResNet", "18pt", 38),
            ("PackNet01", "1A", 106),
            ("PackNetSlim01", "1A", 108),
            ("RaySurfaceResNet", "18pt", 48),
        )
    ],
    # M13: int(version[:2]) in ResNetSAN01.py:52 -> resnet_encoder.py:75-76 (10, 15).
    *[
        Fact(
            "M13",
            "packnet_sfm/networks/depth/ResNetSAN01.py:51-56",
            (f"model.depth_net.version={v}",),
            ERR,
            "network_version",
            says=(START,),
        )
        for v in ("101A", "152A", "1A")
    ],
    Fact(
        "M13",
        "packnet_sfm/networks/depth/DepthResNet.py:30-32",
        ("model.depth_net.name=DepthResNet", "model.depth_net.version=101pt"),
        ERR,
        "network_version",
        says=(START,),
    ),
    # M14: ResNetSAN01.py:51-56 ('' means ResNet-18 A; no variant letter needed).
    *[
        Fact(
            "M14",
            "packnet_sfm/networks/depth/ResNetSAN01.py:51-56",
            (f"model.depth_net.version={v}",),
            OK,
        )
        for v in ("18", "50", "34B", "''")
    ],
    # M15: PackNetSAN01.py:160 reads version[1:]; :94-131 vs :60-76.
    Fact(
        "M15",
        "packnet_sfm/networks/depth/PackNetSAN01.py:160",
        ("model.depth_net.version=1B",),
        ERR,
        "network_version",
        base=P0,
        says=(STEP, "RuntimeError"),
    ),
    # M17: ResNetSAN01.py:94 (mconvs None without FiLM), :218-219 with an input depth.
    Fact(
        "M17",
        "packnet_sfm/networks/depth/ResNetSAN01.py:94, :218-219",
        ("model.depth_net.use_film=false", "datasets.train.input_depth_type=[velodyne]"),
        ERR,
        "film_required",
        base=K0,
        says=(STEP, "'prep'"),
    ),
    Fact(
        "M17",
        "packnet_sfm/networks/depth/ResNetSAN01.py:218-219, "
        "packnet_sfm/models/model_wrapper.py:358-365",
        (
            "model.depth_net.use_film=false",
            "datasets.train.input_depth_type=['']",
            "datasets.validation.input_depth_type=[velodyne,'']",
        ),
        ERR,
        "film_required",
        base=K0,
        says=(FIRST_VALIDATION, "depth_lin"),
    ),
    # M18: NcdbDataset builds no input_depth (ncdb_dataset.py:611-635); the Minkowski
    # encoder is still built (ResNetSAN01.py:114-121).
    Fact(
        "M18",
        "packnet_sfm/datasets/ncdb_dataset.py:611-635",
        ("model.depth_net.use_film=true",),
        WARN,
        "film_unused",
        says=("MinkowskiEngine",),
    ),
    # M19: ResNetSAN01.py:30 takes dropout and never uses it; PackNetSAN01 uses it
    # (PackNetSAN01.py:172-173).
    Fact(
        "M19",
        "packnet_sfm/networks/depth/ResNetSAN01.py:30",
        ("model.depth_net.dropout=0.3",),
        WARN,
        "ignored_key",
        base=E0_NO_DROPOUT,
        says=("never uses it",),
    ),
    Fact(
        "M19",
        "packnet_sfm/networks/depth/PackNetSAN01.py:172-173",
        ("model.depth_net.dropout=0.2",),
        OK,
        base=P0,
    ),
    # M20: FiLM where `i in film_scales`, i in 0..4 (ResNetSAN01.py:86-90, :224).
    Fact(
        "M20",
        "packnet_sfm/networks/depth/ResNetSAN01.py:86-90, :224",
        ("model.depth_net.film_scales=[0,7]",),
        WARN,
        "film_scales",
        base=K0,
        says=("[7]",),
    ),
    # M21: SemiSupCompletionModel.py:110-133 replaces the loss with DualHeadDepthLoss.
    Fact(
        "M21",
        "packnet_sfm/models/SemiSupCompletionModel.py:110-133",
        ("model.depth_net.use_dual_head=true",),
        WARN,
        "dual_head_ignores",
        says=("DualHeadDepthLoss", "model.loss.supervised_method"),
    ),
    Fact(
        "M21",
        "packnet_sfm/models/SemiSupCompletionModel.py:110-133",
        ("model.loss.supervised_num_scales=1",),
        WARN,
        "dual_head_ignores",
        base=D0,
        says=("supervised_num_scales",),
    ),
    # M22: SemiSupCompletionModel.py:43-45, ResNetSAN01.py:37-39 (training) against
    # model_wrapper.py:668-692 and depth.py:345 (validation).
    Fact(
        "M22",
        "packnet_sfm/models/SemiSupCompletionModel.py:43-45",
        ("model.params.min_depth=0.0",),
        WARN,
        "min_depth_rewritten",
        says=("0.5", "0.0"),
    ),
    Fact(
        "M22",
        "packnet_sfm/utils/depth.py:345",
        ("model.params.min_depth=-1.0",),
        ERR,
        "depth_range",
        says=("inf",),
    ),
    Fact(
        "M22",
        "packnet_sfm/utils/depth.py:345",
        ("model.params.min_depth=10.0", "model.params.max_depth=5.0"),
        ERR,
        "depth_range",
        says=("Checkpoint metric is not available",),
    ),
    # M22 upstream: its model takes no depth range (evaluation only, depth.py:295).
    Fact(
        "M22",
        "packnet_sfm/utils/depth.py:295 (upstream)",
        (UPSTREAM, "model.params.min_depth=0.0"),
        OK,
        base=P0,
    ),
    # M28: pose_utils.py:41-49 via SfmModel.py:95, reached only with a pose network.
    Fact(
        "M28",
        "packnet_sfm/models/SemiSupCompletionModel.py:63-64",
        ("model.loss.rotation_mode=quat",),
        WARN,
        "ignored_key",
        says=("never reads it",),
    ),
    Fact(
        "M28",
        "packnet_sfm/geometry/pose_utils.py:41-49",
        (UPSTREAM, "model.loss.rotation_mode=quat", *PARTIAL, *POSE),
        ERR,
        "trainer_fails",
        base=P0,
        says=(STEP, "euler"),
    ),
    # O1, O6: getattr(torch.optim / torch.optim.lr_scheduler, name) at model_wrapper.py:179, :219.
    Fact(
        "O1",
        "packnet_sfm/models/model_wrapper.py:179",
        ("model.optimizer.name=Adamw",),
        ERR,
        "unknown_choice",
        says=(FIT, "AdamW"),
    ),
    Fact(
        "O6",
        "packnet_sfm/models/model_wrapper.py:219",
        ("model.scheduler.name=StepLr",),
        ERR,
        "unknown_choice",
        says=(FIT,),
    ),
    # O2: torch validates the learning rate when the optimizer is built (model_wrapper.py:216).
    Fact(
        "O2",
        "packnet_sfm/models/model_wrapper.py:216",
        ("model.optimizer.depth.lr=-1e-4",),
        ERR,
        "lr",
        says=(FIT, "Invalid learning rate"),
    ),
    Fact(
        "O2",
        "packnet_sfm/models/model_wrapper.py:216",
        ("model.optimizer.depth.lr=0",),
        ERR,
        "lr",
        says=(STRICTER,),
    ),
    # O2: the pose group exists only with a pose network (model_wrapper.py:188-193).
    Fact("O2", "packnet_sfm/models/model_wrapper.py:188-193", ("model.optimizer.pose.lr=0",), OK),
    # O3: filter_args passes only step_size, gamma, T_max (model_wrapper.py:219-220).
    *[
        Fact(
            "O3",
            "packnet_sfm/models/model_wrapper.py:219-220",
            (f"model.scheduler.name={s}",),
            ERR,
            "trainer_fails",
            says=(FIT, arg),
        )
        for s, arg in (("MultiStepLR", "milestones"), ("CosineAnnealingWarmRestarts", "T_0"))
    ],
    # O4: scheduler.step() without metrics at horovod_trainer.py:125.
    Fact(
        "O4",
        "packnet_sfm/trainers/horovod_trainer.py:125",
        ("model.scheduler.name=ReduceLROnPlateau",),
        ERR,
        "trainer_fails",
        says=(EPOCH_END,),
    ),
    # O5: StepLR divides by step_size at the first scheduler.step() (horovod_trainer.py:125).
    Fact(
        "O5",
        "packnet_sfm/trainers/horovod_trainer.py:125",
        ("model.scheduler.step_size=0",),
        ERR,
        "step_size",
        says=(EPOCH_END, "ZeroDivisionError"),
    ),
    # O7: filter_args (model_wrapper.py:220) drops what the scheduler does not name.
    Fact(
        "O7",
        "packnet_sfm/models/model_wrapper.py:220",
        ("model.scheduler.name=ExponentialLR", "model.scheduler.step_size=40"),
        WARN,
        "scheduler_arg_dropped",
        says=("step_size",),
    ),
    Fact(
        "O7",
        "packnet_sfm/models/model_wrapper.py:220",
        (
            "model.scheduler.name=CosineAnnealingLR",
            "model.scheduler.step_size=10",
            "model.scheduler.T_max=40",
        ),
        OK,
    ),
    Fact(
        "O7",
        "packnet_sfm/models/model_wrapper.py:185",
        ("model.optimizer.name=Rprop", "model.optimizer.depth.weight_decay=0.01"),
        WARN,
        "optimizer_arg_dropped",
        says=("weight_decay",),
    ),
    # O8: docker/Dockerfile:25 pins torch 1.9.0; getattr at model_wrapper.py:179, :219.
    *[
        Fact(
            "O8",
            "docker/Dockerfile:25, packnet_sfm/models/model_wrapper.py:179",
            (override,),
            ERR,
            "trainer_fails",
            says=(FIT, "torch 1.9.0"),
        )
        for override in (
            "model.optimizer.name=NAdam",
            "model.optimizer.name=RAdam",
            "model.scheduler.name=LinearLR",
            "model.scheduler.name=ConstantLR",
            "model.scheduler.name=PolynomialLR",
        )
    ],
    # O9: torch StepLR multiplies by gamma (stepped at horovod_trainer.py:125): a growing
    # learning rate is what gamma > 1 means.
    Fact("O9", "packnet_sfm/trainers/horovod_trainer.py:125", ("model.scheduler.gamma=1.5",), OK),
    Fact(
        "O9",
        "packnet_sfm/trainers/horovod_trainer.py:125",
        ("model.scheduler.gamma=0",),
        ERR,
        "gamma",
        says=(STRICTER,),
    ),
    # F2.A8: PoseResNet.py:29-31 asserts 18/34/50; :33 -> resnet_encoder.py:48 asserts 18/50.
    Fact(
        "F2.A8",
        "packnet_sfm/networks/pose/PoseResNet.py:29-33",
        (UPSTREAM, *PARTIAL, "model.pose_net.name=PoseResNet", "model.pose_net.version=34pt"),
        ERR,
        "network_version",
        base=P0,
        says=(START,),
    ),
    # F2.A9: PackNetSlimSAN01.py:37-50 knows A and B only.
    Fact(
        "F2.A9",
        "packnet_sfm/networks/depth/PackNetSlimSAN01.py:37-50",
        ("model.depth_net.name=PackNetSlimSAN01", "model.depth_net.version=1C"),
        ERR,
        "network_version",
        base=P0,
        says=(START, "Unknown PackNet version"),
    ),
    # F2.C3: PackNet networks read version[1:] only (PackNetSAN01.py:160); '' is 'A' for
    # PackNetSlimSAN01 (PackNetSlimSAN01.py:18).
    Fact(
        "F2.C3",
        "packnet_sfm/networks/depth/PackNetSAN01.py:160",
        ("model.depth_net.version=XA",),
        ERR,
        "network_version",
        base=P0,
        says=(STRICTER, "'1A'"),
    ),
    Fact(
        "F2.C3",
        "packnet_sfm/networks/depth/PackNetSlimSAN01.py:18",
        ("model.depth_net.name=PackNetSlimSAN01", "model.depth_net.version=''"),
        OK,
        base=P0,
    ),
    # F2.C5: endswith chain (supervised_loss.py:88-151); sparse by startswith at :312.
    Fact(
        "F2.C5",
        "packnet_sfm/losses/supervised_loss.py:88-151, :312",
        ("model.loss.supervised_method=sparse_l1",),
        ERR,
        "supervised_method_prefix",
        says=(STRICTER, "'sparse-l1'"),
    ),
    Fact(
        "F2.C5",
        "packnet_sfm/losses/supervised_loss.py:94, :312",
        ("model.loss.supervised_method=dense-ssi-silog",),
        ERR,
        "supervised_method_prefix",
        says=("'ssi-silog'",),
    ),
    # F2.C8: YOLOv8SAN01.py:199-206 takes no version; filter_args drops it.
    Fact(
        "F2.C8",
        "packnet_sfm/networks/depth/YOLOv8SAN01.py:199-206",
        ("model/depth_net=yolov8_san_s", "model.depth_net.version=1A"),
        ERR,
        "network_version",
        says=(STRICTER,),
    ),
    # H1: filter_args drops variant for ResNetSAN01 (ResNetSAN01.py:30-33).
    Fact(
        "H1",
        "packnet_sfm/utils/load.py:35-56",
        ("model.depth_net.variant=s",),
        ERR,
        "variant_network",
        says=(STRICTER,),
    ),
    # H4, D28: packnet_sfm/utils/depth.py:317, only 'garg' crops.
    Fact(
        "H4",
        "packnet_sfm/utils/depth.py:317",
        ("model.params.crop=none",),
        ERR,
        "crop",
        says=(STRICTER,),
    ),
    Fact(
        "D28",
        "packnet_sfm/utils/depth.py:317",
        ("model.params.crop=eigen",),
        ERR,
        "crop",
        says=("no crop",),
    ),
    # D25: depth.py:480-481 raises for '', swallowed at model_wrapper.py:739-781.
    Fact(
        "D25",
        "packnet_sfm/utils/depth.py:480-481",
        ("model.params.scale_output=''",),
        ERR,
        "trainer_fails",
        says=(FIRST_VALIDATION, "NotImplementedError"),
    ),
    # D26: depth.py:470-472 resizes the prediction to the ground truth.
    Fact("D26", "packnet_sfm/utils/depth.py:470-472", ("model.params.scale_output=resize",), OK),
    # F1d.3: null stays refused ('' is the same for ResNetSAN01 and PackNetSlimSAN01).
    Fact(
        "F1d.3",
        "packnet_sfm/networks/depth/ResNetSAN01.py:51-56",
        ("model.depth_net.version=null",),
        ERR,
        "wrong_type",
    ),
]


@pytest.mark.parametrize("fact", FACTS, ids=lambda f: f.param_id)
def test_fact(fact: Fact) -> None:
    assert_fact(fact)
