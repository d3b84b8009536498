"""Every cross-field rule, one module per concern; importing this package registers them."""

from depthconf.validation.rules import (
    checkpoint,
    datasets,
    ignored,
    losses,
    model,
    monitor,
    networks,
    optim,
    params,
    run,
)

__all__ = [
    "checkpoint",
    "datasets",
    "ignored",
    "losses",
    "model",
    "monitor",
    "networks",
    "optim",
    "params",
    "run",
]
