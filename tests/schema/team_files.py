"""The team's training configs at the trainer's commit 208e293, as the trainer reads them.

One entry per ``configs/train_*.yaml`` of the fork (YoungseokOh/packnet-sfm-resnet-san) at
208e293 that depthconf bundles: the file's own values over the trainer's defaults
(``configs/default_config.py``), as dotted paths in depthconf's layout. Written out here from
those files: nothing is read from a trainer checkout.
"""

from __future__ import annotations

from typing import Any

KITTI_CROP = [-352, 0, 0.5, 1216]  # (y, height, x, width): ints are pixels, 0.5 a fraction (S9)
DDAD_CAMERAS = [["camera_01"], ["camera_05"], ["camera_06"], ["camera_09"]]
NCDB_INDOOR = "/workspace/data/ncdb-cls-indoor"
NCDB_INDOOR_SPLITS = f"{NCDB_INDOOR}/splits_indoor_combined"


def at(prefix: str, **values: Any) -> dict[str, Any]:
    """``{"<prefix>.<key>": value}`` for every keyword."""
    return {f"{prefix}.{key}": value for key, value in values.items()}


# What every team training file for SemiSupCompletionModel sets (or leaves at the default).
SHARED: dict[str, Any] = {
    "model.name": "SemiSupCompletionModel",
    # 1.0: below it SemiSupCompletionModel.py:63-64 keeps the pose net required (M4) and the
    # first step fails on masks= (model_wrapper.py:299, M5); SemiSupCompletionModel.py:39
    # asserts (0, 1] (M3).
    "model.loss.supervised_loss_weight": 1.0,
    "model.loss.supervised_num_scales": 1,  # supervised_loss.py:426-428
    "model.optimizer.name": "Adam",
    "model.optimizer.pose.lr": 1e-4,
    "model.scheduler.name": "StepLR",
    "model.scheduler.gamma": 0.5,
    "model.depth_net.use_enhanced_lidar": False,
    "model.params.use_log_space": False,
    "arch.seed": 42,
    "wandb.dry_run": True,
}
# variant None: depthconf's "unset"; the trainer's default 's' means nothing to these networks
# (configs/default_config.py:95, trainer.md F1c.4, H1) and export writes it back.
PACKNET_SAN = at("model.depth_net", name="PackNetSAN01", version="1A", dropout=0.5, variant=None)
RESNET_SAN = at("model.depth_net", name="ResNetSAN01", version="18A", film_scales=[0], variant=None)


def arch(
    max_epochs: int = 50,
    interval: float = 0.1,
    subset: int = 25,
    *,
    during: bool = True,
    clip: float = 10.0,
    first: bool = False,
) -> dict[str, Any]:
    """A team file's arch section; the defaults are configs/default_config.py:143-149."""
    return at(
        "arch",
        max_epochs=max_epochs,
        eval_progress_interval=interval,
        eval_subset_size=subset,
        eval_during_training=during,
        clip_grad=clip,
        validate_first=first,
    )


def saved_to(checkpoints: str, outputs: str, **checkpoint: Any) -> dict[str, Any]:
    """A team file's checkpoint and save folders (all its files keep every checkpoint, with
    the trainer's default monitor 'loss', configs/default_config.py:249)."""
    kept = at("checkpoint", filepath=checkpoints, save_top_k=-1, monitor="loss", **checkpoint)
    return kept | at("save", folder=outputs)


NO_TEST_SPLIT = at("datasets.test", dataset=[], path=[], split=[])
KITTI_CROPS = at(
    "datasets.augmentation", crop_train_borders=KITTI_CROP, crop_eval_borders=KITTI_CROP
)
NO_CROPS = at("datasets.augmentation", crop_train_borders=[], crop_eval_borders=[])


def ncdb(path: str, splits: str = "splits", depth_type: str = "") -> dict[str, Any]:
    """The three ncdb splits of a team file: one dataset each, mask file, ``use_mask`` false."""
    values: dict[str, Any] = {}
    for split, stem in (("train", "train"), ("validation", "val"), ("test", "test")):
        values |= at(
            f"datasets.{split}",
            dataset=["ncdb"],
            path=[path],
            split=[f"{splits}/combined_{stem}.json"],
            depth_type=[depth_type],
            mask_file=["binary_mask.png"],
            use_mask=[False],
        )
    return values


