"""The package import graph has no cycle.

Each subpackage imports alone in a fresh interpreter, and the graph of imports between
depthconf's subpackages (every import statement, function-level ones included; only
``if TYPE_CHECKING:`` blocks left out) is acyclic: no package needs a deferred import to
dodge another one.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import depthconf

ROOT = Path(depthconf.__file__).parent
#: The units of the graph: every subpackage and top-level module but the root
#: ``__init__`` (the public API, which imports everything on purpose).
UNITS = sorted(
    p.name if p.is_dir() else p.stem
    for p in ROOT.iterdir()
    if (p.is_dir() and (p / "__init__.py").exists())
    or (p.suffix == ".py" and p.name != "__init__.py")
)


@pytest.mark.parametrize("unit", [u for u in UNITS if not u.startswith("_")])
def test_each_subpackage_imports_alone(unit: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", f"import depthconf.{unit}"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def _unit_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "depthconf" and len(parts) > 1 else None


def _imports(path: Path) -> set[str]:
    """The depthconf units a file imports, TYPE_CHECKING blocks left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for node in ast.walk(block)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # ``from depthconf import metrics`` imports the unit ``metrics``
            names = [f"{node.module}.{alias.name}" for alias in node.names]
            names += [node.module] if node.module != "depthconf" else []
        else:
            continue
        found |= {unit for name in names if (unit := _unit_of(name)) in UNITS}
    return found


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {unit: set() for unit in UNITS}
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if relative == Path("__init__.py"):
            continue
        unit = relative.parts[0].removesuffix(".py")
        graph[unit] |= _imports(path) - {unit}
    return graph


def test_the_package_graph_is_acyclic() -> None:
    graph = _graph()
    done: set[str] = set()

    def visit(unit: str, path: tuple[str, ...]) -> None:
        assert unit not in path, f"import cycle: {' -> '.join((*path, unit))}"
        if unit in done:
            return
        for target in sorted(graph[unit]):
            visit(target, (*path, unit))
        done.add(unit)

    for unit in UNITS:
        visit(unit, ())


def test_the_layers() -> None:
    """findings depends on nothing; the schema on findings and trainer facts only; the
    keeper reads the config through the schema and the metric contract only."""
    graph = _graph()
    assert graph["findings"] == set()
    assert graph["schema"] <= {"findings", "trainer"}
    assert graph["metrics"] <= {"findings", "schema", "trainer"}
    assert graph["checkpointing"] <= {"metrics", "schema"}
    assert "checkpointing" not in graph["metrics"]
