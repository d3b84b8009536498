"""``depthconf check``: compose, validate, and say so.

``depthconf check -m OVERRIDES...`` is the dry run of a sweep: every job the
multirun would launch, with ``ok`` or its errors; nothing is launched.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from depthconf._report import plural, print_findings, summary
from depthconf.cli._options import add_config_dir, config_dir
from depthconf.composition import experiment_names
from depthconf.composition._compose import checked
from depthconf.sweep import dry_run, print_job_table
from depthconf.validation import ConfigError

EXIT_OK, EXIT_INVALID = 0, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="depthconf check",
        description="Compose a run config with Hydra and validate it against the schema.",
    )
    parser.add_argument("--all", action="store_true", help="check every experiment")
    parser.add_argument(
        "-m", "--multirun", action="store_true", help="dry run: check every job of the sweep"
    )
    add_config_dir(parser)
    parser.add_argument(
        "overrides", nargs="*", help="Hydra overrides, e.g. experiment=resnet_san_ncdb"
    )
    return parser


def _check_one(overrides: list[str], directory: Path) -> int:
    report = checked(overrides, config_dir=directory)
    context = report.context
    if report.config is None:
        print_findings(report.errors, report.warnings, context=context, stream=sys.stderr)
        return EXIT_INVALID
    print(f"ok  {context}")
    print(summary(report.config, context.removeprefix("experiment=")))
    print_findings((), report.warnings, context=context, stream=sys.stderr)
    return EXIT_OK


def _check_all(overrides: list[str], directory: Path) -> int:
    names = experiment_names(directory)
    width = max(len(n) for n in names) + 2
    print(f"{'experiment':<{width}}result")
    failed = 0
    details = []
    for name in names:
        report = checked([f"experiment={name}", *overrides], config_dir=directory)
        if report.ok:
            note = f" ({plural(len(report.warnings), 'warning')})" if report.warnings else ""
            print(f"{name:<{width}}ok{note}")
        else:
            failed += 1
            print(f"{name:<{width}}FAILED: {plural(len(report.errors), 'error')}")
            details.append(report)
    print(f"\n{plural(len(names), 'experiment')}: {len(names) - failed} ok, {failed} failed")
    for report in details:
        print_findings(report.errors, (), context=report.context, stream=sys.stdout)
    return EXIT_INVALID if failed else EXIT_OK


def _check_sweep(overrides: list[str], directory: Path) -> int:
    try:
        result = dry_run(overrides, config_dir=directory)
    except ConfigError as error:  # the sweep itself cannot start
        print_findings(error.violations, error.warnings, context=error.context, stream=sys.stderr)
        return EXIT_INVALID
    print_job_table(result, stream=sys.stdout)
    return EXIT_OK if result.ok else EXIT_INVALID


def check_command(argv: list[str]) -> int:
    args = _parser().parse_intermixed_args(argv)
    if args.multirun and args.all:
        _parser().error("--all and -m/--multirun do not combine")
    try:
        directory = config_dir(args)
        if args.multirun:
            return _check_sweep(args.overrides, directory)
        if args.all:
            return _check_all(args.overrides, directory)
        return _check_one(args.overrides, directory)
    except ConfigError as error:  # no conf/ directory to check against
        print_findings(error.violations, error.warnings, context=error.context, stream=sys.stderr)
        return EXIT_INVALID
