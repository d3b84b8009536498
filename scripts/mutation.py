"""``make mutation``: mutmut 3.8.1 on the modules where a silent bug costs a training run.

mutmut 3.8.1 skips every decorated function but ``@staticmethod``/``@classmethod``
(``mutmut/mutation/file_mutation.py``, ``MutationVisitor._skip_node_and_children``),
and depthconf's rules are all decorated: ``@rule(...)``, ``@section_rule(...)``,
``@completes(...)``. Unpatched, the rule modules would show almost no mutants. This
runner widens mutmut's allow-list to those registration decorators and keeps them on
the trampoline alone: the trampoline is what registers (it forwards to the original
or to the active mutant), while the copies mutmut makes of the function (``_orig``
and one per mutant) lose the decorator, so each rule is registered exactly once.

It fails loudly when the mutmut it patches is not the version it was written for, or
when the functions it patches are gone: a silent no-op would report kill rates over
modules with no mutants in their rules.

mutmut runs, for each mutant, every selected test that reached the mutated function while
it collected its stats; a rule is reached by every test that validates a config, so a
surviving rule mutant would run hundreds of tests. ``[tool.depthconf-mutation.tests]`` in
pyproject.toml narrows that per module (a glob over mutmut's function names -> the test
paths that judge it): a mutant those tests miss is reported as a survivor, so the
narrowing can lower a kill rate, never raise it.

Nine tenths of those tests' time is Hydra composing configs, which no mutant changes:
the runner has the tests memoize their compositions for the run
(``tests/compose_memo.py``), about 3.4 times faster per surviving mutant.

Usage (what ``make mutation`` runs)::

    python scripts/mutation.py run [--max-children N] [MUTANT_NAMES...]

and, after a run, to see whether a test kills one mutant (``orig``: the original code)::

    python scripts/mutation.py try MUTANT_NAME|orig TEST_PATH...
"""

from __future__ import annotations

import fnmatch
import importlib.metadata
import os
import shutil
import sys
import tomllib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, cast

MUTMUT_VERSION = "3.8.1"

#: depthconf's registration decorators: called with the function, they record it and
#: return it unchanged (``depthconf.validation._registry.rule``/``completes``) or wrap it
#: in a record (``depthconf.schema._rules._engine.section_rule``).
REGISTRATION_DECORATORS = frozenset({"rule", "section_rule", "completes"})


def registration_only(decorators: Sequence[Any]) -> bool:
    """True when every decorator is a call of one of :data:`REGISTRATION_DECORATORS`.

    >>> import libcst as cst
    >>> fn = cst.parse_statement('@rule("checkpoint")\\ndef f(cfg): ...')
    >>> registration_only(fn.decorators)
    True
    >>> registration_only(cst.parse_statement("@property\\ndef f(self): ...").decorators)
    False
    """
    import libcst as cst

    if not decorators:
        return False
    for decorator in decorators:
        call = decorator.decorator
        if not (
            isinstance(call, cst.Call)
            and isinstance(call.func, cst.Name)
            and call.func.value in REGISTRATION_DECORATORS
        ):
            return False
    return True


def patch_mutmut() -> None:
    """Let mutmut mutate registration-decorated functions (see the module docstring)."""
    found = importlib.metadata.version("mutmut")
    if found != MUTMUT_VERSION:
        sys.exit(
            f"scripts/mutation.py patches mutmut {MUTMUT_VERSION} but {found} is installed; "
            f"install mutmut=={MUTMUT_VERSION} (pip install -e '.[dev,mutation]') or port "
            "the patch to the new version"
        )
    import libcst as cst
    from mutmut.mutation import file_mutation

    visitor = getattr(file_mutation, "MutationVisitor", None)
    skip = getattr(visitor, "_skip_node_and_children", None)
    arrange = getattr(file_mutation, "function_trampoline_arrangement", None)
    if visitor is None or skip is None or arrange is None:
        sys.exit(
            "scripts/mutation.py: mutmut.mutation.file_mutation has no MutationVisitor."
            "_skip_node_and_children or function_trampoline_arrangement any more; the "
            "patch that lets mutmut mutate @rule functions must be ported"
        )
    original_skip: Callable[[Any, cst.CSTNode], bool] = skip
    original_arrange: Callable[..., Any] = arrange

    def skip_node_and_children(self: Any, node: cst.CSTNode) -> bool:
        if isinstance(node, cst.FunctionDef) and registration_only(node.decorators):
            # every other reason to skip still applies: judge the function without its
            # decorators (a copy, so a `# pragma: no mutate` on its line is not seen;
            # depthconf has none)
            return original_skip(self, node.with_changes(decorators=()))
        return original_skip(self, node)

    def function_trampoline_arrangement(
        function: cst.FunctionDef, mutants: Any, class_name: str | None
    ) -> Any:
        declarations, methods, assignments, names = original_arrange(function, mutants, class_name)
        if registration_only(function.decorators):
            # methods[0] is the trampoline (registers); the rest are the original's copy
            # and the mutants, which must not register themselves again
            methods = [methods[0], *(m.with_changes(decorators=()) for m in methods[1:])]
        return declarations, methods, assignments, names

    visitor._skip_node_and_children = skip_node_and_children
    file_mutation.function_trampoline_arrangement = function_trampoline_arrangement


