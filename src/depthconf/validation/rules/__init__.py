"""Every cross-field rule, one module per concern; importing this package registers them."""

from depthconf.validation.rules import (
    augmentation,
    checkpoint,
    datasets,
    ground_truth,
    ignored,
    losses,
    model,
    monitor,
    ncdb,
    networks,
    optim,
    params,
    run,
    shapes,
)

__all__ = [
    "augmentation",
    "checkpoint",
    "datasets",
    "ground_truth",
    "ignored",
    "losses",
    "model",
    "monitor",
    "ncdb",
    "networks",
    "optim",
    "params",
    "run",
    "shapes",
]
