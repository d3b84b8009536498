"""Every module of the checkpointing package has docstring examples, and they run.

``tests/test_docstrings.py`` lists public modules by hand; here every private
module of the package is included too, with the same check.
"""

from __future__ import annotations

import pkgutil

import pytest

import depthconf.checkpointing as package
from tests.test_docstrings import test_docstring_examples as examples_run

MODULES = [package.__name__] + [
    f"{package.__name__}.{info.name}" for info in pkgutil.iter_modules(package.__path__)
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    examples_run(name)
