"""Rank awareness: which launcher variable gives the rank, and the idle keeper off rank 0."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import depthconf
from depthconf._report import plan, rank_line
from depthconf.checkpointing import (
    RANK_VARIABLES,
    CheckpointKeeper,
    LauncherRankError,
    MonitorKeyMissingError,
    launcher_rank,
)

from .helpers import listing, writer

# -- launcher_rank: precedence, agreement, malformed values ------------------------------


@pytest.mark.parametrize("name", RANK_VARIABLES)
def test_each_launcher_variable_alone_gives_the_rank(name: str) -> None:
    rank = launcher_rank({name: "3"})
    assert (rank.rank, rank.source, rank.is_writer) == (3, f"{name}=3", False)


def test_no_variable_means_a_single_process_rank_0() -> None:
    rank = launcher_rank({"LOCAL_RANK": "1", "WORLD_SIZE": "4"})  # not rank variables
    assert (rank.rank, rank.is_writer) == (0, True)


@pytest.mark.parametrize(
    ("environ", "rank", "source"),
    [
        # torchrun started by srun or from an sbatch script: SLURM_PROCID numbers launchers
        ({"SLURM_PROCID": "0", "RANK": "5"}, 5, "RANK=5"),
        ({"SLURM_PROCID": "1", "RANK": "0"}, 0, "RANK=0"),
        # mpirun / horovodrun from an sbatch script: every rank inherits SLURM_PROCID=0
        ({"SLURM_PROCID": "0", "OMPI_COMM_WORLD_RANK": "3"}, 3, "OMPI_COMM_WORLD_RANK=3"),
        ({"SLURM_PROCID": "0", "PMI_RANK": "2"}, 2, "PMI_RANK=2"),
        # torchrun under mpirun (one torchrun per node)
        ({"OMPI_COMM_WORLD_RANK": "1", "RANK": "6"}, 6, "RANK=6"),
        # one launcher's variables that agree
        ({"OMPI_COMM_WORLD_RANK": "2", "HOROVOD_RANK": "2"}, 2, "OMPI_COMM_WORLD_RANK=2"),
    ],
)
def test_the_innermost_launcher_wins(environ: dict[str, str], rank: int, source: str) -> None:
    assert launcher_rank(environ) == depthconf.checkpointing.ProcessRank(rank, source)


@pytest.mark.parametrize(
    "environ",
    [
        {"OMPI_COMM_WORLD_RANK": "1", "HOROVOD_RANK": "2"},
        {"HOROVOD_RANK": "0", "PMI_RANK": "3", "RANK": "0"},
    ],
)
def test_variables_of_one_launcher_that_disagree_are_an_error(environ: dict[str, str]) -> None:
    with pytest.raises(LauncherRankError, match="disagree") as info:
        launcher_rank(environ)
    message = str(info.value)
    assert all(f"{k}={v}" in message for k, v in environ.items() if k != "RANK")
    assert "unset the stale one" in message
    assert "RANK" not in info.value.variables


@pytest.mark.parametrize("value", ["", "one", "1.0", "-1", "0x1", "3_0", " ", "1 2"])
@pytest.mark.parametrize("name", ["RANK", "SLURM_PROCID"])
def test_a_malformed_value_is_an_error_naming_the_variable(name: str, value: str) -> None:
    environ = {name: value, "HOROVOD_RANK": "0"}  # even where another level would decide
    with pytest.raises(LauncherRankError) as info:
        launcher_rank(environ)
    assert f"{name}={value!r}" in str(info.value)
    assert info.value.variables == {name: value}
    assert isinstance(info.value, ValueError)


@given(st.integers(0, 10**6), st.sampled_from(RANK_VARIABLES), st.sampled_from(["", " ", "\n"]))
def test_any_non_negative_integer_is_read(rank: int, name: str, pad: str) -> None:
    assert launcher_rank({name: f"{pad}{rank}{pad}"}).rank == rank


def test_the_error_survives_pickling() -> None:  # e.g. raised in a multiprocessing worker
    with pytest.raises(LauncherRankError) as info:
        launcher_rank({"RANK": "x"})
    again = pickle.loads(pickle.dumps(info.value))
    assert (str(again), again.variables) == (str(info.value), info.value.variables)


# -- the idle keeper ---------------------------------------------------------------------


def test_an_idle_keeper_takes_part_in_nothing(tmp_path: Path) -> None:
    directory = tmp_path / "never" / "created"
    calls: list[Path] = []
    keeper = CheckpointKeeper(directory, save_top_k=1, monitor="loss", mode="min", rank=2)
    assert not keeper.is_writer
    for epoch, value in enumerate([0.5, 0.1, 0.7]):
        decision = keeper.on_validation_end(epoch, {"loss": value}, calls.append)
        assert decision.is_writer is False
        assert decision.value == value
        assert (decision.written, decision.removed, decision.is_best) == (None, (), False)
        assert decision.reason == "rank 2 does not write checkpoints (rank 0 does)"
    assert calls == []
    assert not directory.parent.exists()
    assert (keeper.kept, keeper.best_path, keeper.last_path, keeper.problems) == (
        (),
        None,
        None,
        (),
    )
    keeper.close()
    assert not directory.parent.exists()


def test_an_idle_keeper_does_not_lock_and_a_writer_is_undisturbed(tmp_path: Path) -> None:
    with CheckpointKeeper(tmp_path, save_top_k=1, monitor="loss", mode="min") as writer_keeper:
        idle = CheckpointKeeper(tmp_path, save_top_k=1, monitor="loss", mode="min", rank=1)
        idle.on_validation_end(0, {"loss": 0.5}, writer(0))
        decision = writer_keeper.on_validation_end(0, {"loss": 0.5}, writer(0))
    assert decision.written is not None
    assert idle.kept == ()


def test_an_idle_keeper_checks_its_arguments_and_the_monitored_key(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="monitor"):
        CheckpointKeeper(tmp_path, save_top_k=3, rank=1)
    idle = CheckpointKeeper(tmp_path, save_top_k=3, monitor="loss", mode="min", rank=1)
    with pytest.raises(MonitorKeyMissingError):  # the same failure as on rank 0
        idle.on_validation_end(0, {"los": 0.1}, writer(0))
    assert listing(tmp_path) == set()


@pytest.mark.parametrize("rank", [-1, True, 1.0, "0"])
def test_a_bad_rank_argument_is_rejected(tmp_path: Path, rank: object) -> None:
    with pytest.raises(ValueError, match="rank must be a non-negative int"):
        CheckpointKeeper(tmp_path, save_top_k=-1, rank=rank)  # type: ignore[arg-type]


# -- from_config reads the launcher, rank= wins -------------------------------------------


@pytest.fixture(scope="module")
def cfg() -> depthconf.TrainConfig:
    return depthconf.compose(
        "resnet_san_ncdb", ["checkpoint.monitor=abs_rel_lin", "checkpoint.mode=min"]
    )


@pytest.mark.parametrize(
    ("environ", "rank", "writes"),
    [
        ({}, None, True),
        ({"RANK": "1"}, None, False),
        ({"SLURM_PROCID": "0", "RANK": "3"}, None, False),
        ({"RANK": "1"}, 0, True),  # the argument wins
        ({"RANK": "0"}, 2, False),
        ({"RANK": "not a rank"}, 0, True),  # and the environment is not even read
    ],
)
def test_from_config_takes_the_rank_from_the_launcher(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    cfg: depthconf.TrainConfig,
    environ: dict[str, str],
    rank: int | None,
    writes: bool,
) -> None:
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    keeper = CheckpointKeeper.from_config(cfg, tmp_path, rank=rank)
    assert keeper.is_writer is writes
    assert keeper.directory == tmp_path / "checkpoints" / "resnet_san_ncdb"
    assert keeper.directory.exists() is writes
    keeper.close()


def test_from_config_with_a_malformed_rank_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cfg: depthconf.TrainConfig
) -> None:
    monkeypatch.setenv("SLURM_PROCID", "first")
    with pytest.raises(LauncherRankError, match="SLURM_PROCID='first'"):
        CheckpointKeeper.from_config(cfg, tmp_path)
    assert listing(tmp_path) == set()


# -- the run plan says which rank writes ---------------------------------------------------


def test_the_plan_names_the_writing_rank_and_this_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cfg: depthconf.TrainConfig
) -> None:
    text = plan(cfg, tmp_path)
    assert "  writer      rank 0 only, holding a lock on the directory" in text
    assert "  this rank   0 (no launcher rank variable is set): writes" in text
    monkeypatch.setenv("HOROVOD_RANK", "3")
    assert rank_line() == "3 (HOROVOD_RANK=3): writes nothing"
    monkeypatch.setenv("OMPI_COMM_WORLD_RANK", "1")
    assert rank_line().startswith("unclear, so the keeper would refuse to start: ")
    assert "OMPI_COMM_WORLD_RANK=1, HOROVOD_RANK=3 disagree" in rank_line()
