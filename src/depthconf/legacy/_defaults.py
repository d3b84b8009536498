"""The legacy defaults table (the trainer's ``configs/default_config.py``) as plain dicts.

Key for key, value for value and type for type the trainer's defaults at 208e293
(``configs/default_config.py:7-294``, in the same order), including the six
run-time keys under "THESE SHOULD NOT BE CHANGED" (:289-294). yacs type-checks YAML
values against the type of the default, so ``0.0`` vs ``0`` and ``()`` vs ``[]``
matter. ``tests/trainer/test_conformance.py`` compares this table with the
trainer's own ``get_cfg_defaults()`` when a checkout of the trainer is available.

Example:
    >>> d = legacy_defaults()
    >>> d["datasets"]["augmentation"]["jittering"]
    (0.2, 0.2, 0.2, 0.05)
    >>> "checkpoint.save_top_k" in legacy_key_paths()
    True
    >>> sorted(RUNTIME_ONLY_KEYS)[:3]
    ['checkpoint.s3_url', 'config', 'default']
"""

from __future__ import annotations

import os
from typing import Any, Final

from depthconf.legacy._tree import flatten, join
from depthconf.schema import TrainSplitConfig

#: The three dataset splits whose per-dataset lists are broadcast.
SPLITS: Final = ("train", "validation", "test")

#: Per-dataset (parallel) list keys of a split section, in broadcast order: the same
#: columns the schema broadcasts (``repeat`` exists in the train split only).
PER_DATASET_KEYS: Final = TrainSplitConfig.PARALLEL_FIELDS

#: The run-time keys of the defaults (configs/default_config.py:289-294, "THESE SHOULD
#: NOT BE CHANGED"): yacs accepts them in a YAML, but the trainer sets them itself while
#: it runs, so they are state, not configuration. Export never writes them; migrate
#: drops them with a warning (:mod:`depthconf.legacy._runtime` says what each one does).
RUNTIME_ONLY_KEYS: Final = frozenset(
    {"config", "default", "prepared", "wandb.url", "checkpoint.s3_url", "save.pretrained"}
)


def _loss() -> dict[str, Any]:
    # configs/default_config.py:21-72 (silog_ratio is the int 10, :63)
    return {
        "rotation_mode": "euler",
        "upsample_depth_maps": True,
        "ssim_loss_weight": 0.85,
        "occ_reg_weight": 0.1,
        "smooth_loss_weight": 0.001,
        "C1": 1e-4,
        "C2": 9e-4,
        "photometric_reduce_op": "min",
        "disp_norm": True,
        "clip_loss": 0.0,
        "padding_mode": "zeros",
        "automask_loss": True,
        "velocity_loss_weight": 0.1,
        "supervised_method": "sparse-l1",
        "supervised_num_scales": 4,
        "supervised_loss_weight": 0.9,
        "consistency_loss_weight": 0.1,
        "lambda_sg": 0.5,
        "num_scales": 4,
        "use_absolute": True,
        "use_inv_depth": False,
        "epsilon": 1e-8,
        "ssi_weight": 0.7,
        "silog_weight": 0.3,
        "alpha_ssi": 0.85,
        "beta_silog": 0.15,
        "min_depth": 0.05,
        "max_depth": 100.0,
        "gradient_weight": 0.0,
        "gradient_scales": 4,
        "w_structure": 0.4,
        "w_scale": 0.6,
        "alpha": 0.85,
        "silog_ratio": 10,
        "silog_ratio2": 0.85,
        "enable_near_field_weighting": False,
        "enable_road_weighting": False,
        "near_field_threshold": 1.0,
        "road_weight": 5.0,
        "road_nearfield_weight": 10.0,
        "nonroad_nearfield_weight": 3.0,
    }


def _model() -> dict[str, Any]:
    # configs/default_config.py:14-137
    return {
        "name": "",
        "checkpoint_path": "",
        "loss": _loss(),
        "depth_net": {
            "name": "",
            "checkpoint_path": "",
            "version": "",
            "dropout": 0.0,
            "force_output_shape": (),
            "use_film": False,
            "film_scales": [0],
            "use_enhanced_lidar": False,
            "use_dual_head": False,
            "use_encoder_rezero": False,
            "variant": "s",
            "use_neck_features": False,
            "use_imagenet_pretrained": False,
            "use_depth_neck": False,
        },
        "pose_net": {"name": "", "checkpoint_path": "", "version": "", "dropout": 0.0},
        "optimizer": {
            "name": "Adam",
            "depth": {"lr": 0.0002, "weight_decay": 0.0},
            "pose": {"lr": 0.0002, "weight_decay": 0.0},
        },
        "scheduler": {"name": "StepLR", "step_size": 10, "gamma": 0.5, "T_max": 20},
        "params": {
            "crop": "garg",
            "min_depth": 0.0,
            "max_depth": 100.0,
            "scale_output": "",
            "use_log_space": False,
        },
    }


