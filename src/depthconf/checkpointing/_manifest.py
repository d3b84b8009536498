"""The keeper's manifest file: strict JSON, always replaced atomically.

It lives in the checkpoint directory as ``.depthconf-checkpoints.json`` and
records every file the keeper wrote (see :mod:`._records`). Non-finite values are
stored as the strings ``"nan"``, ``"inf"``, ``"-inf"`` so the file is strict JSON.
Names are checked to be plain file names, so a tampered manifest cannot point
the keeper outside its directory; anything unexpected raises ManifestError.

>>> m = Manifest(settings=Settings(3, "loss", "min", 1, "{epoch}", False))
>>> decode(encode(m)) == m
True
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any, TypeVar, cast

from depthconf.checkpointing._atomic import TMP_PREFIX, write_atomic
from depthconf.checkpointing._policy import Mode
from depthconf.checkpointing._records import (
    Entry,
    Fingerprint,
    InFlight,
    LastFile,
    Manifest,
    Retired,
    Settings,
)

MANIFEST_NAME = ".depthconf-checkpoints.json"
FORMAT = "depthconf-checkpoints"
VERSION = 1
T = TypeVar("T")


class ManifestError(ValueError):
    """The manifest cannot be read: not JSON, wrong format or version, bad fields."""


def _value_out(value: float | None) -> float | str | None:
    if value is None or math.isfinite(value):
        return value
    return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")


def _json_default(obj: object) -> Any:
    raise TypeError(f"not serialisable: {obj!r}")


def encode(manifest: Manifest) -> bytes:
    """Serialise to strict JSON (UTF-8)."""
    data = asdict(manifest)
    for entry in data["entries"]:
        entry["value"] = _value_out(entry["value"])
    if data["in_flight"] is not None:
        data["in_flight"]["value"] = _value_out(data["in_flight"]["value"])
    doc = {"format": FORMAT, "version": VERSION, **data}
    return json.dumps(doc, indent=1, allow_nan=False, default=_json_default).encode() + b"\n"


def _req(obj: Mapping[str, Any], key: str, kind: type[T] | tuple[type, ...]) -> T:
    if key not in obj:
        raise ManifestError(f"missing field {key!r}")
    value = obj[key]
    if isinstance(value, bool) and kind is int:
        raise ManifestError(f"field {key!r} must be an integer, got {value!r}")
    if not isinstance(value, kind):
        raise ManifestError(f"field {key!r} has the wrong type: {value!r}")
    return cast(T, value)


def _opt(obj: Mapping[str, Any], key: str, read: Callable[[Any], T]) -> T | None:
    value = obj.get(key)
    return None if value is None else read(value)


def _name(value: Any) -> str:
    bad = not isinstance(value, str) or value in ("", ".", "..")
    if bad or "/" in value or "\\" in value or "\0" in value or os.path.basename(value) != value:
        raise ManifestError(f"not a plain file name: {value!r}")
    return cast(str, value)


def _value_in(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, str) and value in ("nan", "inf", "-inf"):
        return float(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    raise ManifestError(f"not a metric value: {value!r}")


def _mapping(value: Any) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ManifestError(f"expected an object, got {value!r}")
    return value


def _fingerprint(value: Any) -> Fingerprint:
    obj = _mapping(value)
    return Fingerprint(_req(obj, "size", int), _req(obj, "mtime_ns", int))


def _string(value: Any) -> str:
    if not isinstance(value, str):
        raise ManifestError(f"expected a string, got {value!r}")
    return value


def _mode(value: Any) -> Mode:
    if value not in ("min", "max"):
        raise ManifestError(f"mode must be 'min' or 'max', got {value!r}")
    return cast(Mode, value)


def _entry(value: Any) -> Entry:
    o = _mapping(value)
    return Entry(
        name=_name(o.get("name")),
        epoch=_req(o, "epoch", int),
        seq=_req(o, "seq", int),
        value=_value_in(o.get("value")),
        fingerprint=_fingerprint(o.get("fingerprint")),
        pending_removal=_req(o, "pending_removal", bool),
    )


def _last(value: Any) -> LastFile:
    o = _mapping(value)
    return LastFile(_name(o.get("name")), _req(o, "epoch", int), _fingerprint(o.get("fingerprint")))


def _in_flight(value: Any) -> InFlight:
    o = _mapping(value)
    tmp = _name(o.get("tmp"))
    if not tmp.startswith(TMP_PREFIX):
        raise ManifestError(f"not a temporary file of the keeper: {tmp!r}")
    return InFlight(
        tmp=tmp,
        epoch=_req(o, "epoch", int),
        seq=_req(o, "seq", int),
        value=_value_in(o.get("value")),
        final_name=_opt(o, "final_name", _name),
        to_last=_req(o, "to_last", bool),
        committed=_req(o, "committed", bool),
        fingerprint=_opt(o, "fingerprint", _fingerprint),
        last_name=_opt(o, "last_name", _name),
    )


def _settings(value: Any) -> Settings:
    o = _mapping(value)
    return Settings(
        save_top_k=_req(o, "save_top_k", int),
        monitor=_opt(o, "monitor", _string),
        mode=_opt(o, "mode", _mode),
        period=_req(o, "period", int),
        filename=_req(o, "filename", str),
        save_last=_req(o, "save_last", bool),
    )


def decode(data: bytes) -> Manifest:
    """Parse and validate; ManifestError on anything unexpected."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ManifestError(f"not valid JSON: {exc}") from exc
    doc = _mapping(doc)
    if doc.get("format") != FORMAT or doc.get("version") != VERSION:
        raise ManifestError(
            f"unknown format/version {doc.get('format')!r}/{doc.get('version')!r} "
            f"(expected {FORMAT!r}/{VERSION})"
        )
    try:
        return Manifest(
            settings=_settings(doc.get("settings")),
            next_seq=_req(doc, "next_seq", int),
            entries=tuple(_entry(e) for e in _req(doc, "entries", list)),
            last=_opt(doc, "last", _last),
            in_flight=_opt(doc, "in_flight", _in_flight),
            retired=tuple(
                Retired(_name(_mapping(r).get("name")), _req(_mapping(r), "reason", str))
                for r in _req(doc, "retired", list)
            ),
        )
    except (TypeError, ValueError) as exc:
        if isinstance(exc, ManifestError):
            raise
        raise ManifestError(str(exc)) from exc


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
