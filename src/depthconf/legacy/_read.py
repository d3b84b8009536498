"""Read a legacy experiment file into a YAML mapping, or raise :class:`LegacyLoadError`.

Everything that makes a file unreadable as a whole ends here: missing or
unreadable file, bytes that are not UTF-8, YAML syntax errors (with line and
column), an empty document, or a top level that is not a mapping.

Example:
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = pathlib.Path(d, "x.yaml")
    ...     _ = p.write_text("- a\\n- b\\n")
    ...     try:
    ...         read_document(p)
    ...     except LegacyLoadError as err:
    ...         print(err.code)
    legacy_not_a_mapping
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from depthconf.findings import Code
from depthconf.legacy._errors import LegacyLoadError
from depthconf.legacy._values import type_name

_MAPPING_FIX = "write a mapping of sections, e.g. 'model:' / 'datasets:' / 'checkpoint:'"


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise LegacyLoadError(path, "file not found", code=Code.legacy_missing_file) from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise LegacyLoadError(
            path, f"cannot read file: {reason}", code=Code.legacy_unreadable_file
        ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = data[exc.start : exc.start + 1].hex()
        raise LegacyLoadError(
            path,
            f"not valid UTF-8: byte 0x{bad} at line {line}, column {column}",
            fix="re-save the file as UTF-8",
            code=Code.legacy_not_utf8,
            line=line,
            column=column,
        ) from None


def _syntax_error(path: Path, text: str, exc: Exception) -> LegacyLoadError:
    line: int | None = None
    column: int | None = None
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        line, column = exc.problem_mark.line + 1, exc.problem_mark.column + 1
        what = exc.problem or "syntax error"
        if exc.context:
            what = f"{what} ({exc.context})"
    elif isinstance(exc, yaml.reader.ReaderError):
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        what = f"unacceptable character #x{exc.character:04x}"
    elif isinstance(exc, RecursionError):
        what = "the document is nested too deeply"
    else:
        what = f"{type(exc).__name__}: {exc}"
    where = f" at line {line}, column {column}" if line is not None else ""
    return LegacyLoadError(
        path,
        f"invalid YAML{where}: {what}",
        fix="fix the YAML syntax (indentation, brackets, quotes, one document per file)",
        code=Code.legacy_yaml_syntax,
        line=line,
        column=column,
    )


def read_document(path: Path) -> tuple[dict[Any, Any], str]:
    """Return the top-level YAML mapping of ``path`` and the file's text.

    Raises:
        LegacyLoadError: the file is unreadable as a legacy config.
    """
    text = _read_text(path)
    try:
        document = yaml.safe_load(text)
    except Exception as exc:  # YAMLError, bad timestamps (ValueError), RecursionError...
        raise _syntax_error(path, text, exc) from None
    if document is None:
        raise LegacyLoadError(
            path,
            "file is empty (no settings; legacy yacs would silently use all defaults)",
            fix=_MAPPING_FIX,
            code=Code.legacy_empty_file,
        )
    if not isinstance(document, dict):
        raise LegacyLoadError(
            path,
            f"top level is a {type_name(document)}, not a mapping of config sections",
            fix=_MAPPING_FIX,
            code=Code.legacy_not_a_mapping,
        )
    return document, text
