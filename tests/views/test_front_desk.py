"""The front-desk panel: what the next visit costs, visits left, and deductible and out-of-pocket left today."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings

from coverage import Accumulators, CarePlan, Course, Plan, estimate, front_desk, load_plans, regular_visit_cost
from coverage.engine.course_estimate import VisitCost
from tests.conftest import PLANS_CSV
from tests.strategies import scenarios

PLANS = {plan.plan_id: plan for plan in load_plans(PLANS_CSV)}
START = date(2026, 1, 5)
PT = Course(visits_per_week=2, weeks=8, visit_rate="84.75", eval_rate="98.01")
OT = Course(visits_per_week=2, weeks=8, visit_rate="101.24", eval_rate="100.60")


def test_visits_and_money_left_come_from_the_year_so_far() -> None:
    """HMO 30/30 with 10 PT visits, 200 of 500 deductible and 300 of 4,000 out-of-pocket used."""
    so_far = Accumulators(pt_visits_used=10, deductible_met="200", oop_met="300")

    desk = front_desk(estimate(PLANS["hmo-30-30"], CarePlan(start_date=START, pt=PT, ot=OT), so_far))

    assert (desk.pt_visits_left, desk.ot_visits_left, desk.pool_visits_left) == (20, 30, None)  # 30 - 10; 30 - 0
    assert desk.deductible_left == Decimal("300.00")  # 500 - 200
    assert desk.oop_left == Decimal("3700.00")  # 4,000 - 300


def test_the_shared_pool_counts_ot_pt_and_other_visits() -> None:
    """A pool of 60 with 10 PT, 5 OT and 3 speech visits used has 42 places left (60 - 10 - 5 - 3)."""
    so_far = Accumulators(pt_visits_used=10, ot_visits_used=5, other_pool_visits_used=3)

    desk = front_desk(estimate(PLANS["ppo-pool-60"], CarePlan(start_date=START, pt=PT), so_far))

    assert desk.pool_visits_left == 42


def test_a_limit_already_used_up_leaves_zero_not_a_negative_count() -> None:
    """35 PT visits used against a limit of 30 leaves 0 visits, not -5."""
    desk = front_desk(estimate(PLANS["hmo-30-30"], CarePlan(start_date=START, pt=PT), Accumulators(pt_visits_used=35)))

    assert desk.pt_visits_left == 0


def test_medicare_has_no_maximum_and_a_waived_deductible_has_nothing_left() -> None:
    """Original Medicare: no out-of-pocket maximum; a plan that waives the deductible for therapy has none left."""
    medicare = front_desk(estimate(PLANS["medicare-b-2026"], CarePlan(start_date=START, pt=PT)))
    waived = front_desk(estimate(PLANS["copay-only"], CarePlan(start_date=START, pt=PT)))

    assert medicare.oop_left is None
    assert medicare.deductible_left == Decimal("283.00")
    assert not waived.deductible_applies
    assert waived.deductible_left == Decimal("0.00")


@pytest.mark.parametrize(
    ("plan_id", "expected"),
    [
        ("ppo-pool-60", "198.61"),  # the evaluations, deductible first: OT 100.60 + PT 98.01
        ("ma-hmo", "60.00"),  # two $30.00 copays
    ],
)
def test_the_first_day_figure_is_every_visit_of_that_day(plan_id: str, expected: str) -> None:
    """PT 2x8 and OT 1x8 start the same day: the desk collects both visits, not only OT's (issue 16)."""
    ot_weekly = OT.model_copy(update={"visits_per_week": 1})
    result = estimate(PLANS[plan_id], CarePlan(start_date=START, pt=PT, ot=ot_weekly))

    desk = front_desk(result)

    assert [(v.discipline, v.visit_number) for v in desk.first_day_visits] == [("OT", 1), ("PT", 1)]
    assert desk.collect_first_day == Decimal(expected)
    assert desk.first_day_therapies == "PT and OT"
    assert desk.first_day == START


