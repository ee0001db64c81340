"""The course over time: running totals by visit date and the dated milestones the chart marks."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from hypothesis import given, settings

from coverage import Accumulators, CarePlan, Course, Plan, estimate, load_plans
from coverage.engine.notices import NoticeKind
from coverage.views.timeline import MILESTONE_NAMES, cost_so_far, milestones
from tests.conftest import PLANS_CSV
from tests.strategies import scenarios

PLANS = {plan.plan_id: plan for plan in load_plans(PLANS_CSV)}
PT = Course(visits_per_week=2, weeks=8, visit_rate="84.75", eval_rate="98.01")
OT = Course(visits_per_week=2, weeks=8, visit_rate="101.24", eval_rate="100.60")


def test_visits_on_the_same_day_make_one_point() -> None:
    """OT and PT twice a week from the same Monday: 16 visit dates, 32 visits."""
    result = estimate(PLANS["medicare-b-2026"], CarePlan(start_date=date(2026, 1, 5), pt=PT, ot=OT))

    points = cost_so_far(result)

    assert len(points) == 16
    assert points[0].patient == result.visits[0].patient_pays + result.visits[1].patient_pays  # OT 1 and PT 1


def test_the_milestones_are_the_dated_notices_with_short_names() -> None:
    """Medicare: the deductible is met at PT visit 4; the referral notice of the HMO is not a chart milestone."""
    medicare = estimate(PLANS["medicare-b-2026"], CarePlan(start_date=date(2026, 1, 5), pt=PT))
    hmo = estimate(PLANS["hmo-30-30"], CarePlan(start_date=date(2026, 1, 5), pt=PT))

    assert milestones(medicare)[0].name == "Deductible met"
    assert milestones(medicare)[0].date == date(2026, 1, 15)  # PT visit 4: Mon 5, Thu 8, Mon 12, Thu 15 Jan
    assert NoticeKind.REFERRAL_REQUIRED in {n.kind for n in hmo.notices}
    assert "Referral" not in {m.name for m in milestones(hmo)}


@settings(max_examples=100)
@given(scenarios(max_weeks=8))
def test_the_running_totals_end_at_the_estimates_totals_and_never_fall(
    scenario: tuple[Plan, CarePlan, Accumulators],
) -> None:
    """The last point equals the totals, dates increase, neither total goes down; milestones follow the notices."""
    result = estimate(*scenario)

    points = cost_so_far(result)

    assert (points[-1].patient, points[-1].plan) == (result.patient_total, result.plan_total)
    for earlier, later in pairwise(points):
        assert earlier.date < later.date
        assert earlier.patient <= later.patient
        assert earlier.plan <= later.plan
    dated = [n for n in result.notices if n.kind in MILESTONE_NAMES]
    marks = milestones(result)
    assert [m.date for m in marks] == sorted({n.date for n in dated})
    for mark in marks:
        on_the_day = [n for n in dated if n.date == mark.date]
        assert mark.name.split(" · ") == list(dict.fromkeys(MILESTONE_NAMES[n.kind] for n in on_the_day))
        assert mark.message == " ".join(n.message for n in on_the_day)


def test_milestones_on_the_same_date_make_one_mark_with_both_names() -> None:
    """Medicare with Plan G: both deductibles are met at PT visit 4, so the chart has one mark naming both."""
    from coverage import medigap_plan_g

    result = estimate(
        PLANS["medicare-b-2026"],
        CarePlan(start_date=date(2026, 1, 5), pt=PT),
        secondary=medigap_plan_g(PLANS["medicare-b-2026"]),
    )

    (mark,) = [m for m in milestones(result) if m.date == date(2026, 1, 15)]
    assert mark.name == "Deductible met · Second plan's deductible met"
    assert mark.message.startswith("Your deductible is met at PT visit 4 on 15 Jan 2026. Your second insurance")


def test_a_second_insurance_has_its_own_running_total_ending_at_what_it_pays() -> None:
    """Medicare with Plan G: the second line ends at what Plan G pays; the patient's ends at the deductible."""
    from coverage import medigap_plan_g

    result = estimate(
        PLANS["medicare-b-2026"],
        CarePlan(start_date=date(2026, 1, 5), pt=PT),
        secondary=medigap_plan_g(PLANS["medicare-b-2026"]),
    )

    points = cost_so_far(result)

    assert points[-1].secondary == result.total.secondary_pays > 0
    assert points[-1].patient == result.patient_total
    assert all(p.secondary == 0 for p in cost_so_far(estimate(PLANS["medicare-b-2026"], result.care)))
