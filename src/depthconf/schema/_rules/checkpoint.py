"""``checkpoint``: the checkpoint policy, as the section judges it by itself.

What the values mean is :mod:`depthconf.schema._policy` (shared with the keeper and
the run plan); these rules add why the trainer cannot run a policy depthconf refuses.
The trainer's keeper is ``packnet_sfm/models/model_checkpoint.py``, built by
``scripts/core/train.py:66-67`` only when ``checkpoint.filepath`` is set (trainer.md
section 3f); it is the same in the team's fork and upstream, so these facts are not
profile data. Which monitor to propose needs the emitted metric keys (datasets, the
trainer profile): the validator completes those fixes
(:mod:`depthconf.validation.rules.checkpoint`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Final

from depthconf.findings import Code, Violation, show
from depthconf.schema._policy import KEEP_ALL, Gap, Retention, gap, retention
from depthconf.schema._rules._engine import Here, section_rule
from depthconf.trainer._profile import Failure, Stage

if TYPE_CHECKING:
    from depthconf.schema._checkpoint import CheckpointConfig

# packnet_sfm/models/model_checkpoint.py:132-134: any save_top_k but -1 asserts the key.
METRIC_NOT_AVAILABLE: Final = Failure(
    Stage.first_checkpoint,
    "its checkpoint keeper asserts that validation returned the monitored key "
    "(AssertionError 'Checkpoint metric is not available')",
    "packnet_sfm/models/model_checkpoint.py:132-134",
)

# scripts/core/train.py:66-67: no keeper at all when checkpoint.filepath is ''.
NO_KEEPER: Final = (
    "with checkpoint.filepath '' the trainer builds no checkpoint keeper and writes no "
    "checkpoint at all (scripts/core/train.py:66-67)"
)


def keep_all_fix(here: Here) -> str:
    return f"{here('save_top_k')}={KEEP_ALL} to keep every checkpoint"


@section_rule("save_top_k")
def save_top_k_meaning(ckpt: CheckpointConfig, here: Here) -> Iterator[Violation]:
    k = ckpt.save_top_k
    meaning = retention(k)
    if meaning is Retention.zero:
        # packnet_sfm/models/model_checkpoint.py:30-31: 0 becomes a limit of 1e6 [C6].
        yield Violation(
            keys=here.keys("save_top_k"),
            value="0",
            rule=(
                "depthconf is stricter than the trainer here, because 0 is ambiguous: the "
                "team's trainer (the legacy keeper) reads 0 as 'keep every checkpoint, "
                "ranked by the monitor' (packnet_sfm/models/model_checkpoint.py:30-31), "
                "PyTorch Lightning reads it as 'keep none'. -1 means keep all in both; "
                "k >= 1 keeps the best k"
            ),
            fix=f"{here('save_top_k')}=-1 to keep every checkpoint, or "
            f"{here('filepath')}='' to write no checkpoints",
            code=Code.save_top_k_zero,
        )
    elif meaning is Retention.meaningless:
        # model_checkpoint.py:96, :107: the top-k test indexes best_k_models[''] [C7].
        yield Violation(
            keys=here.keys("save_top_k"),
            value=str(k),
            rule=(
                "-1 keeps every checkpoint and k >= 1 keeps the best k; below -1 means "
                "nothing, and the trainer fails at the first checkpoint save with "
                "KeyError '' (packnet_sfm/models/model_checkpoint.py:96, :107)"
            ),
            fix=f"{here('save_top_k')}=-1 (keep all) or a k >= 1",
            code=Code.save_top_k_range,
        )


@section_rule("save_top_k", "filepath")
def top_k_needs_checkpoints(ckpt: CheckpointConfig, here: Here) -> Iterator[Violation]:
    """save_top_k >= 1 with no checkpoint directory: a ranking that cannot happen [H2]."""
    if ckpt.filepath or retention(ckpt.save_top_k) is not Retention.best:
        return
    yield Violation(
        here.keys("save_top_k", "filepath"),
        f"save_top_k={ckpt.save_top_k}, filepath=''",
        f"save_top_k={ckpt.save_top_k} asks to keep the best {ckpt.save_top_k} checkpoints, "
        f"but {NO_KEEPER}. depthconf is stricter than the trainer, which ignores "
        "save_top_k then, because the config asks for a ranking that cannot happen",
        f"{here('save_top_k')}=-1 to state that no checkpoint is kept, or "
        f"{here('filepath')}=checkpoints to write them",
        Code.top_k_without_checkpoints,
    )


@section_rule("save_top_k", "monitor", "mode")
def ranking_needs_monitor_and_mode(ckpt: CheckpointConfig, here: Here) -> Iterator[Violation]:
    """Keeping the best k ranks: monitor and mode both set [C1, C4, C12].

    The fix here is generic; on a whole config the validator proposes an emitted key
    (``depthconf.validation.rules.checkpoint.propose_monitor``).
    """
    if gap(ckpt.save_top_k, ckpt.monitor, ckpt.mode) is not Gap.ranking:
        return
    if ckpt.monitor is None:
        # configs/default_config.py:249: the trainer's default monitor is 'loss' [C1].
        trainer = (
            "the trainer would rank by its default monitor 'loss', which validation never "
            f"returns, and {METRIC_NOT_AVAILABLE.sentence()}"
        )
    else:
        # configs/default_config.py:251: the trainer's default mode is 'auto' [C4, C12].
        trainer = (
            "the trainer would guess the direction ('auto'); depthconf is stricter and "
            f"wants it stated (see {here('mode')})"
        )
    k = ckpt.save_top_k
    yield Violation(
        keys=here.keys("monitor", "mode"),
        value=f"save_top_k={k}, monitor={show(ckpt.monitor)}, mode={show(ckpt.mode)}",
        rule=(
            f"save_top_k={k} keeps the best {k} checkpoints, so {here('monitor')} (the metric "
            f"to rank by) and {here('mode')} (min or max) must both be set explicitly: "
            f"{trainer}"
        ),
        fix=f"{here('monitor')}=<metric> {here('mode')}=<min|max>, or {keep_all_fix(here)}",
        code=Code.monitor_required,
        related=here.keys("save_top_k"),
    )


@section_rule("save_top_k", "monitor", "mode")
def monitor_needs_mode(ckpt: CheckpointConfig, here: Here) -> Iterator[Violation]:
    """A monitor without a mode, even with save_top_k=-1 [C12].

    The fix here is generic; on a whole config the validator proposes the monitored
    metric's own direction (``depthconf.validation.rules.checkpoint.propose_mode``).
    """
    if gap(ckpt.save_top_k, ckpt.monitor, ckpt.mode) is not Gap.mode:
        return
    # packnet_sfm/models/model_checkpoint.py:48-52: 'auto' (the trainer's default mode)
    # decides by substrings of the full key; with save_top_k -1 nothing is ranked.
    yield Violation(
        keys=here.keys("mode"),
        value=f"monitor={show(ckpt.monitor)}, mode={show(ckpt.mode)}",
        rule=(
            "a monitored metric needs an explicit mode: depthconf is stricter than the "
            "trainer, which ranks nothing with save_top_k=-1 and would fall back to 'auto', "
            "a guess from substrings of the full key that picks the wrong direction for "
            "a2/a3 or for dataset prefixes containing 'acc' or 'a1' "
            "(packnet_sfm/models/model_checkpoint.py:48-52); depthconf's own checkpoint "
            "keeper tracks the best checkpoint by the monitor even when it keeps them all"
        ),
        fix=mode_fix(here, "<min|max>"),
        code=Code.mode_required,
        related=here.keys("monitor"),
    )


def mode_fix(here: Here, direction: str) -> str:
    return f"{here('mode')}={direction}, or {here('monitor')}=null"


CHECKPOINT_RULES: Final = (
    save_top_k_meaning,
    top_k_needs_checkpoints,
    ranking_needs_monitor_and_mode,
    monitor_needs_mode,
)
