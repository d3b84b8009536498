"""The per-module report of ``make mutation``: mutmut's results with accepted survivors
set aside, and the gate on the rule and policy modules.

mutmut 3 keeps one ``mutants/<source path>.meta`` JSON file per mutated module, whose
``exit_code_by_key`` maps each mutant to the exit code of its test run; the meaning of
the codes is mutmut's (``mutmut/stats.py``, ``status_by_exit_code``). Accepted survivors
are listed in ``mutation/accepted.toml``, each with the reason it needs no test.

The kill rate of a module is ``(killed + timeout) / (mutants - accepted)``: a survivor,
a mutant no selected test reaches, and one not run yet (``unrun``: an interrupted or
narrowed run) all count against it.

>>> status(1), status(0), status(36), status(None), status(5)
('killed', 'survived', 'timeout', 'not checked', 'no tests')
>>> gated("src/depthconf/validation/rules/checkpoint.py"), gated("src/depthconf/metrics/_keys.py")
(True, False)
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import sys
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

#: A rule or policy module under this kill rate fails ``make mutation``.
THRESHOLD = 0.90

#: The rule and policy modules (the gate); every other mutated module is reported only.
GATED = (
    "src/depthconf/schema/_rules/*.py",
    "src/depthconf/schema/_policy.py",
    "src/depthconf/validation/rules/*.py",
    "src/depthconf/checkpointing/_policy.py",
)

# mutmut/stats.py (3.8.1), status_by_exit_code; anything else is "suspicious"
_STATUS: Mapping[int | None, str] = {
    1: "killed",
    3: "killed",
    0: "survived",
    5: "no tests",
    33: "no tests",
    2: "interrupted",
    None: "not checked",
    34: "skipped",
    35: "suspicious",
    36: "timeout",
    37: "killed",  # caught by the type checker (not configured here)
    -24: "timeout",
    24: "timeout",
    152: "timeout",
    255: "timeout",
    -11: "segfault",
    -9: "segfault",
}


def status(exit_code: int | None) -> str:
    return _STATUS.get(exit_code, "suspicious")


def gated(module: str) -> bool:
    """A rule or policy module (a package's ``__init__`` only re-exports: not gated)."""
    if module.endswith("/__init__.py"):
        return False
    return any(fnmatch.fnmatch(module, pattern) for pattern in GATED)


@dataclass
class ModuleResult:
    module: str
    statuses: dict[str, str] = field(default_factory=dict)  # mutant name -> status
    accepted: set[str] = field(default_factory=set)

    def count(self, wanted: str) -> int:
        return sum(
            1 for name, s in self.statuses.items() if s == wanted and name not in self.accepted
        )

    @property
    def judged(self) -> int:
        return len(self.statuses) - len(self.accepted)

    @property
    def rate(self) -> float:
        """Killed (or timed out) among the mutants not accepted; 1.0 with none left."""
        if self.judged == 0:
            return 1.0
        return (self.count("killed") + self.count("timeout")) / self.judged

    @property
    def unrun(self) -> bool:
        """Mutated but not one mutant run yet (a run narrowed to other modules)."""
        return bool(self.statuses) and self.count("not checked") == self.judged

    @property
    def passes(self) -> bool:
        # a gated module without mutants means mutmut skipped its rules: not a pass
        return not gated(self.module) or (bool(self.statuses) and self.rate >= THRESHOLD)


def module_of(meta: Path, mutants: Path) -> str:
    """``mutants/src/x.py.meta`` -> ``src/x.py``."""
    return meta.relative_to(mutants).as_posix().removesuffix(".meta")


def load_results(mutants: Path) -> dict[str, ModuleResult]:
    results: dict[str, ModuleResult] = {}
    for meta in sorted(mutants.rglob("*.py.meta")):
        module = module_of(meta, mutants)
        codes: dict[str, int | None] = json.loads(meta.read_text())["exit_code_by_key"]
        results[module] = ModuleResult(module, {k: status(v) for k, v in codes.items()})
    return results


def load_accepted(path: Path) -> dict[str, str]:
    """mutant name -> reason, from ``[[accepted]]`` tables with ``mutant`` and ``reason``."""
    if not path.exists():
        return {}
    entries = tomllib.loads(path.read_text()).get("accepted", [])
    accepted: dict[str, str] = {}
    for entry in entries:
        name, reason = entry.get("mutant"), entry.get("reason")
        if not isinstance(name, str) or not isinstance(reason, str) or not reason.strip():
            raise SystemExit(f"{path}: every [[accepted]] needs a mutant and a reason: {entry}")
        accepted[name] = reason
    return accepted


def apply_accepted(results: Mapping[str, ModuleResult], accepted: Mapping[str, str]) -> list[str]:
    """Set the accepted survivors aside; the accepted names that are not survivors (stale:
    killed now, renumbered or gone) are returned, to be removed from the list. A name
    whose mutant has not run yet (a narrowed or interrupted run) is neither."""
    where = {name: r for r in results.values() for name in r.statuses}
    stale = []
    for name in accepted:
        owner = where.get(name)
        if owner is not None and owner.statuses[name] == "not checked":
            continue
        if owner is None or owner.statuses[name] != "survived":
            stale.append(name)
        else:
            owner.accepted.add(name)
    return stale


def table(results: Iterable[ModuleResult]) -> list[str]:
    head = (
        f"{'module':<46} {'mutants':>7} {'killed':>6} {'timeout':>7} {'survived':>8} "
        f"{'no tests':>8} {'unrun':>5} {'other':>5} {'accepted':>8} {'rate':>6}  gate"
    )
    lines = [head, "-" * len(head)]
    for r in results:
        shown = ("killed", "timeout", "survived", "no tests", "not checked")
        other = r.judged - sum(r.count(s) for s in shown)
        gate = ("ok" if r.passes else "FAIL") if gated(r.module) and not r.unrun else "-"
        lines.append(
            f"{r.module.removeprefix('src/depthconf/'):<46} {len(r.statuses):>7} "
            f"{r.count('killed'):>6} {r.count('timeout'):>7} {r.count('survived'):>8} "
            f"{r.count('no tests'):>8} {r.count('not checked'):>5} {other:>5} "
            f"{len(r.accepted):>8} {r.rate:>6.1%}  {gate}"
        )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=Path, default=Path("mutants"))
    parser.add_argument("--accepted", type=Path, default=Path("mutation/accepted.toml"))
    parser.add_argument("--survivors", action="store_true", help="list unaccepted survivors")
    args = parser.parse_args(argv)

    results = load_results(args.mutants)
    if not results:
        print(
            f"no mutmut results under {args.mutants}/: run `make mutation` first", file=sys.stderr
        )
        return 2
    stale = apply_accepted(results, load_accepted(args.accepted))
    print("\n".join(table(results.values())))

    survivors = [
        name
        for r in results.values()
        for name, s in r.statuses.items()
        if s != "killed" and s != "timeout" and name not in r.accepted
    ]
    if args.survivors and survivors:
        print("\nnot killed (see one with `.venv/bin/mutmut show NAME`):")
        for r in results.values():
            for name, s in r.statuses.items():
                if name in survivors:
                    print(f"  {name}: {s}")
    for name in stale:
        print(f"stale accepted entry (not a survivor now): {name}; remove it", file=sys.stderr)
    unrun = [r.module for r in results.values() if gated(r.module) and r.unrun]
    if unrun:
        print(f"\n{len(unrun)} rule or policy modules not run yet: the gate holds for the others")
    failing = [r.module for r in results.values() if not r.passes and not r.unrun]
    if failing:
        print(
            f"\nkill rate under {THRESHOLD:.0%} (accepted survivors set aside): "
            + ", ".join(failing),
            file=sys.stderr,
        )
        return 1
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
