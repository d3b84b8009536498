"""Trainer facts as table rows: each row is one finding of ``../shared/trainer.md``.

A :class:`Fact` names the fact id, the trainer's file:line (at 208e293) that decides
it, the overrides that reproduce it on a clean base, and what depthconf must say:

* ``error``: the trainer crashes (or hangs) on it, so depthconf refuses it at launch
  with ``code``; the message says when the trainer would fail (``says``);
* ``warning``: the trainer runs but silently does something else; depthconf launches
  and warns with ``code``;
* ``accepted``: the trainer handles it correctly; depthconf adds no finding.

Findings are compared with those of the base alone, so a row tests exactly what its
own overrides add. The overrides must set every triggering value themselves, not rely
on what a bundled experiment happens to contain today.

``python -m tests.trainer.facts`` prints the fact -> verdict -> test table.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from depthconf.composition._compose import checked
from depthconf.validation import Report, Violation


class Verdict(StrEnum):
    error = "error"
    warning = "warning"
    accepted = "accepted"


_NCDB_GT = tuple(
    f"datasets.{split}.depth_type=[depth_original]" for split in ("train", "validation", "test")
)

# Bases of trainer.md section 3: each is clean on the trainer, so a row's own
# overrides are its only trigger. E0 also pins what trainer.md's resnet_san_ncdb had
# (masks in use, loggers off): the bundled experiment now follows the team's file.
E0: tuple[str, ...] = (
    "experiment=resnet_san_ncdb",
    "model.loss.supervised_loss_weight=1.0",
    *_NCDB_GT,
    *(f"datasets.{split}.use_mask=[true]" for split in ("train", "validation", "test")),
    "tensorboard.dry_run=true",
)
K0B: tuple[str, ...] = ("experiment=resnet_san_kitti", "model.loss.supervised_loss_weight=1.0")
K0: tuple[str, ...] = (
    *K0B,
    "model.depth_net.use_film=true",
    "datasets.augmentation.crop_eval_borders=[-352,0,0.5,1216]",
    "model.params.min_depth=0.1",
)
P0: tuple[str, ...] = (
    "experiment=packnet_san_kitti",
    "model.loss.supervised_loss_weight=1.0",
    "datasets.augmentation.crop_eval_borders=[-352,0,0.5,1216]",
    "model.params.min_depth=0.1",
)
# D0 pins trainer.md's dual-head experiment in the same way (and its 4 supervised scales).
D0: tuple[str, ...] = (
    "experiment=resnet_san_ncdb_dual_head_640x384",
    "model.loss.supervised_loss_weight=1.0",
    "model.loss.supervised_num_scales=4",
    *(f"datasets.{split}.use_mask=[true]" for split in ("train", "validation", "test")),
    "tensorboard.dry_run=true",
)


@dataclass(frozen=True)
class Fact:
    """One row: ``id`` and ``cite`` from trainer.md, what to set, what depthconf must say."""

    id: str
    cite: str
    overrides: tuple[str, ...]
    verdict: Verdict
    code: str | None = None
    base: tuple[str, ...] = E0
    says: tuple[str, ...] = ()  # fragments the finding's text must contain

    def __post_init__(self) -> None:
        if (self.code is None) != (self.verdict is Verdict.accepted):
            raise ValueError(f"{self.id}: errors and warnings need a code, accepted none")

    @property
    def param_id(self) -> str:
        return f"{self.id}:{'+'.join(self.overrides) or 'base'}"


@cache
def _report(overrides: tuple[str, ...]) -> Report:
    return checked(overrides)


def _codes(found: Iterable[Violation]) -> list[str]:
    return [v.code for v in found]


def _new(found: Sequence[Violation], before: Sequence[Violation]) -> list[Violation]:
    seen = [(v.code, v.path) for v in before]
    return [v for v in found if (v.code, v.path) not in seen]


def _text(v: Violation) -> str:
    return f"{v.path} {v.value} {v.rule} {v.fix}"


def assert_fact(fact: Fact) -> None:
    """The row's verdict holds: its code is among the new findings, and nothing else is."""
    base = _report(fact.base)
    assert not base.errors, f"{fact.id}: the base itself is invalid: {_codes(base.errors)}"
    after = _report((*fact.base, *fact.overrides))
    errors = _new(after.errors, base.errors)
    warned = _new(after.warnings, base.warnings)
    if fact.verdict is Verdict.accepted:
        assert not errors and not warned, f"{fact.id}: {_codes(errors)} {_codes(warned)}"
        return
    found = errors if fact.verdict is Verdict.error else warned
    if fact.verdict is Verdict.warning:
        assert not errors, f"{fact.id}: a warning fact raised errors {_codes(errors)}"
    hits = [v for v in found if v.code == fact.code]
    assert hits, f"{fact.id}: expected {fact.verdict} {fact.code}, got {_codes(found)}"
    for fragment in fact.says:
        assert any(fragment in _text(v) for v in hits), f"{fact.id}: no {fragment!r} in {hits}"


def all_facts() -> list[tuple[str, Fact]]:
    """Every row of every ``tests/trainer/test_facts_*.py`` module, with its module."""
    import tests.trainer as package

    rows = []
    for module in pkgutil.iter_modules(package.__path__):
        if module.name.startswith("test_facts"):
            loaded = importlib.import_module(f"tests.trainer.{module.name}")
            rows += [(module.name, fact) for fact in getattr(loaded, "FACTS", ())]
    return rows


if __name__ == "__main__":
    print("| fact | trainer file:line | verdict | code | test |")
    print("|---|---|---|---|---|")
    for name, fact in sorted(all_facts(), key=lambda row: row[1].id):
        test = f"tests/trainer/{name}.py::test_fact[{fact.param_id}]"
        print(f"| {fact.id} | {fact.cite} | {fact.verdict} | {fact.code or ''} | {test} |")