def judges(pyproject: Path) -> dict[str, tuple[str, ...]]:
    """``[tool.depthconf-mutation.tests]``: function-name glob -> test path prefixes."""
    table = tomllib.loads(pyproject.read_text()).get("tool", {}).get("depthconf-mutation", {})
    return {glob: tuple(paths) for glob, paths in table.get("tests", {}).items()}


def narrowed(
    tests: Mapping[str, set[str]], judging: Mapping[str, tuple[str, ...]]
) -> dict[str, set[str]]:
    """Each function's tests, kept to the paths that judge its module (first glob wins).

    >>> narrowed({"m.x_f": {"tests/a/t.py::t", "tests/b/t.py::t"}}, {"m.*": ("tests/a/",)})
    {'m.x_f': {'tests/a/t.py::t'}}
    """
    out = {}
    for function, found in tests.items():
        paths = next((p for glob, p in judging.items() if fnmatch.fnmatch(function, glob)), None)
        out[function] = found if paths is None else {t for t in found if t.startswith(paths)}
    return out


def first_tests(pyproject: Path) -> tuple[str, ...]:
    """``[tool.depthconf-mutation] first``: test paths run before the others."""
    table = tomllib.loads(pyproject.read_text()).get("tool", {}).get("depthconf-mutation", {})
    return tuple(table.get("first", ()))


def run_order(tests: set[str], took: Mapping[str, float], first: tuple[str, ...]) -> list[str]:
    """The tests written to pin the rules' findings first, then the others; fastest first
    within each. mutmut stops a mutant at its first failing test: a killed mutant then
    costs the pinning tests it reaches, not every faster test of the selection.

    >>> run_order({"t/a.py::x", "t/b.py::y", "t/b.py::z"}, {"t/b.py::z": 2.0}, ("t/b.py",))
    ['t/b.py::y', 't/b.py::z', 't/a.py::x']
    """
    return sorted(tests, key=lambda t: (not t.startswith(first), took.get(t, 0.0), t))


def narrow_tests(judging: Mapping[str, tuple[str, ...]], first: tuple[str, ...] = ()) -> None:
    """Narrow mutmut's test selection per module, in memory (its stats file keeps all)."""
    from mutmut import __main__ as mutmut_main
    from mutmut.state import state

    original: Callable[..., None] = mutmut_main.collect_or_load_stats

    def collect_or_load_stats(*args: Any, **kwargs: Any) -> None:
        original(*args, **kwargs)
        found, took = state().tests_by_mangled_function_name, state().duration_by_test
        for function, tests in narrowed(found, judging).items():
            # mutmut's fork server keeps the order it is given and stops at the first
            # failure: a dict, because a set has no order
            ordered = dict.fromkeys(run_order(tests, took, first))
            found[function] = cast(set[str], ordered)  # iterated and counted only

    mutmut_main.collect_or_load_stats = collect_or_load_stats


#: Where the tests keep Hydra's compositions during a run (``tests/compose_memo.py``):
#: emptied at every start, so a change to conf/ or to depthconf's composition code
#: between two runs is never answered from an old memo.
COMPOSE_MEMO = Path("mutants/.compose-memo")


def fresh_compose_memo() -> Path:
    """An empty memo directory, named for the tests' processes in ``$DEPTHCONF_COMPOSE_MEMO``."""
    memo = COMPOSE_MEMO.resolve()
    shutil.rmtree(memo, ignore_errors=True)
    memo.mkdir(parents=True)
    os.environ["DEPTHCONF_COMPOSE_MEMO"] = str(memo)
    return memo


def try_mutant(name: str, tests: Sequence[str]) -> int:
    """Run ``tests`` of this checkout against one mutant of ``mutants/`` (``orig``: none),
    as mutmut's workers run them; print the verdict, return pytest's exit code.

    A quick way to see that a new test kills a survivor without a run of mutmut (which
    would first find again which tests reach which function).
    """
    import subprocess

    memo = COMPOSE_MEMO.resolve()
    memo.mkdir(parents=True, exist_ok=True)
    env = os.environ | {
        "PYTHONPATH": os.pathsep.join([str(Path("mutants/src").resolve()), str(Path.cwd())]),
        "DEPTHCONF_COMPOSE_MEMO": str(memo),
    }
    env.pop("MUTANT_UNDER_TEST", None)
    if name != "orig":
        env["MUTANT_UNDER_TEST"] = name
    pytest = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider"]
    code = subprocess.run([*pytest, "--hypothesis-seed=0", *tests], env=env, check=False)
    verdict = {0: "survived" if name != "orig" else "passes", 1: "killed"}
    print(f"{name}: {verdict.get(code.returncode, f'pytest exit {code.returncode}')}")
    return code.returncode


def main(argv: Sequence[str]) -> None:
    if argv[:1] == ["try"]:
        if len(argv) < 3:
            sys.exit("usage: python scripts/mutation.py try MUTANT_NAME|orig TEST_PATH...")
        sys.exit(0 if try_mutant(argv[1], argv[2:]) in (0, 1) else 2)
    fresh_compose_memo()
    patch_mutmut()
    narrow_tests(judges(Path("pyproject.toml")), first_tests(Path("pyproject.toml")))
    # mutmut's CLI sets the 'fork' start method at import: its workers inherit the patch
    from mutmut.__main__ import cli

    cli.main(args=list(argv), prog_name="mutmut")


if __name__ == "__main__":
    main(sys.argv[1:])