KITTI_MODEL = (
    KITTI_CROPS
    | at("datasets.augmentation", image_shape=[])  # the stored size, cropped to 352x1216
    | at("model.optimizer.depth", lr=1e-4)
    | at("model.scheduler", step_size=30)
    | at("model.params", crop="garg", min_depth=0.0, max_depth=80.0, scale_output="top-center")
)


def kitti(
    path: str, train: str, evaluated: str, inputs: list[str], batch_size: int, test: bool = False
) -> dict[str, Any]:
    """The KITTI splits of a team file: velodyne input, annotated GT, one evaluation split
    with one dataset per input type, the same split for testing or none."""
    values = at(
        "datasets.train",
        batch_size=batch_size,
        dataset=["KITTI"],
        path=[path],
        split=[f"data_splits/{train}"],
        input_depth_type=["velodyne"],
        depth_type=["groundtruth"],
        repeat=[1],
    )
    for split in ("validation", "test") if test else ("validation",):
        values |= at(
            f"datasets.{split}",
            dataset=["KITTI"],
            path=[path],
            split=[f"data_splits/{evaluated}"],
            input_depth_type=inputs,
            depth_type=["groundtruth"] * len(inputs),
        )
    return values if test else values | NO_TEST_SPLIT


DUAL_HEAD = (
    SHARED
    | RESNET_SAN
    | NO_CROPS
    | at("model.depth_net", dropout=0.0, use_dual_head=True, use_film=True)
    | at("model.loss", supervised_method="sparse-ssi-silog", gradient_scales=4)
    | at("model.optimizer.depth", lr=2e-4)
    | at("model.scheduler", step_size=30)
    | at("model.params", crop="", min_depth=0.1, scale_output="top-center")
    | at("datasets.augmentation", image_shape=[384, 640])
    | at("datasets.train", batch_size=12, repeat=[1])
    | arch(50, 0.5, 100, clip=1.0)
    | at("tensorboard", dry_run=False, log_frequency=100)
)

