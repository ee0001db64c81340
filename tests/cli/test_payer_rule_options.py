"""The command line's clinic and family options (issue 14): the same answers as estimate()."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from coverage import Accumulators, CarePlan, Course, estimate, load_plans
from coverage.cli.main import BAD_DATA, OK, main
from coverage.engine.defaults import PT_EVAL_RATE, PT_VISIT_RATE
from tests.conftest import PLANS_CSV, ROOT

PLANS = {plan.plan_id: plan for plan in load_plans(PLANS_CSV)}
PT_ARGS = ["--pt", "1x4", "--start", "2026-01-05"]


def _care(**standing: object) -> CarePlan:
    pt = Course(visits_per_week=1, weeks=4, visit_rate=PT_VISIT_RATE, eval_rate=PT_EVAL_RATE)
    return CarePlan.model_validate({"start_date": date(2026, 1, 5), "pt": pt.model_dump(), **standing})


def _json(capsys: pytest.CaptureFixture[str], argv: list[str], clinic: Path) -> dict[str, object]:
    assert main([*argv, "--clinic", str(clinic), "--json"]) == OK
    data: dict[str, object] = json.loads(capsys.readouterr().out)
    return data


def test_medicare_participation_on_the_command_line_gives_the_engines_limiting_charge(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--medicare-participation non_participating costs the course as estimate() does for that plan of care."""
    expected = estimate(
        PLANS["medicare-b-2026"], _care(medicare_participation="non_participating"), Accumulators(deductible_met="283")
    )

    data = _json(
        capsys,
        ["estimate", "--plan-id", "medicare-b-2026", *PT_ARGS, "--deductible-met", "283", "--medicare-participation",
         "non_participating"],
        tmp_path / "no-clinic.toml",
    )  # fmt: skip

    assert data["patient_total"] == str(expected.patient_total)
    assert expected.total.balance_bill > 0


def test_the_clinics_settings_are_the_default_and_the_command_line_overrides_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """clinic.toml says non_participating and not in Medicaid; --medicare-participation participating wins."""
    clinic = tmp_path / "clinic.toml"
    example = (ROOT / "clinic.example.toml").read_text(encoding="utf-8")
    clinic.write_text(
        example.replace(
            'medicare_participation = "participating"', 'medicare_participation = "non_participating"'
        ).replace("accepts_medicaid = true", "accepts_medicaid = false"),
        encoding="utf-8",
    )
    medicare = ["estimate", "--plan-id", "medicare-b-2026", *PT_ARGS]

    from_file = _json(capsys, medicare, clinic)
    overridden = _json(capsys, [*medicare, "--medicare-participation", "participating"], clinic)

    assert from_file["patient_total"] == str(
        estimate(PLANS["medicare-b-2026"], _care(medicare_participation="non_participating")).patient_total
    )
    assert overridden["patient_total"] == str(estimate(PLANS["medicare-b-2026"], _care()).patient_total)


def test_a_clinic_not_in_medicaid_leaves_a_medicaid_patient_every_visit_at_the_self_pay_rate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--clinic-not-in-medicaid: the Medicaid plan covers no visit."""
    medicaid = next(plan for plan in PLANS.values() if plan.payer_type.value == "medicaid")

    data = _json(
        capsys, ["estimate", "--plan-id", medicaid.plan_id, *PT_ARGS, "--clinic-not-in-medicaid"], tmp_path / "none"
    )

    assert data["patient_total"] == str(estimate(medicaid, _care(accepts_medicaid=False)).patient_total)
    assert data["plan_total"] == "0.00"


def test_family_figures_so_far_are_read_and_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--family-deductible-met reaches the engine: on a self-only plan it changes nothing, and it is checked."""
    plain = _json(capsys, ["estimate", "--plan-id", "hdhp", *PT_ARGS], tmp_path / "none")
    with_family = _json(capsys, ["estimate", "--plan-id", "hdhp", *PT_ARGS, "--family-deductible-met", "50"], tmp_path)

    assert plain["patient_total"] == with_family["patient_total"]
    assert estimate(PLANS["hdhp"], _care(), Accumulators(family_deductible_met=Decimal(50))).patient_total == Decimal(
        str(plain["patient_total"])
    )


def test_a_broken_clinic_file_exits_with_bad_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A clinic.toml with accepts_medicaid = "yes" is refused with its sentence."""
    clinic = tmp_path / "clinic.toml"
    clinic.write_text(
        (ROOT / "clinic.example.toml").read_text(encoding="utf-8").replace("= true", '= "yes"'), encoding="utf-8"
    )

    code = main(["estimate", "--plan-id", "hdhp", *PT_ARGS, "--clinic", str(clinic)])

    assert code == BAD_DATA
    assert "accepts_medicaid: must be true or false" in capsys.readouterr().err
