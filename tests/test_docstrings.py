"""The examples in the public docstrings run and say what they show."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "depthconf",
    "depthconf.composition._compose",
    "depthconf.composition._explain",
    "depthconf.composition._filecheck",
    "depthconf.composition._files",
    "depthconf.composition._hydra_compat",
    "depthconf.composition._marks",
    "depthconf.composition._provenance",
    "depthconf.metrics",
    "depthconf.metrics._keys",
    "depthconf.metrics._prefix",
    "depthconf.schema",
    "depthconf.schema._checkpoint",
    "depthconf.schema._model",
    "depthconf.schema._policy",
    "depthconf.schema._rules._engine",
    "depthconf.schema._rules.datasets",
    "depthconf.schema._train",
    "depthconf.schema._vocabulary",
    "depthconf.findings",
    "depthconf.findings._code",
    "depthconf.findings._key",
    "depthconf.findings._location",
    "depthconf.findings._violation",
    "depthconf.validation",
    "depthconf.validation._overrides",
    "depthconf.validation._registry",
    "depthconf.validation._validator",
    "depthconf.validation.rules.monitor",
    "depthconf.checkpointing",
    "depthconf.checkpointing._config",
    "depthconf.checkpointing._keeper",
    "depthconf.checkpointing._policy",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
    assert result.attempted > 0, f"{name} has no examples"
