"""Load a legacy experiment YAML with the legacy (yacs + packnet-sfm) semantics.

Example:
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = pathlib.Path(d, "train.yaml")
    ...     text = "datasets:\\n  augmentation:\\n    crop_train_borders: (-352, 0, 0.5, 1216)\\n"
    ...     _ = p.write_text(text)
    ...     cfg = load_legacy(p)
    >>> cfg.ok, cfg.get("datasets.augmentation.crop_train_borders")
    (True, (-352, 0, 0.5, 1216))
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from depthconf.legacy._broadcast import broadcast_datasets
from depthconf.legacy._checks import check_rules
from depthconf.legacy._config import LegacyConfig
from depthconf.legacy._defaults import legacy_defaults
from depthconf.legacy._locate import key_lines, loaded_problem
from depthconf.legacy._merge import merge_document
from depthconf.legacy._read import read_document
from depthconf.legacy._tree import raw_flat


def _build(document: dict[Any, Any], text: str, source: Path) -> LegacyConfig:
    lines = key_lines(text)
    raw = raw_flat(document)  # before merging: the file's own values, as YAML parsed them
    merged = merge_document(document, legacy_defaults())
    problems = list(merged.problems)
    # the trainer asserts before it broadcasts (packnet_sfm/utils/config.py:239-250)
    asserted = check_rules(merged.values)
    problems += broadcast_datasets(merged.values)
    problems += asserted
    return LegacyConfig(
        values=merged.values,
        problems=tuple(loaded_problem(p, source, text, lines, raw) for p in problems),
        source=source,
        declared=merged.declared,
        raw=raw,
        lines=lines,
        text=text,
    )


def load_legacy(path: str | Path) -> LegacyConfig:
    """Merge the experiment file ``path`` onto the legacy defaults.

    Steps, as the trainer does them: YAML -> literal evaluation of strings -> yacs
    type check against the default -> wandb and monitor-index asserts -> dataset-list
    broadcasting. Unlike yacs, every problem is collected in
    :attr:`LegacyConfig.problems` (each a finding at its line of the file) instead of
    stopping at the first.

    Raises:
        LegacyLoadError: the file is missing, unreadable, not UTF-8, not valid YAML,
            empty, or its top level is not a mapping.
    """
    source = Path(path)
    document, text = read_document(source)
    return _build(document, text, source)
