"""Cross-field rules of the legacy ``prepare_train_config`` (run after broadcasting).

* ``wandb.dry_run: false`` needs a non-empty ``wandb.entity`` and ``wandb.project``
  (each may come from the ``WANDB_ENTITY`` / ``WANDB_PROJECT`` environment variables);
* when ``checkpoint.filepath`` is set, ``checkpoint.monitor_index`` must index an
  existing validation dataset (counted after broadcasting, unlike legacy which
  counted ``len(validation.split)`` before it).

Example:
    >>> from pathlib import Path
    >>> from depthconf.legacy._defaults import legacy_defaults
    >>> values = legacy_defaults()
    >>> values["checkpoint"]["filepath"] = "/data/checkpoints"
    >>> [p.key for p in check_rules(values, Path("e.yaml"))]
    ['checkpoint.monitor_index']
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from depthconf.legacy._broadcast import validation_dataset_count
from depthconf.legacy._errors import LegacyProblem, ProblemCode
from depthconf.legacy._values import short_repr


def _wandb(values: Mapping[str, Any], file: Path, lines: Mapping[str, int]) -> list[LegacyProblem]:
    wandb = values["wandb"]
    if wandb["dry_run"]:
        return []
    problems = []
    for field in ("entity", "project"):
        if wandb[field]:
            continue
        env = f"WANDB_{field.upper()}"
        problems.append(
            LegacyProblem(
                file,
                f"wandb.{field}",
                f"is empty (not set in the file and {env} is not set), but wandb.dry_run is "
                f"{short_repr(wandb['dry_run'])} (logging on); legacy fails with "
                f"'You need a wandb {field}'",
                f"set wandb.{field} in the file or export {env}, or set wandb.dry_run: true",
                code=ProblemCode.WANDB,
                line=lines.get(f"wandb.{field}", lines.get("wandb.dry_run")),
            )
        )
    return problems


def _monitor(
    values: Mapping[str, Any], file: Path, lines: Mapping[str, int]
) -> list[LegacyProblem]:
    checkpoint = values["checkpoint"]
    if checkpoint["filepath"] == "":
        return []
    index = checkpoint["monitor_index"]
    count = validation_dataset_count(values)
    line = lines.get("checkpoint.monitor_index", lines.get("checkpoint.filepath"))
    if type(index) is not int:
        message = f"is {short_repr(index)}, not an integer"
        fix = "set checkpoint.monitor_index to the index of a validation dataset, e.g. 0"
    elif count == 0:
        message = (
            f"is {index}: checkpoint.filepath is set, so checkpoints monitor a metric of "
            f"validation dataset {index}, but there are no validation datasets"
        )
        fix = "add datasets.validation (path, split), or clear checkpoint.filepath"
    elif -count <= index < count:
        return []
    else:
        message = (
            f"is {index} but there are {count} validation dataset(s) after broadcasting; "
            "legacy fails with 'You need to monitor a valid dataset'"
        )
        fix = f"use an index between 0 and {count - 1}"
    return [
        LegacyProblem(
            file,
            "checkpoint.monitor_index",
            message,
            fix,
            code=ProblemCode.MONITOR_INDEX,
            line=line,
        )
    ]


def check_rules(
    values: Mapping[str, Any], file: Path, lines: Mapping[str, int] | None = None
) -> list[LegacyProblem]:
    """Return the wandb and monitor-index problems of a merged, broadcast config."""
    lines = lines or {}
    return _wandb(values, file, lines) + _monitor(values, file, lines)
