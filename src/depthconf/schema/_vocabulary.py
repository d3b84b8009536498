"""Closed vocabularies that do not depend on the trainer version.

The ones a field takes are :class:`~enum.StrEnum` s (OmegaConf accepts an Enum field,
not a ``Literal``): OmegaConf refuses another value at composition and pydantic on
construction, each naming the choices. Names the trainer looks up and that differ
between versions (models, networks, dataset kinds, losses, torch classes, scale
outputs) are facts of a trainer profile: see :mod:`depthconf.trainer`. Which of these
values a trainer then runs with (``rotation_mode: quat`` fails in the team's fork) is
the validator's (:mod:`depthconf.validation.rules`).

>>> RotationMode("euler") == "euler", [v.value for v in YoloVariant]
(True, ['n', 's', 'm', 'l', 'x'])
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Final

# Network families, for the grammar of their ``version`` strings.
PACKNET_NETS: Final = ("PackNet01", "PackNetSAN01", "PackNetSlim01", "PackNetSlimSAN01")
RESNET_NETS: Final = ("DepthResNet", "ResNetSAN01", "RaySurfaceResNet")
YOLO_NETS: Final = ("YOLOv8SAN01",)

# PackNet versions are a generation digit and a variant letter ('1A'); ResNet
# versions are the layer count and a variant tag ('18A', '50A', '18pt').
PACKNET_VERSION: Final = re.compile(r"^\d[A-Z]$")
RESNET_VERSION: Final = re.compile(r"^(18|34|50|101|152)[A-Za-z]\w*$")

#: model.params.crop: '' (no crop) or 'garg'; not an Enum, because OmegaConf looks an
#: Enum value up by name and '' is none (a section rule checks it).
CROPS: Final = ("", "garg")


class RotationMode(StrEnum):
    """model.loss.rotation_mode: the two rotation parametrizations of a pose network's output.

    The trainer converts only 'euler' (packnet_sfm/geometry/pose_utils.py:41-49); what
    'quat' does with a pose network is the validator's (rules/model.py).
    """

    euler = "euler"
    quat = "quat"


class PhotometricReduceOp(StrEnum):
    """model.loss.photometric_reduce_op
    (packnet_sfm/losses/multiview_photometric_loss.py:93-104)."""

    min = "min"
    mean = "mean"


class PaddingMode(StrEnum):
    """model.loss.padding_mode: the modes of torch's grid_sample the warping uses."""

    zeros = "zeros"
    border = "border"
    reflection = "reflection"


class DType(StrEnum):
    """arch.dtype: the torch dtypes packnet_sfm/trainers/horovod_trainer.py:353-362 reads."""

    float16 = "float16"
    bfloat16 = "bfloat16"
    float32 = "float32"


class YoloVariant(StrEnum):
    """model.depth_net.variant: YOLOv8SAN01's size
    (packnet_sfm/networks/depth/YOLOv8SAN01.py:12-22)."""

    n = "n"
    s = "s"
    m = "m"
    l = "l"  # noqa: E741  (the YOLOv8 size is spelled l)
    x = "x"


YOLO_VARIANTS: Final = tuple(v.value for v in YoloVariant)
