"""The ``depthconf`` command: ``check``, ``run``, ``explain`` (and the legacy bridge commands).

Exit status: 0 valid, 2 invalid config (a user mistake, reported without a
traceback), 1 for anything unexpected.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from depthconf.cli._check import check_command
from depthconf.cli._export import export_command
from depthconf.cli._migrate import migrate_command
from depthconf.cli._run import run_command

USAGE = """\
usage: depthconf COMMAND [ARGS...]

commands:
  check [OVERRIDES...]      compose and validate; print a summary or every error
  check --all               validate every experiment under conf/experiment/
  check -m [OVERRIDES...]   dry run of a sweep: every job with ok or its errors; launches nothing
  run [HYDRA ARGS...]       validate, then run the bundled task (a Hydra app: -m, --cfg job,
                            --info, hydra.run.dir=... all work)
  explain KEY [OVERRIDES...] [-m]
                            the value of KEY (a leaf or a section) and every source that set
                            it, in order: schema default, files (file:line), command line
  migrate LEGACY.yaml [--name NAME] [--out PATH] [--force]
                            turn a legacy yacs experiment into conf/experiment/NAME.yaml,
                            then compose and validate it (legacy problems are errors too)
  migrate --check DIR       migrate every DIR/*.yaml into a temporary conf copy; one row each
  export --legacy [OVERRIDES...] [--out FILE] [--force]
                            a validated config as legacy yacs YAML, prepared for the trainer

every command takes --config-dir DIR (-cd DIR): the config directory holding train.yaml
(default: $DEPTHCONF_CONF_DIR, else the bundled conf/)

examples:
  depthconf check experiment=resnet_san_ncdb checkpoint.save_top_k=3
  depthconf run experiment=resnet_san_ncdb
  depthconf check -m experiment=resnet_san_ncdb checkpoint.save_top_k=-1,3
  depthconf run -m experiment=resnet_san_ncdb,resnet_san_kitti checkpoint.period=1,2
  depthconf explain checkpoint.save_top_k experiment=resnet_san_ncdb checkpoint=best_3
  depthconf check -cd ~/training/conf experiment=my_exp
  depthconf migrate configs/train_resnet_san_ncdb.yaml
  depthconf export --legacy experiment=resnet_san_ncdb --out legacy.yaml
"""


def explain_command(argv: list[str]) -> int:
    """``depthconf explain``, imported when it runs (check must not pay for it)."""
    from depthconf.cli._explain import explain_command as explain

    return explain(argv)


COMMANDS: dict[str, Callable[[list[str]], int]] = {
    "check": check_command,
    "explain": explain_command,
    "export": export_command,
    "migrate": migrate_command,
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
