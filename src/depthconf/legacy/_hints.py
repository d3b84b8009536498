"""Fix suggestions for legacy problems (unknown keys, wrong value types).

Example:
    >>> unknown_key_fix("model.loss", "ssi_weigth", ["ssi_weight", "silog_weight"])
    'did you mean model.loss.ssi_weight?'
    >>> wrong_type_fix(80, 80, 100.0)
    'write it as a float: 80.0 (yacs does not convert int to float)'
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any, Final

from depthconf.findings import closest
from depthconf.legacy._defaults import legacy_key_paths, legacy_section_paths
from depthconf.legacy._tree import join
from depthconf.legacy._values import short_repr, type_name

#: Keys of upstream packnet-sfm's default_config.py (upstream configs/default_config.py:89-90)
#: that the team's defaults lack. The run-time keys (``config``, ``prepared``...) are in
#: both (configs/default_config.py:289-294): they are known keys, see ``_runtime``.
UPSTREAM_ONLY_KEYS: Final[dict[str, str]] = {
    "model.loss.progressive_scaling": "an upstream packnet-sfm loss option",
    "model.loss.flip_lr_prob": "an upstream packnet-sfm loss option",
}


@functools.cache
def _known_paths() -> frozenset[str]:
    return legacy_key_paths() | legacy_section_paths()


def unknown_key_fix(parent: str, key: str, siblings: Iterable[str]) -> str:
    """Suggest a fix for ``<parent>.<key>``, a key the legacy defaults lack.

    Example:
        >>> unknown_key_fix("", "model.loss.C1", [])
        'dotted keys are not expanded; nest it: model: {loss: {C1: ...}}'
        >>> unknown_key_fix("datasets.train", "image_shape", ["batch_size"])
        'did you mean datasets.augmentation.image_shape? (the key belongs there)'
    """
    full = join(parent, key)
    if full in UPSTREAM_ONLY_KEYS:
        return f"remove it: {UPSTREAM_ONLY_KEYS[full]}, not a field of the team's defaults"
    known = _known_paths()
    if "." in key and full in known:
        nested = "..."
        for part in reversed(key.split(".")):
            nested = f"{{{part}: {nested}}}"
        return f"dotted keys are not expanded; nest it: {nested[1:-1]}"
    close = closest(key, siblings, cutoff=0.75)
    if close is not None:
        return f"did you mean {join(parent, close)}?"
    elsewhere = sorted(p for p in known if p.rsplit(".", 1)[-1] == key)
    if elsewhere:
        return f"did you mean {' or '.join(elsewhere[:3])}? (the key belongs there)"
    return "remove it, or check the spelling against the legacy defaults"


def wrong_type_fix(raw: Any, decoded: Any, default: Any) -> str:
    """Suggest a fix for a value whose type does not match the default's.

    ``raw`` is the value as YAML parsed it, ``decoded`` after literal evaluation.

    Example:
        >>> wrong_type_fix("18", 18, "")
        'yacs evaluates strings as Python literals; quote it twice to keep a string: "\\'18\\'"'
    """
    if isinstance(raw, str) and not isinstance(decoded, str) and isinstance(default, str):
        return (
            f'yacs evaluates strings as Python literals; quote it twice to keep a string: "{raw!r}"'
        )
    if type(decoded) is int and isinstance(default, float):
        return f"write it as a float: {decoded}.0 (yacs does not convert int to float)"
    if type(decoded) is float and type(default) is int and decoded.is_integer():
        return f"write it as an integer: {int(decoded)}"
    if type(default) is bool:
        return "write true or false"
    if isinstance(default, list | tuple) and not isinstance(decoded, dict):
        return f"write a list, e.g. [{short_repr(decoded)}]"
    if isinstance(decoded, dict):
        return f"this key holds a single value, not a section; write e.g. {short_repr(default)}"
    if default is None:
        return "give a plain value (str, int, float, bool, list or tuple), e.g. 'float32'"
    name = type_name(default)
    article = "an" if name[0] in "aeiou" else "a"
    return f"give {article} {name} value, like the default {short_repr(default)}"
