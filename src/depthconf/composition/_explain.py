"""``depthconf explain``: the value of a key and every source that set it, in order.

For a leaf, the chain runs from the schema default through the group options and
the experiment to the command line, each with its ``file:line``; for a section,
one chain per leaf. The last source is the one whose value the config holds.

>>> e = explain("checkpoint.save_top_k", ["experiment=resnet_san_ncdb", "checkpoint=best_3",
...                                       "checkpoint.save_top_k=5"])
>>> [s.kind.value for s in e.leaves[0].chain], e.value
(['schema', 'file', 'override'], 5)
>>> e.leaves[0].chain[1].location.describe()
'conf/checkpoint/best_3.yaml:5'
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from omegaconf import DictConfig, ListConfig, OmegaConf
from omegaconf.errors import OmegaConfBaseException

from depthconf.composition._compose import PRIMARY_CONFIG, checked, compose_config, config_loader
from depthconf.composition._diagnose import sources_of
from depthconf.composition._paths import conf_dir
from depthconf.composition._provenance import Sources, key_parts
from depthconf.findings import Code, did_you_mean, place
from depthconf.validation import ConfigError, Provenance, Violation


@dataclass(frozen=True)
class Explanation:
    """The final ``value`` of ``key`` (plain data, interpolations resolved where they
    resolve) and the provenance of each leaf under it (one for a leaf key)."""

    key: str
    value: Any
    leaves: tuple[Provenance, ...]
    context: str
    section: bool = False


def _leaves(node: Any, key: str) -> Iterator[str]:
    if isinstance(node, DictConfig) and not node._is_none() and not node._is_missing():
        for child in node:
            name = str(child)
            yield from _leaves(node._get_node(name), f"{key}.{name}" if key else name)
    else:
        yield key


def _plain(node: Any) -> Any:
    if isinstance(node, DictConfig | ListConfig):
        try:
            return OmegaConf.to_container(node, resolve=True, enum_to_str=True)
        except OmegaConfBaseException:  # an interpolation that does not resolve: as written
            return OmegaConf.to_container(node, resolve=False, enum_to_str=True)
    try:
        value = node._dereference_node()._value() if node._is_interpolation() else node._value()
    except OmegaConfBaseException:
        value = node._value()
    return getattr(value, "value", value)


def _unknown_key(key: str, cfg: DictConfig, context: str) -> ConfigError:
    parent, _, leaf = key.rpartition(".")
    node = OmegaConf.select(cfg, parent) if parent else cfg
    known = [str(k) for k in node] if isinstance(node, DictConfig) else []
    return ConfigError(
        [
            Violation(
                (place(key),),
                "(not in the config)",
                f"{parent or 'the config'} has no key {leaf!r}{did_you_mean(leaf, known)}",
                f"name a key of {parent or 'the config'}: {', '.join(known)}"
                if known
                else "name a key of the config (a leaf such as checkpoint.save_top_k, or a "
                "whole section such as checkpoint)",
                Code.unknown_key,
            )
        ],
        context,
    )


def explain_in(key: str, cfg: DictConfig, sources: Sources, context: str = "") -> Explanation:
    """The explanation of ``key`` in a composed config whose sources are ``sources``."""
    node: Any = cfg
    parts = key_parts(key)
    for part in parts:
        node = node._get_node(part) if isinstance(node, DictConfig) and part in node else None
    if node is None or not parts:
        raise _unknown_key(".".join(parts) or key, cfg, context)
    key = ".".join(parts)  # a list element is explained as its list
    leaves = tuple(sources.provenance(leaf) for leaf in _leaves(node, key))
    return Explanation(key, _plain(node), leaves, context, isinstance(node, DictConfig))


def explain(
    key: str,
    overrides: Sequence[str] = (),
    *,
    config_name: str = PRIMARY_CONFIG,
    config_dir: Path | None = None,
) -> Explanation:
    """Explain ``key`` in the config ``overrides`` compose to.

    Raises:
        ConfigError: the config does not compose (every mistake, located, as ``depthconf
            check`` reports it), or it has no key ``key``.
    """
    directory = config_dir or conf_dir()
    try:
        composed = compose_config(overrides, config_name=config_name, config_dir=directory)
    except ConfigError:
        report = checked(overrides, config_name=config_name, config_dir=directory)
        raise ConfigError(report.errors, report.context) from None
    with config_loader(directory) as loader:
        sources = sources_of(loader, config_name, overrides)
    assert sources is not None  # compose_config's loader is Hydra's own
    return explain_in(key, composed.config, sources, composed.describe())
