"""``depthconf explain KEY [OVERRIDES...]``: the value of a key and where it came from.

For a leaf (``checkpoint.save_top_k``), every source that set it, in composition
order, from the schema default through the group options and the experiment to
the command line, each with its ``file:line`` (and the line quoted); the last is
the value used. For a section (``checkpoint``), one line per leaf with its value
and its chain. An interpolation is followed to the key or environment variable
it reads.

With ``-m`` the overrides are a sweep: every job is composed and explained, and
jobs with the same explanation are listed together (a job that does not compose
says so; ``depthconf check -m`` lists why).

Exit status: 0 explained, 2 when the config does not compose (every mistake is
reported, as ``depthconf check`` reports it) or has no such key.

Example::

    depthconf explain checkpoint.save_top_k experiment=resnet_san_ncdb checkpoint=best_3
    depthconf explain checkpoint -m experiment=resnet_san_ncdb checkpoint=best_3,save_all
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from depthconf._report import explanation_text, print_findings
from depthconf.cli._options import add_config_dir, config_dir
from depthconf.composition import (
    COMPOSE_FAILURES,
    PRIMARY_CONFIG,
    Explanation,
    config_loader,
    explain,
    explain_in,
    load_sweep_config,
)
from depthconf.composition._diagnose import sources_of
from depthconf.composition._provenance import Sources
from depthconf.sweep import SweepSource, plan
from depthconf.sweep._overrides import OverrideSplitter
from depthconf.sweep._source import recorded_overrides
from depthconf.validation import ConfigError

EXIT_OK, EXIT_INVALID = 0, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="depthconf explain",
        description="Show the value of a config key and every source that set it, in order.",
    )
    parser.add_argument("key", help="a leaf (checkpoint.save_top_k) or a section (checkpoint)")
    parser.add_argument(
        "-m", "--multirun", action="store_true", help="explain KEY in every job of the sweep"
    )
    add_config_dir(parser)
    parser.add_argument("overrides", nargs="*", help="Hydra overrides, e.g. experiment=...")
    return parser


def _text(explanation: Explanation) -> str:
    return explanation_text(
        explanation.key,
        explanation.value,
        explanation.leaves,
        explanation.section,
        explanation.context,
    )


def _job_names(indices: Sequence[int]) -> str:
    return f"{'job' if len(indices) == 1 else 'jobs'} {', '.join(str(i) for i in indices)}"


def _explain_sweep(key: str, overrides: list[str], directory: Path) -> int:
    with config_loader(directory) as loader:
        master = load_sweep_config(loader, PRIMARY_CONFIG, overrides)
        params = master.hydra.sweeper.get("params")
        jobs = plan(
            recorded_overrides(master, "task"),
            master,
            loader,
            params=params if isinstance(params, Mapping) else None,
            max_batch_size=None,
        )
        source = SweepSource.of_master(loader, master)
        repo = source.repository
        splitter = OverrideSplitter(repo) if repo is not None else None
        bases: dict[tuple[str, ...], Sources | None] = {}
        texts: dict[str, list[int]] = {}
        for index, job in enumerate(jobs):
            texts.setdefault(_job_text(key, job, source, splitter, bases), []).append(index)
    print(f"{key} in a sweep of {len(jobs)} jobs: {len(texts)} different explanation(s)")
    for text, indices in texts.items():
        shown = "; ".join(" ".join(jobs[i]) or "(no overrides)" for i in indices[:3])
        more = f"; ... ({len(indices)} jobs)" if len(indices) > 3 else ""
        print(f"\n{_job_names(indices)}: {shown}{more}\n{text}")
    return EXIT_OK


def _job_text(
    key: str,
    job: Sequence[str],
    source: SweepSource,
    splitter: OverrideSplitter | None,
    bases: dict[tuple[str, ...], Sources | None],
) -> str:
    split = splitter(job) if splitter is not None else None
    try:
        composed = source.compose(job)
    except COMPOSE_FAILURES as error:  # every Hydra failure of a job is a user mistake
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        return f"  the job does not compose ({first}); depthconf check -m lists every error"
    if split is None:
        sources = sources_of(source.loader, source.config_name, [*source.hydra_overrides, *job])
    else:
        if split.groups not in bases:
            lines = [*source.hydra_overrides, *split.groups]
            bases[split.groups] = sources_of(source.loader, source.config_name, lines)
        base = bases[split.groups]
        sources = base.with_overrides(split.values) if base is not None else None
    if sources is None:
        return "  (this config loader cannot tell where values came from)"
    try:
        return _text(explain_in(key, composed.config, sources))
    except ConfigError as error:
        return "  " + error.violations[0].rule


def explain_command(argv: list[str]) -> int:
    args = _parser().parse_intermixed_args(argv)
    try:
        directory = config_dir(args)
        if args.multirun:
            return _explain_sweep(args.key, args.overrides, directory)
        explanation = explain(args.key, args.overrides, config_dir=directory)
    except ConfigError as error:
        print_findings(error.violations, error.warnings, context=error.context, stream=sys.stderr)
        return EXIT_INVALID
    print(_text(explanation))
    return EXIT_OK