TEAM: dict[str, dict[str, Any]] = {
    "train_packnet_san_kitti.yaml": SHARED
    | PACKNET_SAN
    | KITTI_MODEL
    | arch()
    | at("model.loss", supervised_method="sparse-silog")
    | kitti(
        "/data/datasets/KITTI_raw",
        "eigen_zhou_files.txt",
        "eigen_test_files.txt",
        ["velodyne"],
        batch_size=6,
    )
    | at("checkpoint", filepath="", save_top_k=5, monitor="loss")
    | at("save", folder="")
    | at("tensorboard", dry_run=True),
    "train_packnet_san_ddad.yaml": SHARED
    | PACKNET_SAN
    | NO_CROPS
    | arch(first=True)
    | at("model.loss", supervised_method="sparse-silog")
    | at("model.optimizer.depth", lr=1e-4)
    | at("model.scheduler", step_size=30)
    | at("model.params", crop="", min_depth=0.0, max_depth=200.0, scale_output="resize")
    | at("datasets.augmentation", image_shape=[384, 640])
    | at(
        "datasets.train",
        batch_size=1,
        num_workers=8,
        dataset=["DGP"],
        path=["/mnt/fsx/ddad_train_val/ddad.json"],
        split=["train"],
        depth_type=["lidar"],
        input_depth_type=[""],
        cameras=DDAD_CAMERAS,
        repeat=[5],
    )
    | at(
        "datasets.validation",
        num_workers=8,
        dataset=["DGP"],
        path=["/mnt/fsx/ddad_train_val/ddad.json"],
        split=["val"],
        depth_type=["lidar"],
        input_depth_type=["", "", "", "", "lidar", "lidar", "lidar", "lidar"],
        cameras=DDAD_CAMERAS + DDAD_CAMERAS,
    )
    | at(
        "datasets.test",
        num_workers=8,
        dataset=["DGP"],
        path=["/mnt/fsx/ddad_train_val/ddad.json"],
        split=["val"],
        depth_type=["lidar"],
        cameras=[["camera_01"]],
    )
    | at("checkpoint", filepath="", save_top_k=5, monitor="loss")
    | at("save", folder="")
    | at("tensorboard", dry_run=True),
    "train_resnet_san_kitti.yaml": SHARED
    | RESNET_SAN
    | KITTI_MODEL
    | at("model.depth_net", dropout=0.1, use_film=False, use_dual_head=False)
    | at("model.loss", supervised_method="sparse-silog")
    | kitti(
        "/workspace/data/KITTI_raw",
        "eigen_test_files_400.txt",
        "eigen_test_files_400.txt",
        ["velodyne", ""],
        batch_size=4,
        test=True,
    )
    | arch(25, 0.5, 100)
    | saved_to("checkpoints/resnetsan01-KITTI_test/", "outputs/resnetsan01-KITTI_test/")
    | at("tensorboard", dry_run=True),
    "train_resnet_san_kitti_tiny.yaml": SHARED
    | RESNET_SAN
    | KITTI_MODEL
    | at("model.depth_net", dropout=0.0, use_film=False, use_dual_head=False)
    | at("model.loss", supervised_method="sparse-ssi-silog")
    | kitti(
        "/data/datasets/KITTI_raw",
        "eigen_zhou_files_tiny.txt",
        "eigen_test_files.txt",
        ["velodyne", ""],
        batch_size=4,
    )
    | arch(30, 0.1, 50, during=False)
    | saved_to(
        "checkpoints/resnetsan01_no_elu_no_imgnetnorm_only/",
        "outputs/resnetsan01_tiny_no_elu_no_imgnetnorm_only/",
    )
    | at("tensorboard", dry_run=True),
    "train_resnet_san_ncdb.yaml": SHARED
    | RESNET_SAN
    | NO_CROPS
    | ncdb("/workspace/data/ncdb-cls")
    | at("model.depth_net", dropout=0.1, use_film=False, use_dual_head=False)
    | at("model.loss", supervised_method="sparse-ssi-silog")
    | at("model.optimizer.depth", lr=1e-4)
    | at("model.scheduler", step_size=40)
    | at("model.params", crop="", min_depth=0.3, max_depth=100.0, scale_output="top-center")
    | at("datasets.augmentation", image_shape=[])
    | at("datasets.train", batch_size=4, repeat=[1])
    | at("datasets.validation", batch_size=1)
    | at("datasets.test", batch_size=1)
    | arch(50, 0.5, 25)
    | saved_to(
        "checkpoints/resnetsan01_newest_test_fixed_method_0.3_100_SSS/",
        "outputs/resnetsan01_newest_test_fixed_method_0.3_100_SSS/",
    )
    | at("tensorboard", dry_run=False, log_frequency=10),
    "train_resnet_san_ncdb_640x384.yaml": SHARED
    | RESNET_SAN
    | NO_CROPS
    | ncdb("/workspace/data/ncdb-cls-640x384")
    | at("model.depth_net", dropout=0.1, use_film=False, use_dual_head=False)
    | at("model.loss", supervised_method="sparse-ssi-silog")
    | at("model.optimizer.depth", lr=1e-4)
    | at("model.scheduler", step_size=40)
    | at("model.params", crop="", min_depth=0.5, max_depth=15.0, scale_output="top-center")
    | at("datasets.augmentation", image_shape=[384, 640])
    | at("datasets.train", batch_size=2, repeat=[1])
    | arch(30, 0.25, 50)
    | saved_to(
        "checkpoints/resnetsan01_640x384_linear_05_15/", "outputs/resnetsan01_640x384_linear_05_15/"
    )
    | at("tensorboard", dry_run=False, log_frequency=10),
    "train_resnet_san_ncdb_dual_head_640x384.yaml": DUAL_HEAD
    | ncdb("/workspace/data/ncdb-cls-640x384", depth_type="depth_original")
    | at("model.loss", ssi_weight=0.4, silog_weight=0.4, gradient_weight=0.2)
    | at("model.params", max_depth=15.0)
    | saved_to(
        "checkpoints/resnetsan01_dual_head_ncdb_original_640x384_0.1_to_15m_Gradient Loss/",
        "outputs/resnetsan01_dual_head_fixed_ncdb_original_640x384_0.1_to_15m_Gradient Loss/",
        period=1,
    ),
    "train_resnet_san_ncdb_indoor_dual_head_640x384.yaml": DUAL_HEAD
    | ncdb(NCDB_INDOOR, splits=NCDB_INDOOR_SPLITS, depth_type="depth_original")
    | at("model.loss", ssi_weight=0.5, silog_weight=0.5, gradient_weight=0.0)
    | at("model.params", max_depth=10.0)
    | saved_to(
        "checkpoints/resnetsan01_dual_head_ncdb_indoor_640x384_0.1_to_10m_v2/",
        "outputs/resnetsan01_dual_head_fixed_ncdb_indoor_640x384_0.1_to_10m_v2/",
        period=1,
    ),
}
