"""Field-level errors from pydantic, translated into located violations with a fix."""

from __future__ import annotations

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from depthconf.schema import field_info, section_fields
from depthconf.validation._violation import Violation, closest, did_you_mean, show

_BOUNDS = {
    "greater_than_equal": (">=", "ge"),
    "greater_than": (">", "gt"),
    "less_than_equal": ("<=", "le"),
    "less_than": ("<", "lt"),
}


def format_path(loc: tuple[int | str, ...]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def _translate(error: ErrorDetails) -> Violation:
    loc = tuple(error["loc"])
    path = format_path(loc)
    kind = error["type"]
    value = show(error.get("input"))
    ctx = error.get("ctx") or {}
    if kind in ("unexpected_keyword_argument", "extra_forbidden"):
        known = section_fields(loc[:-1])
        match = closest(str(loc[-1]), known)
        hint = did_you_mean(str(loc[-1]), known)
        parent = format_path(loc[:-1]) or "the top level"
        return Violation(
            path,
            value,
            f"{parent} has no key {loc[-1]!r}{hint}",
            f"remove {path}" + (f" or write {match!r} instead" if match else ""),
            "unknown_key",
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
        return Violation(path, value, rule, fix, kind)
    if kind == "missing":
        return Violation(path, "missing", "a required value is missing", f"set {path}", kind)
    rule = error["msg"] + (f": {why}" if why and kind == "enum" else "")
    # a custom error may carry its own fix (schema validators: PydanticCustomError context)
    fix = str(ctx.get("fix") or f"set {path} to a valid value")
    return Violation(path, value, rule, fix, kind)


def field_violations(error: ValidationError) -> list[Violation]:
    return [_translate(e) for e in error.errors()]
