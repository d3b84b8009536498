"""Only what Hydra raises for the user's config is the user's mistake (COMPOSE_FAILURES)."""

from __future__ import annotations

import pytest

import depthconf
from depthconf.composition import _compose as compose_module
from depthconf.composition import compose_config
from depthconf.validation import ConfigError


def test_a_raw_type_error_of_hydras_override_code_is_the_users_mistake() -> None:
    # Hydra 1.3 lets TypeError through for a delete by index on a list
    # (hydra/_internal/config_loader_impl.py, _apply_overrides_to_config)
    with pytest.raises(ConfigError) as raised:
        compose_config(["experiment=resnet_san_ncdb", "~datasets.train.path.0"])
    assert "list indices must be integers" in raised.value.violations[0].rule


def test_a_bug_in_depthconf_is_not_reported_as_a_config_mistake(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise TypeError("a bug in depthconf")

    # depthconf's own code inside the same try as Hydra's compose, outside Hydra's call
    monkeypatch.setattr(compose_module, "_isolated_hydra", broken)
    with pytest.raises(TypeError, match="a bug in depthconf"):
        depthconf.compose("resnet_san_ncdb", ["checkpoint.save_top_k=oops"])