def _augmentation() -> dict[str, Any]:
    # configs/default_config.py:160-189 (crop borders: empty tuples, :163-164)
    return {
        "image_shape": (),
        "jittering": (0.2, 0.2, 0.2, 0.05),
        "crop_train_borders": (),
        "crop_eval_borders": (),
        "randaugment": {"enabled": False, "n": 9, "m": 0.5, "prob": 0.5},
        "random_erasing": {
            "enabled": False,
            "probability": 0.1,
            "sl": 0.02,
            "sh": 0.4,
            "r1": 0.3,
            "mean": [0.485, 0.456, 0.406],
        },
        "mixup": {"enabled": False, "alpha": 0.2, "prob": 0.5},
        "cutmix": {"enabled": False, "alpha": 1.0, "prob": 0.5},
    }


def _split(batch_size: int, num_workers: int, context: int, *, train: bool) -> dict[str, Any]:
    # configs/default_config.py:194-242, in the trainer's key order
    section: dict[str, Any] = {
        "batch_size": batch_size,
        "num_workers": num_workers,
        "back_context": context,
        "forward_context": context,
        "dataset": [],
        "path": [],
        "split": [],
        "depth_type": [""],
        "input_depth_type": [""],
        "cameras": [[]],
    }
    if train:
        section["repeat"] = [1]  # configs/default_config.py:205
    section["num_logs"] = 5
    section["mask_file"] = [""]
    section["use_mask"] = [False]
    return section


def legacy_defaults() -> dict[str, Any]:
    """Return a fresh copy of the complete legacy defaults table.

    ``wandb.project`` / ``wandb.entity`` are read from the ``WANDB_PROJECT`` /
    ``WANDB_ENTITY`` environment variables at call time (empty string if unset),
    like the trainer's ``configs/default_config.py:273-274``.

    Example:
        >>> legacy_defaults()["checkpoint"]["monitor"]
        'loss'
        >>> legacy_defaults()["arch"]["dtype"] is None
        True
    """
    return {
        "name": "",
        "debug": True,
        "model": _model(),
        "arch": {
            "seed": 42,
            "min_epochs": 1,
            "max_epochs": 50,
            "validate_first": False,
            "eval_during_training": True,
            "eval_progress_interval": 0.1,
            "eval_subset_size": 25,
            "clip_grad": 10.0,
            "dtype": None,
        },
        "datasets": {
            "augmentation": _augmentation(),
            "train": _split(2, 16, 1, train=True),
            "validation": _split(1, 8, 0, train=False),
            "test": _split(1, 8, 0, train=False),
        },
        "checkpoint": {
            "filepath": "",
            "save_top_k": 5,
            "monitor": "loss",
            "monitor_index": 0,
            "mode": "auto",
            "period": 1,
            "s3_path": "",
            "s3_frequency": 1,
            "s3_url": "",  # configs/default_config.py:292 (run time)
        },
        "save": {
            "folder": "",
            "depth": {"rgb": True, "viz": True, "npz": True, "png": True},
            "pretrained": "",  # configs/default_config.py:293 (run time)
        },
        "wandb": {
            "dry_run": True,
            "name": "",
            "project": os.environ.get("WANDB_PROJECT", ""),
            "entity": os.environ.get("WANDB_ENTITY", ""),
            "tags": [],
            "dir": "",
            "url": "",  # configs/default_config.py:291 (run time)
        },
        "tensorboard": {"dry_run": True, "log_frequency": 100, "log_dir": ""},
        # configs/default_config.py:289-290, :294 (run time)
        "config": "",
        "default": "",
        "prepared": False,
    }


def _section_paths(tree: dict[str, Any], prefix: str) -> list[str]:
    paths: list[str] = []
    for key, value in tree.items():
        if isinstance(value, dict):
            path = join(prefix, key)
            paths += [path, *_section_paths(value, path)]
    return paths


def legacy_key_paths() -> frozenset[str]:
    """All dotted leaf keys of the legacy defaults (sections themselves excluded).

    Example:
        >>> "datasets.train.repeat" in legacy_key_paths()
        True
        >>> "datasets.validation.repeat" in legacy_key_paths()
        False
    """
    return frozenset(flatten(legacy_defaults()))


def legacy_section_paths() -> frozenset[str]:
    """All dotted section (mapping) keys of the legacy defaults.

    Example:
        >>> sorted(p for p in legacy_section_paths() if p.startswith("save"))
        ['save', 'save.depth']
    """
    return frozenset(_section_paths(legacy_defaults(), ""))
