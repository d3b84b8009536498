"""Names the trainer looks up, worded once for both profiles (each gives its own cites).

Both trainers build models and networks with ``load_class`` and torch classes with
``getattr``; only the torch version of their images and the line numbers differ.

>>> not_found("packnet_sfm/models", "x.py:1").stage.value
'at start-up'
>>> "SparseAdam" in torch_optimizers("torch 1.9.0", "x.py:1", "y.py:2")
True
"""

from __future__ import annotations

from depthconf.trainer._profile import Choices, Failure, Stage


def not_found(where: str, cite: str) -> Failure:
    """load_class looks a module of the given name up in ``where`` (load.py:105) [M1]."""
    return Failure(
        Stage.start_up,
        f"load_class finds no module of that name in {where} (ValueError 'Unknown class')",
        f"{cite}, packnet_sfm/utils/load.py:105",
    )


def _newer(torch: str, module: str, names: dict[str, str], cite: str) -> dict[str, Failure]:
    """``names`` (name -> the torch version that added it) are missing from ``torch`` [O8]."""
    return {
        name: Failure(
            Stage.start_of_fit, f"{torch}, has no {module}.{name} (added in torch {added})", cite
        )
        for name, added in names.items()
    }


def torch_optimizers(torch: str, lookup_cite: str, step_cite: str) -> Choices:
    """torch.optim classes by name (getattr at the start of fit) [O1, O8]."""
    return Choices(
        works=("Adam", "AdamW", "SGD", "RMSprop", "Adagrad", "Adadelta", "Adamax", "ASGD", "Rprop"),
        fails={
            **_newer(torch, "torch.optim", {"NAdam": "1.10", "RAdam": "1.10"}, lookup_cite),
            # The trainer's plain optimizer.step() on dense gradients.
            "LBFGS": Failure(
                Stage.first_step,
                "the trainer calls optimizer.step() without the closure LBFGS needs (TypeError)",
                step_cite,
            ),
            "SparseAdam": Failure(
                Stage.first_step,
                "SparseAdam supports only sparse gradients, and the networks' are dense "
                "(RuntimeError)",
                step_cite,
            ),
        },
        unknown=Failure(
            Stage.start_of_fit, "getattr(torch.optim, name) raises AttributeError", lookup_cite
        ),
    )


def torch_schedulers(torch: str, lookup_cite: str, args_cite: str, step_cite: str) -> Choices:
    """torch.optim.lr_scheduler classes by name [O3, O4, O6, O8].

    Only step_size, gamma and T_max reach a scheduler (filter_args), and scheduler.step()
    is called once per epoch without arguments.
    """
    needs = {
        "MultiStepLR": "milestones",
        "CosineAnnealingWarmRestarts": "T_0",
        "LambdaLR": "lr_lambda",
        "MultiplicativeLR": "lr_lambda",
        "OneCycleLR": "max_lr",
        "CyclicLR": "base_lr and max_lr",
    }
    newer = {
        "LinearLR": "1.10",
        "ConstantLR": "1.10",
        "PolynomialLR": "1.13",
        "SequentialLR": "1.10",
        "ChainedScheduler": "1.10",
    }
    return Choices(
        works=("StepLR", "ExponentialLR", "CosineAnnealingLR"),
        fails={
            **{
                name: Failure(
                    Stage.start_of_fit,
                    "only model.scheduler.step_size, gamma and T_max reach the scheduler, and "
                    f"{name} requires {argument} (TypeError)",
                    f"{args_cite}, packnet_sfm/utils/load.py:35-56",
                )
                for name, argument in needs.items()
            },
            "ReduceLROnPlateau": Failure(
                Stage.end_of_epoch,
                "the trainer calls scheduler.step() without the metrics ReduceLROnPlateau "
                "needs (TypeError)",
                step_cite,
            ),
            **_newer(torch, "torch.optim.lr_scheduler", newer, lookup_cite),
        },
        unknown=Failure(
            Stage.start_of_fit,
            "getattr(torch.optim.lr_scheduler, name) raises AttributeError",
            lookup_cite,
        ),
    )
