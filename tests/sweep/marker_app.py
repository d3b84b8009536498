"""A tiny training app built with ``@depthconf.main``: each job writes a marker file.

Run as ``python tests/sweep/marker_app.py -m ...``; ``DEPTHCONF_CONF_DIR`` picks the
config directory, so tests can use a copy of ``conf/`` that does not select the
depthconf sweeper by default (``hydra/sweeper=depthconf`` then selects it).
"""

from __future__ import annotations

from pathlib import Path

from hydra.core.hydra_config import HydraConfig

import depthconf

MARKER = "marker.txt"


@depthconf.main
def train(cfg: depthconf.TrainConfig) -> None:
    out = Path(HydraConfig.get().runtime.output_dir)
    (out / MARKER).write_text(f"save_top_k={cfg.checkpoint.save_top_k}\n", encoding="utf-8")


if __name__ == "__main__":
    train()
