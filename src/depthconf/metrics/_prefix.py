"""Per-dataset key prefixes and which datasets have ground truth."""

from __future__ import annotations

import os

from depthconf.schema import DatasetEntry


def _stem(path: str) -> str:
    return os.path.splitext(os.path.basename(path))[0]


def prefix_parts(entry: DatasetEntry) -> tuple[tuple[str, str], ...]:
    """The parts of a validation dataset's key prefix, each with the field it comes from.

    The basename of ``path`` without extension; then the basename of ``split``
    without extension when the split is set and is no ``{}`` template; then
    ``depth_type`` when set; then the camera when exactly one is named
    (packnet_sfm/utils/logging.py:50-59). ``input_depth_type`` is deliberately not
    part of it (that is the legacy rule, and the reason two datasets can shadow
    each other).

    >>> from depthconf.schema import DatasetEntry
    >>> prefix_parts(DatasetEntry(0, "ncdb", "/data/ncdb-cls", "splits/combined.val.json",
    ...     "", "", (), "", False))
    (('path', 'ncdb-cls'), ('split', 'combined.val'))
    """
    parts = [("path", _stem(entry.path))]
    if entry.split and "{" not in entry.split:
        parts.append(("split", _stem(entry.split)))
    if entry.depth_type:
        parts.append(("depth_type", entry.depth_type))
    if len(entry.cameras) == 1:
        parts.append(("cameras", entry.cameras[0]))
    return tuple(parts)


def dataset_prefix(entry: DatasetEntry) -> str:
    """The prefix of every key a validation dataset emits: its :func:`prefix_parts`, joined.

    >>> from depthconf.schema import DatasetEntry
    >>> dataset_prefix(DatasetEntry(0, "ncdb", "/data/ncdb-cls-640x384", "splits/combined_val.json",
    ...     "depth_original", "", (), "", False))
    'ncdb-cls-640x384-combined_val-depth_original'
    """
    return "-".join(part for _, part in prefix_parts(entry))


def has_ground_truth(entry: DatasetEntry) -> bool:
    """Whether a dataset's batches carry ground-truth depth, as the trainer loads them.

    Image never (packnet_sfm/datasets/image_dataset.py:47-48 refuses a depth type);
    KITTI and DGP only with a depth_type (packnet_sfm/datasets/kitti_dataset_optimized.py:298,
    packnet_sfm/datasets/dgp_dataset.py:105); ncdb always: NcdbDataset loads the depth
    folder of its depth_type for every sample and fails without it
    (packnet_sfm/datasets/ncdb_dataset.py:503-509), and a depth_type that names no
    folder, '' included, stops the trainer at start-up (validation rule ``ncdb_depth_type``).
    """
    if entry.dataset == "ncdb":
        return True
    if entry.dataset in ("KITTI", "DGP"):
        return bool(entry.depth_type)
    return False


def ground_truth_hint(entry: DatasetEntry) -> str:
    """What would give ``entry`` ground truth, for error messages."""
    if entry.dataset in ("KITTI", "DGP"):
        return (
            f"set its depth_type (datasets.validation.depth_type[{entry.index}]), "
            "e.g. groundtruth for KITTI"
        )
    return (
        f"a dataset of kind {entry.dataset!r} never has ground-truth depth: validate on "
        "KITTI or DGP with a depth_type, or on ncdb"
    )
