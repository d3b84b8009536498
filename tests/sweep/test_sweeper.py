"""The sweeper plugin, in process: discovery, launches as BasicSweeper's, nothing when invalid."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import pytest
from hydra._internal.callbacks import Callbacks
from hydra._internal.core_plugins import basic_sweeper
from hydra.core.config_store import ConfigStore
from hydra.core.plugins import Plugins
from hydra.core.utils import JobReturn, JobStatus
from hydra.plugins.launcher import Launcher
from hydra.plugins.sweeper import Sweeper
from hydra.types import HydraContext, RunMode, TaskFunction
from omegaconf import DictConfig, OmegaConf

from depthconf.sweep import SweepSource
from depthconf.validation import ConfigError
from hydra_plugins.depthconf_sweeper.depthconf_sweeper import DepthconfSweeper

PLUGIN = "hydra_plugins.depthconf_sweeper.depthconf_sweeper.DepthconfSweeper"


def task_overrides(master: DictConfig) -> list[str]:
    """The arguments Hydra's multirun hands its sweeper: read unresolved."""
    task = OmegaConf.to_container(master.hydra.overrides.task, resolve=False)
    assert isinstance(task, list)
    return [str(o) for o in task]


class RecordingLauncher(Launcher):
    """Records what it is asked to launch; every job 'completes' with its overrides."""

    def __init__(self) -> None:
        self.calls: list[tuple[list[list[str]], int]] = []

    def setup(
        self, *, hydra_context: HydraContext, task_function: TaskFunction, config: DictConfig
    ) -> None:
        pass

    def launch(
        self, job_overrides: Sequence[Sequence[str]], initial_job_idx: int
    ) -> Sequence[JobReturn]:
        self.calls.append(([list(job) for job in job_overrides], initial_job_idx))
        return [
            JobReturn(overrides=list(job), status=JobStatus.COMPLETED, _return_value=list(job))
            for job in job_overrides
        ]


def _sweep(
    sweeper: Any,
    source: SweepSource,
    overrides: list[str],
    launcher: RecordingLauncher | None = None,
) -> tuple[Any, RecordingLauncher]:
    """Run ``sweeper`` as Hydra's multirun does; pass ``launcher`` to look at it after a
    sweep that exits (``SystemExit`` leaves no return value to read it from)."""
    master = source.loader.load_configuration("train", overrides, RunMode.MULTIRUN)
    launcher = RecordingLauncher() if launcher is None else launcher
    sweeper.hydra_context = HydraContext(config_loader=source.loader, callbacks=Callbacks())
    sweeper.config = master
    sweeper.launcher = launcher
    returned = sweeper.sweep(arguments=task_overrides(master))
    return returned, launcher


def test_hydra_discovers_the_plugin_and_its_config() -> None:
    sweepers = {f"{c.__module__}.{c.__name__}" for c in Plugins.instance().discover(Sweeper)}
    assert PLUGIN in sweepers
    node = ConfigStore.instance().load("hydra/sweeper/depthconf.yaml").node
    assert node._target_ == PLUGIN
    assert (node.max_batch_size, node.params, node.dry_run) == (None, {}, False)


def test_train_yaml_selects_it(source: SweepSource) -> None:
    master = source.loader.load_configuration("train", [], RunMode.MULTIRUN)
    assert master.hydra.sweeper._target_ == PLUGIN
    assert master.hydra.runtime.choices["hydra/sweeper"] == "depthconf"


@pytest.mark.parametrize("size", [None, 1, 3])
def test_launches_exactly_as_the_basic_sweeper(
    size: int | None, source: SweepSource, tmp_path: Path
) -> None:
    overrides = [
        "experiment=resnet_san_ncdb,resnet_san_kitti",
        "checkpoint.period=1,2",
        f"hydra.sweep.dir={tmp_path / 'sweep'}",
    ]
    ours, ours_launched = _sweep(DepthconfSweeper(max_batch_size=size), source, overrides)
    # Looked up now: Hydra's plugin scan re-executes the module, and BasicSweeper's
    # ``super(BasicSweeper, self)`` needs the class of the current module.
    basic_sweeper_now = basic_sweeper.BasicSweeper(max_batch_size=size)
    basic, basic_launched = _sweep(basic_sweeper_now, source, overrides)
    assert ours_launched.calls == basic_launched.calls
    assert [[r.return_value for r in batch] for batch in ours] == [
        [r.return_value for r in batch] for batch in basic
    ]
    assert (tmp_path / "sweep" / "multirun.yaml").is_file()


