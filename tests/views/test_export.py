"""The visit table as CSV: every visit, exact amounts, and no cell a spreadsheet could run."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings

from coverage import (
    Accumulators,
    CarePlan,
    Course,
    Plan,
    Secondary,
    estimate,
    load_plans,
    visits_csv,
)
from coverage.engine.plans import FORMULA_STARTS
from coverage.views.export import CSV_COLUMNS, neutralise
from tests.conftest import PLANS_CSV
from tests.strategies import out_of_network, scenarios, secondaries

PLANS = {plan.plan_id: plan for plan in load_plans(PLANS_CSV)}
PT = Course(visits_per_week=2, weeks=8, visit_rate="84.75", eval_rate="98.01")


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2", "'-2"),
        ("@cmd", "'@cmd"),
        ("\t=1", "'\t=1"),
        ("PT", "PT"),
        ("the 30 PT visits of this plan year are used up", "the 30 PT visits of this plan year are used up"),
    ],
)
def test_a_cell_that_looks_like_a_formula_is_quoted(cell: str, safe: str) -> None:
    """Cells starting with = + - @ (or a tab or carriage return) get a leading quote; others are left alone."""
    assert neutralise(cell) == safe


def test_the_csv_has_one_line_per_visit_with_exact_amounts() -> None:
    """Medicare PT 2 a week for 8 weeks: 16 lines after the header, amounts equal to the engine's to the cent."""
    result = estimate(PLANS["medicare-b-2026"], CarePlan(start_date=date(2026, 1, 5), pt=PT))

    rows = list(csv.DictReader(io.StringIO(visits_csv(result))))

    assert list(rows[0]) == list(CSV_COLUMNS)
    assert len(rows) == 16
    assert [Decimal(row["patient_pays"]) for row in rows] == [v.patient_pays for v in result.visits]
    assert rows[0]["date"] == "2026-01-05"
    assert (rows[0]["visit_number"], rows[0]["covered"], rows[0]["allowed"]) == ("1", "yes", "98.01")


def test_a_visit_that_is_not_covered_carries_the_reason() -> None:
    """With every HMO PT visit used, each line says no and why."""
    result = estimate(PLANS["hmo-30-30"], CarePlan(start_date=date(2026, 1, 5), pt=PT), Accumulators(pt_visits_used=30))

    rows = list(csv.DictReader(io.StringIO(visits_csv(result))))

    assert {row["covered"] for row in rows} == {"no"}
    assert rows[0]["not_covered_reason"] == result.visits[0].not_covered_reason


@settings(max_examples=100)
@given(scenarios(max_weeks=8))
def test_no_cell_of_any_estimate_starts_like_a_formula(scenario: tuple[Plan, CarePlan, Accumulators]) -> None:
    """Whatever the plan and care, no cell of the CSV starts with = + - @, a tab or a carriage return."""
    text = visits_csv(estimate(*scenario))

    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]

    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]


def test_out_of_network_with_a_second_insurance_the_csv_has_the_balance_bill_and_what_the_second_plan_pays() -> None:
    """Billed 150 over an allowed 84.75 out of network, a second plan: two more columns, the engine's amounts."""
    oon = PLANS["ppo-pool-60"].model_copy(update={"oon_covered": True, "oon_pt_coinsurance_pct": Decimal(40)})
    care = CarePlan(start_date=date(2026, 1, 5), pt=PT.model_copy(update={"billed_rate": Decimal("150.00")}))
    second = Secondary(plan=PLANS["hdhp"])  # not Medicaid: a clinic that accepts Medicaid may not balance bill
    result = estimate(oon, care.model_copy(update={"in_network": False}), secondary=second)

    rows = list(csv.DictReader(io.StringIO(visits_csv(result))))

    assert list(rows[0]) == [
        *CSV_COLUMNS[:8],  # date to coinsurance
        "balance_bill",
        "patient_pays",
        "plan_pays",
        "secondary_pays",
        CSV_COLUMNS[-1],
    ]
    assert [Decimal(row["balance_bill"]) for row in rows] == [v.balance_bill for v in result.visits]
    assert [Decimal(row["secondary_pays"]) for row in rows] == [v.secondary_pays for v in result.visits]
    assert rows[1]["balance_bill"] == "65.25"  # 150.00 - 84.75


@settings(max_examples=50)
@given(scenarios(max_weeks=4).flatmap(out_of_network), secondaries())
def test_no_cell_of_an_out_of_network_estimate_with_a_second_plan_starts_like_a_formula(
    scenario: tuple[Plan, CarePlan, Accumulators], second: Secondary
) -> None:
    """The extra columns are amounts too: no cell starts with = + - @, a tab or a carriage return."""
    text = visits_csv(estimate(*scenario, secondary=second))

    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]

    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