def test_a_first_day_with_one_therapy_collects_its_one_visit() -> None:
    """PT alone: the first day is PT visit 1, and the figure is what that visit costs."""
    result = estimate(PLANS["medicare-b-2026"], CarePlan(start_date=START, pt=PT))

    desk = front_desk(result)

    assert desk.first_day_visits == (result.visits[0],)
    assert desk.collect_first_day == result.visits[0].patient_pays
    assert desk.first_day_therapies == "PT"


@pytest.mark.parametrize(
    ("plan_id", "discipline", "course", "expected"),
    [
        ("medicare-b-2026", "PT", PT, "16.95"),  # 20% of 84.75 = 16.95
        ("medicare-b-2026", "OT", OT, "20.25"),  # 20% of 101.24 = 20.248 -> 20.25 (half up)
        ("hmo-30-30", "PT", PT, "40.00"),  # the 40.00 copay, 0% coinsurance
        ("copay-first", "PT", PT, "36.95"),  # 25.00 copay + 20% of (84.75 - 25.00) = 25.00 + 11.95
        ("ot-costs-more", "OT", OT, "50.00"),  # OT copay 50.00
        ("ot-costs-more", "PT", PT, "30.00"),  # PT copay 30.00
        ("self-pay", "PT", PT.model_copy(update={"self_pay_rate": Decimal("70.00")}), "70.00"),  # no insurance
    ],
)
def test_a_regular_visit_once_the_deductible_is_met(
    plan_id: str, discipline: str, course: Course, expected: str
) -> None:
    """The headline 'a visit once the deductible is met' is the copay and coinsurance of a regular visit."""
    assert regular_visit_cost(PLANS[plan_id], discipline, course) == Decimal(expected)  # type: ignore[arg-type]


@settings(max_examples=100)
@given(scenarios(max_weeks=8))
def test_a_covered_regular_visit_after_the_deductible_costs_what_the_panel_says(
    scenario: tuple[Plan, CarePlan, Accumulators],
) -> None:
    """A covered regular visit with the deductible met, room under the maximum and its copay due costs that much."""
    plan, care, so_far = scenario
    result = estimate(plan, care, so_far)

    def plain(visit: VisitCost) -> bool:
        course = care.course(visit.discipline)
        assert course is not None
        return (
            visit.covered
            and not visit.is_evaluation
            and visit.deductible_left_before == 0
            and (visit.oop_room_before is None or visit.oop_room_before >= visit.allowed)
            and visit.copay == min(plan.copay(visit.discipline), visit.allowed)
        )

    for visit in filter(plain, result.visits):
        course = care.course(visit.discipline)
        assert course is not None
        assert visit.patient_pays == regular_visit_cost(plan, visit.discipline, course)


# ---- out of network (issue 7)

OON_PPO = PLANS["ppo-pool-60"].model_copy(
    update={"oon_covered": True, "oon_deductible": Decimal("3000.00"), "oon_pt_coinsurance_pct": Decimal(40)}
)


def test_out_of_network_the_panel_shows_the_out_of_network_deductible_and_a_visit_with_its_balance_bill() -> None:
    """Out-of-network deductible 3,000 with 200 met leaves 2,800; a visit is 40 % of 84.75 plus 120 - 84.75."""
    care = CarePlan(start_date=START, pt=PT.model_copy(update={"billed_rate": Decimal("120.00")}), in_network=False)

    desk = front_desk(estimate(OON_PPO, care, Accumulators(oon_deductible_met="200")))

    assert desk.deductible_left == Decimal("2800.00")  # 3,000 - 200
    assert desk.oop_left is None  # no out-of-network maximum
    assert desk.visit_after_deductible["PT"] == Decimal("69.15")  # 33.90 (40% of 84.75) + 35.25 balance bill


def test_out_of_network_on_a_plan_that_pays_nothing_there_every_visit_is_self_pay() -> None:
    """The shipped PPO states no out-of-network terms: out of network the panel says no insurance pays."""
    care = CarePlan(start_date=START, pt=PT, in_network=False)

    desk = front_desk(estimate(PLANS["ppo-pool-60"], care))

    assert not desk.plan_covers_visits
    assert desk.visit_after_deductible["PT"] == Decimal("84.75")  # the visit rate, as no self-pay rate is given
