"""The datasets part of the team's fork (YoungseokOh/packnet-sfm-resnet-san at 208e293).

Every fact cites the file:line it was read from at that commit; the ids in brackets
refer to ``../shared/trainer.md``.
"""

from __future__ import annotations

from depthconf.trainer._data import IMAGE_DEPTH_TYPE, NAMES_FROM_DATASET_0, DataFacts, NcdbFacts
from depthconf.trainer._profile import Failure, Quirk, Stage

_WRAPPER = "packnet_sfm/models/model_wrapper.py"
_NCDB = "packnet_sfm/datasets/ncdb_dataset.py"

FORK_NCDB = NcdbFacts(
    default_depth_type="depth_original",  # packnet_sfm/datasets/ncdb_dataset.py:57
    empty_depth_type=Failure(
        Stage.start_up,
        "the ncdb branch hands '' to NcdbDataset as a depth type (only None would select "
        "its default), and NcdbDataset rejects it: ValueError \"Invalid depth_type: ''\"",
        f"{_WRAPPER}:1076-1077, {_NCDB}:178-181, :101-106",
    ),
    unknown_depth_type=Failure(
        Stage.start_up,
        "NcdbDataset maps a depth type to its folder and rejects any other name "
        "(ValueError 'Invalid depth_type')",
        f"{_NCDB}:89-107",
    ),
    split_suffix=".json",
    split_format=Failure(
        Stage.start_up,
        "NcdbDataset reads its split file with json.load and requires a list of entries "
        "(json.JSONDecodeError, or ValueError 'Split file must contain a list of entries')",
        f"{_NCDB}:261-264",
    ),
    short_mask_file=Failure(
        Stage.start_up,
        "the ncdb branch reads mask_file[i] for dataset i and the trainer never broadcasts "
        "mask_file (IndexError: list index out of range)",
        f"{_WRAPPER}:1087, packnet_sfm/utils/config.py:35-43",
    ),
    short_use_mask=Quirk(
        "the trainer does not broadcast use_mask: the ncdb branch reads use_mask[i] and "
        "uses False for every dataset past the end of the list",
        f"{_WRAPPER}:1080-1081",
    ),
    mask_regardless=Quirk(
        "NcdbDataset loads the mask_file whenever it is set and multiplies RGB and ground "
        "truth by it whatever use_mask says; use_mask only adds the 'mask' key",
        f"{_NCDB}:235-239, :596-608, :557-569",
    ),
    use_mask_without_file=Quirk(
        "without a mask_file NcdbDataset has no mask, so use_mask masks nothing",
        f"{_NCDB}:234-235, :559",
    ),
    not_passed=Quirk(
        "the ncdb branch does not pass it to NcdbDataset (RGB only, no input depth, no "
        "context frames, no camera selection)",
        f"{_WRAPPER}:1083-1092",
    ),
)

