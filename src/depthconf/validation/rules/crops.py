"""Crop borders, read as the trainer reads them (packnet_sfm/utils/misc.py:77-146).

The trainer's ``parse_crop_borders`` takes, per axis, an **int** as a pixel offset (a
negative one counts from the far side) and a **float** as the fraction of the image
size the crop is centred on (misc.py:106-123); the schema keeps each element's type
(:func:`depthconf.schema._datasets.crop_border`, trainer.md S9). Its forms:

* empty: no crop (misc.py:100-101);
* four values ``[top, height, left, width]`` (misc.py:104-123), e.g. the team's
  ``[-352, 0, 0.5, 1216]``: the bottom 352 rows, full height below them, a 1216 wide
  crop centred at half the width;
* two ints ``[top, left]`` (misc.py:124-132), e.g. ``[23, 26]`` (trainer.md D19): from
  row 23 and column 26 to the far borders (negative: the same margin at the far side);
* two values with a float left: the trainer centres a square-ish crop at that fraction
  of *both* axes, with the top value as its size (misc.py:133-138), which is not
  (top, left); refused, as is a float top in the int form (a fractional pixel count);
* any other length: ``NotImplementedError('Crop tuple must have 2 or 4 values.')``
  (misc.py:139-141).

``crop_train_borders`` is parsed at the first training step
(packnet_sfm/datasets/transforms.py:41-43), ``crop_eval_borders`` at the first
validation (:70-71).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Final

from depthconf.schema import TrainConfig
from depthconf.validation._registry import rule
from depthconf.validation._violation import Violation, show

_WHEN: Final = {
    "crop_train_borders": "at the first training step (packnet_sfm/datasets/transforms.py:41-43)",
    "crop_eval_borders": "at the first validation (packnet_sfm/datasets/transforms.py:70-71)",
}
_FORMS: Final = (
    "[top, height, left, width] (ints are pixels, floats fractions of the image size, "
    "e.g. [-352, 0, 0.5, 1216]) or [top, left] as two ints (e.g. [23, 26])"
)


def _problem(borders: Sequence[int | float], when: str) -> tuple[str, str] | None:
    """(rule, fix) when the trainer cannot use ``borders`` as written, else None."""
    if len(borders) in (0, 4):
        return None
    if len(borders) == 2:
        top, left = borders
        if isinstance(left, float):
            return (
                f"the 2-value form with a float left value ({left!r}) is read as a centre crop "
                f"at fraction {left!r} of both the height and the width, with {top!r} as its "
                "size (packnet_sfm/utils/misc.py:133-138), not as (top, left): the crop "
                f"{when} is another one than written, or fails the trainer's 'Crop borders "
                "... are invalid' assert (misc.py:143-144)",
                "two ints [top, left] in pixels, or the 4-value form "
                "[top, height, left, width] for a centred crop",
            )
        if isinstance(top, float):
            return (
                f"in the 2-value int form (top, left) the top value {top!r} is a pixel offset "
                f"(packnet_sfm/utils/misc.py:124-132); a float gives fractional pixel borders "
                f"{when}",
                f"an int top, e.g. [{round(top)}, {left}]",
            )
        return None
    return (
        f"the trainer reads crop borders as {_FORMS}; with {len(borders)} values it fails "
        f"{when} with NotImplementedError('Crop tuple must have 2 or 4 values.') "
        "(packnet_sfm/utils/misc.py:139-141)",
        "four values [top, height, left, width], or two ints [top, left]",
    )


@rule("datasets")
def crop_borders(cfg: TrainConfig) -> Iterator[Violation]:
    aug = cfg.datasets.augmentation
    for name in ("crop_train_borders", "crop_eval_borders"):
        borders = getattr(aug, name)
        found = _problem(borders, _WHEN[name])
        if found is None:
            continue
        rule_text, fix = found
        path = f"datasets.augmentation.{name}"
        yield Violation(
            path, show(borders), rule_text, f"{fix}, or {path}=[] (no crop)", "crop_borders"
        )
