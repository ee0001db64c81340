"""Issue 16: plans compared by a whole plan year's cost, twelve premiums plus the course."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from coverage import Accumulators, CarePlan, Course, Plan, estimate
from coverage.engine.plan_ranking import compare_plans, in_order
from coverage.engine.year_cost import RankOrder, year_premiums

CARE = CarePlan(start_date=date(2026, 1, 5), pt=Course(visits_per_week=2, weeks=8, visit_rate="100.00"))


def _plan(plan_id: str, copay: str, premium: str | None) -> Plan:
    return Plan(plan_id=plan_id, plan_name=plan_id, payer_type="commercial", pt_copay=copay, monthly_premium=premium)


#: 16 PT visits at a copay each; the premium for twelve months on top.
CATALOG = [
    _plan("cheap-visits", "10.00", "500.00"),  # 16 x 10 = 160; 12 x 500 = 6,000; 6,160
    _plan("no-premium-known", "5.00", None),  # 16 x 5 = 80; year unknown
    _plan("cheap-premium", "40.00", "300.00"),  # 16 x 40 = 640; 12 x 300 = 3,600; 4,240
    _plan("tie", "30.00", "340.00"),  # 16 x 30 = 480; 12 x 340 = 4,080; 4,560
]


def test_twelve_premiums_are_exact_cents() -> None:
    """412.50 a month is 4,950.00 a year, with nothing rounded."""
    assert year_premiums(D("412.50")) == D("4950.00")


def test_the_year_total_is_twelve_premiums_plus_what_the_course_costs() -> None:
    """Each plan's year_total is 12 x its premium + estimate()'s patient total; blank premium, blank total."""
    ranking = compare_plans(CATALOG, CARE).set_index("plan_id")

    for plan in CATALOG:
        row = ranking.loc[plan.plan_id]
        course = estimate(plan, CARE).patient_total
        if plan.monthly_premium is None:
            assert row["year_total"] is None
            assert row["year_premiums"] is None
        else:
            assert row["year_total"] == plan.monthly_premium * 12 + course
    assert ranking.loc["cheap-premium", "year_total"] == D("4240.00")  # hand-worked in CATALOG


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        (RankOrder.COURSE, ["no-premium-known", "cheap-visits", "tie", "cheap-premium"]),  # 80, 160, 480, 640
        (RankOrder.YEAR, ["cheap-premium", "tie", "cheap-visits", "no-premium-known"]),  # 4,240, 4,560, 6,160, ?
    ],
)
def test_the_order_switches_between_the_course_and_the_year(order: RankOrder, expected: list[str]) -> None:
    """By the course, the smallest copay wins; by the year, the smallest premium; an unknown premium goes last."""
    ranking = in_order(compare_plans(CATALOG, CARE), order)

    assert list(ranking["plan_id"]) == expected


def test_a_plan_that_cannot_be_costed_has_no_year_total_and_stays_last() -> None:
    """Figures above a plan's deductible: no totals, no year rank, and last in either order."""
    catalog = [*CATALOG, _plan("small-deductible", "0.00", "1.00").model_copy(update={"deductible": D("50.00")})]
    so_far = Accumulators(deductible_met="60.00")

    ranking = in_order(compare_plans(catalog, CARE, so_far), RankOrder.YEAR)

    last = ranking.iloc[-1]
    assert last["plan_id"] == "small-deductible"
    assert last["year_total"] is None
    assert ranking["year_rank"].isna().iloc[-1]
