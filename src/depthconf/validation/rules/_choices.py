"""The shared shape of "value must be one of these names" findings."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from depthconf.validation._violation import Violation, closest, did_you_mean, show


def one_of(
    path: str, value: str, allowed: Sequence[str], what: str, *, code: str = "unknown_choice"
) -> Iterator[Violation]:
    """Yield a violation unless ``value`` is in ``allowed``."""
    if value in allowed:
        return
    listed = ", ".join(repr(a) if a == "" else a for a in allowed)
    named = [a for a in allowed if a]
    hint = did_you_mean(value, named)
    target = closest(value, named) or (named[0] if named else "")
    yield Violation(
        path=path,
        value=show(value),
        rule=f"{what} must be one of: {listed}{hint}",
        fix=f"{path}={target}",
        code=code,
    )
