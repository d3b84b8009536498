"""Names the legacy trainer knows: models, networks, dataset kinds, losses, torch classes."""

from __future__ import annotations

import re
from typing import Final

MODELS: Final = (
    "SelfSupModel",
    "SemiSupModel",
    "SemiSupCompletionModel",
    "VelSupModel",
    "GenericSelfSupModel",
)

PACKNET_NETS: Final = ("PackNet01", "PackNetSAN01", "PackNetSlim01", "PackNetSlimSAN01")
RESNET_NETS: Final = ("DepthResNet", "ResNetSAN01", "RaySurfaceResNet")
YOLO_NETS: Final = ("YOLOv8SAN01",)
DEPTH_NETS: Final = PACKNET_NETS + RESNET_NETS + YOLO_NETS
POSE_NETS: Final = ("PoseNet", "PoseResNet")

# PackNet versions are a generation digit and a variant letter ('1A'); ResNet
# versions are the layer count and a variant tag ('18A', '50A', '18pt').
PACKNET_VERSION: Final = re.compile(r"^\d[A-Z]$")
RESNET_VERSION: Final = re.compile(r"^(18|34|50|101|152)[A-Za-z]\w*$")
YOLO_VARIANTS: Final = ("n", "s", "m", "l", "x")

DATASET_KINDS: Final = ("KITTI", "ncdb", "DGP", "Image")
NCDB_DEPTH_TYPES: Final = ("depth", "distance", "depth_original", "distance_original")

SUPERVISED_BASE_METHODS: Final = (
    "l1",
    "mse",
    "berhu",
    "silog",
    "ssi",
    "ssi-silog",
    "ssi-trim",
    "abs_rel",
)
SUPERVISED_METHODS: Final = SUPERVISED_BASE_METHODS + tuple(
    f"sparse-{m}" for m in SUPERVISED_BASE_METHODS
)

OPTIMIZERS: Final = (
    "Adam",
    "AdamW",
    "SGD",
    "RMSprop",
    "Adagrad",
    "Adadelta",
    "Adamax",
    "NAdam",
    "RAdam",
    "ASGD",
    "Rprop",
)
SCHEDULERS: Final = (
    "StepLR",
    "MultiStepLR",
    "ExponentialLR",
    "CosineAnnealingLR",
    "CosineAnnealingWarmRestarts",
    "ReduceLROnPlateau",
    "LinearLR",
    "ConstantLR",
    "PolynomialLR",
)

ROTATION_MODES: Final = ("euler", "quat")
PHOTOMETRIC_REDUCE_OPS: Final = ("min", "mean")
PADDING_MODES: Final = ("zeros", "border", "reflection")
CROPS: Final = ("", "garg")
SCALE_OUTPUTS: Final = ("", "top-center")
DTYPES: Final = ("float16", "bfloat16", "float32")
