"""Closed vocabularies that do not depend on the trainer version.

Names the trainer looks up and that differ between versions (models, networks,
dataset kinds, losses, torch classes, scale outputs) are facts of a trainer
profile: see :mod:`depthconf.trainer`.
"""

from __future__ import annotations

import re
from typing import Final

# Network families, for the grammar of their ``version`` strings.
PACKNET_NETS: Final = ("PackNet01", "PackNetSAN01", "PackNetSlim01", "PackNetSlimSAN01")
RESNET_NETS: Final = ("DepthResNet", "ResNetSAN01", "RaySurfaceResNet")
YOLO_NETS: Final = ("YOLOv8SAN01",)

# PackNet versions are a generation digit and a variant letter ('1A'); ResNet
# versions are the layer count and a variant tag ('18A', '50A', '18pt').
PACKNET_VERSION: Final = re.compile(r"^\d[A-Z]$")
RESNET_VERSION: Final = re.compile(r"^(18|34|50|101|152)[A-Za-z]\w*$")
YOLO_VARIANTS: Final = ("n", "s", "m", "l", "x")

ROTATION_MODES: Final = ("euler", "quat")
PHOTOMETRIC_REDUCE_OPS: Final = ("min", "mean")
PADDING_MODES: Final = ("zeros", "border", "reflection")
CROPS: Final = ("", "garg")
DTYPES: Final = ("float16", "bfloat16", "float32")
