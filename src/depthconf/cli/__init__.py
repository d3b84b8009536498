"""The ``depthconf`` command: ``check``, ``run`` (and the legacy bridge commands).

Exit status: 0 valid, 2 invalid config (a user mistake, reported without a
traceback), 1 for anything unexpected.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from depthconf.cli._check import check_command
from depthconf.cli._run import run_command

USAGE = """\
usage: depthconf COMMAND [ARGS...]

commands:
  check [OVERRIDES...]      compose and validate; print a summary or every error
  check --all               validate every experiment under conf/experiment/
  run [HYDRA ARGS...]       validate, then run the bundled task (a Hydra app: -m, --cfg job,
                            --info, hydra.run.dir=... all work)

examples:
  depthconf check experiment=resnet_san_ncdb checkpoint.save_top_k=3
  depthconf run experiment=resnet_san_ncdb
  depthconf run -m experiment=resnet_san_ncdb,resnet_san_kitti
"""

COMMANDS: dict[str, Callable[[list[str]], int]] = {
    "check": check_command,
    "run": run_command,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help", "help"):
        print(USAGE)
        return 0 if args else 2
    if args[0] in ("-V", "--version"):
        from depthconf import __version__

        print(f"depthconf {__version__}")
        return 0
    command = COMMANDS.get(args[0])
    if command is None:
        print(f"depthconf: unknown command {args[0]!r}\n\n{USAGE}", file=sys.stderr)
        return 2
    return command(args[1:])
