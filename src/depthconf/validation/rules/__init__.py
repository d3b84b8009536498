"""Every cross-field rule, one module per concern; importing this package registers them."""

from depthconf.validation.rules import checkpoint, crops, datasets, ignored, model, monitor, run

__all__ = ["checkpoint", "crops", "datasets", "ignored", "model", "monitor", "run"]
