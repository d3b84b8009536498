"""``datasets.*``: what the augmentation and each split refuse by themselves.

The trainer's crop borders (packnet_sfm/utils/misc.py:77-146), read as it reads them:
``parse_crop_borders`` takes, per axis, an **int** as a pixel offset (a negative one
counts from the far side) and a **float** as the fraction of the image size the crop
is centred on (misc.py:106-123); the schema keeps each element's type
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

A split's parallel lists are broadcast by the trainer's ``prep_dataset``
(packnet_sfm/utils/config.py:13-44, :attr:`SplitConfig.BROADCAST_FIELDS`); which
dataset kinds, depth types and files the selected trainer can load is the validator's
(:mod:`depthconf.validation.rules.datasets`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Final

from depthconf.findings import Code, Key, Violation, show
from depthconf.schema._rules._engine import Here, section_rule

if TYPE_CHECKING:
    from depthconf.schema._datasets import AugmentationConfig, SplitConfig

_WHEN: Final = {
    "crop_train_borders": "at the first training step (packnet_sfm/datasets/transforms.py:41-43)",
    "crop_eval_borders": "at the first validation (packnet_sfm/datasets/transforms.py:70-71)",
}
_FORMS: Final = (
    "[top, height, left, width] (ints are pixels, floats fractions of the image size, "
    "e.g. [-352, 0, 0.5, 1216]) or [top, left] as two ints (e.g. [23, 26])"
)


@section_rule("image_shape")
def image_shape(aug: AugmentationConfig, here: Here) -> Iterator[Violation]:
    shape = aug.image_shape
    if shape and (len(shape) != 2 or any(v <= 0 for v in shape)):
        yield Violation(
            here.keys("image_shape"),
            show(shape),
            "image_shape is empty (keep the input size) or two positive integers [height, width]",
            f"{here('image_shape')}=[384,640] or {here('image_shape')}=[]",
            Code.image_shape,
        )


def _crop_problem(borders: Sequence[int | float], when: str) -> tuple[str, str] | None:
    """(rule, fix) when the trainer cannot use ``borders`` as written, else None."""
    if len(borders) == 4:
        top, height, left, width = borders
        return _axis_problem("height", top, height, when) or _axis_problem(
            "width", left, width, when
        )
    if not borders:
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


def _axis_problem(
    name: str, offset: int | float, size: int | float, when: str
) -> tuple[str, str] | None:
    """What fails along one axis of the 4-value form whatever the image size (the rest,
    a crop larger than the image, depends on the image, which depthconf does not know)."""
    if isinstance(offset, float):
        if size > 0:
            return None
        # misc.py:112-113, :121-123: int(centre - size/2) >= int(centre + size/2)
        return (
            f"a centred crop (float offset {offset!r}) needs a {name} > 0, not {size!r}: "
            "the crop is empty and the trainer fails its 'Crop borders ... are invalid' "
            f"assert {when} (packnet_sfm/utils/misc.py:112-123, :143-144)",
            f"a {name} in pixels > 0",
        )
    if isinstance(size, float):
        # misc.py:109, :118 keep the float; augmentations.py:432 slices the depth map with it
        return (
            f"with a pixel (int) offset {offset!r} the {name} must be an int, not {size!r}: "
            f"the trainer crops the depth map with it and fails {when} with TypeError "
            "'slice indices must be integers' (packnet_sfm/utils/misc.py:109, :118, "
            "packnet_sfm/datasets/augmentations.py:432)",
            f"an int {name}, e.g. {int(size)}",
        )
    return None


@section_rule("crop_train_borders", "crop_eval_borders")
def crop_borders(aug: AugmentationConfig, here: Here) -> Iterator[Violation]:
    for name in ("crop_train_borders", "crop_eval_borders"):
        borders = getattr(aug, name)
        found = _crop_problem(borders, _WHEN[name])
        if found is None:
            continue
        rule_text, fix = found
        yield Violation(
            here.keys(name),
            show(borders),
            rule_text,
            f"{fix}, or {here(name)}=[] (no crop)",
            Code.crop_borders,
        )


def element(split: SplitConfig, here: Here, field: str, index: int) -> Key:
    """The key of the list element dataset ``index`` reads: ``[0]`` of a broadcast list.

    >>> from depthconf.schema import ValidationSplitConfig
    >>> split = ValidationSplitConfig(dataset=["KITTI"], split=["a", "b"], path=["/d"])
    >>> element(split, Here(("datasets", "validation")), "path", 1)
    ('datasets', 'validation', 'path', 0)
    """
    values = getattr(split, field)
    return (*here.at, field, index if len(values) > 1 else 0)


@section_rule(*("dataset", "path", "split", "depth_type", "input_depth_type", "cameras", "repeat"))
def dataset_lists(split: SplitConfig, here: Here) -> Iterator[Violation]:
    """S7: every broadcast list has 1 entry or one per dataset, and every dataset a path.

    packnet_sfm/utils/misc.py:47 via packnet_sfm/utils/config.py:35-43 asserts 'Wrong
    list length for make_list' at start-up.
    """
    mismatches = split.broadcast_mismatches()
    n = split.dataset_count
    if not mismatches:
        yield from _empty_paths(split, here)
        return
    counted = ", ".join(f"{f}={len(getattr(split, f))}" for f in split.COUNT_FIELDS)
    for field, length in mismatches.items():
        if field in ("path", "dataset") and length == 0:
            other = "dataset" if field == "path" else "path"
            text = f"every listed dataset needs a {field}; {other} lists {n} but {field} none"
        else:
            text = (
                f"parallel dataset lists must have 1 entry (used for every dataset) or one "
                f"per dataset; {counted} define {n} dataset(s), but {field} has {length}: "
                "the trainer fails at start-up with AssertionError 'Wrong list length for "
                "make_list' (packnet_sfm/utils/misc.py:47)"
            )
        # the lists that make the count, so the finding names where that count was written
        counting = [f for f in split.COUNT_FIELDS if f != field and len(getattr(split, f)) == n]
        yield Violation(
            keys=here.keys(field),
            value=show(getattr(split, field)),
            rule=text,
            fix=f"give {here(field)} 1 or {n} entries"
            + (f", or list {length} datasets in split/depth_type" if length > n else ""),
            code=Code.broadcast_length,
            related=here.keys(*counting),
        )


def _empty_paths(split: SplitConfig, here: Here) -> Iterator[Violation]:
    """Every listed dataset needs a path (a broadcast entry is judged once)."""
    if all(split.path):
        return
    seen: set[Key] = set()
    for entry in split.entries():
        where = element(split, here, "path", entry.index)
        if not entry.path and where not in seen:
            seen.add(where)
            yield Violation(
                (where,),
                show(entry.path),
                "every listed dataset needs a non-empty path",
                f"{here('path')}=[/path/to/{entry.dataset or 'data'}]",
                Code.empty_path,
            )


AUGMENTATION_RULES: Final = (image_shape, crop_borders)
SPLIT_RULES: Final = (dataset_lists,)