def test_params_from_the_config(source: SweepSource, tmp_path: Path) -> None:
    sweeper = DepthconfSweeper(params={"checkpoint.period": "1,2"})
    _, launched = _sweep(sweeper, source, ["name=x", f"hydra.sweep.dir={tmp_path}"])
    assert launched.calls == [
        ([["checkpoint.period=1", "name=x"], ["checkpoint.period=2", "name=x"]], 0)
    ]


def test_an_invalid_job_launches_nothing(
    source: SweepSource, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sweep_dir = tmp_path / "sweep"
    overrides = [
        "experiment=resnet_san_ncdb",
        "checkpoint.save_top_k=-1,3",
        f"hydra.sweep.dir={sweep_dir}",
    ]
    launcher = RecordingLauncher()
    with pytest.raises(SystemExit) as exited:
        _sweep(DepthconfSweeper(), source, overrides, launcher)
    assert exited.value.code == 2
    assert launcher.calls == []
    err = capsys.readouterr().err
    assert "job 1: experiment=resnet_san_ncdb checkpoint.save_top_k=3" in err
    assert "checkpoint.monitor, checkpoint.mode" in err
    assert "job 0" not in err
    assert "sweep of 2 jobs: 1 ok, 1 invalid; no job was launched." in err
    assert not sweep_dir.exists()


# (sweep, max_batch_size, indices of the invalid jobs): the invalid job first, last, and in
# a batch after valid ones (max_batch_size=1 launches batch 0 before looking at batch 1
# in Hydra's BasicSweeper; the pre-flight must have judged every batch before).
INVALID_SOMEWHERE = [
    pytest.param(["checkpoint.save_top_k=3,-1"], None, (0,), id="first"),
    pytest.param(["checkpoint.save_top_k=-1,3"], None, (1,), id="last"),
    pytest.param(["checkpoint.save_top_k=-1,3"], 1, (1,), id="second-batch"),
    pytest.param(["checkpoint.period=1,2,0"], 1, (2,), id="third-batch"),
    pytest.param(["checkpoint.period=1,0,2"], 1, (1,), id="middle-batch"),
    pytest.param(["checkpoint.period=1,2,3,0"], 2, (3,), id="later-batch-of-2"),
    pytest.param(
        ["experiment=resnet_san_ncdb,resnet_san_kitti", "checkpoint.period=1,0"],
        1,
        (1, 3),
        id="two-experiments",
    ),
]


@pytest.mark.parametrize(("sweep", "size", "invalid"), INVALID_SOMEWHERE)
def test_the_launcher_is_never_called_when_a_job_is_invalid(
    sweep: list[str],
    size: int | None,
    invalid: tuple[int, ...],
    source: SweepSource,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sweep_dir = tmp_path / "sweep"
    launcher = RecordingLauncher()
    with pytest.raises(SystemExit) as exited:
        _sweep(
            DepthconfSweeper(max_batch_size=size),
            source,
            [*sweep, f"hydra.sweep.dir={sweep_dir}"],
            launcher,
        )
    assert exited.value.code == 2
    assert launcher.calls == []  # not even the batches before the invalid job
    err = capsys.readouterr().err
    for index in invalid:
        assert f"job {index}:" in err
    assert f"{len(invalid)} invalid; no job was launched." in err
    assert not sweep_dir.exists()


def test_the_same_sweeps_without_the_invalid_value_launch(
    source: SweepSource, tmp_path: Path
) -> None:
    """The control of the test above: its launcher does record a valid sweep."""
    _, launched = _sweep(
        DepthconfSweeper(max_batch_size=1),
        source,
        ["checkpoint.period=1,2", f"hydra.sweep.dir={tmp_path / 'sweep'}"],
    )
    assert launched.calls == [([["checkpoint.period=1"]], 0), ([["checkpoint.period=2"]], 1)]


def test_dry_run_lists_the_jobs_and_launches_nothing(
    source: SweepSource, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    overrides = ["experiment=resnet_san_ncdb,resnet_san_kitti", f"hydra.sweep.dir={tmp_path / 's'}"]
    returned, launched = _sweep(DepthconfSweeper(dry_run=True), source, overrides)
    assert returned == [] and launched.calls == []
    out = capsys.readouterr().out
    assert "0    ok" in out and "experiment=resnet_san_kitti" in out
    assert "2 jobs: 2 ok, 0 invalid; nothing was launched (dry run)." in out
    assert not (tmp_path / "s").exists()


def test_a_sweep_hydra_rejects_exits_2(
    source: SweepSource, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        _sweep(
            DepthconfSweeper(),
            source,
            ["checkpoint.period=interval(1,2)", f"hydra.sweep.dir={tmp_path}"],
        )
    assert exited.value.code == 2
    assert "does not support sweep type" in capsys.readouterr().err


def test_an_interpolation_in_an_override_is_the_jobs_business(
    source: SweepSource, tmp_path: Path
) -> None:
    sweep_dir = f"hydra.sweep.dir={tmp_path}"
    _, launched = _sweep(
        DepthconfSweeper(), source, ["name=a,b", "hydra.job.name=${nope}", sweep_dir]
    )
    assert launched.calls == [([["name=a"], ["name=b"]], 0)]


@pytest.mark.parametrize("size", [0, -1, -5])
def test_a_batch_size_below_one_exits_2_before_anything(
    size: int, source: SweepSource, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sweep_dir = tmp_path / "sweep"
    overrides = ["checkpoint.period=1,2", f"hydra.sweep.dir={sweep_dir}"]
    with pytest.raises(SystemExit) as exited:
        _sweep(DepthconfSweeper(max_batch_size=size), source, overrides)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "hydra.sweeper.max_batch_size" in err and f"value: {size}" in err
    assert not sweep_dir.exists()


def test_a_sweep_with_no_job_exits_2(
    source: SweepSource, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sweep_dir = tmp_path / "sweep"
    with pytest.raises(SystemExit) as exited:
        _sweep(
            DepthconfSweeper(), source, ["experiment=glob(*nope*)", f"hydra.sweep.dir={sweep_dir}"]
        )
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "from:  command-line override 'experiment=glob(*nope*)'" in err
    assert "resnet_san_ncdb" in err  # the options it could have matched
    assert not sweep_dir.exists()


def test_the_sweeper_exits_through_the_apps_one_exit_path(
    source: SweepSource, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import depthconf._app

    failed: list[ConfigError] = []

    def recording_fail(error: ConfigError) -> NoReturn:
        failed.append(error)
        raise SystemExit(depthconf._app.EXIT_INVALID)

    monkeypatch.setattr(depthconf._app, "fail", recording_fail)
    with pytest.raises(SystemExit):
        _sweep(
            DepthconfSweeper(),
            source,
            ["checkpoint.period=interval(1,2)", f"hydra.sweep.dir={tmp_path}"],
        )
    assert [v.code for e in failed for v in e.violations] == ["composition"]


def test_params_can_be_given_on_the_command_line(source: SweepSource, tmp_path: Path) -> None:
    params = "+hydra.sweeper.params={checkpoint.period:'1,2'}"
    master = source.loader.load_configuration("train", [params], RunMode.MULTIRUN)
    sweeper = DepthconfSweeper(params=master.hydra.sweeper.params)
    _, launched = _sweep(sweeper, source, [params, f"hydra.sweep.dir={tmp_path}"])
    assert launched.calls == [([["checkpoint.period=1"], ["checkpoint.period=2"]], 0)]
