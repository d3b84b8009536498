"""Load files through the trainer's own config path; run in a subprocess by test_conformance.

Usage: ``python trainer_driver.py TRAINER_DIR defaults`` prints the trainer's
``get_cfg_defaults()`` flattened (key -> repr, in order); ``python trainer_driver.py
TRAINER_DIR load FILE...`` prints, per file, what the trainer made of it. Output is one
JSON document on stdout.

The trainer's config path (scripts/core/train.py:44 -> packnet_sfm/utils/config.py:163-255,
then the checkpoint keeper of scripts/core/train.py:66-67) imports torch, numpy and
termcolor without using them to parse a config; they are stubbed in ``sys.modules`` here,
in this throw-away interpreter only, so the test process never sees the stubs. Two
attributes are used: ``ModelCheckpoint.__init__`` builds ``torch.tensor(np.inf)`` for its
initial best value (packnet_sfm/models/model_checkpoint.py:44), which the stubs return as
the plain float. yacs is the real one: it *is* the config path.
"""

from __future__ import annotations

import ast
import importlib
import json
import math
import sys
import traceback
import types
from pathlib import Path
from typing import Any

VALUE = 0.123  # the value every emitted metric gets when the keeper names a file
KITTI_SHAPE = (375, 1242)  # a KITTI raw image (trainer.md 3c), for the crop borders


def _stub(name: str, **attributes: Any) -> None:
    module = types.ModuleType(name)
    module.__dict__.update(attributes)
    sys.modules[name] = module


def install_stubs() -> None:
    class Tensor:  # only for isinstance checks (packnet_sfm/utils/types.py:13)
        pass

    _stub("torch", tensor=lambda value, *a, **k: value, Tensor=Tensor)
    _stub("numpy", inf=math.inf, ndarray=type("ndarray", (), {}))
    _stub("termcolor", colored=lambda text, *a, **k: text)


def metric_names(trainer: Path) -> tuple[list[str], list[str]]:
    """``self.metrics_keys`` and ``self.metrics_modes`` of ModelWrapper
    (packnet_sfm/models/model_wrapper.py:60-62), read with ast: importing it needs torch."""
    tree = ast.parse((trainer / "packnet_sfm" / "models" / "model_wrapper.py").read_text())
    found: dict[str, list[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Attribute) and target.attr in (
                "metrics_keys",
                "metrics_modes",
            ):
                found.setdefault(target.attr, list(ast.literal_eval(node.value)))
    return found["metrics_keys"], found["metrics_modes"]


def flat(node: Any, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in node.items():
        if isinstance(value, dict):  # a yacs CfgNode is a dict
            out.update(flat(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = repr(value)
    return out


def defaults() -> dict[str, Any]:
    module = importlib.import_module("configs.default_config")
    return {"defaults": list(flat(module.get_cfg_defaults()).items())}


def load(file: str, keys: list[str], modes: list[str]) -> dict[str, Any]:
    from packnet_sfm.models.model_checkpoint import ModelCheckpoint
    from packnet_sfm.utils.config import parse_train_file
    from packnet_sfm.utils.load import filter_args_create
    from packnet_sfm.utils.logging import prepare_dataset_prefix

    try:
        config, _ = parse_train_file(file)  # scripts/core/train.py:44
    except Exception as error:  # the point: report whatever the trainer raises
        return {"loaded": False, "error": f"{type(error).__name__}: {error}"}
    validation = config.datasets.validation
    # one prefix per validation dataset, as create_dict names keys (utils/reduce.py:143-150)
    prefixes = [prepare_dataset_prefix(validation, n) for n in range(len(validation.path))]
    result: dict[str, Any] = {
        "loaded": True,
        "prepared": bool(config.prepared),
        "name": config.name,
        "monitor": config.checkpoint.monitor,
        "monitor_index": config.checkpoint.monitor_index,
        "filepath": config.checkpoint.filepath,
        "prefixes": prefixes,
        "keeper": None,
        "crops": crops_on_kitti(config),
    }
    if config.checkpoint.filepath == "":  # no keeper (scripts/core/train.py:66-67)
        return result
    emitted = {f"{p}-{k}{m}": VALUE for p in prefixes for k in keys for m in modes}
    try:
        keeper = filter_args_create(ModelCheckpoint, config.checkpoint)
        filename = keeper.format_checkpoint_name(0, dict(emitted))  # model_checkpoint.py:109-118
    except Exception as error:
        result["keeper"] = {"error": f"{type(error).__name__}: {error}"}
        return result
    result["keeper"] = {
        "mode": keeper.mode,
        "save_top_k": keeper.save_top_k,
        "filename": filename,
        "current": emitted.get(keeper.monitor),  # what `assert current` checks (:132-134)
    }
    return result


def crops_on_kitti(config: Any) -> dict[str, Any]:
    """The trainer's parse_crop_borders (packnet_sfm/utils/misc.py:77-146) on a KITTI image,
    for a config that trains on KITTI only: the borders or the error (S9, D19)."""
    from packnet_sfm.utils.misc import parse_crop_borders

    datasets = list(config.datasets.train.dataset)
    if not datasets or any(d != "KITTI" for d in datasets):
        return {}
    out: dict[str, Any] = {}
    for key in ("crop_train_borders", "crop_eval_borders"):
        borders = config.datasets.augmentation[key]
        if len(borders) == 0:
            continue
        try:
            out[key] = list(parse_crop_borders(borders, KITTI_SHAPE))
        except (AssertionError, NotImplementedError) as error:  # what the trainer raises
            out[key] = f"{type(error).__name__}: {error}"
    return out


def main(argv: list[str]) -> int:
    trainer, command, files = Path(argv[1]).resolve(), argv[2], argv[3:]
    sys.path.insert(0, str(trainer))
    install_stubs()
    if command == "defaults":
        output: dict[str, Any] = defaults()
    else:
        keys, modes = metric_names(trainer)
        output = {"keys": keys, "modes": modes, "files": {}}
        for file in files:
            try:
                output["files"][file] = load(file, keys, modes)
            except Exception:  # an import of the config path failed: say where
                output["files"][file] = {"loaded": False, "error": traceback.format_exc()}
    json.dump(output, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
