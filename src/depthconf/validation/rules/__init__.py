"""Every cross-field rule, one module per concern; importing this package registers them."""

from depthconf.validation.rules import checkpoint, datasets, ignored, model, monitor, run

__all__ = ["checkpoint", "datasets", "ignored", "model", "monitor", "run"]
