"""yacs value semantics: literal evaluation of strings and the type-compatibility rule.

Mirrors yacs 0.1.8 ``CfgNode._decode_cfg_value`` and
``_check_and_coerce_cfg_value_type``:

* a string is passed through :func:`ast.literal_eval`; if that raises ``ValueError``
  or ``SyntaxError`` the string is kept (yacs crashes on any other exception, we
  report it);
* items inside lists are never decoded;
* the replacement type must equal the default's type exactly (``int`` is not
  accepted for a ``float`` default, ``bool`` not for ``int``), except: ``None``
  replaces anything, anything of a valid leaf type replaces a ``None`` default, and
  list <-> tuple are converted to the default's type.

Example:
    >>> decode_value("(-352, 0, 0.5, 1216)")
    (-352, 0, 0.5, 1216)
    >>> decode_value("sparse-silog")
    'sparse-silog'
    >>> coerce_value([384, 640], ())
    (384, 640)
"""

from __future__ import annotations

import ast
import reprlib
from typing import Any, Final

#: Leaf value types a yacs CfgNode accepts.
VALID_LEAF_TYPES: Final[tuple[type, ...]] = (tuple, list, str, int, float, bool, type(None))


class UndecodableValue(Exception):
    """``ast.literal_eval`` failed with an error yacs does not catch."""


class TypeMismatch(Exception):
    """A replacement value is not compatible with the default's type."""


def decode_value(value: Any) -> Any:
    """Decode a raw YAML value like yacs ``_decode_cfg_value`` (non-dict values).

    Raises:
        UndecodableValue: literal evaluation failed with something other than
            ``ValueError`` / ``SyntaxError`` (yacs would crash with a traceback).

    Example:
        >>> decode_value("1e-4")
        0.0001
        >>> decode_value("/data/my datasets/KITTI raw")
        '/data/my datasets/KITTI raw'
    """
    if not isinstance(value, str):
        return value
    try:
        return ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return value
    except Exception as exc:  # TypeError (unhashable), RecursionError, MemoryError...
        detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        raise UndecodableValue(detail) from None


def coerce_value(replacement: Any, default: Any) -> Any:
    """Return ``replacement`` converted to the default's type, as yacs allows.

    Raises:
        TypeMismatch: the types are incompatible.

    Example:
        >>> coerce_value(None, 0.5) is None
        True
        >>> coerce_value(80, 100.0)
        Traceback (most recent call last):
        ...
        depthconf.legacy._values.TypeMismatch: int vs float
    """
    rtype, dtype = type(replacement), type(default)
    if rtype is dtype:
        return replacement
    if (rtype is type(None) and dtype in VALID_LEAF_TYPES) or (
        dtype is type(None) and rtype in VALID_LEAF_TYPES
    ):
        return replacement
    if rtype is tuple and dtype is list:
        return list(replacement)
    if rtype is list and dtype is tuple:
        return tuple(replacement)
    raise TypeMismatch(f"{type_name(replacement)} vs {type_name(default)}")


def type_name(value: Any) -> str:
    """Short human name of a value's type, as used in messages.

    Example:
        >>> type_name({}), type_name(None), type_name(1.0)
        ('mapping', 'None', 'float')
    """
    if value is None:
        return "None"
    if isinstance(value, dict):
        return "mapping"
    return type(value).__name__


def expected_type(default: Any) -> str:
    """What a replacement for ``default`` must be, for messages.

    Example:
        >>> expected_type(()), expected_type(None)
        ('tuple (a list is converted)', 'str, int, float, bool, list, tuple or None')
    """
    if default is None:
        return "str, int, float, bool, list, tuple or None"
    if isinstance(default, list | tuple):
        other = "tuple" if isinstance(default, list) else "list"
        return f"{type_name(default)} (a {other} is converted)"
    return type_name(default)


_REPR = reprlib.Repr()
_REPR.maxstring = 80
_REPR.maxother = 80
_REPR.maxlist = 8
_REPR.maxtuple = 8
_REPR.maxdict = 6
_REPR.maxlevel = 3


def short_repr(value: Any) -> str:
    """A bounded ``repr`` for messages (safe on huge, deep or self-referencing values).

    Example:
        >>> short_repr(list(range(100)))
        '[0, 1, 2, 3, 4, 5, 6, 7, ...]'
    """
    try:
        return _REPR.repr(value)
    except Exception:  # a value whose __repr__ fails must not break a message
        return f"<{type_name(value)}>"
