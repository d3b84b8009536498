"""Dataset lists against the trainer: kinds, depth types, split files, present splits.

Broadcasting, paths, the image shape and crop borders are judged by their sections
(:mod:`depthconf.schema._rules.datasets`).

The trainer builds every dataset of the three splits at start-up
(packnet_sfm/models/model_wrapper.py:95-135, ``setup_dataset`` :1014-1127), so a
kind, depth type or split file it cannot load stops the run before the first step,
in the test split too.
"""

from __future__ import annotations

from collections.abc import Iterator

from depthconf.findings import Code, Violation, at, closest, did_you_mean, show
from depthconf.schema import DatasetEntry, SplitConfig, TrainConfig
from depthconf.trainer import TrainerProfile, profile_of
from depthconf.validation._registry import rule
from depthconf.validation.rules._choices import trainer_choice, trainer_fails
from depthconf.validation.rules._data import item, override_list, splits, unique


def _kind(path: str, kind: str, profile: TrainerProfile) -> Iterator[Violation]:
    """D1: packnet_sfm/models/model_wrapper.py:1108-1109 (no branch: TypeError at start-up)."""
    kinds = profile.dataset_kinds
    if kind in kinds:
        yield from trainer_choice(path, kind, kinds, "dataset kind", profile)
        return
    same_letters = [k for k in kinds.works if k.lower() == kind.lower()]
    hint = (
        f" (kinds are case-sensitive: did you mean {same_letters[0]!r}?)"
        if same_letters
        else did_you_mean(kind, kinds.works)
    )
    target = same_letters[0] if same_letters else closest(kind, kinds.works) or kinds.works[0]
    failure = profile.data.unknown_kind
    yield Violation(
        at(path),
        show(kind),
        f"{profile.title} has no dataset kind {kind!r}{hint}: the trainer {failure.sentence()}; "
        f"its kinds are {', '.join(kinds.works)}",
        f"{path}={target}",
        Code.unknown_choice,
    )


def _ncdb(base: str, split: SplitConfig, e: DatasetEntry, p: TrainerProfile) -> Iterator[Violation]:
    """D2, D3 (D4: case and spaces are accepted) and D5 for one ncdb dataset."""
    ncdb = p.data.ncdb
    if ncdb is None:
        return
    path = item(base, split, "depth_type", e.index)
    # packnet_sfm/datasets/ncdb_dataset.py:89, :180 lower-case and strip the name [D4].
    normal = e.depth_type.lower().strip()
    if not e.depth_type:  # D2: '' is not None (ncdb_dataset.py:178-181)
        fixed = [t or ncdb.default_depth_type for t in split.depth_type]
        yield trainer_fails(
            path,
            e.depth_type,
            "an ncdb dataset needs a depth type",
            ncdb.empty_depth_type,
            f"{base}.depth_type={override_list(fixed)} (NcdbDataset's own default; its depth types "
            f"are {', '.join(p.ncdb_depth_types)})",
            Code.ncdb_depth_type,
        )
    elif normal not in p.ncdb_depth_types:  # D3
        target = closest(normal, p.ncdb_depth_types) or ncdb.default_depth_type
        yield trainer_fails(
            path,
            e.depth_type,
            f"{e.depth_type!r} is not an ncdb depth type ({', '.join(p.ncdb_depth_types)})"
            + did_you_mean(normal, p.ncdb_depth_types),
            ncdb.unknown_depth_type,
            f"{path}={target}",
            Code.ncdb_depth_type,
        )
    if not e.split.lower().endswith(ncdb.split_suffix):  # D5: ncdb_dataset.py:261-264
        yield trainer_fails(
            item(base, split, "split", e.index),
            e.split,
            f"an ncdb split file is a JSON list of samples; depthconf cannot read the file, "
            f"so it requires the {ncdb.split_suffix} name the team's splits have (a KITTI "
            ".txt list is not JSON)",
            ncdb.split_format,
            f"point {item(base, split, 'split', e.index)} at the JSON split, e.g. "
            "splits/combined_train.json",
            Code.ncdb_split_format,
        )


def _image(
    base: str, split: SplitConfig, e: DatasetEntry, cfg: TrainConfig, p: TrainerProfile
) -> Iterator[Violation]:
    """D10: packnet_sfm/datasets/image_dataset.py:47-48 asserts no depth type."""
    # The depth type reaches the dataset only when the model asks for ground truth: always
    # in validation and test (model_wrapper.py:75-76), in training for depth readers
    # (model_wrapper.py:1054-1055).
    reads = not base.endswith(".train") or cfg.model.name in p.data.depth_readers
    if e.dataset == "Image" and e.depth_type and reads:
        path = item(base, split, "depth_type", e.index)
        yield trainer_fails(
            path,
            e.depth_type,
            f"dataset {e.index} is an Image dataset, which has no depth maps",
            p.data.image_depth_type,
            f"give dataset {e.index} the depth type '' (a depth_type list with one entry "
            "per dataset), or use a dataset kind with ground truth",
            Code.image_depth_type,
        )


@rule("datasets", "trainer", "model")
def dataset_kinds(cfg: TrainConfig) -> Iterator[Violation]:
    """D1-D5, D10: what the profile's trainer can load, dataset by dataset.

    A split whose lists do not broadcast has no datasets to judge: that is the split's
    own error (:mod:`depthconf.schema._rules.datasets`).
    """
    profile = profile_of(cfg)
    for base, split in splits(cfg):
        if split.broadcast_mismatches():
            continue
        found: list[Violation] = []
        for entry in split.entries():
            found += _kind(item(base, split, "dataset", entry.index), entry.dataset, profile)
            if entry.dataset == "ncdb":
                found += _ncdb(base, split, entry, profile)
            found += _image(base, split, entry, cfg, profile)
        yield from unique(found)


@rule("datasets", "trainer", "checkpoint")
def splits_present(cfg: TrainConfig) -> Iterator[Violation]:
    """D13 (no training dataset) and D12 (no validation dataset).

    Both make the trainer iterate over None when it builds the data loaders
    (packnet_sfm/models/model_wrapper.py:239-240, :254, :1183). With
    ``checkpoint.filepath`` set, an empty validation split already fails the trainer's
    start-up assert (S5), which the checkpoint rules report.
    """
    failure = profile_of(cfg).data.no_dataset
    for name, needed in (("train", True), ("validation", not cfg.checkpoint.filepath)):
        split = getattr(cfg.datasets, name)
        if needed and not split.path:
            yield trainer_fails(
                f"datasets.{name}.path",
                split.path,
                f"a run needs a {name} dataset, and datasets.{name} lists none",
                failure,
                f"datasets.{name}.dataset=[...] datasets.{name}.path=[...] "
                f"datasets.{name}.split=[...], or a dataset=<option> with a {name} split",
                Code(f"no_{name}_dataset"),
            )
