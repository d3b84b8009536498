"""Which distributed rank this process is, from the launcher's environment.

Every multi-GPU launcher starts the same training script once per rank and tells
each process its rank in an environment variable. The keeper writes on rank 0
only, so reading the rank right matters more than reading it fast:

* an explicit ``rank=`` argument wins over everything;
* otherwise the *innermost* launcher wins, in this order:

  1. ``RANK`` - torchrun / ``torch.distributed.launch``, which spawn the training
     processes themselves, so nothing runs between them and the script;
  2. ``OMPI_COMM_WORLD_RANK`` (Open MPI), ``HOROVOD_RANK`` (horovodrun),
     ``PMI_RANK`` (MPICH, Intel MPI, ``srun --mpi=pmi2``) - MPI and Horovod;
  3. ``SLURM_PROCID`` - the task number of ``srun`` (or 0 in an ``sbatch`` script);
  4. none set: rank 0 (a single-process run).

Launchers nest, and then their numbers legitimately differ: ``srun torchrun ...``
gives ``SLURM_PROCID`` = node number but ``RANK`` = global worker rank, and every
process torchrun or mpirun starts from an ``sbatch`` script inherits
``SLURM_PROCID=0`` (Lightning hit exactly this: Lightning-AI/pytorch-lightning#11406).
So a lower level never contradicts a higher one. Variables of *one* level describe
the same process, though: if they disagree (on any level, even one a higher level
overrides), one of them is stale (exported by a job script, say) and guessing
would be wrong, so that is a :class:`LauncherRankError`, as is any set variable
whose value is not a non-negative integer.

>>> launcher_rank({"SLURM_PROCID": "0", "RANK": "3"})
ProcessRank(rank=3, source='RANK=3')
>>> launcher_rank({})
ProcessRank(rank=0, source='no launcher rank variable is set')
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

# The keeper gates on the rank itself because the trainer does not: it saves checkpoints
# on every process (packnet_sfm/trainers/base_trainer.py:65-67; upstream de53b31 the same,
# base_trainer.py:44-46), and at 208e293 its Horovod helpers are a single-GPU mock whose
# rank is always 0 (packnet_sfm/utils/horovod.py:25-27, trainers/horovod_trainer.py:39-40).
# Innermost launcher first; the variables of one tuple must agree with each other.
LAUNCHER_LEVELS: tuple[tuple[str, ...], ...] = (
    ("RANK",),
    ("OMPI_COMM_WORLD_RANK", "HOROVOD_RANK", "PMI_RANK"),
    ("SLURM_PROCID",),
)
RANK_VARIABLES: tuple[str, ...] = tuple(name for level in LAUNCHER_LEVELS for name in level)
WRITER_RANK = 0
_DIGITS = re.compile(r"[0-9]+")


class LauncherRankError(ValueError):
    """The launcher's rank variables cannot be read without guessing.

    ``variables`` holds the offending ``name -> value`` pairs (as set).
    """

    def __init__(self, message: str, variables: Mapping[str, str]) -> None:
        super().__init__(message)
        self.variables = dict(variables)

    def __reduce__(self) -> tuple[type[LauncherRankError], tuple[str, dict[str, str]]]:
        return (type(self), (str(self), self.variables))


@dataclass(frozen=True)
class ProcessRank:
    """A process's rank and where it came from (for messages)."""

    rank: int
    source: str

    @property
    def is_writer(self) -> bool:
        """True on the one rank that keeps checkpoints."""
        return self.rank == WRITER_RANK


def _parse(name: str, value: str) -> int:
    if not _DIGITS.fullmatch(value.strip()):
        raise LauncherRankError(
            f"the environment variable {name}={value!r} is not a rank (a non-negative "
            f"integer); the keeper reads it to decide which process writes checkpoints. "
            f"Unset {name} or set it to this process's rank (0 for the process that writes)",
            {name: value},
        )
    return int(value.strip())


def launcher_rank(environ: Mapping[str, str] | None = None) -> ProcessRank:
    """This process's rank from the environment (``os.environ`` by default).

    See the module docstring for the precedence. LauncherRankError when a set
    variable is not a non-negative integer or variables of one launcher disagree.

    >>> launcher_rank({"OMPI_COMM_WORLD_RANK": "2", "HOROVOD_RANK": "2"}).rank
    2
    """
    env = os.environ if environ is None else environ
    found = {name: env[name] for name in RANK_VARIABLES if name in env}
    parsed = {name: _parse(name, value) for name, value in found.items()}
    levels = [{name: parsed[name] for name in level if name in parsed} for level in LAUNCHER_LEVELS]
    for values in levels:  # every level, even one a higher level overrides: no stale variable
        if len(set(values.values())) > 1:
            pairs = ", ".join(f"{name}={found[name]}" for name in values)
            raise LauncherRankError(
                f"the launcher rank variables {pairs} disagree, but they all describe this "
                "process, so one of them is stale (exported by a job script or inherited from "
                "another launch); unset the stale one, or pass rank= explicitly",
                {name: found[name] for name in values},
            )
    for values in levels:
        if values:
            name = next(iter(values))
            return ProcessRank(values[name], f"{name}={found[name]}")
    return ProcessRank(WRITER_RANK, "no launcher rank variable is set")


def resolve_rank(rank: int | None, environ: Mapping[str, str] | None = None) -> ProcessRank:
    """``rank`` when given (it wins), else :func:`launcher_rank`.

    >>> resolve_rank(1, {"RANK": "0"})
    ProcessRank(rank=1, source='rank=1 argument')
    """
    if rank is None:
        return launcher_rank(environ)
    return ProcessRank(check_rank(rank), f"rank={rank} argument")


def check_rank(rank: object) -> int:
    """``rank`` if it is a non-negative int, else ValueError."""
    if isinstance(rank, bool) or not isinstance(rank, int) or rank < 0:
        raise ValueError(f"rank must be a non-negative int (0 writes checkpoints), got {rank!r}")
    return rank
