"""``depthconf run``: the bundled Hydra app.

Its task writes the validated, resolved config into the run directory and prints
the checkpoint plan; a real trainer uses ``@depthconf.main`` the same way.
"""

from __future__ import annotations

import sys
from pathlib import Path

from hydra.core.hydra_config import HydraConfig

from depthconf._app import main
from depthconf._report import plan
from depthconf.schema import TrainConfig, to_yaml

VALIDATED_CONFIG = "config.validated.yaml"


@main
def bundled_task(cfg: TrainConfig) -> None:
    run_dir = Path(HydraConfig.get().runtime.output_dir)
    target = run_dir / VALIDATED_CONFIG
    target.write_text(to_yaml(cfg), encoding="utf-8")
    choice = HydraConfig.get().runtime.choices.get("experiment")
    print(f"ok  experiment={choice}" if choice else "ok")
    print(f"validated config: {target}")
    print(plan(cfg, run_dir))


def run_command(argv: list[str]) -> int:
    sys.argv = ["depthconf run", *argv]
    bundled_task()
    return 0
