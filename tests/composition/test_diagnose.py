"""Every mistake of a config in one run, each located by file and line (issue 10).

Each test writes its own broken files into a private conf/ copy; the bundled
experiments and group options are only selected, never relied on for values.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hydra.errors import ConfigCompositionException

from depthconf.composition import translate
from tests.composition.conftest import Write, by_code, line_of, names_a_source, verdict

GLOBAL = "# @package _global_\n"

THREE_MISTAKES = f"""{GLOBAL}name: my_exp
arch:
  max_epochs: fifty
datasets:
  train:
    num_workrs: 8
checkpoint:
  save_top_k: 2
  monitor: abs_rel
"""


def test_three_mistakes_of_an_experiment_in_one_run(conf: Path, write: Write) -> None:
    path = write("experiment/my_exp", THREE_MISTAKES)
    report = verdict(conf, "experiment=my_exp")
    (unknown,) = by_code(report, "unknown_key")
    assert unknown.path == "datasets.train.num_workrs"
    assert unknown.location is not None
    assert unknown.location.file == "conf/experiment/my_exp.yaml"
    assert unknown.location.line == line_of(path, "num_workrs")
    assert unknown.location.text.strip() == "num_workrs: 8"
    assert "did you mean 'num_workers'" in unknown.rule
    assert unknown.fix == (
        f"in conf/experiment/my_exp.yaml line {line_of(path, 'num_workrs')}: "
        "rename num_workrs to num_workers"
    )
    (wrong,) = by_code(report, "wrong_type")
    assert wrong.path == "arch.max_epochs" and wrong.value == "'fifty'"
    assert wrong.location is not None and wrong.location.line == line_of(path, "fifty")
    assert wrong.fix.startswith(f"in conf/experiment/my_exp.yaml line {wrong.location.line}:")
    assert "an integer" in wrong.fix
    # the top-k rule reads only checkpoint: a datasets typo and an arch type error hide nothing
    (top_k,) = by_code(report, "monitor_required")
    assert top_k.location is not None and top_k.location.file == "conf/experiment/my_exp.yaml"
    assert {p.key for p in top_k.provenance} >= {"checkpoint.mode", "checkpoint.save_top_k"}
    assert f"line {line_of(path, 'save_top_k')} `save_top_k: -1`" in top_k.fix
    assert "add `mode: " in top_k.fix
    assert all(names_a_source(v) for v in report.errors)


def test_three_mistakes_of_a_group_option_file(conf: Path, write: Write) -> None:
    option = write(
        "checkpoint/mine", "filepath: ckpt\nsave_top_k: 2\nmonitr: abs_rel\nperiod: two\n"
    )
    report = verdict(conf, "checkpoint=mine")
    codes = {v.code: v for v in report.errors}
    assert {"unknown_key", "wrong_type", "monitor_required"} <= set(codes)
    assert codes["unknown_key"].path == "checkpoint.monitr"
    assert codes["wrong_type"].path == "checkpoint.period"
    for code, needle in (("unknown_key", "monitr"), ("wrong_type", "period: two")):
        location = codes[code].location
        assert location is not None and location.file == "conf/checkpoint/mine.yaml"
        assert location.line == line_of(option, needle)
    top_k = codes["monitor_required"]
    assert top_k.location is not None and top_k.location.file == "conf/checkpoint/mine.yaml"
    assert top_k.location.line == line_of(option, "save_top_k")


def test_a_mistake_split_across_two_files(conf: Path, write: Write) -> None:
    option = write("checkpoint/top2", "filepath: ckpt\nsave_top_k: 2\n")
    experiment = write("experiment/split", f"{GLOBAL}checkpoint:\n  monitor: abs_rel_lin\n")
    report = verdict(conf, "experiment=split", "checkpoint=top2")
    (top_k,) = by_code(report, "monitor_required")
    sources = {p.key: p.winner for p in top_k.provenance}
    monitor, save_top_k = sources["checkpoint.monitor"], sources["checkpoint.save_top_k"]
    assert monitor is not None and monitor.location is not None
    assert monitor.location.describe() == (
        f"conf/experiment/split.yaml:{line_of(experiment, 'monitor')}"
    )
    assert save_top_k is not None and save_top_k.location is not None
    assert save_top_k.location.describe() == f"conf/checkpoint/top2.yaml:{line_of(option, '2')}"
    rendered = top_k.render()
    assert "conf/experiment/split.yaml" in rendered and "conf/checkpoint/top2.yaml" in rendered


def test_yaml_errors_of_two_files_in_one_run(conf: Path, write: Write) -> None:
    write("checkpoint/bad", "filepath: ckpt\nsave_top_k: [2\n")
    write("experiment/bad", f"{GLOBAL}name: bad\nmodel: {{name: x\n")
    report = verdict(conf, "experiment=bad", "checkpoint=bad")
    files = sorted(v.location.file for v in by_code(report, "yaml_syntax") if v.location)
    assert files == ["conf/checkpoint/bad.yaml", "conf/experiment/bad.yaml"]
    assert all(v.fix.startswith(f"in {v.location.file} line ") for v in report.errors if v.location)


def test_section_given_a_value_and_a_dotted_key(conf: Path, write: Write) -> None:
    path = write("experiment/shapes", f"{GLOBAL}checkpoint: 3\nmodel.name: x\narch:\n")
    report = verdict(conf, "experiment=shapes")
    by_path = {v.path: v for v in report.errors}
    assert "holds keys, not a value" in by_path["checkpoint"].rule
    assert "cannot be null" in by_path["arch"].rule
    dotted = by_path["model.name"]
    assert "do not nest at dots" in dotted.rule and "`model: {name: x}`" in dotted.fix
    assert dotted.location is not None and dotted.location.line == line_of(path, "model.name")


@pytest.mark.parametrize(
    ("entry", "code", "needle"),
    [
        ("override /dataset: no_such_option", "unknown_option", "has no option 'no_such_option'"),
        ("override /datset: kitti", "defaults_entry", "did you mean 'dataset'"),
        ("/checkpoint: best_3", "defaults_entry", "must be an override"),
    ],
)
def test_bad_defaults_entries_are_located(
    conf: Path, write: Write, entry: str, code: str, needle: str
) -> None:
    path = write("experiment/defaults", f"{GLOBAL}defaults:\n  - {entry}\nname: defaults\n")
    report = verdict(conf, "experiment=defaults")
    (found,) = by_code(report, code)
    assert needle in found.rule
    assert found.location is not None and found.location.line == line_of(path, entry)
    assert found.fix.startswith(f"in conf/experiment/defaults.yaml line {found.location.line}:")


def test_override_before_a_plain_entry(conf: Path, write: Write) -> None:
    text = f"{GLOBAL}defaults:\n  - override /checkpoint: best_3\n  - /dataset: kitti\n"
    path = write("experiment/order", text)
    report = verdict(conf, "experiment=order")
    found = [v for v in by_code(report, "defaults_entry") if "comes before" in v.rule]
    assert found and found[0].location is not None
    assert found[0].location.line == line_of(path, "override /checkpoint")


def test_experiment_without_global_header(conf: Path, write: Write) -> None:
    write("checkpoint/mine", "filepath: ckpt\n")
    write("experiment/noheader", "defaults:\n  - override /checkpoint: mine\nname: x\n")
    report = verdict(conf, "experiment=noheader")
    (header,) = by_code(report, "package_header")
    assert header.location is not None and header.location.line == 1
    assert "add `# @package _global_` as the first line" in header.fix
    assert len(report.errors) == 1  # the override and the keys compose once it is global


def test_group_option_with_a_wrong_package(conf: Path, write: Write) -> None:
    write("checkpoint/misplaced", "# @package datasets\nfilepath: ckpt\nsave_top_k: -1\n")
    report = verdict(conf, "checkpoint=misplaced")
    (header,) = by_code(report, "package_header")
    assert header.location is not None and header.location.line == 1
    assert "write `# @package checkpoint`" in header.fix


def test_bad_header_and_bad_defaults_list(conf: Path, write: Write) -> None:
    write("experiment/hdr", "# @package\nname: x\n")
    write("experiment/dl", f"{GLOBAL}defaults: {{a: b}}\nname: x\n")
    write("experiment/item", f"{GLOBAL}defaults:\n  - override /dataset: 3\nname: x\n")
    for name, needle in (("hdr", "not a valid header"), ("dl", "must be a list"), ("item", "")):
        report = verdict(conf, f"experiment={name}")
        assert report.errors, name
        assert all(v.location is not None for v in report.errors), report.errors
        assert needle in report.errors[0].rule


def test_values_judged_after_composition_are_located(conf: Path, write: Write) -> None:
    path = write(
        "experiment/late",
        f"{GLOBAL}name: ${{nope}}\ncheckpoint: {{period: 0}}\nmodel: {{name: SemiSupModle}}\n",
    )
    report = verdict(conf, "experiment=late")
    found = {v.code: v for v in report.errors}
    assert {"interpolation", "greater_than_equal", "unknown_choice"} <= set(found)
    for code, needle in (
        ("interpolation", "nope"),
        ("greater_than_equal", "period"),
        ("unknown_choice", "SemiSupModle"),
    ):
        location = found[code].location
        assert location is not None and location.line == line_of(path, needle), code
    assert (
        "line" in found["unknown_choice"].fix
        # the closest model that trains on the fork (SemiSupModel does not, M2)
        and "`name: SemiSupCompletionModel`" in found["unknown_choice"].fix
    )


def test_every_command_line_mistake_in_one_run(conf: Path, write: Write) -> None:
    write("experiment/ok", f"{GLOBAL}arch:\n  max_epochs: fifty\n")
    report = verdict(
        conf, "experiment=ok", "checkpoint.save_topk=3", "checkpoint.period=x", "arch.seed=[1"
    )
    quoted = {v.override for v in report.errors}
    assert {"checkpoint.save_topk=3", "checkpoint.period=x", "arch.seed=[1"} <= quoted
    assert "wrong_type" in {v.code for v in report.errors if v.location is not None}


def test_a_duplicated_override_quotes_the_one_used(conf: Path) -> None:
    report = verdict(conf, "experiment=no_such", "experiment=no_such_either")
    (found,) = report.errors
    assert found.override == "experiment=no_such_either"


def test_a_sweep_in_a_single_run(conf: Path) -> None:
    (found,) = verdict(conf, "checkpoint.period=1,2").errors
    assert found.override == "checkpoint.period=1,2" and "-m" in found.fix


def test_no_finding_ever_says_see_the_message_above() -> None:
    found = translate(ConfigCompositionException("something Hydra says"), ["a.b=1"])
    assert "see the message above" not in found.fix and found.fix
    found = translate(ConfigCompositionException("In 'experiment/x': odd"), [])
    assert "experiment/x.yaml" in found.fix


def test_a_valid_config_is_left_alone(conf: Path) -> None:
    report = verdict(conf)
    assert report.ok and report.config is not None
