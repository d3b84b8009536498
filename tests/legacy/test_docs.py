"""The docstring examples of depthconf.legacy are correct."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import depthconf.legacy

MODULES = ["depthconf.legacy"] + [
    f"depthconf.legacy.{info.name}" for info in pkgutil.iter_modules(depthconf.legacy.__path__)
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.failed == 0


def test_public_api() -> None:
    assert set(depthconf.legacy.__all__) >= {
        "LegacyConfig",
        "LegacyLoadError",
        "legacy_cfgnode",
        "legacy_defaults",
        "legacy_key_paths",
        "load_legacy",
    }
