"""The keeper's manifest file: strict JSON, always replaced atomically.

It lives in the checkpoint directory as ``.depthconf-checkpoints.json`` and
records every file the keeper wrote (see :mod:`._records`, whose annotations are
the schema): ``{"format": "depthconf-checkpoints", "version": 1, "settings":
{...}, "next_seq": n, "entries": [...], "last": ..., "in_flight": ...,
"retired": [...]}``. Reading is strict (no type coercion, no unknown fields in a
record, names checked to be plain file names); anything unexpected raises
ManifestError, which resuming turns into a fresh record (:mod:`._recovery`).

>>> m = Manifest(settings=Settings(3, "loss", "min", 1, "{epoch}", False))
>>> decode(encode(m)) == m
True
>>> decode(b'{"format": "depthconf-checkpoints", "version": 1, "next_seq": 0}')
Traceback (most recent call last):
...
depthconf.checkpointing._manifest.ManifestError: settings: missing
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from depthconf.checkpointing._atomic import write_atomic
from depthconf.checkpointing._records import Manifest, Settings

__all__ = ["MANIFEST_NAME", "ManifestError", "Settings", "decode", "encode", "load", "store"]

MANIFEST_NAME = ".depthconf-checkpoints.json"
FORMAT = "depthconf-checkpoints"
VERSION = 1
_SHOWN_ERRORS = 3


class ManifestError(ValueError):
    """The manifest cannot be read: not JSON, wrong format or version, bad fields."""


# Any JSON object: its "format" and "version" are checked before the records are read.
_HEADER = TypeAdapter(dict[str, object])
_MANIFEST = TypeAdapter(Manifest)


def _explain(error: ValidationError) -> str:
    """``entries[0].name: not a plain file name: '../x'``: the first few problems, one line."""
    parts = []
    for item in error.errors(include_url=False)[:_SHOWN_ERRORS]:
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in item["loc"])
        cause = item.get("ctx", {}).get("error")
        message = str(cause) if item["type"] == "value_error" and cause else item["msg"]
        message = "missing" if item["type"] == "missing" else message
        parts.append(f"{where.lstrip('.') or 'file'}: {message}")
    more = error.error_count() - _SHOWN_ERRORS
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")


def encode(manifest: Manifest) -> bytes:
    """Serialise to strict JSON (UTF-8), format and version first."""
    doc = {"format": FORMAT, "version": VERSION, **_MANIFEST.dump_python(manifest, mode="json")}
    return json.dumps(doc, indent=1, allow_nan=False).encode() + b"\n"


def decode(data: bytes) -> Manifest:
    """Parse and validate; ManifestError on anything unexpected."""
    try:
        header = _HEADER.validate_json(data)
    except ValidationError as exc:
        raise ManifestError(_explain(exc)) from exc
    if header.get("format") != FORMAT or header.get("version") != VERSION:
        raise ManifestError(
            f"unknown format/version {header.get('format')!r}/{header.get('version')!r} "
            f"(expected {FORMAT!r}/{VERSION})"
        )
    try:
        return _MANIFEST.validate_json(data, strict=True)
    except ValidationError as exc:
        raise ManifestError(_explain(exc)) from exc


def load(directory: Path) -> Manifest | None:
    """The manifest in ``directory``; None if there is none; ManifestError if unreadable."""
    try:
        data = (directory / MANIFEST_NAME).read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ManifestError(f"cannot read: {exc}") from exc
    return decode(data)


def store(directory: Path, manifest: Manifest) -> None:
    """Write the manifest atomically (temporary file, fsync, rename, directory fsync)."""
    write_atomic(directory / MANIFEST_NAME, encode(manifest))
