"""``datasets``: augmentation and the three splits, each a set of parallel lists.

A split lists its datasets column-wise, as the legacy trainer does: entry ``i``
of ``dataset``, ``path``, ``split``, ``depth_type``... describes dataset ``i``.
Lists of length 1 are broadcast to the others' length; :meth:`SplitConfig.entries`
gives the broadcast, row-wise view that every consumer should use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any, ClassVar

from pydantic import GetPydanticSchema
from pydantic_core import PydanticCustomError, core_schema

from depthconf.schema._base import NonNegativeInt, PositiveFloat, PositiveInt, Probability, section


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
    image_shape: list[int] = field(default_factory=list)
    jittering: list[float] = field(default_factory=lambda: [0.2, 0.2, 0.2, 0.05])
    crop_train_borders: CropBorders = field(default_factory=list)
    crop_eval_borders: CropBorders = field(default_factory=list)
    randaugment: RandAugmentConfig = field(default_factory=RandAugmentConfig)
    random_erasing: RandomErasingConfig = field(default_factory=RandomErasingConfig)
    mixup: MixupConfig = field(default_factory=MixupConfig)
    cutmix: CutmixConfig = field(default_factory=CutmixConfig)


@dataclass(frozen=True)
class DatasetEntry:
    """One dataset of a split after broadcasting (one row of the parallel lists)."""

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

    # The legacy loader derives the dataset count from these three lists only.
    COUNT_FIELDS: ClassVar[tuple[str, ...]] = ("split", "cameras", "depth_type")
    PARALLEL_FIELDS: ClassVar[tuple[str, ...]] = (
        "dataset",
        "path",
        "split",
        "depth_type",
        "input_depth_type",
        "cameras",
        "mask_file",
        "use_mask",
    )

    batch_size: PositiveInt = 1
    num_workers: NonNegativeInt = 8
    back_context: NonNegativeInt = 0
    forward_context: NonNegativeInt = 0
    dataset: list[str] = field(default_factory=list)
    path: list[str] = field(default_factory=list)
    split: list[str] = field(default_factory=list)
    depth_type: list[str] = field(default_factory=lambda: [""])
    input_depth_type: list[str] = field(default_factory=lambda: [""])
    cameras: list[list[str]] = field(default_factory=lambda: [[]])
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
        """Lists whose length is neither 1 nor :attr:`dataset_count`."""
        n = self.dataset_count
        if n == 0:
            return {}
        return {
            name: len(values)
            for name, values in self.parallel_lists().items()
            if len(values) not in (1, n)
        }

    def entries(self) -> tuple[DatasetEntry, ...]:
        """The broadcast, row-wise view of the split.

        Raises :class:`BroadcastError` when the lists cannot be broadcast; a
        validated config never does.
        """
        n = self.dataset_count
        if n == 0:
            return ()
        columns = self.parallel_lists()
        if mismatches := self.broadcast_mismatches():
            raise BroadcastError(n, {k: len(v) for k, v in columns.items()} | mismatches)
        rows = {k: v * n if len(v) == 1 else v for k, v in columns.items()}
        return tuple(
            DatasetEntry(
                index=i,
                dataset=rows["dataset"][i],
                path=rows["path"][i],
                split=rows["split"][i],
                depth_type=rows["depth_type"][i],
                input_depth_type=rows["input_depth_type"][i],
                cameras=tuple(rows["cameras"][i]),
                mask_file=rows["mask_file"][i],
                use_mask=rows["use_mask"][i],
                repeat=rows["repeat"][i] if "repeat" in rows else 1,
            )
            for i in range(n)
        )


@section
class TrainSplitConfig(SplitConfig):
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
