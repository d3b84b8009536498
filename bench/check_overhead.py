"""What validation adds to composition: `depthconf check` against a bare Hydra compose.

Both sides compose experiment=resnet_san_ncdb from the same conf/ in the same run:

* in process: Hydra's compose API alone, versus depthconf's compose + full validation;
* whole command: ``python -c <bare compose>`` versus ``depthconf check`` (interpreter
  start-up and imports included), as a user experiences it.

It prints the medians and, as its last line, ``overhead: <ratio>`` (depthconf / bare,
whole command). Ratios are what to compare across machines; absolute times drift.

    python bench/check_overhead.py [--repeat 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from hydra import compose, initialize_config_dir

import depthconf
from depthconf.composition import compose_config, conf_dir
from depthconf.validation import check

EXPERIMENT = "experiment=resnet_san_ncdb"
BARE = f"""
import depthconf.schema
from hydra import compose, initialize_config_dir
with initialize_config_dir(config_dir={str(conf_dir())!r}, version_base="1.3"):
    compose("train", overrides=[{EXPERIMENT!r}])
"""


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    action()  # warm caches
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bare_compose() -> None:
    with initialize_config_dir(config_dir=str(conf_dir()), version_base="1.3"):
        compose("train", overrides=[EXPERIMENT])


def depthconf_check() -> None:
    composed = compose_config([EXPERIMENT])
    report = check(composed.config, overrides=composed.overrides)
    assert report.ok


def process(*argv: str) -> Callable[[], object]:
    src = Path(depthconf.__file__).resolve().parents[1]
    env = dict(os.environ, PYTHONPATH=str(src))
    return lambda: subprocess.run(argv, env=env, check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    repeat = parser.parse_args().repeat

    bare = median_seconds(bare_compose, repeat)
    ours = median_seconds(depthconf_check, repeat)
    print(f"in process: bare compose {bare * 1e3:.1f} ms, compose + validate {ours * 1e3:.1f} ms")
    print(f"in process: validation adds {(ours - bare) * 1e3:.1f} ms ({ours / bare:.2f}x)")

    bare_cmd = median_seconds(process(sys.executable, "-c", BARE), max(3, repeat // 3))
    ours_cmd = median_seconds(
        process(sys.executable, "-m", "depthconf", "check", EXPERIMENT), max(3, repeat // 3)
    )
    print(f"command: python -c <bare compose> {bare_cmd * 1e3:.0f} ms")
    print(f"command: depthconf check {EXPERIMENT} {ours_cmd * 1e3:.0f} ms")
    print(f"overhead: {ours_cmd / bare_cmd:.2f}")


if __name__ == "__main__":
    main()
