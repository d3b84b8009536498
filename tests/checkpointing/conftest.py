"""The checkpointing tests run as a single, rank-less process, whatever launched pytest."""

from __future__ import annotations

import pytest

from depthconf.checkpointing import RANK_VARIABLES


@pytest.fixture(autouse=True)
def _no_launcher_rank(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in RANK_VARIABLES:
        monkeypatch.delenv(name, raising=False)
