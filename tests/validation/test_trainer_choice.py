"""trainer_choice on choices no rule passes it today: a name the trainer runs as something
else (a Quirk), and an unknown name for choices that do not say how the trainer fails.

The profiles' own choices reach only some branches (tests/validation/test_model_findings_text.py
pins those); a profile entry added later with quirks, or without an ``unknown`` failure, must
still get the right finding.
"""

from __future__ import annotations

from depthconf.findings import Code, Severity, at
from depthconf.trainer import FORK_208E293, Choices, Failure, Quirk, Stage
from depthconf.validation.rules._choices import trainer_choice

FAILS = Failure(Stage.start_up, "no such class", "pkg/mod.py:7")
QUIRK = Quirk("it runs as Adam", "pkg/optim.py:12")
CHOICES = Choices(("Adam", "SGD"), {"NAdam": FAILS}, {"Adamw": QUIRK})


def _judged(value: str, choices: Choices = CHOICES) -> list[tuple[object, ...]]:
    found = trainer_choice("model.optimizer.name", value, choices, "optimizer", FORK_208E293)
    return [(v.code, v.severity, v.keys, v.value, v.rule, v.fix) for v in found]


def test_a_working_name_is_fine() -> None:
    assert _judged("SGD") == []


def test_a_quirk_is_a_warning_with_its_sentence_and_the_closest_working_name() -> None:
    assert _judged("Adamw") == [
        (
            Code.trainer_quirk,
            Severity.warning,
            at("model.optimizer.name"),
            "'Adamw'",
            "accepted, but it runs as Adam (pkg/optim.py:12)",
            "model.optimizer.name=Adam",
        )
    ]


def test_a_failing_name_is_an_error_saying_when_the_trainer_stops() -> None:
    assert _judged("NAdam") == [
        (
            Code.trainer_fails,
            Severity.error,
            at("model.optimizer.name"),
            "'NAdam'",
            "optimizer 'NAdam' cannot train: the trainer fails at start-up: no such class "
            "(pkg/mod.py:7)",
            "model.optimizer.name=Adam",
        )
    ]


def test_an_unknown_name_without_an_unknown_failure_lists_what_trains() -> None:
    (found,) = _judged("Nope")
    assert found[0] == Code.unknown_choice
    assert found[4] == f"{FORK_208E293.title} has no optimizer 'Nope'; it trains with: Adam, SGD"
    assert found[5] == "model.optimizer.name=Adam"  # nothing is close: the first working name


def test_an_unknown_name_says_how_the_trainer_fails_when_the_choices_know() -> None:
    choices = Choices(("Adam", "SGD"), unknown=FAILS)
    (found,) = _judged("SGDD", choices)
    assert found[4] == (
        f"{FORK_208E293.title} has no optimizer 'SGDD' (did you mean 'SGD'?); it trains with: "
        "Adam, SGD; the trainer fails at start-up: no such class (pkg/mod.py:7)"
    )
    assert found[5] == "model.optimizer.name=SGD"
