"""scripts/mutation_report.py: mutmut's meta files and the accepted list -> the gate."""

from __future__ import annotations

import doctest
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "mutation_report.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mutation_report", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


report = _load()
RULES = "src/depthconf/validation/rules/checkpoint.py"
KEYS = "src/depthconf/metrics/_keys.py"


def _meta(root: Path, module: str, codes: dict[str, int | None]) -> None:
    path = root / f"{module}.meta"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"exit_code_by_key": codes, "durations_by_key": {}}))


def _mutants(tmp_path: Path, killed: int, survived: int, module: str = RULES) -> Path:
    root = tmp_path / "mutants"
    stem = module.removeprefix("src/").removesuffix(".py").replace("/", ".")
    codes: dict[str, int | None] = {f"{stem}.x_f__mutmut_{i}": 1 for i in range(killed)}
    codes |= {f"{stem}.x_g__mutmut_{i}": 0 for i in range(survived)}
    _meta(root, module, codes)
    return root


def _accepted(tmp_path: Path, *names: str) -> Path:
    path = tmp_path / "accepted.toml"
    path.write_text(
        "".join(f'[[accepted]]\nmutant = "{n}"\nreason = "equivalent"\n\n' for n in names)
    )
    return path


def test_the_doctests_hold() -> None:
    assert doctest.testmod(report).failed == 0


def test_a_rule_module_under_the_threshold_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _mutants(tmp_path, killed=8, survived=2)
    code = report.main(["--mutants", str(root), "--accepted", str(tmp_path / "none.toml")])
    assert code == 1
    out, err = capsys.readouterr()
    assert "80.0%" in out and "FAIL" in out
    assert "validation/rules/checkpoint.py" in err


def test_accepted_survivors_are_set_aside(tmp_path: Path) -> None:
    root = _mutants(tmp_path, killed=9, survived=2)
    accepted = _accepted(tmp_path, "depthconf.validation.rules.checkpoint.x_g__mutmut_0")
    assert report.main(["--mutants", str(root), "--accepted", str(accepted)]) == 0
    results = report.load_results(root)
    assert report.apply_accepted(results, report.load_accepted(accepted)) == []
    assert results[RULES].rate == pytest.approx(9 / 10)  # 9 of the 10 not accepted
    assert results[RULES].passes


def test_a_module_outside_the_gate_is_reported_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _mutants(tmp_path, killed=1, survived=9, module=KEYS)
    assert report.main(["--mutants", str(root), "--accepted", str(tmp_path / "x.toml")]) == 0
    assert "10.0%" in capsys.readouterr().out


def test_an_accepted_name_that_is_no_survivor_is_stale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _mutants(tmp_path, killed=10, survived=0)
    accepted = _accepted(tmp_path, "depthconf.validation.rules.checkpoint.x_f__mutmut_0")
    assert report.main(["--mutants", str(root), "--accepted", str(accepted)]) == 1
    assert "stale accepted entry" in capsys.readouterr().err


def test_an_accepted_mutant_not_run_yet_is_not_stale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a narrowed run (make mutation MUTMUT_ARGS=...) leaves other modules' mutants unrun
    root = tmp_path / "mutants"
    _meta(root, KEYS, {"depthconf.metrics._keys.x_f__mutmut_1": None})
    _meta(root, RULES, {"depthconf.validation.rules.checkpoint.x_f__mutmut_1": 1})
    accepted = _accepted(tmp_path, "depthconf.metrics._keys.x_f__mutmut_1")
    assert report.main(["--mutants", str(root), "--accepted", str(accepted)]) == 0
    assert "stale" not in capsys.readouterr().err


def test_no_results_is_an_error_not_a_pass(tmp_path: Path) -> None:
    assert report.main(["--mutants", str(tmp_path / "mutants")]) == 2


def test_an_accepted_entry_needs_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "accepted.toml"
    path.write_text('[[accepted]]\nmutant = "m"\n')
    with pytest.raises(SystemExit, match="needs a mutant and a reason"):
        report.load_accepted(path)


def test_the_checked_in_accepted_list_is_well_formed() -> None:
    accepted = report.load_accepted(SCRIPT.parents[1] / "mutation" / "accepted.toml")
    assert all(name.startswith("depthconf.") and "__mutmut_" in name for name in accepted)


def test_a_module_not_run_yet_is_listed_not_gated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _mutants(tmp_path, killed=10, survived=0)
    _meta(
        root, "src/depthconf/schema/_policy.py", {"depthconf.schema._policy.x_gap__mutmut_1": None}
    )
    assert report.main(["--mutants", str(root), "--accepted", str(tmp_path / "x.toml")]) == 0
    assert "1 rule or policy modules not run yet" in capsys.readouterr().out
