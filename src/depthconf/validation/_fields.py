"""Field-level errors from pydantic, translated into located violations with a fix.

A section rule's error (raised by a section constructed outside the validator, in a
Hydra composition say) carries its own :class:`Violation` (``ctx["depthconf"]``) and
is reported as it is.
"""

from __future__ import annotations

from enum import Enum

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from depthconf.findings import (
    Code,
    Key,
    Violation,
    closest,
    did_you_mean,
    missing_value,
    render,
    show,
)
from depthconf.schema import field_info, section_fields
from depthconf.schema._introspect import field_type

_BOUNDS = {
    "greater_than_equal": (">=", "ge"),
    "greater_than": (">", "gt"),
    "less_than_equal": ("<=", "le"),
    "less_than": ("<", "lt"),
}


def _choices(loc: Key) -> list[str]:
    kind = field_type(loc)
    return [str(m.value) for m in kind] if isinstance(kind, type) and issubclass(kind, Enum) else []


def _translate(error: ErrorDetails, at: Key) -> Violation:
    loc: Key = (*at, *error["loc"])
    path = render(loc)
    kind = error["type"]
    value = show(error.get("input"))
    ctx = error.get("ctx") or {}
    if isinstance(found := ctx.get("depthconf"), Violation):
        return found
    if kind in ("unexpected_keyword_argument", "extra_forbidden"):
        known = section_fields(loc[:-1])
        match = closest(str(loc[-1]), known)
        hint = did_you_mean(str(loc[-1]), known)
        parent = render(loc[:-1]) or "the top level"
        return Violation(
            (loc,),
            value,
            f"{parent} has no key {loc[-1]!r}{hint}",
            f"remove {path}" + (f" or write {match!r} instead" if match else ""),
            Code.unknown_key,
        )
    # A bounded or narrowed schema field may say why (description) and what works (examples).
    info = field_info(loc)
    why = info.description if info is not None else None
    if kind in _BOUNDS:
        symbol, name = _BOUNDS[kind]
        bound = ctx.get(name)
        fix = f"set {path} to a value {symbol} {bound}"
        if info is not None and info.examples:
            fix = f"{path}={info.examples[0]}"
        rule = f"must be {symbol} {bound}" + (f": {why}" if why else "")
        return Violation((loc,), value, rule, fix, Code(kind))
    if kind == "missing":
        return missing_value(loc)
    if kind == "enum" and (choices := _choices(loc)):
        # a closed vocabulary of the schema (an Enum field)
        written = str(error.get("input"))
        rule = f"{loc[-1]} must be one of: {', '.join(choices)}{did_you_mean(written, choices)}"
        target = closest(written, choices) or choices[0]
        rule += f": {why}" if why else ""
        return Violation((loc,), value, rule, f"{path}={target}", Code.unknown_choice)
    # a custom field error may carry its own fix (PydanticCustomError context)
    fix = str(ctx.get("fix") or f"set {path} to a valid value")
    code = Code(kind) if kind in Code.__members__ else Code.wrong_type
    return Violation((loc,), value, error["msg"], fix, code)


def field_violations(error: ValidationError, at: Key = ()) -> list[Violation]:
    """Every error of ``error`` as a finding; ``at``: where the validated section sits."""
    return [_translate(e, at) for e in error.errors()]
