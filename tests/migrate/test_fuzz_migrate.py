"""Property test: migrate never ends in a traceback, and never changes a value silently.

Random legacy-shaped documents (real key paths with plausibly typed values, plus
junk) are migrated; whatever they hold, the migration reports instead of crashing,
every key with no place in the schema is kept as a comment, and the composed
experiment reproduces every legacy value it does not report.

"Reproduces" is judged by the fidelity test's own comparison (``differences`` in
tests/migrate/test_fidelity.py: the legacy loader's values against the composed
experiment, key by key after broadcasting), not by migrate's self-check: a value that
differs must be one of the documented intentional changes, or be named by an error.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings

from depthconf.findings import Code
from depthconf.legacy import MigrationResult, migrate
from tests.legacy.test_fuzz import documents
from tests.migrate.test_fidelity import INTENTIONAL, differences

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@SETTINGS
@given(documents())
# Found by this property: a mapping inside a list crashed the writer instead of
# being written as given and refused by the crop-border rule.
@example(document={"datasets": {"augmentation": {"crop_eval_borders": [{}]}}})
@example(document={"checkpoint": {"filepath": None}})
@example(document={"name": None})
def test_migrate_reports_instead_of_crashing(document: dict[Any, Any]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory, "train_fuzz.yaml")
        path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
        result = migrate(path)
    if result.status == "unreadable":
        assert result.text is None and result.errors
        return
    assert result.text is not None
    assert isinstance(yaml.safe_load(result.text), dict)
    assert result.errors or result.config is not None
    codes = [v.code for v in result.errors]
    assert "migration_mismatch" not in codes, [v.render() for v in result.errors]
    if result.composed is not None:
        assert result.legacy is not None
        for key, (old, new) in differences(result).items():
            if key in INTENTIONAL and INTENTIONAL[key][1](result.legacy, result, old, new):
                continue
            assert _reported(key, result), f"{key}: legacy {old!r} silently became {new!r}"
    assert result.legacy is not None
    kept = {entry.key: entry for entry in result.not_migrated}
    for problem in result.legacy.problems:
        if problem.code is Code.legacy_unknown_key:
            assert problem.path in kept
            assert kept[problem.path].comment() in result.text.splitlines()


def _reported(key: str, result: MigrationResult) -> bool:
    """An error names ``key``, an element of it (``key[0]``) or a section holding it."""
    for violation in result.errors:
        for part in violation.path.split(", "):
            path = part.split(" (")[0]
            if path == key or path.startswith((f"{key}[", f"{key}.")) or key.startswith(f"{path}."):
                return True
    return False
