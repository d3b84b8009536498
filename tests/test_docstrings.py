"""The examples in the public docstrings run and say what they show."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "depthconf",
    "depthconf.composition._compose",
    "depthconf.metrics",
    "depthconf.metrics._keys",
    "depthconf.metrics._prefix",
    "depthconf.schema._checkpoint",
    "depthconf.schema._train",
    "depthconf.validation",
    "depthconf.validation._validator",
    "depthconf.validation._violation",
    "depthconf.checkpointing",
    "depthconf.checkpointing._keeper",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
    assert result.attempted > 0, f"{name} has no examples"
