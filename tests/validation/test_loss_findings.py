"""The supervised-loss rules (``validation/rules/losses.py``), finding by finding, word for
word: the supervised method under both trainer profiles, the number of supervised scales,
the dual head that ignores the loss keys, and the automasking assert's cite.

Rows change a few keys of a bundled experiment: ``resnet_san_ncdb`` (the fork, ResNetSAN01,
one dual-head-capable network), ``resnet_san_ncdb_dual_head_640x384`` and
``packnet_san_kitti`` with ``trainer=upstream_de53b31``. Trainer paths are at commit
208e293 of the team's fork unless said otherwise.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

import depthconf.trainer
from depthconf.trainer import FORK_208E293, Failure, Stage, TrainerName
from tests.validation.trainer_rule_findings import Finding, findings

CODES = {
    "trainer_quirk",
    "trainer_fails",
    "dense_loss",
    "supervised_method_prefix",
    "unknown_choice",
    "supervised_num_scales",
    "dual_head_ignores",
    "automask_reduce_op",
}
METHOD = "model.loss.supervised_method"
SCALES = "model.loss.supervised_num_scales"
UPSTREAM = {"experiment": "packnet_san_kitti", "overrides": ("trainer=upstream_de53b31",)}
DUAL_HEAD = {"experiment": "resnet_san_ncdb_dual_head_640x384"}
FORK = "the team's PackNet-SfM fork (YoungseokOh/packnet-sfm-resnet-san@208e293)"
UPSTREAM_TITLE = "upstream PackNet-SfM (TRI-ML/packnet-sfm@de53b31)"
# The prefix test (packnet_sfm/losses/supervised_loss.py:88-151, :312; upstream :73-84, :140)
PREFIX_RULE = (
    "the trainer picks the loss by the end of the name and runs it on ground-truth pixels "
    "only when the name starts with 'sparse' ({cite}), so {method!r} would train as "
    "{runs!r}; depthconf is stricter and accepts only '<loss>' or 'sparse-<loss>', because "
    "any other prefix is most likely a typo"
)
FORK_LOOKUP = "packnet_sfm/losses/supervised_loss.py:88-151, :312"
UPSTREAM_LOOKUP = "packnet_sfm/losses/supervised_loss.py:73-84, :140"
FORK_SPELLINGS = (
    "sparse-l1, sparse-mse, sparse-berhu, sparse-ssi-silog, sparse-silog, sparse-abs_rel, "
    "sparse-ssi, sparse-ssi-trim, ssi-silog, ssi"
)
UNKNOWN_LOSS = "no supervised loss ends with that name (ValueError 'Unknown supervised loss')"
DENSE = (
    "accepted, but without the 'sparse-' prefix the loss runs over every pixel, so pixels "
    "without ground truth are supervised toward inverse depth 0 ({cite})"
)
DUAL_HEAD_RULE = (
    "accepted, but ignored: the dual-head model replaces the configured supervised loss "
    "with DualHeadDepthLoss and its fixed weights (integer 1.0, fractional 10.0, "
    "consistency 0.5), on the full-resolution output only "
    "(packnet_sfm/models/SemiSupCompletionModel.py:110-133); none of supervised_method, "
    "supervised_num_scales, ssi_weight, silog_weight, gradient_weight, gradient_scales, "
    "alpha has any effect with model.depth_net.use_dual_head"
)
DUAL_HEAD_FIX = (
    "remove those keys (or set them to their defaults), or "
    "model.depth_net.use_dual_head=false to train with them"
)


def prefix(method: str, runs: str, cite: str = FORK_LOOKUP) -> Finding:
    return Finding(
        "error",
        "supervised_method_prefix",
        METHOD,
        repr(method),
        PREFIX_RULE.format(cite=cite, method=method, runs=runs),
        f"{METHOD}={runs}",
    )


def shadowed(method: str, name: str, fix: str) -> Finding:
    # packnet_sfm/losses/supervised_loss.py:145-149 tests the 'ssi' ending first [M8]
    return Finding(
        "warning",
        "trainer_quirk",
        METHOD,
        repr(method),
        f"accepted, but the trainer tests for a name ending in 'ssi' first, so '{name}' "
        "trains with SSILoss, not its own loss (packnet_sfm/losses/supervised_loss.py:145-149)",
        f"{METHOD}={fix} (what really runs)",
    )


def dense(method: str, cite: str = "packnet_sfm/losses/supervised_loss.py:413-418") -> Finding:
    # supervised_loss.py:413-418 (upstream :146-147): no mask without 'sparse' [M10]
    return Finding(
        "warning",
        "dense_loss",
        METHOD,
        repr(method),
        DENSE.format(cite=cite),
        f"{METHOD}=sparse-{method} (masks pixels without ground truth)",
    )


def unknown(
    method: str,
    hint: str = "",
    title: str = FORK,
    spellings: str = FORK_SPELLINGS,
    cite: str = "packnet_sfm/losses/supervised_loss.py:236-237",
) -> Finding:
    return Finding(
        "error",
        "unknown_choice",
        METHOD,
        repr(method),
        f"{title} has no supervised loss (with an optional 'sparse-' prefix) {method!r}{hint}; "
        f"it trains with: {spellings}; the trainer fails at start-up: {UNKNOWN_LOSS} ({cite})",
        f"{METHOD}=sparse-l1",
    )


def too_many_scales(net: str, cite: str) -> Finding:
    # packnet_sfm/utils/image.py:205 indexes one prediction per supervised scale [M11]
    return Finding(
        "error",
        "supervised_num_scales",
        SCALES,
        "5",
        f"{net} returns 4 inverse-depth scales in training, so at most 4 can be supervised: "
        "the trainer fails at the first training step: the supervised loss indexes one "
        "prediction per scale (IndexError: list index out of range) "
        f"(packnet_sfm/utils/image.py:205, {cite})",
        f"{SCALES}=1 (what every team config uses)",
    )


def dual_head(keys: str, values: str) -> Finding:
    return Finding(
        "warning",
        "dual_head_ignores",
        ", ".join(f"model.loss.{k}" for k in keys.split()),
        values,
        DUAL_HEAD_RULE,
        DUAL_HEAD_FIX,
    )


def automask(cite: str) -> Finding:
    return Finding(
        "error",
        "automask_reduce_op",
        "model.loss.photometric_reduce_op, model.loss.automask_loss",
        "photometric_reduce_op='mean', automask_loss=true",
        "automasking works only with the min reduction: the trainer fails at start-up: the "
        "photometric loss, built for every model, asserts 'For automasking only the min "
        f"photometric_reduce_op is supported.'{cite}",
        "model.loss.photometric_reduce_op=min, or model.loss.automask_loss=false",
    )


SILOG_NAN = (
    "supervised_method 'silog' cannot train: the trainer fails at the first training step: "
    "without the 'sparse-' prefix SilogLoss takes the log of every pixel, and pixels without "
    "ground truth are 0, so the loss is NaN"
)
SILOG_FIX = f"{METHOD}=sparse-silog (masks pixels without ground truth)"

ROWS: dict[str, tuple[dict[str, Any], dict[str, Any], list[Finding]]] = {
    "the base (sparse-ssi-silog)": ({}, {}, []),
    "sparse-l1": ({METHOD: "sparse-l1"}, {}, []),
    # SSILoss and SSISilogLoss mask pixels without ground truth themselves
    "ssi": ({METHOD: "ssi"}, {}, []),
    "ssi-silog": ({METHOD: "ssi-silog"}, {}, []),
    "enhanced-ssi": (
        {METHOD: "enhanced-ssi"},
        {},
        [shadowed("enhanced-ssi", "enhanced-ssi", "ssi")],
    ),
    "sparse-progressive-ssi": (
        {METHOD: "sparse-progressive-ssi"},
        {},
        [shadowed("sparse-progressive-ssi", "progressive-ssi", "sparse-ssi")],
    ),
    "l1": ({METHOD: "l1"}, {}, [dense("l1")]),
    "ssi-trim": ({METHOD: "ssi-trim"}, {}, [dense("ssi-trim")]),
    # supervised_loss.py:413-418, :76, horovod_trainer.py:271-272 [M9]
    "silog": (
        {METHOD: "silog"},
        {},
        [
            Finding(
                "error",
                "dense_loss",
                METHOD,
                "'silog'",
                f"{SILOG_NAN} (ValueError 'Non-finite loss at step 0') "
                "(packnet_sfm/losses/supervised_loss.py:413-418, :76, "
                "packnet_sfm/trainers/horovod_trainer.py:271-272)",
                SILOG_FIX,
            )
        ],
    ),
    # [F2.C5] another prefix before a known ending
    "foo-l1": ({METHOD: "foo-l1"}, {}, [prefix("foo-l1", "l1")]),
    "sparse_l1": ({METHOD: "sparse_l1"}, {}, [prefix("sparse_l1", "sparse-l1")]),
    "sparsel1": ({METHOD: "sparsel1"}, {}, [prefix("sparsel1", "sparse-l1")]),
    # [M7] supervised_loss.py:236-237
    "l2": ({METHOD: "l2"}, {}, [unknown("l2")]),
    "sparse-l2": (
        {METHOD: "sparse-l2"},
        {},
        [unknown("sparse-l2", " (did you mean 'sparse-l1'?)")],
    ),
    # upstream has no SSI losses, and none of its losses masks without 'sparse'
    "upstream sparse-l1": ({METHOD: "sparse-l1"}, UPSTREAM, []),
    "upstream ssi": (
        {METHOD: "ssi"},
        UPSTREAM,
        [
            unknown(
                "ssi",
                title=UPSTREAM_TITLE,
                spellings="sparse-l1, sparse-mse, sparse-berhu, sparse-silog, sparse-abs_rel",
                cite="packnet_sfm/losses/supervised_loss.py:84",
            )
        ],
    ),
    "upstream sparse-ssi-silog": (
        {METHOD: "sparse-ssi-silog"},
        UPSTREAM,
        [prefix("sparse-ssi-silog", "sparse-silog", UPSTREAM_LOOKUP)],
    ),
    "upstream l1": (
        {METHOD: "l1"},
        UPSTREAM,
        [dense("l1", "packnet_sfm/losses/supervised_loss.py:146-147")],
    ),
    # upstream's supervised_loss.py:146-147, :62-63
    "upstream silog": (
        {METHOD: "silog"},
        UPSTREAM,
        [
            Finding(
                "error",
                "dense_loss",
                METHOD,
                "'silog'",
                f"{SILOG_NAN} and the weights become NaN (upstream does not stop) "
                "(packnet_sfm/losses/supervised_loss.py:146-147, :62-63)",
                SILOG_FIX,
            )
        ],
    ),
    # -- supervised_num_scales: every depth network returns 4 scales in training ----------
    "4 scales": ({SCALES: 4}, {}, []),
    "5 scales": (
        {SCALES: 5},
        {},
        [too_many_scales("ResNetSAN01", "packnet_sfm/losses/supervised_loss.py:428")],
    ),
    "upstream 5 scales": (
        {SCALES: 5},
        UPSTREAM,
        [too_many_scales("PackNetSAN01", "packnet_sfm/losses/supervised_loss.py:173")],
    ),
    # a model the trainer cannot build: its scales would be noise
    "5 scales, unknown model": ({SCALES: 5, "model.name": "NoSuchModel"}, {}, []),
    # -- the dual head never reads the supervised loss keys [M21] -------------------------
    "dual head on": (
        {"model.depth_net.use_dual_head": True},
        {},
        [
            dual_head(
                "supervised_method supervised_num_scales",
                "supervised_method='sparse-ssi-silog', supervised_num_scales=1",
            )
        ],
    ),
    # supervised_num_scales is not read with the dual head, so 5 is no error
    "dual head on, 5 scales": (
        {"model.depth_net.use_dual_head": True, SCALES: 5},
        {},
        [
            dual_head(
                "supervised_method supervised_num_scales",
                "supervised_method='sparse-ssi-silog', supervised_num_scales=5",
            )
        ],
    ),
    "dual head experiment": (
        {},
        DUAL_HEAD,
        [
            dual_head(
                "supervised_method supervised_num_scales ssi_weight silog_weight gradient_weight",
                "supervised_method='sparse-ssi-silog', supervised_num_scales=1, ssi_weight=0.4, "
                "silog_weight=0.4, gradient_weight=0.2",
            )
        ],
    ),
    "dual head experiment, defaults but alpha": (
        {
            METHOD: "sparse-l1",
            SCALES: 4,
            "model.loss.ssi_weight": 0.7,
            "model.loss.silog_weight": 0.3,
            "model.loss.gradient_weight": 0.0,
            "model.loss.alpha": 0.5,
        },
        DUAL_HEAD,
        [dual_head("alpha", "alpha=0.5")],
    ),
    "dual head experiment, all defaults": (
        {
            METHOD: "sparse-l1",
            SCALES: 4,
            "model.loss.ssi_weight": 0.7,
            "model.loss.silog_weight": 0.3,
            "model.loss.gradient_weight": 0.0,
        },
        DUAL_HEAD,
        [],
    ),
    "dual head off, 5 scales": (
        {"model.depth_net.use_dual_head": False, SCALES: 5},
        DUAL_HEAD,
        [too_many_scales("ResNetSAN01", "packnet_sfm/losses/supervised_loss.py:428")],
    ),
    # -- automasking needs the min reduction: the selected trainer's assert [M6] ----------
    "automask, mean": (
        {"model.loss.photometric_reduce_op": "mean"},
        {},
        [
            automask(
                " (packnet_sfm/losses/multiview_photometric_loss.py:116-118, "
                "packnet_sfm/models/SelfSupModel.py:22)"
            )
        ],
    ),
    "upstream automask, mean": (
        {"model.loss.photometric_reduce_op": "mean"},
        UPSTREAM,
        [
            automask(
                " (packnet_sfm/losses/multiview_photometric_loss.py:112-114, "
                "packnet_sfm/models/SelfSupModel.py:22)"
            )
        ],
    ),
}


@pytest.mark.parametrize(("changes", "base", "expected"), ROWS.values(), ids=ROWS.keys())
def test_loss_findings_read_as_pinned(
    changes: dict[str, Any], base: dict[str, Any], expected: list[Finding]
) -> None:
    assert findings(changes, CODES, under="model.loss.", **base) == expected


def test_the_automask_cite_is_left_out_when_the_trainer_profile_is_broken() -> None:
    # With trainer.profile broken the validator judges the default profile, so the
    # completion must not cite its lines as the selected trainer's: the section's own rule.
    changes = {"model.loss.photometric_reduce_op": "mean", "trainer.profile": "no_such_trainer"}
    assert findings(changes, CODES, under="model.loss.") == [automask("")]


def test_a_supervised_loss_the_profile_says_fails_is_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Neither bundled profile has a supervised loss that loads but stops the run (its
    # ``fails``); a trainer version may, and the rule must then refuse it with the first
    # spelling that works as the fix.
    failure = Failure(Stage.first_step, "it diverges", "losses/x.py:1")
    works = tuple(n for n in FORK_208E293.supervised_losses.works if n != "berhu")
    losses = dataclasses.replace(
        FORK_208E293.supervised_losses, works=works, fails={"berhu": failure}
    )
    profile = dataclasses.replace(FORK_208E293, supervised_losses=losses)
    monkeypatch.setattr(depthconf.trainer, "PROFILES", {TrainerName.fork_208e293: profile})
    expected = Finding(
        "error",
        "trainer_fails",
        METHOD,
        "'{}'",
        "supervised_method '{}' cannot train: the trainer fails at the first training step: "
        "it diverges (losses/x.py:1)",
        f"{METHOD}=sparse-l1",
    )
    for method in ("berhu", "sparse-berhu"):
        text = expected._replace(
            value=expected.value.format(method), rule=expected.rule.format(method)
        )
        assert findings({METHOD: method}, CODES, under="model.loss.") == [text]
