"""Checkpoint file names: rendering the template and choosing a free name.

Templates use PyTorch Lightning's style: every ``{name:spec}`` field renders as
``name=<value formatted with spec>``; text outside fields is kept; ``.ckpt`` is
appended. Field names are ``epoch`` or metric keys, and may contain characters
``str.format`` would choke on (``-``, ``.``, ``/``). Path separators in the
result become ``_`` and a leading ``.`` becomes ``_`` (dot-names are reserved
for the keeper's manifest and temporary files).

>>> render_stem("{epoch:02d}_{val-abs_rel:.3f}", {"epoch": 7, "val-abs_rel": 0.1234})
'epoch=07_val-abs_rel=0.123'
>>> list(candidate_names("epoch=07"))[:3]
['epoch=07.ckpt', 'epoch=07-v1.ckpt', 'epoch=07-v2.ckpt']
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator, Mapping

SUFFIX = ".ckpt"
LAST_STEM = "last"
MAX_VERSIONS = 99
RANDOM_TRIES = 3
_MAX_STEM_BYTES = 200
_FIELD = re.compile(r"\{([^{}:]+)(?::([^{}]*))?\}")


def default_template(monitor: str | None) -> str:
    """The legacy template: ``{epoch:02d}_{<monitor>:.3f}``, or ``{epoch:02d}``.

    >>> default_template("loss"), default_template(None)
    ('{epoch:02d}_{loss:.3f}', '{epoch:02d}')
    """
    return "{epoch:02d}" if monitor is None else "{epoch:02d}_{" + monitor + ":.3f}"


def template_fields(template: str) -> tuple[str, ...]:
    """The field names of ``template``, in order.

    >>> template_fields("{epoch:02d}_{a-b:.3f}")
    ('epoch', 'a-b')
    """
    return tuple(m.group(1) for m in _FIELD.finditer(template))


def validate_template(template: str) -> None:
    """Raise ValueError if ``template`` cannot render (stray braces, bad spec)."""
    if not template.strip():
        raise ValueError("filename template must not be empty")
    dummy: dict[str, float | int] = {
        name: 0 if name == "epoch" else 0.0 for name in template_fields(template)
    }
    try:
        render_stem(template, dummy)
    except (ValueError, KeyError) as exc:
        raise ValueError(f"invalid checkpoint filename template {template!r}: {exc}") from exc


def render_stem(template: str, values: Mapping[str, float | int]) -> str:
    """Render ``template`` (without the ``.ckpt`` suffix). Missing names raise KeyError."""

    def field(match: re.Match[str]) -> str:
        name, spec = match.group(1), match.group(2) or ""
        return f"{name}={format(values[name], spec)}"

    stem = _FIELD.sub(field, template)
    if "{" in stem or "}" in stem:
        raise ValueError("unbalanced or empty '{}' field")
    return _sanitize(stem)


def _sanitize(stem: str) -> str:
    stem = stem.replace("/", "_").replace("\\", "_").replace("\0", "_").strip()
    if stem.endswith(SUFFIX):
        stem = stem[: -len(SUFFIX)]
    if stem.startswith("."):
        stem = "_" + stem[1:]
    if not stem:
        stem = "checkpoint"
    while len(stem.encode()) > _MAX_STEM_BYTES:
        stem = stem[:-1]
    return stem


def candidate_names(stem: str) -> Iterator[str]:
    """Names to try, in order: ``stem.ckpt``, ``stem-v1.ckpt`` ... ``-v99``, then random.

    Finite (103 names), so choosing a free name always ends.
    """
    yield stem + SUFFIX
    for version in range(1, MAX_VERSIONS + 1):
        yield f"{stem}-v{version}{SUFFIX}"
    for _ in range(RANDOM_TRIES):
        yield f"{stem}-{uuid.uuid4().hex[:12]}{SUFFIX}"
