"""``depthconf migrate``: legacy yacs experiment files -> depthconf experiments.

``depthconf migrate LEGACY.yaml [--name NAME] [--out PATH] [--force]`` writes the
experiment (default ``conf/experiment/<name>.yaml``; ``--out -`` prints it), then
reports: ``ok`` and the summary when it composes and validates (exit 0), else every
error with its fix (exit 2; the file is still written, its header lists the errors
and legacy keys with no place in the schema are kept as comments). An unreadable
file writes nothing (exit 2). An existing file is replaced only with ``--force``.

``depthconf migrate --check DIR`` migrates every ``DIR/*.yaml`` into a temporary copy
of ``conf/`` (the real one is never written), prints one row per file and a summary
line, and exits 0 only when every file migrates to a valid experiment.

Example::

    depthconf migrate configs/train_resnet_san_ncdb.yaml
    depthconf migrate --check configs/
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from depthconf._report import plural, print_findings, print_usage_error, summary
from depthconf.cli._options import add_config_dir, config_dir
from depthconf.legacy import MigrationResult, migrate, migrate_many
from depthconf.validation import ConfigError

EXIT_OK, EXIT_INVALID = 0, 2
_RESULT = {
    "valid": "migrated and valid",
    "invalid": "migrated with errors",
    "unreadable": "unreadable",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="depthconf migrate",
        description="Migrate a legacy yacs experiment YAML into a depthconf experiment config.",
    )
    parser.add_argument("legacy", nargs="?", help="the legacy experiment file")
    parser.add_argument("--name", help="experiment name (default: file stem without train_)")
    parser.add_argument(
        "--out", help="where to write (default conf/experiment/NAME.yaml; - prints)"
    )
    parser.add_argument("--force", action="store_true", help="replace an existing --out file")
    parser.add_argument("--check", metavar="DIR", help="migrate every DIR/*.yaml; write nothing")
    add_config_dir(parser)
    return parser


def _reason(result: MigrationResult) -> str:
    if result.status == "valid":
        return plural(len(result.warnings), "warning") if result.warnings else ""
    first = result.errors[0]
    if result.status == "unreadable":
        return first.rule.removeprefix("unreadable legacy config: ")
    shown = "; ".join(f"{v.path} ({v.code})" for v in result.errors[:3])
    more = f"; +{len(result.errors) - 3} more" if len(result.errors) > 3 else ""
    return f"{plural(len(result.errors), 'error')}: {shown}{more}"


def _check_dir(directory: Path, conf: Path) -> int:
    if not directory.is_dir():
        print_usage_error(
            "migrate",
            "--check",
            str(directory),
            "is not a directory",
            "give a folder of legacy *.yaml files",
        )
        return EXIT_INVALID
    files = sorted(directory.glob("*.yaml"))
    if not files:
        print_usage_error(
            "migrate",
            "--check",
            str(directory),
            "holds no *.yaml file: nothing to migrate",
            "check the path",
        )
        return EXIT_INVALID
    results = migrate_many(files, config_dir=conf)
    width = max(len(f.name) for f in files) + 2
    print(f"{'file':<{width}}{'result':<22}details")
    for result in results:
        label = _RESULT[result.status]
        print(f"{result.source.name:<{width}}{label:<22}{_reason(result)}".rstrip())
    counts = {status: sum(r.status == status for r in results) for status in _RESULT}
    print(
        f"\n{plural(len(results), 'file')}: {counts['valid']} migrated and valid, "
        f"{counts['invalid']} migrated with errors, {counts['unreadable']} unreadable"
    )
    return EXIT_OK if counts["valid"] == len(results) else EXIT_INVALID


def _write(result: MigrationResult, out: str | None, force: bool, conf: Path) -> tuple[str, int]:
    """Write the experiment; returns (where, exit status or -1 when written)."""
    assert result.text is not None
    if out == "-":
        sys.stdout.write(result.text)
        sys.stdout.flush()
        return "stdout", -1
    target = Path(out) if out else conf / "experiment" / f"{result.name}.yaml"
    if target.exists() and not force:
        print_usage_error(
            "migrate",
            str(target),
            "exists",
            "the experiment file already exists; depthconf migrate does not replace it",
            f"--force to replace it, or --name NEW / --out PATH (migrating {result.source})",
        )
        return str(target), EXIT_INVALID
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(result.text, encoding="utf-8")
    except OSError as error:
        print_usage_error(
            "migrate",
            str(target),
            "(output)",
            f"cannot write: {error.strerror or error}",
            "choose --out",
        )
        return str(target), EXIT_INVALID
    return str(target), -1


def _migrate_one(args: argparse.Namespace, conf: Path) -> int:
    try:
        result = migrate(Path(args.legacy), name=args.name, config_dir=conf)
    except ValueError:  # migrate() raises it for an invalid --name, before any work
        if args.name is None:
            raise
        print_usage_error(
            "migrate",
            "--name",
            repr(args.name),
            "an experiment name is letters, digits, _ and -",
            "--name my_experiment",
        )
        return EXIT_INVALID
    context = f"experiment={result.name}, migrated from {args.legacy}"
    if result.status == "unreadable":
        print_findings(result.errors, (), context=f"legacy config {args.legacy}", stream=sys.stderr)
        return EXIT_INVALID
    where, status = _write(result, args.out, args.force, conf)
    if status != -1:
        return status
    stream = sys.stderr if args.out == "-" else sys.stdout
    print(f"migrated {args.legacy} -> {where}", file=stream)
    if result.config is not None:
        print(f"ok  experiment={result.name}", file=stream)
        print(summary(result.config, result.name), file=stream)
        print_findings((), result.warnings, context=context, stream=sys.stderr)
        return EXIT_OK
    print_findings(result.errors, result.warnings, context=context, stream=sys.stderr)
    return EXIT_INVALID


def migrate_command(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        return _dispatch(args)
    except ConfigError as error:  # the conf directory itself is broken
        print_findings(error.violations, error.warnings, context="conf/", stream=sys.stderr)
        return EXIT_INVALID


def _dispatch(args: argparse.Namespace) -> int:
    if args.check is not None:
        if args.legacy or args.name or args.out or args.force:
            print_usage_error(
                "migrate",
                "--check",
                args.check,
                "--check takes only a folder",
                "depthconf migrate --check DIR",
            )
            return EXIT_INVALID
        return _check_dir(Path(args.check), config_dir(args))
    if not args.legacy:
        print_usage_error(
            "migrate",
            "LEGACY.yaml",
            "(missing)",
            "name the legacy file to migrate",
            "depthconf migrate configs/train_x.yaml",
        )
        return EXIT_INVALID
    return _migrate_one(args, config_dir(args))
