"""A real yacs ``CfgNode`` of the legacy defaults, to check compatibility with yacs.

yacs is a test/dev dependency only, so it is imported when the function is called.

Example:
    >>> cfg = legacy_cfgnode()           # doctest: +SKIP
    >>> cfg.merge_from_file("configs/train_resnet_san_kitti.yaml")  # doctest: +SKIP
    >>> cfg.checkpoint.save_top_k        # doctest: +SKIP
    -1
"""

from __future__ import annotations

import importlib
from typing import Any

from depthconf.legacy._defaults import legacy_defaults


def legacy_cfgnode() -> Any:
    """Return a fresh ``yacs.config.CfgNode`` built from :func:`legacy_defaults`.

    Raises:
        ModuleNotFoundError: yacs is not installed (install the ``dev`` extra).
    """
    yacs_config = importlib.import_module("yacs.config")
    return yacs_config.CfgNode(legacy_defaults())
