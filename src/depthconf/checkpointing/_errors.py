"""The warning and the error the checkpoint keeper raises.

>>> err = MonitorKeyMissingError("val-abs_rel", ["val-rmse"], epoch=3)
>>> isinstance(err, KeyError)
True
>>> "val-rmse" in str(err)
True
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class CheckpointWarning(UserWarning):
    """Something about the checkpoints deserves attention but does not stop training.

    Raised (as a warning) for a monitored value that is NaN or infinite and for
    every problem found while resuming from a manifest (also kept in
    ``CheckpointKeeper.problems``). Turn them into errors with
    ``warnings.simplefilter("error", CheckpointWarning)``.
    """


class MonitorKeyMissingError(KeyError):
    """A metric the keeper needs is absent from the metrics handed to it.

    A :class:`KeyError` (so ``except KeyError`` keeps working) whose ``str`` is a
    readable sentence rather than a quoted key.
    """

    def __init__(
        self,
        key: str,
        available: Iterable[str],
        *,
        epoch: int | None = None,
        role: str = "monitored metric",
    ) -> None:
        self.key = key
        self.available: tuple[str, ...] = tuple(sorted(available))
        self.epoch = epoch
        self.role = role
        super().__init__(key)

    def __str__(self) -> str:
        when = f" at epoch {self.epoch}" if self.epoch is not None else ""
        present = ", ".join(repr(k) for k in self.available) or "(none)"
        close = difflib.get_close_matches(self.key, self.available, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        return (
            f"The {self.role} {self.key!r} is missing from the validation metrics{when}."
            f"{hint} Metrics present: {present}. Launch-time validation (`depthconf check`) "
            "would have caught this before training started: it checks that "
            "checkpoint.monitor resolves to a key validation actually returns."
        )
