"""The metric contract's launch errors, through a real ``depthconf check``."""

from __future__ import annotations

from collections.abc import Callable

from tests.conftest import CliResult, assert_no_traceback

Cli = Callable[..., CliResult]
NCDB_TOP3 = ("check", "experiment=resnet_san_ncdb", "checkpoint.save_top_k=3")
KITTI_TOP3 = (
    "check",
    "experiment=resnet_san_kitti",
    "checkpoint.save_top_k=3",
    "checkpoint.monitor=abs_rel_lin",
    "checkpoint.mode=min",
)


def _exit2(result: CliResult, *needles: str) -> None:
    assert result.returncode == 2, result.output
    assert_no_traceback(result)
    for needle in needles:
        assert needle in result.output, (needle, result.output)


def test_loss_is_never_returned(cli: Cli) -> None:
    result = cli(*NCDB_TOP3, "checkpoint.monitor=loss", "checkpoint.mode=min")
    _exit2(
        result,
        "never a loss",
        # the emitted names grouped as metric names x mode suffixes (issue 10, item 6)
        "abs_rel, sqr_rel, rmse, rmse_log, a1, a2, a3 (7 metrics)",
        "each with the mode suffix _lin, _lin_gt, _log or _log_gt",
        "checkpoint.monitor=abs_rel_lin",
    )


def test_abs_rel_proposes_the_mode_suffixed_name(cli: Cli) -> None:
    result = cli(*NCDB_TOP3, "checkpoint.monitor=abs_rel", "checkpoint.mode=min")
    _exit2(result, "does not emit", "Closest: abs_rel_lin", "fix:   checkpoint.monitor=abs_rel_lin")


def test_direction_mismatch(cli: Cli) -> None:
    result = cli(*NCDB_TOP3, "checkpoint.monitor=abs_rel_lin", "checkpoint.mode=max")
    _exit2(result, "lower is better", "keep the worst checkpoints", "checkpoint.mode=min")


def test_higher_is_better_metric(cli: Cli) -> None:
    result = cli(*NCDB_TOP3, "checkpoint.monitor=a1_lin", "checkpoint.mode=max")
    assert result.returncode == 0, result.output
    assert (
        "ncdb-cls-combined_val-depth_original-a1_lin (mode=max: higher is better)" in result.stdout
    )


def test_full_key_is_accepted(cli: Cli) -> None:
    result = cli(
        *NCDB_TOP3,
        "checkpoint.monitor=ncdb-cls-combined_val-depth_original-rmse_log_gt",
        "checkpoint.mode=min",
    )
    assert result.returncode == 0, result.output


def test_monitor_index_out_of_range(cli: Cli) -> None:
    _exit2(cli(*KITTI_TOP3, "checkpoint.monitor_index=2"), "checkpoint.monitor_index", "below 2")


def test_monitoring_a_shadowed_dataset(cli: Cli) -> None:
    result = cli(*KITTI_TOP3, "checkpoint.monitor_index=0")
    _exit2(result, "share the prefix", "silently track dataset 1", "checkpoint.monitor_index=1")


def test_shadowing_is_a_warning_otherwise(cli: Cli) -> None:
    result = cli("check", "experiment=resnet_san_kitti")
    assert result.returncode == 0, result.output
    assert "warning" in result.stderr
    assert "validation dataset 0" in result.stderr and "dataset 1" in result.stderr
    assert "input_depth_type" in result.stderr


def test_run_prints_the_shadowing_warning(cli: Cli, tmp_path: object) -> None:
    result = cli("run", "experiment=resnet_san_kitti", "hydra.run.dir=run")
    assert result.returncode == 0, result.output
    assert "only dataset 1's metrics survive" in result.stderr


def test_image_dataset_has_no_ground_truth(cli: Cli) -> None:
    result = cli(
        *NCDB_TOP3,
        "checkpoint.monitor=abs_rel_lin",
        "checkpoint.mode=min",
        "datasets.validation.dataset=[Image]",
    )
    _exit2(result, "no ground-truth depth", "'Image' never has ground-truth depth")


def test_kitti_without_depth_type_says_how_to_get_ground_truth(cli: Cli) -> None:
    result = cli(
        "check",
        "experiment=packnet_san_kitti",
        "checkpoint=best_3",
        "datasets.validation.depth_type=['']",
    )
    _exit2(result, "no ground-truth depth", "datasets.validation.depth_type[0]", "groundtruth")
