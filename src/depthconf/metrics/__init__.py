"""The metric-key contract: which keys validation returns, and which one is monitored.

One source of truth for key naming, shared by the launch-time validator, the
checkpoint keeper (:func:`depthconf.checkpointing.checkpoint_filename`) and trainers::

    >>> import depthconf
    >>> cfg = depthconf.compose("resnet_san_ncdb_640x384", ["checkpoint=best_3"])
    >>> depthconf.metrics.monitor_key(cfg)
    'ncdb-cls-640x384-combined_val-depth_original-abs_rel_lin'
"""

from depthconf.metrics._contract import (
    METRICS,
    direction_of,
    phrase,
    short_names,
    split_short_name,
)
from depthconf.metrics._keys import (
    DatasetKeys,
    MonitorProblem,
    MonitorResolution,
    emitted_keys,
    monitor_key,
    resolve_monitor,
    returned_keys,
)
from depthconf.metrics._prefix import (
    dataset_prefix,
    ground_truth_hint,
    has_ground_truth,
    prefix_parts,
)

__all__ = [
    "METRICS",
    "DatasetKeys",
    "MonitorProblem",
    "MonitorResolution",
    "dataset_prefix",
    "direction_of",
    "emitted_keys",
    "ground_truth_hint",
    "has_ground_truth",
    "monitor_key",
    "phrase",
    "prefix_parts",
    "resolve_monitor",
    "returned_keys",
    "short_names",
    "split_short_name",
]
