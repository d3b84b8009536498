"""Cross-field asserts of the trainer's ``prepare_train_config``, run *before* broadcasting.

The trainer (packnet_sfm/utils/config.py:239-245) asserts, before it broadcasts the
dataset lists (:248-250):

* ``wandb.dry_run: false`` needs a non-empty ``wandb.entity`` and ``wandb.project``
  (each may come from the ``WANDB_ENTITY`` / ``WANDB_PROJECT`` environment variables);
* when ``checkpoint.filepath`` is set, ``checkpoint.monitor_index`` must be below
  ``len(datasets.validation.split)`` as the file writes it: one split entry and two
  depth types make two datasets after broadcasting, but ``monitor_index: 1`` still
  fails (trainer.md S6). depthconf follows the trainer here.

Example:
    >>> from depthconf.legacy._defaults import legacy_defaults
    >>> values = legacy_defaults()
    >>> values["checkpoint"]["filepath"] = "/data/checkpoints"
    >>> [p.path for p in check_rules(values)]
    ['checkpoint.monitor_index']
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from depthconf.findings import Code, Violation
from depthconf.legacy._errors import legacy_problem
from depthconf.legacy._values import short_repr


def _wandb(values: Mapping[str, Any]) -> list[Violation]:
    wandb = values["wandb"]
    if wandb["dry_run"]:
        return []
    problems = []
    for field in ("entity", "project"):
        if wandb[field]:
            continue
        env = f"WANDB_{field.upper()}"
        problems.append(
            legacy_problem(
                f"wandb.{field}",
                f"is empty (not set in the file and {env} is not set), but wandb.dry_run is "
                f"{short_repr(wandb['dry_run'])} (logging on); legacy fails with "
                f"'You need a wandb {field}'",
                f"set wandb.{field} in the file or export {env}, or set wandb.dry_run: true",
                Code.wandb_destination,
                related=("wandb.dry_run",),
            )
        )
    return problems


def _count_after_broadcasting(section: Mapping[str, Any]) -> int:
    """How many datasets the trainer's ``prep_dataset`` makes (packnet_sfm/utils/config.py:34)."""
    cameras = section["cameras"]
    wrapped = 1 if not cameras or not isinstance(cameras[0], list) else len(cameras)
    return max(len(section["split"]), wrapped, len(section["depth_type"]))


def _monitor(values: Mapping[str, Any]) -> list[Violation]:
    checkpoint = values["checkpoint"]
    if checkpoint["filepath"] == "":
        return []
    index = checkpoint["monitor_index"]
    section = values["datasets"]["validation"]
    columns = [section[key] for key in ("path", "split", "cameras", "depth_type")]
    if not all(isinstance(column, list) for column in columns):
        return []  # not lists: the broadcast step reports them
    count = len(section["split"])  # before broadcasting, as the trainer counts (:243-245)
    fails = "the trainer fails at start-up with 'You need to monitor a valid dataset'"
    if type(index) is not int:
        message = f"is {short_repr(index)}, not an integer"
        fix = "set checkpoint.monitor_index to the index of a validation dataset, e.g. 0"
    elif index < count:
        return []  # a negative index passes the trainer's assert; the schema refuses it
    elif count == 0:
        message = (
            f"is {index}: checkpoint.filepath is set, so checkpoints monitor a metric of "
            f"validation dataset {index}, but datasets.validation.split is empty; {fails} "
            "(packnet_sfm/utils/config.py:243-245)"
        )
        fix = "add datasets.validation (dataset, path, split), or clear checkpoint.filepath"
    elif section["path"] and index < (n := _count_after_broadcasting(section)):
        message = (
            f"is {index}, but datasets.validation.split lists {count} entr"
            f"{'y' if count == 1 else 'ies'}: the trainer checks monitor_index against "
            "len(datasets.validation.split) before it broadcasts the dataset lists "
            "(packnet_sfm/utils/config.py:243-245, broadcasting at :248), so although the "
            f"lists make {n} validation datasets, {fails}"
        )
        fix = (
            f"list datasets.validation.split once per dataset ({n} entries), or use a "
            f"monitor_index below {count}"
        )
    else:
        message = (
            f"is {index} but datasets.validation.split lists {count} dataset(s); {fails} "
            "(packnet_sfm/utils/config.py:243-245)"
        )
        fix = f"use an index between 0 and {count - 1}"
    return [
        legacy_problem(
            "checkpoint.monitor_index",
            message,
            fix,
            Code.monitor_index_range,
            related=("checkpoint.filepath",),
        )
    ]


def check_rules(values: Mapping[str, Any]) -> list[Violation]:
    """Return the wandb and monitor-index problems of a merged config, not yet broadcast."""
    return _wandb(values) + _monitor(values)
