"""Sweeps that never start a doomed job: every job composed and validated before launch.

The Hydra sweeper ``hydra/sweeper=depthconf`` (the default of ``conf/train.yaml``)
expands a multirun exactly as Hydra's basic sweeper does, then pre-flights every
job with :func:`preflight`, the validator ``depthconf check`` uses. If any job is
invalid nothing is launched: one report lists every invalid job and the run exits
with status 2. If all are valid the jobs go to the launcher exactly as the basic
sweeper would hand them over.

Dry runs launch nothing and list every job with ``ok`` or its errors, exiting 0
when all are valid and 2 otherwise:

* ``depthconf check -m OVERRIDES...`` (:func:`dry_run`), and
* ``hydra.sweeper.dry_run=true`` on any multirun of an app using this sweeper.

>>> from depthconf.sweep import dry_run
>>> result = dry_run(["experiment=resnet_san_ncdb,resnet_san_kitti", "checkpoint.period=1,2"])
>>> len(result.jobs), result.ok
(4, True)
"""

from depthconf.sweep._expand import Job, batches, expand
from depthconf.sweep._locate import located
from depthconf.sweep._plan import dry_run, plan, sweep_jobs
from depthconf.sweep._preflight import JobReport, Outcome, Preflight, judge_jobs, preflight
from depthconf.sweep._report import print_invalid_jobs, print_job_table
from depthconf.sweep._source import SweepSource

__all__ = [
    "Job",
    "JobReport",
    "Outcome",
    "Preflight",
    "SweepSource",
    "batches",
    "dry_run",
    "expand",
    "judge_jobs",
    "located",
    "plan",
    "preflight",
    "print_invalid_jobs",
    "print_job_table",
    "sweep_jobs",
]
