"""``depthconf export --legacy OVERRIDES... [--out FILE] [--force] [-cd DIR]``: a validated
config for the legacy trainer, as yacs YAML (stdout without ``--out`` or with ``--out -``).

The config is composed and validated exactly as ``depthconf check`` does; an invalid
config, or one the legacy trainer cannot hold, prints every error and exits 2.
An existing ``--out`` file is replaced only with ``--force`` (as ``depthconf migrate``).

Example::

    depthconf export --legacy experiment=resnet_san_ncdb checkpoint=best_3 --out legacy.yaml
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from depthconf._report import print_findings, print_usage_error
from depthconf.cli._options import add_config_dir, config_dir
from depthconf.composition._compose import checked
from depthconf.legacy import legacy_yaml, to_legacy
from depthconf.validation import ConfigError

EXIT_OK, EXIT_INVALID = 0, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="depthconf export",
        description="Export a validated config in the legacy (yacs) layout, unprepared.",
    )
    parser.add_argument("--legacy", action="store_true", help="the legacy yacs layout (required)")
    parser.add_argument("--out", help="write to this file instead of stdout (- is stdout)")
    parser.add_argument("--force", action="store_true", help="replace an existing --out file")
    add_config_dir(parser)
    parser.add_argument("overrides", nargs="*", help="Hydra overrides, e.g. experiment=...")
    return parser


def export_command(argv: list[str]) -> int:
    args = _parser().parse_intermixed_args(argv)
    context = " ".join(args.overrides) or "defaults"
    if not args.legacy:
        print_usage_error(
            "export",
            "--legacy",
            "(missing)",
            "the only export format is the legacy layout",
            "depthconf export --legacy OVERRIDES...",
        )
        return EXIT_INVALID
    to_stdout = args.out in (None, "-")
    if not to_stdout and Path(args.out).exists() and not args.force:
        print_usage_error(
            "export",
            "--out",
            args.out,
            "the file already exists; depthconf export does not replace it",
            "--force to replace it, or choose another --out",
        )
        return EXIT_INVALID
    try:
        report = checked(args.overrides, config_dir=config_dir(args))
        context = report.context
        text = legacy_yaml(
            to_legacy(report.config_or_raise()),
            header=f"Legacy (yacs) config, unprepared, exported by depthconf export --legacy "
            f"{' '.join(args.overrides)}".rstrip(),
        )
    except ConfigError as error:
        print_findings(error.violations, error.warnings, context=context, stream=sys.stderr)
        return EXIT_INVALID
    if to_stdout:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        Path(args.out).write_text(text, encoding="utf-8")
    except OSError as error:
        reason = error.strerror or str(error)
        print_usage_error(
            "export", "--out", args.out, f"cannot write: {reason}", "choose another --out"
        )
        return EXIT_INVALID
    print(f"exported {context} -> {args.out}")
    return EXIT_OK
