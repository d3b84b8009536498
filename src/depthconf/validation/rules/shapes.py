"""The network's input size, as far as the config alone decides it (D15, D16, D24, D27).

depthconf cannot see the stored image sizes. What the config does decide:

* with ``image_shape`` set, the network gets exactly that size, in training and in
  validation (packnet_sfm/datasets/transforms.py:44-45, :73-74);
* without it, a crop whose height or width does not depend on the image size
  (:func:`crop_size`) gives the network that size (transforms.py:41-43, :70-72);
* without either, KITTI images reach the network as stored: KITTI raw images are
  370 to 376 pixels high and 1224 to 1242 wide (375x1242 for most drives), never a
  multiple of 32.

A height or width that is not a multiple of the profile's ``input_multiple`` (32) is an
error: in training at the first step (D15), in validation at the end of the first
validation (D16). Crops whose size depends on the stored size, and ncdb, DGP or Image
datasets without a crop or ``image_shape``, are not judged.

Two risks depend on the stored size, so they are warnings that say when the run
would fail or mislead (both have a fix that costs nothing when the sizes match):

* D24: with a logger on, the training step multiplies the logged prediction by the
  ncdb 'mask', which is never resized or cropped; a resize or crop makes them differ
  unless the stored images already have that size;
* D27: with ``image_shape`` set, validation resizes only the RGB, and
  ``scale_output: top-center`` pastes the prediction into a zero canvas of the ground
  truth's stored size; ``resize`` gives the same metrics when the sizes match.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from depthconf.findings import Code, Violation, at, show, warning
from depthconf.schema import TrainConfig
from depthconf.trainer import Failure, profile_of
from depthconf.validation._registry import rule
from depthconf.validation.rules._choices import Where, trainer_fails, trainer_quirk
from depthconf.validation.rules._data import loggers_on
from depthconf.validation.rules.augmentation import advanced_enabled

_AUG = "datasets.augmentation"
# The team's KITTI crop (configs/train_packnet_san_kitti.yaml:28-29): 352x1216.
_KITTI_CROP = "[-352,0,0.5,1216]"


def _axis(offset: float, size: float) -> int | None:
    """The crop length along one axis when it does not depend on the image size.

    packnet_sfm/utils/misc.py:106-123: an int offset is a pixel offset (negative from
    the far border) and a size <= 0 runs to the far border; a float offset is the
    centre, as a fraction of the image, of a crop ``size`` long.
    """
    if isinstance(size, bool) or not float(size).is_integer():
        return None
    if isinstance(offset, int) and not isinstance(offset, bool):
        if size > 0:
            return int(size)
        return int(size) - offset if offset < 0 else None
    return int(size) if size > 0 else None


def crop_size(borders: Sequence[float]) -> tuple[int | None, int | None]:
    """(height, width) of a 4-value crop, each None when it depends on the image size.

    Exact for every crop that lies inside the image. A centred crop that sticks out of
    the image by less than a pixel is clipped by the trainer's ``int()`` (misc.py:113-114,
    :122-123), one that sticks out further fails its assert (misc.py:143-144).

    >>> crop_size([-352, 0, 0.5, 1216]), crop_size([0.5, 350, 0, 0]), crop_size([23, 26])
    ((352, 1216), (350, None), (None, None))
    """
    if len(borders) != 4:
        return None, None
    top, height, left, width = borders
    return _axis(top, height), _axis(left, width)


def _off(size: tuple[int | None, int | None], multiple: int) -> list[str]:
    return [
        f"{name} {value}"
        for name, value in zip(("height", "width"), size, strict=True)
        if value is not None and value % multiple
    ]


def _rounded(value: int, multiple: int) -> int:
    return max(multiple, round(value / multiple) * multiple)


def _size_error(where: Where, value: object, what: str, failure: Failure, fix: str) -> Violation:
    return trainer_fails(where, value, what, failure, fix, Code.input_size)


def _input_sizes(cfg: TrainConfig) -> Iterator[Violation]:
    data = profile_of(cfg).data
    aug, k = cfg.datasets.augmentation, data.input_multiple
    train, validation = cfg.datasets.train, cfg.datasets.validation
    if len(aug.image_shape) == 2:  # transforms.py:44-45 (train), :73-74 (validation)
        h, w = aug.image_shape
        if off := _off((h, w), k):
            fix = f"{_AUG}.image_shape=[{_rounded(h, k)},{_rounded(w, k)}]"
            failure = data.train_input_size if train.path else data.eval_input_size
            yield _size_error(
                f"{_AUG}.image_shape",
                aug.image_shape,
                f"the network gets image_shape as its input, and its {', '.join(off)} is "
                f"not a multiple of {k}",
                failure,
                fix,
            )
        return
    phases = (
        ("crop_train_borders", train, data.train_input_size, advanced_enabled(cfg)),
        ("crop_eval_borders", validation, data.eval_input_size, False),
    )
    for name, split, failure, resized in phases:
        if resized or not split.path or split.broadcast_mismatches():
            continue  # the advanced transform resizes to its own default (D20)
        borders = getattr(aug, name)
        if borders:  # transforms.py:41-43 (train), :70-72 (validation)
            size = crop_size(borders)
            if off := _off(size, k):
                yield _size_error(
                    f"{_AUG}.{name}",
                    borders,
                    f"without image_shape the network gets the crop as its input, and the "
                    f"crop's {', '.join(off)} is not a multiple of {k}",
                    failure,
                    f"a crop of multiples of {k} (e.g. {_KITTI_CROP} on KITTI), or "
                    f"{_AUG}.image_shape=[<height>,<width>] in multiples of {k}",
                )
            continue
        kitti = [e.index for e in split.entries() if e.dataset == "KITTI"]
        if kitti:
            yield _size_error(
                at(f"{_AUG}.{name}", f"{_AUG}.image_shape"),
                f"{name}=[], image_shape=[]",
                f"with neither a crop nor an image_shape, KITTI images reach the network as "
                f"stored (375x1242 for most drives; 370-376 high, 1224-1242 wide), never a "
                f"multiple of {k}",
                failure,
                f"{_AUG}.{name}={_KITTI_CROP} (the team's 352x1216 KITTI crop), or "
                f"{_AUG}.image_shape=[<height>,<width>] in multiples of {k}",
            )


@rule("datasets", "trainer")
def network_input_size(cfg: TrainConfig) -> Iterator[Violation]:
    """D15 (training) and D16 (validation); see the module docstring."""
    yield from _input_sizes(cfg)


@rule("datasets", "trainer", "wandb", "tensorboard")
def logged_mask_size(cfg: TrainConfig) -> Iterator[Violation]:
    """D24: packnet_sfm/models/model_wrapper.py:324-328 with an unresized 'mask'."""
    failure = profile_of(cfg).data.unresized_mask
    aug, split = cfg.datasets.augmentation, cfg.datasets.train
    if failure is None or not loggers_on(cfg) or split.broadcast_mismatches():
        return
    changed = [n for n in ("image_shape", "crop_train_borders") if getattr(aug, n)]
    masked = [e for e in split.entries() if e.dataset == "ncdb" and e.use_mask and e.mask_file]
    if changed and masked:
        settings = ", ".join(f"{n}={show(getattr(aug, n))}" for n in changed)
        yield warning(
            at("datasets.train.use_mask"),
            show(split.use_mask),
            f"with a logger on and {settings}, the trainer {failure.sentence()}; depthconf "
            "cannot see the stored size, so this is a warning",
            "make sure the stored images already have that size, or "
            "datasets.train.use_mask=[false] (the mask_file alone still masks RGB and "
            "ground truth), or tensorboard.dry_run=true wandb.dry_run=true",
            Code.mask_size,
        )


@rule("datasets", "trainer", "model")
def top_center_after_resize(cfg: TrainConfig) -> Iterator[Violation]:
    """D27: packnet_sfm/utils/depth.py:474-479 with transforms.py:73-76."""
    params, aug = cfg.model.params, cfg.datasets.augmentation
    if params.scale_output == "top-center" and aug.image_shape and cfg.datasets.validation.path:
        yield trainer_quirk(
            "model.params.scale_output",
            params.scale_output,
            profile_of(cfg).data.top_center_resized,
            "model.params.scale_output=resize (the same metrics when the stored size is "
            "image_shape, the right ones when it is not)",
            Code.top_center_resized,
        )
