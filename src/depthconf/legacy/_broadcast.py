"""Legacy dataset-list broadcasting (packnet-sfm ``prep_dataset``), per split.

For each of ``datasets.train`` / ``validation`` / ``test``:

1. if ``path`` is empty the split has no datasets and is left as is;
2. a ``cameras`` value that is not a list of lists is wrapped once
   (``[0]`` -> ``[[0]]``, ``[]`` -> ``[[]]``);
3. ``n = max(len(split), len(cameras), len(depth_type))``;
4. every list the trainer broadcasts (:attr:`SplitConfig.BROADCAST_FIELDS`) of length
   1 is repeated to length ``n``; ``mask_file`` and ``use_mask`` are left as written,
   as the trainer leaves them (trainer.md D6, D7: the schema judges their lengths);
5. a broadcast list whose length is then not ``n`` is a problem (legacy
   ``make_list`` asserts "Wrong list length").

Example:
    >>> from depthconf.legacy._defaults import legacy_defaults
    >>> values = legacy_defaults()
    >>> val = values["datasets"]["validation"]
    >>> val.update(dataset=["KITTI"], path=["/data/KITTI_raw"], split=["s.txt"],
    ...            depth_type=["groundtruth", "groundtruth"], input_depth_type=["velodyne", ""])
    >>> broadcast_datasets(values)
    []
    >>> val["dataset"], val["cameras"]
    (['KITTI', 'KITTI'], [[], []])
"""

from __future__ import annotations

from typing import Any

from depthconf.findings import Code, Violation
from depthconf.legacy._defaults import PER_DATASET_KEYS, SPLITS
from depthconf.legacy._errors import legacy_problem
from depthconf.legacy._values import short_repr, type_name
from depthconf.schema import SplitConfig, TrainSplitConfig, wrap_cameras


def _repeat(entry: Any, n: int) -> list[Any]:
    # one list object per dataset, so that cameras entries are not shared
    return [list(entry) if isinstance(entry, list) else entry for _ in range(n)]


def broadcast_split(section: dict[str, Any], prefix: str) -> list[Violation]:
    """Broadcast one split section in place; return its problems.

    Example:
        >>> s = {"path": ["/a", "/b"], "split": ["x"], "depth_type": [""], "cameras": [[]]}
        >>> [p.path for p in broadcast_split(s, "datasets.test")]
        ['datasets.test.path']
    """
    keys = [key for key in PER_DATASET_KEYS if key in section]

    def problem(key: str, message: str, fix: str) -> Violation:
        path = f"{prefix}.{key}"
        return legacy_problem(path, message, fix, Code.broadcast_length, related=(prefix,))

    not_lists = [key for key in keys if not isinstance(section[key], list)]
    if not_lists:
        return [
            problem(
                key,
                f"is {type_name(section[key])} {short_repr(section[key])}, but it must be a "
                "list with one entry per dataset",
                "write a list, e.g. [''] (one entry is repeated for every dataset)",
            )
            for key in not_lists
        ]
    if len(section["path"]) == 0:
        return []
    section["cameras"] = wrap_cameras(section["cameras"])
    sizes = {key: len(section[key]) for key in SplitConfig.COUNT_FIELDS}
    n = max(sizes.values())
    keys = [key for key in keys if key in TrainSplitConfig.BROADCAST_FIELDS]
    for key in keys:
        if len(section[key]) == 1 and n != 1:
            section[key] = _repeat(section[key][0], n)
    rule = ", ".join(f"len({key})={size}" for key, size in sizes.items())
    return [
        problem(
            key,
            f"has {len(section[key])} entries but the split has {n} dataset(s) "
            f"(n = max({rule})); legacy make_list fails with 'Wrong list length'",
            f"give {key} either 1 entry (repeated for every dataset) or exactly {n}",
        )
        for key in keys
        if len(section[key]) != n
    ]


def broadcast_datasets(values: dict[str, Any]) -> list[Violation]:
    """Broadcast the dataset lists of every split of ``values`` in place."""
    problems: list[Violation] = []
    for split in SPLITS:
        problems += broadcast_split(values["datasets"][split], f"datasets.{split}")
    return problems
