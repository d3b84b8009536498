"""``datasets``: augmentation and the three splits, each a set of parallel lists.

A split lists its datasets column-wise, as the trainer does: entry ``i`` of
``dataset``, ``path``, ``split``, ``depth_type``... describes dataset ``i``. The
trainer's ``prep_dataset`` (packnet_sfm/utils/config.py:13-44) broadcasts a list of
length 1 to the dataset count, for :attr:`SplitConfig.BROADCAST_FIELDS` only;
``mask_file`` and ``use_mask`` are read per dataset without broadcasting
(packnet_sfm/models/model_wrapper.py:1080-1087). :meth:`SplitConfig.entries` gives
that row-wise view, dataset by dataset as the trainer reads it, and every consumer
(metric keys, the keeper, the export, the legacy loader) uses it or its field lists.

>>> split = ValidationSplitConfig(dataset=["ncdb"], path=["/d"], split=["a.json", "b.json"],
...                               mask_file=["m.png"], use_mask=[True])
>>> [(e.split, e.mask_file, e.use_mask) for e in split.entries()]
[('a.json', 'm.png', True), ('b.json', '', False)]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any, ClassVar

from pydantic import GetPydanticSchema
from pydantic_core import PydanticCustomError, core_schema

from depthconf.schema._base import NonNegativeInt, PositiveFloat, PositiveInt, Probability, section
from depthconf.schema._rules import SectionRule
from depthconf.schema._rules.datasets import AUGMENTATION_RULES, SPLIT_RULES


@section
class RandAugmentConfig:
    enabled: bool = False
    n: PositiveInt = 9
    m: Probability = 0.5
    prob: Probability = 0.5


@section
class RandomErasingConfig:
    enabled: bool = False
    probability: Probability = 0.1
    sl: Probability = 0.02
    sh: Probability = 0.4
    r1: PositiveFloat = 0.3
    mean: list[float] = field(default_factory=lambda: [0.485, 0.456, 0.406])


@section
class MixupConfig:
    enabled: bool = False
    alpha: PositiveFloat = 0.2
    prob: Probability = 0.5


@section
class CutmixConfig:
    enabled: bool = False
    alpha: PositiveFloat = 1.0
    prob: Probability = 0.5


def crop_border(value: Any) -> int | float:
    """One crop border, kept as the type it was given: an int is a pixel offset, a float a
    fraction of the image size (packnet_sfm/utils/misc.py:106-123 test ``is_int`` per
    axis, trainer.md S9). A bool is no border (``is_int(True)`` would read it as pixel 1).

    >>> crop_border(-352), crop_border(0.5)
    (-352, 0.5)
    """
    if type(value) is int or type(value) is float:
        return value
    raise PydanticCustomError(
        "crop_border",
        "a crop border is an int (pixels; negative counts from the far side) or a float "
        "(a fraction of the image size): the trainer reads each by its type "
        "(packnet_sfm/utils/misc.py:106-123); {shown} is neither",
        {"shown": repr(value), "fix": "write e.g. -352 for pixels or 0.5 for a fraction"},
    )


#: Crop borders keep each element's type (S9). OmegaConf sees ``list[Any]``
#: (``typing.get_type_hints`` drops ``Annotated``), which keeps ``-352`` an int and ``0.5``
#: a float through composition, overrides and merges; pydantic checks every element with
#: :func:`crop_border`, a located field error (``...crop_eval_borders[0]``). OmegaConf 2.3's
#: own ``Union[int, float]`` element nodes keep the types too, but their errors lose the
#: field path.
CropBorders = Annotated[
    list[Any],
    GetPydanticSchema(
        lambda _source, _handler: core_schema.list_schema(
            core_schema.no_info_plain_validator_function(crop_border)
        )
    ),
]


@section
class AugmentationConfig:
    RULES: ClassVar[tuple[SectionRule, ...]] = AUGMENTATION_RULES

    image_shape: list[int] = field(default_factory=list)
    jittering: list[float] = field(default_factory=lambda: [0.2, 0.2, 0.2, 0.05])
    crop_train_borders: CropBorders = field(default_factory=list)
    crop_eval_borders: CropBorders = field(default_factory=list)
    randaugment: RandAugmentConfig = field(default_factory=RandAugmentConfig)
    random_erasing: RandomErasingConfig = field(default_factory=RandomErasingConfig)
    mixup: MixupConfig = field(default_factory=MixupConfig)
    cutmix: CutmixConfig = field(default_factory=CutmixConfig)


def wrap_cameras(value: Any) -> Any:
    """A flat ``cameras`` list means one list for every dataset, as the trainer reads it:
    ``prep_dataset`` wraps it when its first element is not a list
    (packnet_sfm/utils/config.py:31-32; trainer.md F1d.4).

    >>> wrap_cameras(["camera_01"]), wrap_cameras([]), wrap_cameras([["a"], ["b"]])
    ([['camera_01']], [[]], [['a'], ['b']])
    """
    # is_list is isinstance(x, list) (packnet_sfm/utils/types.py:21-23): a tuple is wrapped.
    if isinstance(value, list | tuple) and (not value or not isinstance(value[0], list)):
        return [value]
    return value


#: ``cameras`` is one list of camera names per dataset, or one flat list the trainer
#: wraps. OmegaConf sees ``list[Any]`` (``typing.get_type_hints`` drops ``Annotated``),
#: so an override ``cameras=[camera_01]`` composes; pydantic wraps a flat list with
#: :func:`wrap_cameras` and then checks ``list[list[str]]``, with located errors.
Cameras = Annotated[
    list[Any],
    GetPydanticSchema(
        lambda _source, handler: core_schema.no_info_before_validator_function(
            wrap_cameras, handler(list[list[str]])
        )
    ),
]


@dataclass(frozen=True)
class DatasetEntry:
    """One dataset of a split as the trainer reads it (one row of the parallel lists)."""

    index: int
    dataset: str
    path: str
    split: str
    depth_type: str
    input_depth_type: str
    cameras: tuple[str, ...]
    mask_file: str
    use_mask: bool
    repeat: int = 1


class BroadcastError(ValueError):
    """Parallel lists whose lengths cannot be broadcast to one dataset count."""

    def __init__(self, count: int, lengths: dict[str, int]) -> None:
        self.count = count
        self.lengths = lengths
        super().__init__(f"cannot broadcast to {count} datasets: {lengths}")


@section
class SplitConfig:
    """Fields shared by the train, validation and test splits."""

    RULES: ClassVar[tuple[SectionRule, ...]] = SPLIT_RULES

    # The trainer derives the dataset count from these three lists only
    # (packnet_sfm/utils/config.py:34).
    COUNT_FIELDS: ClassVar[tuple[str, ...]] = ("split", "cameras", "depth_type")
    # prep_dataset broadcasts these, each of length 1 or the dataset count
    # (packnet_sfm/utils/config.py:35-43, packnet_sfm/utils/misc.py:47) [S7].
    BROADCAST_FIELDS: ClassVar[tuple[str, ...]] = (
        "dataset",
        "path",
        "split",
        "depth_type",
        "input_depth_type",
        "cameras",
    )
    # Read per dataset without broadcasting (packnet_sfm/models/model_wrapper.py:1080-1087):
    # mask_file[i] must exist for an ncdb dataset i, use_mask[i] is False past the end
    # [D6, D7].
    INDEXED_FIELDS: ClassVar[tuple[str, ...]] = ("mask_file", "use_mask")
    # Every per-dataset list (the legacy layout's columns).
    PARALLEL_FIELDS: ClassVar[tuple[str, ...]] = (*BROADCAST_FIELDS, *INDEXED_FIELDS)

    batch_size: PositiveInt = 1
    num_workers: NonNegativeInt = 8
    back_context: NonNegativeInt = 0
    forward_context: NonNegativeInt = 0
    dataset: list[str] = field(default_factory=list)
    path: list[str] = field(default_factory=list)
    split: list[str] = field(default_factory=list)
    depth_type: list[str] = field(default_factory=lambda: [""])
    input_depth_type: list[str] = field(default_factory=lambda: [""])
    cameras: Cameras = field(default_factory=lambda: [[]])
    mask_file: list[str] = field(default_factory=lambda: [""])
    use_mask: list[bool] = field(default_factory=lambda: [False])
    num_logs: NonNegativeInt = 5

    @property
    def is_empty(self) -> bool:
        """No dataset listed: the legacy loader leaves such a split alone."""
        return not self.path and not self.dataset

    def parallel_lists(self) -> dict[str, list[Any]]:
        return {name: list(getattr(self, name)) for name in self.PARALLEL_FIELDS}

    @property
    def dataset_count(self) -> int:
        """Number of datasets after broadcasting, computed as the legacy loader does."""
        if self.is_empty:
            return 0
        return max(len(getattr(self, name)) for name in self.COUNT_FIELDS)

    def broadcast_mismatches(self) -> dict[str, int]:
        """Broadcast lists whose length is neither 1 nor :attr:`dataset_count`."""
        n = self.dataset_count
        if n == 0:
            return {}
        return {
            name: len(getattr(self, name))
            for name in self.BROADCAST_FIELDS
            if len(getattr(self, name)) not in (1, n)
        }

    def entries(self) -> tuple[DatasetEntry, ...]:
        """The row-wise view of the split, each dataset as the trainer reads it.

        Broadcast lists are repeated; ``mask_file`` and ``use_mask`` are indexed, with
        the trainer's ``False`` past the end of ``use_mask`` and ``''`` past the end of
        ``mask_file`` (the trainer fails there for an ncdb dataset, which validation
        reports). Raises :class:`BroadcastError` when the lists cannot be broadcast; a
        validated config never does.
        """
        n = self.dataset_count
        if n == 0:
            return ()
        if mismatches := self.broadcast_mismatches():
            lengths = {k: len(v) for k, v in self.parallel_lists().items()}
            raise BroadcastError(n, lengths | mismatches)
        rows = {
            k: v * n if len(v) == 1 else v
            for k in self.BROADCAST_FIELDS
            for v in [list(getattr(self, k))]
        }
        return tuple(
            DatasetEntry(
                index=i,
                dataset=rows["dataset"][i],
                path=rows["path"][i],
                split=rows["split"][i],
                depth_type=rows["depth_type"][i],
                input_depth_type=rows["input_depth_type"][i],
                cameras=tuple(rows["cameras"][i]),
                mask_file=self.mask_file[i] if i < len(self.mask_file) else "",
                use_mask=self.use_mask[i] if i < len(self.use_mask) else False,
                repeat=rows["repeat"][i] if "repeat" in rows else 1,
            )
            for i in range(n)
        )


@section
class TrainSplitConfig(SplitConfig):
    BROADCAST_FIELDS: ClassVar[tuple[str, ...]] = (*SplitConfig.BROADCAST_FIELDS, "repeat")
    PARALLEL_FIELDS: ClassVar[tuple[str, ...]] = (*SplitConfig.PARALLEL_FIELDS, "repeat")

    batch_size: PositiveInt = 2
    num_workers: NonNegativeInt = 16
    back_context: NonNegativeInt = 1
    forward_context: NonNegativeInt = 1
    repeat: list[PositiveInt] = field(default_factory=lambda: [1])


@section
class ValidationSplitConfig(SplitConfig):
    pass


@section
class TestSplitConfig(SplitConfig):
    __test__: ClassVar[bool] = False  # not a pytest test class


@section
class DatasetsConfig:
    augmentation: AugmentationConfig = field(default_factory=AugmentationConfig)
    train: TrainSplitConfig = field(default_factory=TrainSplitConfig)
    validation: ValidationSplitConfig = field(default_factory=ValidationSplitConfig)
    test: TestSplitConfig = field(default_factory=TestSplitConfig)
