"""Every finding's full text, pinned: field path, value, rule, fix, code and related keys.

The rule tables (``tests/validation/test_rules.py``, ``tests/trainer/test_facts_*.py``)
say *which* finding a config gets and a few fragments of its text; this test pins all of
it, row by row, against ``message_text.golden``. A finding's text is what the user reads
to fix the config, so a change to it must be deliberate: mutation testing (``make
mutation``) showed that a rule could lose its fix, its related keys or part of its
sentence with every table still green. Only the findings a row adds to its base config
are pinned (the base's own warnings are the base's business). A section built alone
(Python API) reports its own rules' generic fixes, which the validator completes on a
whole config: those are pinned too.

After an intended change of wording, rewrite the golden file and review its diff::

    .venv/bin/python -m tests.validation.test_message_text
"""

from __future__ import annotations

import copy
import difflib
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

import depthconf
from depthconf.schema import CheckpointConfig, to_dict
from depthconf.schema._datasets import AugmentationConfig
from depthconf.schema._model import LossConfig, ModelParamsConfig
from depthconf.schema._run import ArchConfig, WandbConfig
from depthconf.validation import Report, Violation, check
from tests.trainer.facts import Verdict, _new, _report, all_facts
from tests.validation.test_rules import CASES

GOLDEN = Path(__file__).with_name("message_text.golden")


def _dotted(key: Iterable[Any]) -> str:
    return ".".join(str(part) for part in key)


def _text(found: Iterable[Violation]) -> list[str]:
    lines = []
    for v in found:
        related = f" (related: {', '.join(map(_dotted, v.related))})" if v.related else ""
        lines += [
            f"  {v.severity} {v.code} at {', '.join(map(_dotted, v.keys))}{related}",
            f"    value: {v.value}",
            f"    rule: {v.rule}",
            f"    fix: {v.fix}",
        ]
        if v.override:
            lines.append(f"    override: {v.override}")
        if v.detail:
            lines.append(f"    detail: {v.detail}")
    return lines


def _added(after: Report, before: Report) -> list[Violation]:
    return [*_new(after.errors, before.errors), *_new(after.warnings, before.warnings)]


@cache
def _ncdb() -> dict[str, Any]:
    return to_dict(depthconf.compose("resnet_san_ncdb"))


@cache
def _ncdb_report() -> Report:
    return check(copy.deepcopy(_ncdb()))


def _rule_case(bad: Callable[[dict[str, Any]], None]) -> list[str]:
    cfg = copy.deepcopy(_ncdb())
    bad(cfg)
    return _text(_added(check(cfg), _ncdb_report()))


def _fact_row(base: tuple[str, ...], overrides: tuple[str, ...]) -> list[str]:
    return _text(_added(_report((*base, *overrides)), _report(base)))


# sections built alone, each breaking its own rules
ALONE: list[tuple[Callable[..., object], dict[str, Any]]] = [
    (CheckpointConfig, {"monitor": "abs_rel_lin"}),
    (CheckpointConfig, {"save_top_k": 3}),
    (CheckpointConfig, {"save_top_k": 3, "mode": "min", "filepath": "checkpoints"}),
    (CheckpointConfig, {"save_top_k": 3, "monitor": "abs_rel_lin", "filepath": "checkpoints"}),
    (CheckpointConfig, {"save_top_k": 0}),
    (CheckpointConfig, {"save_top_k": -2}),
    (ModelParamsConfig, {"crop": "x"}),
    (ModelParamsConfig, {"min_depth": 10.0, "max_depth": 1.0}),
    (LossConfig, {"automask_loss": True, "photometric_reduce_op": "mean"}),
    (ArchConfig, {"min_epochs": 5, "max_epochs": 2}),
    (WandbConfig, {"dry_run": False}),
    (AugmentationConfig, {"image_shape": [1]}),
]


def _alone(kind: Callable[..., object], values: dict[str, Any]) -> list[str]:
    with pytest.raises(ValidationError) as raised:
        kind(**values)
    lines = []
    for error in raised.value.errors():
        where = ".".join(map(str, error["loc"]))
        lines += [f"  {error['type']} at {where}", f"    value: {error['input']}"]
        lines += [f"    {line.strip()}" for line in str(error["msg"]).splitlines()]
    return lines


def rows() -> list[tuple[str, Callable[[], list[str]]]]:
    """Every table row as (section title, its findings' text)."""
    found: list[tuple[str, Callable[[], list[str]]]] = [
        (f"test_rules: {name}", lambda bad=bad: _rule_case(bad)) for name, _, bad, *_ in CASES
    ]
    found += [
        (
            f"alone: {getattr(kind, '__name__', kind)}({values})",
            lambda k=kind, v=values: _alone(k, v),
        )
        for kind, values in ALONE
    ]
    for module, fact in sorted(all_facts(), key=lambda row: (row[0], row[1].param_id)):
        if fact.verdict is not Verdict.accepted:
            found.append(
                (f"{module}: {fact.param_id}", lambda f=fact: _fact_row(f.base, f.overrides))
            )
    return found


def sections(text: str) -> dict[str, list[str]]:
    """The golden file's sections: ``## title`` and the lines up to the next title."""
    out: dict[str, list[str]] = {}
    lines: list[str] = []
    for line in text.splitlines():
        if line.startswith("## "):
            lines = out.setdefault(line[3:], [])
        else:
            lines.append(line)
    return out


ROWS = rows()
PINNED = sections(GOLDEN.read_text()) if GOLDEN.exists() else {}


def test_the_golden_file_has_a_section_for_every_row_and_no_other() -> None:
    assert sorted(PINNED) == sorted(title for title, _ in ROWS)


@pytest.mark.parametrize(("title", "render"), ROWS, ids=[title for title, _ in ROWS])
def test_the_findings_read_as_pinned(title: str, render: Callable[[], list[str]]) -> None:
    now, pinned = render(), PINNED.get(title)
    assert pinned is not None, f"no section '## {title}' in {GOLDEN.name}"
    if now != pinned:
        diff = "\n".join(difflib.unified_diff(pinned, now, "pinned", "now", lineterm=""))
        pytest.fail(
            f"the text of a finding changed; if intended, rewrite {GOLDEN.name} "
            f"(python -m tests.validation.test_message_text) and review its diff:\n{diff}"
        )


def main(argv: Sequence[str] = ()) -> None:
    text = "".join(
        f"## {title}\n" + "".join(f"{line}\n" for line in render()) for title, render in ROWS
    )
    GOLDEN.write_text(text)
    print(f"wrote {GOLDEN} ({len(ROWS)} rows)")


if __name__ == "__main__":
    main()
