"""What the trainer's ncdb branch reads and ignores: masks, input depth, context, cameras.

The ncdb branch of ``setup_dataset`` (packnet_sfm/models/model_wrapper.py:1068-1092)
reads ``mask_file[i]`` and ``use_mask[i]`` per dataset, without the broadcasting the
other lists get (:attr:`depthconf.schema.SplitConfig.INDEXED_FIELDS`), and hands
NcdbDataset nothing else of the split: no input depth, no context frames, no cameras.
"""

from __future__ import annotations

from collections.abc import Iterator

from depthconf.findings import Code, Violation, at, show, warning
from depthconf.schema import (
    SplitConfig,
    TestSplitConfig,
    TrainConfig,
    TrainSplitConfig,
    ValidationSplitConfig,
)
from depthconf.trainer import NcdbFacts, profile_of
from depthconf.validation._registry import rule
from depthconf.validation.rules._choices import trainer_fails, trainer_quirk
from depthconf.validation.rules._data import item, numbered, override_list, splits, unique

# The schema's defaults are the trainer's
# (configs/default_config.py:197-198, :215-216, :232-233).
_DEFAULTS: dict[type[SplitConfig], SplitConfig] = {
    kind: kind() for kind in (TrainSplitConfig, ValidationSplitConfig, TestSplitConfig)
}


def _lengths(base: str, split: SplitConfig, ncdb: NcdbFacts) -> Iterator[Violation]:
    """D6 (a short mask_file is an IndexError), D7 (a short use_mask is False), extras."""
    entries = split.entries()
    n = len(entries)
    reading = [e.index for e in entries if e.dataset == "ncdb"]
    masks, flags = split.mask_file, split.use_mask
    missing = [i for i in reading if i >= len(masks)]
    if missing:  # packnet_sfm/models/model_wrapper.py:1087
        full = [masks[i] if i < len(masks) else (masks[-1] if masks else "") for i in range(n)]
        yield trainer_fails(
            f"{base}.mask_file",
            masks,
            f"mask_file has {len(masks)} entries for {n} datasets, none for ncdb "
            f"{numbered(missing)}",
            ncdb.short_mask_file,
            f"{base}.mask_file={override_list(full)} (one entry per dataset; '' for no mask)",
            Code.mask_file_length,
        )
    unset = [i for i in reading if i >= len(flags)]
    if unset and any(flags):  # packnet_sfm/models/model_wrapper.py:1080-1081
        meant = [flags[i] if i < len(flags) else flags[-1] for i in range(n)]
        yield trainer_quirk(
            f"{base}.use_mask",
            flags,
            ncdb.short_use_mask,
            f"{base}.use_mask={override_list(meant)} (one entry per dataset)",
            Code.use_mask_length,
        )
    for name, values in (("mask_file", masks), ("use_mask", flags)):
        if len(values) > max(n, 1):
            yield warning(
                at(f"{base}.{name}"),
                show(values),
                f"{name} has {len(values)} entries for {n} dataset(s); the trainer reads "
                f"{name}[i] for dataset i and never the rest "
                "(packnet_sfm/models/model_wrapper.py:1080-1087)",
                f"give {base}.{name} one entry per dataset",
                Code.unread_entries,
            )


def _masks(base: str, split: SplitConfig, ncdb: NcdbFacts) -> Iterator[Violation]:
    """D8: a mask_file masks RGB and GT whatever use_mask says; use_mask alone masks nothing."""
    for e in split.entries():
        if e.dataset != "ncdb":
            continue
        if e.mask_file and not e.use_mask:  # ncdb_dataset.py:235-239, :596-608
            yield trainer_quirk(
                item(base, split, "use_mask", e.index),
                e.use_mask,
                ncdb.mask_regardless,
                f"to train without the mask: {base}.mask_file=[''] (per dataset); to keep it, "
                f"say so: {base}.use_mask=[true]",
                Code.mask_without_use_mask,
            )
        elif e.use_mask and not e.mask_file:  # ncdb_dataset.py:234-235, :559
            yield trainer_quirk(
                item(base, split, "use_mask", e.index),
                e.use_mask,
                ncdb.use_mask_without_file,
                f"name the mask, e.g. {base}.mask_file=[binary_mask.png], or "
                f"{base}.use_mask=[false]",
                Code.use_mask_without_file,
            )


def _not_passed(base: str, split: SplitConfig, ncdb: NcdbFacts) -> Iterator[Violation]:
    """D9: packnet_sfm/models/model_wrapper.py:1083-1092 passes none of these to NcdbDataset."""
    entries = split.entries()
    for e in entries:
        if e.dataset != "ncdb":
            continue
        if e.input_depth_type:
            yield trainer_quirk(
                item(base, split, "input_depth_type", e.index),
                e.input_depth_type,
                ncdb.not_passed,
                f"remove it: give dataset {e.index} the input_depth_type ''",
                Code.ncdb_ignores,
            )
        if e.cameras:
            yield trainer_quirk(
                item(base, split, "cameras", e.index),
                list(e.cameras),
                ncdb.not_passed,
                f"remove it: give dataset {e.index} the cameras [] (a single camera still "
                "names the metric keys, packnet_sfm/utils/logging.py:58-59)",
                Code.ncdb_ignores,
            )
    if entries and all(e.dataset == "ncdb" for e in entries):
        defaults = _DEFAULTS[type(split)]
        for field in ("back_context", "forward_context"):
            value, unset = getattr(split, field), getattr(defaults, field)
            if value != unset:
                yield trainer_quirk(
                    f"{base}.{field}",
                    value,
                    ncdb.not_passed,
                    f"{base}.{field}={unset} (the default; ncdb has no context frames)",
                    Code.ncdb_ignores,
                )


@rule("datasets", "trainer")
def ncdb_masks_and_ignored_keys(cfg: TrainConfig) -> Iterator[Violation]:
    ncdb = profile_of(cfg).data.ncdb
    if ncdb is None:
        return
    for base, split in splits(cfg):
        if split.broadcast_mismatches() or not split.entries():
            continue  # dataset_lists reports the lists
        yield from _lengths(base, split, ncdb)
        yield from unique(_masks(base, split, ncdb))
        yield from unique(_not_passed(base, split, ncdb))
