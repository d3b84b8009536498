"""Where in the config a finding is: a key is a tuple of names and list indices.

Keys are built once, where a finding is made, and rendered as ``a.b[0].c`` only when
a finding is printed; code that needs the parts of a key reads the tuple. A place that
is no config key (a file, a ``# @package`` header, a sweep) is a one-part key holding
its name, rendered as is.

>>> key("datasets.train.split[0]")
('datasets', 'train', 'split', 0)
>>> render(("datasets", "train", "split", 0)), render(("conf/experiment/x.yaml",))
('datasets.train.split[0]', 'conf/experiment/x.yaml')
>>> at("checkpoint.monitor", "checkpoint.mode")
(('checkpoint', 'monitor'), ('checkpoint', 'mode'))
"""

from __future__ import annotations

import functools
import re
from typing import Final

Key = tuple[str | int, ...]

_PART: Final = re.compile(r"([^.\[\]]+)|\[(-?\d+)\]")


@functools.lru_cache(maxsize=4096)
def key(path: str) -> Key:
    """The key a dotted path names: ``'a.b[0].c'`` -> ``('a', 'b', 0, 'c')``."""
    if "," in path or " " in path:
        raise ValueError(f"{path!r} is not one key: give each key to at() on its own")
    return tuple(int(index) if index else name for name, index in _PART.findall(path))


def at(*paths: str) -> tuple[Key, ...]:
    """The keys of dotted paths, each once, in order (one finding about several fields)."""
    if len(paths) == 1:  # most findings are about one key
        return (key(paths[0]),)
    return tuple(dict.fromkeys(map(key, paths)))


def place(name: str) -> Key:
    """A place that is no config key (a file, a header, a group), kept verbatim."""
    return (name,)


def render(parts: Key) -> str:
    """A key as a user writes it: ``a.b[0].c``."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def within(parts: Key, section: Key) -> bool:
    """True when ``parts`` is ``section`` or lies inside it.

    >>> within(("checkpoint", "mode"), ("checkpoint",)), within(("checkpoints",), ("checkpoint",))
    (True, False)
    """
    return parts[: len(section)] == section
