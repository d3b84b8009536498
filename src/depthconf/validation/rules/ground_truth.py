"""Ground truth where the trainer reads it: in training (D11) and across validation (D14).

Which dataset has ground truth is :func:`depthconf.metrics.has_ground_truth` (ncdb
always, KITTI and DGP with a depth type, Image never), the same reading the metric
keys use.
"""

from __future__ import annotations

from collections.abc import Iterator

from depthconf.findings import Code, Violation
from depthconf.metrics import has_ground_truth
from depthconf.schema import TrainConfig
from depthconf.trainer import profile_of
from depthconf.validation._registry import rule
from depthconf.validation.rules._choices import trainer_fails, trainer_quirk
from depthconf.validation.rules._data import item, numbered, unique


@rule("datasets", "trainer", "model")
def training_ground_truth(cfg: TrainConfig) -> Iterator[Violation]:
    """D11: a supervised model reads batch['depth'] at every step.

    packnet_sfm/models/SemiSupCompletionModel.py:507 (KeyError 'depth' at the first
    step). The training datasets are concatenated (model_wrapper.py:1125) and
    shuffled, so one dataset without ground truth is enough.
    """
    profile = profile_of(cfg)
    data, split = profile.data, cfg.datasets.train
    if cfg.model.name not in data.depth_readers or split.broadcast_mismatches():
        return
    found = []
    for e in split.entries():
        if has_ground_truth(e) or e.dataset not in profile.dataset_kinds:
            continue  # an unknown kind is reported by dataset_lists
        path = item("datasets.train", split, "depth_type", e.index)
        fix = (
            f"give training dataset {e.index} a depth type (e.g. groundtruth for KITTI)"
            if e.dataset in ("KITTI", "DGP")
            else f"train on a dataset with ground truth instead of {e.dataset!r}"
        )
        found.append(
            trainer_fails(
                path,
                e.depth_type,
                f"{cfg.model.name} is trained against ground-truth depth, and training "
                f"dataset {e.index} ({e.dataset} at {e.path!r}) has none",
                data.no_training_ground_truth,
                fix,
                Code.no_ground_truth_in_training,
            )
        )
    yield from unique(found)


@rule("datasets", "trainer", "checkpoint")
def validation_ground_truth(cfg: TrainConfig) -> Iterator[Violation]:
    """D14: metric names come from validation dataset 0 (packnet_sfm/utils/reduce.py:53).

    Dataset 0 with ground truth and a later one without: KeyError 'depth' at the end
    of the first validation (reduce.py:74), an error. Dataset 0 without and a later one
    with: no metric at all is emitted, silently; that is an error only when the keeper
    ranks checkpoints by a metric (``save_top_k`` other than -1 with a ``filepath``:
    'Checkpoint metric is not available' at the first save, model_checkpoint.py:133-134).
    """
    profile = profile_of(cfg)
    data, split = profile.data, cfg.datasets.validation
    if split.broadcast_mismatches():
        return
    entries = split.entries()
    if any(e.dataset not in profile.dataset_kinds for e in entries):
        return  # an unknown kind is reported by dataset_lists
    gt = [has_ground_truth(e) for e in entries]
    if not entries or all(gt) or not any(gt):
        return
    without = [e.index for e, has in zip(entries, gt, strict=True) if not has]
    with_gt = [e.index for e, has in zip(entries, gt, strict=True) if has]
    path = "datasets.validation.depth_type"
    value = split.depth_type
    fix = (
        "validate only on datasets with ground truth (give each a depth type), or put the "
        "ones without into a run of their own"
    )
    if gt[0]:
        yield trainer_fails(
            path,
            value,
            f"validation dataset 0 has ground truth, unlike {numbered(without)}",
            data.metric_names.mixed,
            fix,
            Code.mixed_ground_truth,
        )
    elif cfg.checkpoint.filepath and cfg.checkpoint.save_top_k != -1:
        yield trainer_fails(
            path,
            value,
            f"validation dataset 0 has no ground truth, unlike {numbered(with_gt)}",
            data.metric_names.none_ranked,
            fix,
            Code.mixed_ground_truth,
        )
    else:
        yield trainer_quirk(
            path,
            value,
            data.metric_names.none,
            fix,
            Code.no_validation_metrics,
        )
