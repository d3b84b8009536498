"""The datasets part of upstream PackNet-SfM (TRI-ML/packnet-sfm at de53b31).

Every fact cites the file:line it was read from at that commit. Upstream has no ncdb
loader, no masks and no advanced augmentation: those facts are None (its defaults,
configs/default_config.py:133-188, have none of those keys).
"""

from __future__ import annotations

from depthconf.trainer._data import IMAGE_DEPTH_TYPE, NAMES_FROM_DATASET_0, DataFacts
from depthconf.trainer._profile import Failure, Quirk, Stage

_JITTER = "packnet_sfm/datasets/augmentations.py"

UPSTREAM_DATA = DataFacts(
    unknown_kind=Failure(
        Stage.start_up,
        "setup_dataset has no branch for it, and the ValueError it builds with '%d' "
        "itself fails (TypeError '%d format: a real number is required')",
        "packnet_sfm/models/model_wrapper.py:541-542",
    ),
    ncdb=None,
    image_depth_type=IMAGE_DEPTH_TYPE,
    # SemiSupModel.py:105 and SemiSupCompletionModel.py:109 read batch['depth'];
    # SelfSupModel trains without ground truth.
    depth_readers=("SemiSupModel", "SemiSupCompletionModel"),
    no_training_ground_truth=Failure(
        Stage.first_step,
        "the supervised loss reads the batch's ground-truth depth, which a dataset "
        "without a depth type does not load (KeyError: 'depth')",
        "packnet_sfm/models/SemiSupModel.py:105",
    ),
    no_dataset=Failure(
        Stage.data_loaders,
        "setup_dataset returns None for a split without a path, and the data loader is "
        "built by iterating over it (TypeError: 'NoneType' object is not iterable)",
        "packnet_sfm/models/model_wrapper.py:168-176, :594-599",
    ),
    metric_names=NAMES_FROM_DATASET_0,
    # packnet_sfm/networks/layers/resnet/depth_decoder.py:59, packnet_sfm/networks/depth/
    # PackNet01.py:138: skip connections concatenated after five stride-2 stages.
    input_multiple=32,
    train_input_size=Failure(
        Stage.first_step,
        "the depth decoder concatenates upsampled features with skip connections whose "
        "sizes differ unless the input height and width are multiples of 32 "
        "(RuntimeError in torch.cat)",
        "packnet_sfm/networks/depth/PackNet01.py:138, "
        "packnet_sfm/networks/layers/resnet/depth_decoder.py:59",
    ),
    eval_input_size=Failure(
        Stage.first_validation,
        "the depth decoder concatenates upsampled features with skip connections whose "
        "sizes differ unless the input height and width are multiples of 32 "
        "(RuntimeError in torch.cat; validation_step does not catch it)",
        "packnet_sfm/networks/depth/PackNet01.py:138, packnet_sfm/models/model_wrapper.py:194",
    ),
    jittering_values=Failure(
        Stage.first_step,
        "the colour jitter unpacks brightness, contrast, saturation and hue from the "
        "first four values (ValueError: not enough values to unpack)",
        f"{_JITTER}:264, :305",
    ),
    jittering_extra=Quirk(
        "the colour jitter reads four values and a fifth colour-matrix factor; later "
        "values are never read",
        f"{_JITTER}:264-266",
    ),
    hue=Failure(
        Stage.early_step,
        "a hue factor is drawn from [-hue, hue] for every sample, and torchvision's "
        "adjust_hue rejects factors outside [-0.5, 0.5] (ValueError: hue_factor is not "
        "in [-0.5, 0.5])",
        f"{_JITTER}:309, :333",
    ),
    advanced=None,
    advanced_image_shape=None,
    batch_augmentation=None,
    unresized_mask=None,
    top_center_resized=Quirk(
        "validation resizes only the RGB to image_shape, ground truth keeps its stored "
        "size, and 'top-center' pastes the prediction into a zero canvas of the ground "
        "truth's size: unless the stored images already are image_shape, the metrics are "
        "computed on mostly zero predictions",
        "packnet_sfm/datasets/transforms.py:61-62, packnet_sfm/utils/depth.py:354-356",
    ),
)
