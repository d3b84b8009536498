"""What the dataset rules share: the three splits, element paths, logger state."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from depthconf.findings import Violation
from depthconf.schema import SplitConfig, TrainConfig

SPLITS = ("train", "validation", "test")


def splits(cfg: TrainConfig) -> Iterator[tuple[str, SplitConfig]]:
    """``(datasets.<name>, split)`` for the three splits."""
    for name in SPLITS:
        yield f"datasets.{name}", getattr(cfg.datasets, name)


def item(base: str, split: SplitConfig, field: str, index: int) -> str:
    """The path of the list element dataset ``index`` reads: ``[0]`` of a broadcast list.

    >>> from depthconf.schema import ValidationSplitConfig
    >>> split = ValidationSplitConfig(dataset=["KITTI"], path=["/d"], split=["a", "b"])
    >>> item("datasets.validation", split, "path", 1)
    'datasets.validation.path[0]'
    """
    values = getattr(split, field)
    return f"{base}.{field}[{index if len(values) > 1 else 0}]"


def unique(found: Iterable[Violation]) -> Iterator[Violation]:
    """Each (code, path) once: a broadcast entry is judged once, not per dataset."""
    seen: set[tuple[str, str]] = set()
    for violation in found:
        if (violation.code, violation.path) not in seen:
            seen.add((violation.code, violation.path))
            yield violation


def loggers_on(cfg: TrainConfig) -> bool:
    """The trainer builds a logger unless both are dry runs (scripts/core/train.py:53-63)."""
    return not cfg.wandb.dry_run or not cfg.tensorboard.dry_run


def numbered(indices: Iterable[int], noun: str = "dataset") -> str:
    """``dataset 1`` or ``datasets 1, 2 and 4``, for messages.

    >>> numbered([1]), numbered([1, 2, 4])
    ('dataset 1', 'datasets 1, 2 and 4')
    """
    listed = [str(i) for i in indices]
    if len(listed) == 1:
        return f"{noun} {listed[0]}"
    return f"{noun}s {', '.join(listed[:-1])} and {listed[-1]}"


def override_list(values: Iterable[object]) -> str:
    """A list as a command-line override writes it: ``[true,false]``, ``[a.png,'']``.

    >>> override_list([True, False]), override_list(["m.png", ""])
    ('[true,false]', "[m.png,'']")
    """

    def one(value: object) -> str:
        if isinstance(value, bool):
            return str(value).lower()
        return "''" if value == "" else str(value)

    return "[" + ",".join(one(v) for v in values) + "]"