FORK_DATA = DataFacts(
    unknown_kind=Failure(
        Stage.start_up,
        "setup_dataset has no branch for it, and the ValueError it builds with '%d' "
        "itself fails (TypeError '%d format: a real number is required')",
        f"{_WRAPPER}:1108-1109",
    ),
    ncdb=FORK_NCDB,
    image_depth_type=IMAGE_DEPTH_TYPE,
    # SemiSupCompletionModel.py:507 (and SemiSupModel.py:105) read batch['depth'].
    depth_readers=("SemiSupCompletionModel", "SemiSupModel"),
    no_training_ground_truth=Failure(
        Stage.first_step,
        "the supervised loss reads the batch's ground-truth depth, which a dataset "
        "without a depth type does not load (KeyError: 'depth')",
        "packnet_sfm/models/SemiSupCompletionModel.py:507",
    ),
    no_dataset=Failure(
        Stage.data_loaders,
        "setup_dataset returns None for a split without a path, and the data loader is "
        "built by iterating over it (TypeError: 'NoneType' object is not iterable)",
        f"{_WRAPPER}:239-240, :254, :1183",
    ),
    metric_names=NAMES_FROM_DATASET_0,
    # Five stride-2 stages: the decoders concatenate upsampled features with skips
    # (packnet_sfm/networks/layers/resnet/depth_decoder.py:59 for ResNetSAN01 and
    # YOLOv8SAN01; packnet_sfm/networks/depth/PackNetSAN01.py:95).
    input_multiple=32,
    train_input_size=Failure(
        Stage.first_step,
        "the depth decoder concatenates upsampled features with skip connections whose "
        "sizes differ unless the input height and width are multiples of 32 "
        "(RuntimeError in torch.cat)",
        "packnet_sfm/networks/layers/resnet/depth_decoder.py:59",
    ),
    eval_input_size=Failure(
        Stage.first_validation,
        "the depth decoder's torch.cat fails on an input whose height or width is not a "
        "multiple of 32; validation_step swallows the error per batch, so no metric is "
        "computed and the epoch ends in KeyError 'depth_lin'",
        "packnet_sfm/networks/layers/resnet/depth_decoder.py:59, "
        f"{_WRAPPER}:358-365, packnet_sfm/utils/reduce.py:150",
    ),
    jittering_values=Failure(
        Stage.first_step,
        "the colour jitter unpacks brightness, contrast, saturation and hue from the "
        "first four values (ValueError: not enough values to unpack)",
        "packnet_sfm/datasets/augmentations.py:297, :338",
    ),
    jittering_extra=Quirk(
        "the colour jitter reads four values and a fifth colour-matrix factor; later "
        "values are never read",
        "packnet_sfm/datasets/augmentations.py:297-299",
    ),
    hue=Failure(
        Stage.early_step,
        "a hue factor is drawn from [-hue, hue] for every sample, and torchvision's "
        "adjust_hue rejects factors outside [-0.5, 0.5] (ValueError: hue_factor is not "
        "in [-0.5, 0.5])",
        "packnet_sfm/datasets/augmentations.py:342, :364-366",
    ),
    advanced=Failure(
        Stage.first_step,
        "any enabled randaugment, random_erasing, mixup or cutmix switches training to "
        "KITTIAdvancedTrainTransform, which never creates batch['rgb_original'], and the "
        "training step logs that image (KeyError: 'rgb_original')",
        "packnet_sfm/datasets/transforms.py:125-139, "
        "packnet_sfm/datasets/augmentations_kitti_compatible.py:110-196, "
        f"{_WRAPPER}:301-302",
    ),
    advanced_image_shape=Quirk(
        "KITTIAdvancedTrainTransform replaces an empty image_shape with (352, 1216), so "
        "training images are resized to 352x1216",
        "packnet_sfm/datasets/augmentations_kitti_compatible.py:118-121",
    ),
    batch_augmentation=Quirk(
        "the batch collate function that would apply MixUp/CutMix is never installed: "
        "setup_dataloader looks for 'augmentation' on the split's config, which has none "
        "(and the function imports a prep_dataset that model_utils does not define)",
        f"{_WRAPPER}:1155-1158, packnet_sfm/datasets/augmentations_kitti_compatible.py:305",
    ),
    unresized_mask=Failure(
        Stage.first_step,
        "the transforms crop and resize the image but not the 'mask' key, and the "
        "training step multiplies the logged prediction by that mask (RuntimeError: "
        "tensor sizes do not broadcast) unless the stored images already have the "
        "network's input size",
        f"{_WRAPPER}:324-328, packnet_sfm/datasets/transforms.py:41-48",
    ),
    top_center_resized=Quirk(
        "validation resizes only the RGB to image_shape, ground truth keeps its stored "
        "size, and 'top-center' pastes the prediction into a zero canvas of the ground "
        "truth's size: unless the stored images already are image_shape, the metrics are "
        "computed on mostly zero predictions",
        "packnet_sfm/datasets/transforms.py:73-76, packnet_sfm/utils/depth.py:474-479",
    ),
)
