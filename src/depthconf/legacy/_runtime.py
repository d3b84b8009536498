"""The trainer's run-time keys in a legacy file: state, not configuration (trainer.md F1a).

The trainer's defaults end with six keys "THESE SHOULD NOT BE CHANGED"
(configs/default_config.py:289-294). yacs accepts them in a YAML, but the trainer
sets each of them itself while it runs, so a value in a file is either overwritten
or changes how the run is prepared. ``migrate`` drops every one the file sets, with
a warning saying what the trainer does with it; ``prepared: true`` in particular is
never carried over, because it makes the trainer skip its preparation and every
``checkpoint_path`` load.

Example:
    >>> [v.path for v in runtime_warnings({"prepared": True, "config": "x.yaml"})]
    ['config', 'prepared']
    >>> print(runtime_warnings({"wandb.url": "http://x"})[0].rule)  # doctest: +ELLIPSIS
    run-time state, not configuration: set by the trainer when a wandb run starts ...
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from depthconf.findings import Code, at, show, warning
from depthconf.legacy._defaults import RUNTIME_ONLY_KEYS
from depthconf.validation import Violation

#: What the trainer at 208e293 does with each run-time key (trainer.md section 3a).
TRAINER_USE: Final[dict[str, str]] = {
    # packnet_sfm/utils/config.py:118 (merge_cfg_file), :66-69 (set_name)
    "config": (
        "the trainer overwrites it with the path of the YAML it loads "
        "(packnet_sfm/utils/config.py:118) and uses it only to name a run whose `name` is "
        "empty (:66-69)"
    ),
    # packnet_sfm/utils/config.py:111 (get_default_config), :66-69
    "default": (
        "the trainer sets it to 'configs/default_config' before it merges the file "
        "(packnet_sfm/utils/config.py:111), so a value here replaces that name; it is used "
        "only to name a run whose `name` is empty (:66-69)"
    ),
    # packnet_sfm/utils/config.py:235-236; packnet_sfm/models/model_wrapper.py:80, 951, 967, 1009
    "prepared": (
        "true makes the trainer skip its whole preparation (packnet_sfm/utils/config.py:235-236: "
        "no wandb or monitor-index check, no broadcasting of the dataset lists, no run name, "
        "checkpoint monitor and filepath used as written) and never load model.checkpoint_path, "
        "model.depth_net.checkpoint_path or model.pose_net.checkpoint_path "
        "(packnet_sfm/models/model_wrapper.py:951, :967, :1009); the trainer sets it to true "
        "itself once the model is built (:80), which is why configs stored in checkpoints "
        "carry it"
    ),
    # packnet_sfm/trainers/horovod_trainer.py:56
    "wandb.url": (
        "set by the trainer when a wandb run starts (packnet_sfm/trainers/horovod_trainer.py:56)"
    ),
    # packnet_sfm/utils/config.py:99 (set_checkpoint)
    "checkpoint.s3_url": (
        "set by the trainer from checkpoint.s3_path and the run name "
        "(packnet_sfm/utils/config.py:99)"
    ),
    # packnet_sfm/utils/config.py:330 (parse_test_config)
    "save.pretrained": (
        "set by evaluation to the checkpoint it evaluates (packnet_sfm/utils/config.py:330)"
    ),
}
assert TRAINER_USE.keys() == RUNTIME_ONLY_KEYS


def runtime_warnings(declared: Mapping[str, Any]) -> list[Violation]:
    """One warning per run-time key the legacy file sets (``declared``: dotted key -> value).

    Example:
        >>> runtime_warnings({"arch.seed": 1})
        []
    """
    found = []
    for key in sorted(RUNTIME_ONLY_KEYS & declared.keys()):
        value = declared[key]
        rule = f"run-time state, not configuration: {TRAINER_USE[key]}. migrate drops it"
        fix = f"nothing to migrate; remove {key} from the legacy file to silence this warning"
        if key == "prepared" and value:
            rule += (
                ", so the migrated experiment is prepared like any other and loads its "
                "checkpoint paths"
            )
            fix = (
                "remove prepared from the legacy file: a config is prepared by the trainer, "
                "never by hand"
            )
        found.append(warning(at(key), show(value), rule, fix, Code.legacy_runtime_key))
    return found
