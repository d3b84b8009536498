"""Training augmentation: colour jittering (D17, D18) and the advanced transforms (D20, D21).

Jittering runs in every training sample (packnet_sfm/datasets/transforms.py:47-48; an
empty list skips it). Enabling any of ``randaugment``, ``random_erasing``, ``mixup`` or
``cutmix`` replaces the whole training transform with the fork's
KITTIAdvancedTrainTransform (transforms.py:125-139), which behaves differently in three
ways the profile records: no ``rgb_original`` for the logger (D20, an error with a
logger on), its own 352x1216 default size (D20, a warning), and MixUp/CutMix never
being applied (D21, a warning).
"""

from __future__ import annotations

from collections.abc import Iterator

from depthconf.findings import Code, Violation, at, show
from depthconf.schema import TrainConfig
from depthconf.trainer import profile_of
from depthconf.validation._registry import rule
from depthconf.validation.rules._choices import trainer_fails, trainer_quirk
from depthconf.validation.rules._data import loggers_on

_AUG = "datasets.augmentation"
ADVANCED = ("randaugment", "random_erasing", "mixup", "cutmix")
# torchvision's adjust_hue accepts factors in [-0.5, 0.5] (trainer.md section 6).
_MAX_HUE = 0.5


def advanced_enabled(cfg: TrainConfig) -> list[str]:
    """The enabled advanced augmentations, when the profile's trainer has them."""
    if profile_of(cfg).data.advanced is None:
        return []
    aug = cfg.datasets.augmentation
    return [name for name in ADVANCED if getattr(aug, name).enabled]


@rule("datasets", "trainer")
def jittering(cfg: TrainConfig) -> Iterator[Violation]:
    """D17: four values are unpacked, a fifth is a colour factor; D18: |hue| <= 0.5."""
    data, values = profile_of(cfg).data, cfg.datasets.augmentation.jittering
    path = f"{_AUG}.jittering"
    if not values or not cfg.datasets.train.path:
        return
    if len(values) < 4:  # packnet_sfm/datasets/augmentations.py:338
        yield trainer_fails(
            path,
            values,
            "jittering is empty (no colour jitter) or [brightness, contrast, saturation, "
            "hue], optionally with a fifth colour factor",
            data.jittering_values,
            f"{path}=[0.2,0.2,0.2,0.05] (the trainer's default), or {path}=[]",
            Code.jittering_length,
        )
        return
    if len(values) > 5:  # augmentations.py:297-299 read four values and a fifth
        yield trainer_quirk(
            path, values, data.jittering_extra, f"{path}={show(values[:5])}", Code.jittering_length
        )
    hue = values[3]
    if abs(hue) > _MAX_HUE:  # augmentations.py:342, :364-366
        fixed = [*values[:3], _MAX_HUE, *values[4:]]
        yield trainer_fails(
            f"{path}[3]",
            hue,
            f"the hue jitter must lie in [-{_MAX_HUE}, {_MAX_HUE}]",
            data.hue,
            f"{path}={show(fixed)}",
            Code.jittering_hue,
        )


@rule("datasets", "trainer", "wandb", "tensorboard")
def advanced_augmentation(cfg: TrainConfig) -> Iterator[Violation]:
    """D20 and D21; see the module docstring."""
    data = profile_of(cfg).data
    enabled = advanced_enabled(cfg)
    if not enabled or not cfg.datasets.train.path:
        return
    paths = at(*(f"{_AUG}.{name}.enabled" for name in enabled))
    disable = " ".join(f"{_AUG}.{name}.enabled=false" for name in enabled)
    if data.advanced is not None and loggers_on(cfg):
        # packnet_sfm/models/model_wrapper.py:301-302 logs batch['rgb_original'].
        yield trainer_fails(
            paths,
            True,
            "the advanced augmentation cannot run with a logger on",
            data.advanced,
            f"{disable}, or turn the loggers off: tensorboard.dry_run=true wandb.dry_run=true",
            Code.advanced_augmentation,
        )
    if data.advanced_image_shape is not None and not cfg.datasets.augmentation.image_shape:
        # packnet_sfm/datasets/augmentations_kitti_compatible.py:118-121
        yield trainer_quirk(
            f"{_AUG}.image_shape",
            [],
            data.advanced_image_shape,
            f"set {_AUG}.image_shape explicitly (e.g. [352,1216]), or {disable}",
            Code.advanced_image_shape,
        )
    batch_level = [name for name in enabled if name in ("mixup", "cutmix")]
    if data.batch_augmentation is not None and batch_level:
        # packnet_sfm/models/model_wrapper.py:1155-1158
        yield trainer_quirk(
            at(*(f"{_AUG}.{name}.enabled" for name in batch_level)),
            True,
            data.batch_augmentation,
            " ".join(f"{_AUG}.{name}.enabled=false" for name in batch_level)
            + " (it has no effect)",
            Code.batch_augmentation_ignored,
        )
