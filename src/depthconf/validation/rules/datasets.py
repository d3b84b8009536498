"""Dataset lists: broadcasting, kinds, paths, shapes and crops."""

from __future__ import annotations

from collections.abc import Iterator

from depthconf.schema import SplitConfig, TrainConfig
from depthconf.trainer import profile_of
from depthconf.validation._registry import rule
from depthconf.validation._violation import Violation, show
from depthconf.validation.rules._choices import one_of, trainer_choice

SPLITS = ("train", "validation", "test")


def _splits(cfg: TrainConfig) -> Iterator[tuple[str, SplitConfig]]:
    for name in SPLITS:
        yield f"datasets.{name}", getattr(cfg.datasets, name)


def _broadcast(base: str, split: SplitConfig) -> Iterator[Violation]:
    mismatches = split.broadcast_mismatches()
    if not mismatches:
        return
    n = split.dataset_count
    counted = ", ".join(f"{f}={len(getattr(split, f))}" for f in SplitConfig.COUNT_FIELDS)
    for field, length in mismatches.items():
        if field in ("path", "dataset") and length == 0:
            other = "dataset" if field == "path" else "path"
            rule = f"every listed dataset needs a {field}; {other} lists {n} but {field} none"
        else:
            rule = (
                f"parallel dataset lists must have 1 entry (used for every dataset) or one "
                f"per dataset; {counted} define {n} dataset(s), but {field} has {length}"
            )
        yield Violation(
            path=f"{base}.{field}",
            value=show(getattr(split, field)),
            rule=rule,
            fix=f"give {base}.{field} 1 or {n} entries"
            + (f", or list {length} datasets in split/depth_type" if length > n else ""),
            code="broadcast_length",
        )


@rule("datasets", "trainer")
def dataset_lists(cfg: TrainConfig) -> Iterator[Violation]:
    profile = profile_of(cfg)
    for base, split in _splits(cfg):
        problems = list(_broadcast(base, split))
        yield from problems
        if problems:
            continue
        for entry in split.entries():
            yield from trainer_choice(
                f"{base}.dataset[{entry.index}]",
                entry.dataset,
                profile.dataset_kinds,
                "dataset kind",
                profile,
            )
            if not entry.path:
                yield Violation(
                    f"{base}.path[{entry.index}]",
                    show(entry.path),
                    "every listed dataset needs a non-empty path",
                    f"{base}.path=[/path/to/{entry.dataset or 'data'}]",
                    "empty_path",
                )
            if entry.dataset == "ncdb" and entry.depth_type:
                yield from one_of(
                    f"{base}.depth_type[{entry.index}]",
                    entry.depth_type,
                    ("", *profile.ncdb_depth_types),
                    "an ncdb depth_type",
                )


@rule("datasets")
def image_shape_and_crops(cfg: TrainConfig) -> Iterator[Violation]:
    aug = cfg.datasets.augmentation
    shape = aug.image_shape
    if shape and (len(shape) != 2 or any(v <= 0 for v in shape)):
        yield Violation(
            "datasets.augmentation.image_shape",
            show(shape),
            "image_shape is empty (keep the input size) or two positive integers [height, width]",
            "datasets.augmentation.image_shape=[384,640] or datasets.augmentation.image_shape=[]",
            "image_shape",
        )
    # crop borders: rules/crops.py
