"""The keeper for a validated run config: the one place that reads depthconf's config.

The rest of :mod:`depthconf.checkpointing` takes plain values (a directory, a
``save_top_k``, a monitored key and a :class:`~depthconf.schema.Mode`); this module
turns a :class:`~depthconf.schema.TrainConfig` into them, with the metric-key contract
(:mod:`depthconf.metrics`) naming the monitored key.

>>> import depthconf
>>> cfg = depthconf.compose("resnet_san_ncdb", ["checkpoint=best_3"])
>>> checkpoint_filename(cfg)
'{epoch:02d}_{ncdb-cls-combined_val-depth_original-abs_rel_lin:.3f}'
>>> checkpoint_directory(cfg, Path("/runs/a"))
PosixPath('/runs/a/checkpoints/resnet_san_ncdb')
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from depthconf.checkpointing._filename import default_template
from depthconf.metrics import monitor_key

if TYPE_CHECKING:
    from depthconf.schema import TrainConfig


def checkpoint_directory(cfg: TrainConfig, run_dir: Path | None = None) -> Path:
    """Where a run's checkpoints go: ``<filepath>/<run name>/`` (legacy layout).

    A relative ``checkpoint.filepath`` is resolved against ``run_dir`` (default: the
    current directory). An empty one disables checkpointing: ValueError.
    """
    if not cfg.checkpoint.filepath:
        raise ValueError(
            "checkpoint.filepath is empty, which disables checkpointing for this run; "
            "set checkpoint.filepath to a directory to keep checkpoints"
        )
    base = Path(cfg.checkpoint.filepath).expanduser()
    if not base.is_absolute():
        base = (run_dir if run_dir is not None else Path.cwd()) / base
    return base / cfg.name if cfg.name else base


def checkpoint_filename(cfg: TrainConfig) -> str:
    """The legacy-compatible checkpoint file name template of a validated config.

    ``{epoch:02d}_{<full key>:.3f}`` when a metric is monitored, else ``{epoch:02d}``:
    never a template naming a key that validation will not return (which is how
    one real run named every file ``...-loss=0.000.ckpt``).
    """
    return default_template(monitor_key(cfg))


def keeper_arguments(cfg: TrainConfig) -> dict[str, Any]:
    """The keeper's policy arguments of a validated config (the monitor as its full key)."""
    section = cfg.checkpoint
    return {
        "save_top_k": section.save_top_k,
        "period": section.period,
        "monitor": monitor_key(cfg),
        "mode": section.mode,
        "save_last": section.save_last,
    }
