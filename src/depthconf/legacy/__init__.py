"""The legacy (yacs) side of the bridge: defaults table and a faithful loader.

The team's trainer was configured by ``configs/default_config.py`` (a yacs
``CfgNode``) plus one experiment YAML merged on top. This package reproduces that:

* :func:`legacy_defaults` / :func:`legacy_key_paths`: the defaults table (the trainer's
  ``configs/default_config.py``, with its run-time keys :data:`RUNTIME_ONLY_KEYS`);
* :func:`load_legacy`: merge an experiment file with legacy semantics, collecting
  every problem (a :class:`~depthconf.findings.Violation` at its line of the file) or
  raising :class:`LegacyLoadError` for a file that cannot be read at all;
* :func:`legacy_cfgnode`: the same defaults as a real yacs ``CfgNode`` (tests);
* :func:`migrate` / :func:`migrate_many`: a legacy file as a depthconf experiment
  (:class:`MigrationResult`: the experiment text and every error);
* :func:`to_legacy` / :func:`legacy_yaml`: a validated config for the trainer, unprepared.

Example:
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = pathlib.Path(d, "train.yaml")
    ...     _ = p.write_text("checkpoint:\\n  save_top_k: -1\\n  epochs: 3\\n")
    ...     cfg = load_legacy(p)
    >>> cfg.get("checkpoint.save_top_k"), sorted(cfg.explicit)
    (-1, ['checkpoint.save_top_k'])
    >>> [(p.path, p.code.value, p.location.line) for p in cfg.problems]
    [('checkpoint.epochs', 'legacy_unknown_key', 3)]
"""

from depthconf.legacy._cfgnode import legacy_cfgnode
from depthconf.legacy._config import LegacyConfig
from depthconf.legacy._defaults import (
    PER_DATASET_KEYS,
    RUNTIME_ONLY_KEYS,
    SPLITS,
    legacy_defaults,
    legacy_key_paths,
    legacy_section_paths,
)
from depthconf.legacy._errors import LegacyLoadError
from depthconf.legacy._export import legacy_yaml, to_legacy
from depthconf.legacy._loader import load_legacy
from depthconf.legacy._migrate import MigrationResult, experiment_name, migrate, migrate_many
from depthconf.legacy._writer import NotMigrated

__all__ = [
    "PER_DATASET_KEYS",
    "RUNTIME_ONLY_KEYS",
    "SPLITS",
    "LegacyConfig",
    "LegacyLoadError",
    "MigrationResult",
    "NotMigrated",
    "experiment_name",
    "legacy_cfgnode",
    "legacy_defaults",
    "legacy_key_paths",
    "legacy_section_paths",
    "legacy_yaml",
    "load_legacy",
    "migrate",
    "migrate_many",
    "to_legacy",
]
