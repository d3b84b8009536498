"""Every module of the checkpointing package has docstring examples, and they run."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import depthconf.checkpointing as package

MODULES = [package.__name__] + [
    f"{package.__name__}.{info.name}" for info in pkgutil.iter_modules(package.__path__)
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
    assert result.attempted > 0, f"{name} has no examples"
