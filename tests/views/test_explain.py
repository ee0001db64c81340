"""How was this visit figured? Each visit's arithmetic in plain words, checked against hand-worked visits."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings

from coverage import (
    Accumulators,
    CarePlan,
    Course,
    Plan,
    Secondary,
    estimate,
    explain_visit,
    format_money,
    load_plans,
    medicaid_secondary,
)
from tests.conftest import PLANS_CSV
from tests.strategies import out_of_network, scenarios, secondaries

PLANS = {plan.plan_id: plan for plan in load_plans(PLANS_CSV)}
START = date(2026, 1, 5)
PT = Course(visits_per_week=2, weeks=8, visit_rate="84.75", eval_rate="98.01")
OT = Course(visits_per_week=2, weeks=8, visit_rate="101.24", eval_rate="100.60")


def test_a_visit_inside_the_deductible_says_how_much_went_toward_it() -> None:
    """Medicare PT visit 1: 283.00 of deductible left, the whole 98.01 evaluation goes toward it."""
    result = estimate(PLANS["medicare-b-2026"], CarePlan(start_date=START, pt=PT))

    lines = explain_visit(result, 0)

    assert lines == [
        "PT visit 1 on 5 Jan 2026 (evaluation): the plan's allowed amount is $98.01.",
        "Before this visit $283.00 of your deductible was left; $98.01 of this visit goes toward it.",
        "No copay: your plan does not charge one for this therapy.",
        "Coinsurance: 20% of the $0.00 left = $0.00.",
        "You pay $98.01 + $0.00 + $0.00 = $98.01. The plan pays $98.01 - $98.01 = $0.00.",
    ]


def test_the_visit_that_meets_the_deductible_shows_the_split() -> None:
    """Medicare PT visit 4: 283 - 98.01 - 84.75 - 84.75 = 15.49 left; 20% of 84.75 - 15.49 = 69.26 is 13.85."""
    result = estimate(PLANS["medicare-b-2026"], CarePlan(start_date=START, pt=PT))

    lines = explain_visit(result, 3)

    assert lines[1] == "Before this visit $15.49 of your deductible was left; $15.49 of this visit goes toward it."
    assert lines[3] == "Coinsurance: 20% of the $69.26 left = $13.85."  # 13.852 rounds half up to 13.85
    assert lines[-1] == "You pay $15.49 + $0.00 + $13.85 = $29.34. The plan pays $84.75 - $29.34 = $55.41."


def test_the_copay_before_the_deductible_is_named() -> None:
    """Copay-first plan, PT visit 2: the 25.00 copay first, then 59.75 of 84.75 goes to the deductible."""
    result = estimate(PLANS["copay-first"], CarePlan(start_date=START, pt=PT))

    lines = explain_visit(result, 1)

    assert lines[1] == (
        "Before this visit $926.99 of your deductible was left; the copay is taken first, then $59.75 of this "
        "visit goes toward it."  # 1,000 - (98.01 - 25.00) = 926.99
    )
    assert lines[2] == "Copay: $25.00."


def test_the_second_visit_of_a_day_under_one_copay_per_day_says_why_there_is_no_copay() -> None:
    """Copay-only plan, OT and PT on 5 Jan: OT pays the 35.00 copay, PT none."""
    result = estimate(PLANS["copay-only"], CarePlan(start_date=START, pt=PT, ot=OT))

    assert explain_visit(result, 0)[2] == "Copay: $35.00."
    assert explain_visit(result, 1)[2] == (
        "No copay: your plan charges one copay per day, and it was charged at an earlier visit that day."
    )


def test_a_visit_cut_by_the_out_of_pocket_maximum_says_so() -> None:
    """50% coinsurance and a 50.00 maximum: visit 2 is charged 42.38 but only 50.00 - 42.38 = 7.62 is left."""
    plan = Plan(plan_id="p", plan_name="Tight", payer_type="commercial", pt_coinsurance_pct="50", oop_max="50")
    care = CarePlan(start_date=START, pt=Course(visits_per_week=1, weeks=3, visit_rate="84.75"))
    result = estimate(plan, care)  # 50% of 84.75 = 42.375 -> 42.38

    lines = explain_visit(result, 1)

    assert (
        "Your out-of-pocket maximum had $7.62 left, so your share is $7.62 instead of $42.38; the plan pays the rest."
        in lines
    )
    assert lines[-1] == "You pay $0.00 + $0.00 + $7.62 = $7.62. The plan pays $84.75 - $7.62 = $77.13."


def test_a_visit_past_the_limit_is_explained_as_self_pay() -> None:
    """HMO with 30 PT visits, 30 used: visit 1 is not covered and costs its self-pay rate."""
    result = estimate(PLANS["hmo-30-30"], CarePlan(start_date=START, pt=PT), Accumulators(pt_visits_used=30))

    lines = explain_visit(result, 1)

    assert lines[1:] == [
        f"The plan does not pay for this visit: {result.visits[1].not_covered_reason}.",
        "You pay the self-pay rate: $84.75. The plan pays nothing.",
    ]


def test_a_visit_in_a_new_plan_year_says_the_figures_started_again() -> None:
    """July plan year, course from 22 Jun 2026: the first July visit is in the plan year from 1 Jul 2026."""
    result = estimate(PLANS["july-plan-year"], CarePlan(start_date=date(2026, 6, 22), pt=PT))
    index = next(i for i, v in enumerate(result.visits) if v.date >= date(2026, 7, 1))

    lines = explain_visit(result, index)

    assert lines[1].startswith("This visit falls in the plan year that starts on 1 Jul 2026")


@settings(max_examples=150)
@given(scenarios(max_weeks=8))
def test_every_explanation_ends_with_what_the_patient_and_the_plan_pay(
    scenario: tuple[Plan, CarePlan, Accumulators],
) -> None:
    """For any visit of any estimate, the explanation names the visit's own patient and plan amounts."""
    result = estimate(*scenario)

    for index, visit in enumerate(result.visits):
        lines = explain_visit(result, index)
        pays = format_money(visit.patient_pays)
        assert format_money(visit.allowed) in lines[0]
        if not visit.covered:
            assert lines[-1] == f"You pay the self-pay rate: {pays}. The plan pays nothing."
            continue
        parts = " + ".join(format_money(x) for x in (visit.to_deductible, visit.copay, visit.coinsurance))
        assert lines[-1] == (
            f"You pay {parts} = {pays}. The plan pays {format_money(visit.allowed)} - {pays} = "
            f"{format_money(visit.plan_pays)}."
        )
        if visit.oop_room_before is None and visit.coinsurance:
            assert any(line.endswith(f"= {format_money(visit.coinsurance)}.") for line in lines[1:-1])


# ---- out of network and a second insurance (issue 7)

ONE_VISIT_1000 = CarePlan(start_date=START, pt=Course(visits_per_week=1, weeks=1, visit_rate="1000.00"))


def test_out_of_network_the_explanation_uses_the_out_of_network_terms_and_names_the_balance_bill() -> None:
    """Billed 2,000, allowed 1,000, 40 % out of network (10 % in network): 400 coinsurance plus a 1,000 balance bill."""
    plan = Plan(
        plan_id="p",
        plan_name="PPO",
        payer_type="commercial",
        pt_coinsurance_pct="10",
        oon_covered=True,
        oon_pt_coinsurance_pct="40",
    )
    billed = Course(visits_per_week=1, weeks=1, visit_rate="1000.00", billed_rate="2000.00")
    result = estimate(plan, CarePlan(start_date=START, pt=billed, in_network=False))

    lines = explain_visit(result, 0)

    assert "Coinsurance: 40% of the $1,000.00 left = $400.00." in lines
    assert (
        "Out of network the clinic bills $2,000.00: the $1,000.00 above the allowed amount is a balance bill, yours "
        "to pay; it counts toward no deductible or maximum." in lines
    )
    assert lines[-1] == (
        "You pay $0.00 + $0.00 + $400.00 + $1,000.00 (balance bill) = $1,400.00. "
        "The plan pays $1,000.00 - $400.00 = $600.00."
    )


def test_a_second_insurance_is_taken_off_what_the_patient_pays() -> None:
    """Primary 40 % pays 600; a traditional second plan at 20 % would pay 800, so it pays the 400 left."""
    primary = Plan(plan_id="a", plan_name="A", payer_type="commercial", pt_coinsurance_pct="40")
    second = Secondary(plan=primary.model_copy(update={"pt_coinsurance_pct": Decimal(20)}))
    result = estimate(primary, ONE_VISIT_1000, secondary=second)

    lines = explain_visit(result, 0)

    assert "Your second insurance pays $400.00 of your $400.00 share." in lines
    assert lines[-1] == (
        "You pay $0.00 + $0.00 + $400.00 - $400.00 (second insurance) = $0.00. "
        "The plan pays $1,000.00 - $400.00 = $600.00."
    )


@settings(max_examples=60)
@given(scenarios(max_weeks=4).flatmap(out_of_network), secondaries())
def test_every_out_of_network_explanation_with_a_second_plan_adds_up(
    scenario: tuple[Plan, CarePlan, Accumulators], second: Secondary
) -> None:
    """For any visit, the last line's parts add up to what the patient pays and the plan's part to what it pays."""
    result = estimate(*scenario, secondary=second)

    for index, visit in enumerate(result.visits):
        last = explain_visit(result, index)[-1]
        if not visit.covered:
            continue
        parts = [visit.to_deductible, visit.copay, visit.coinsurance, visit.balance_bill, -visit.secondary_pays]
        assert sum(parts) == visit.patient_pays
        assert last.startswith(f"You pay {format_money(visit.to_deductible)} + ")
        assert last.endswith(
            f"= {format_money(visit.patient_pays)}. The plan pays {format_money(visit.allowed)} - "
            f"{format_money(visit.cost_sharing)} = {format_money(visit.plan_pays)}."
        )


def test_what_a_second_insurance_pays_is_not_put_down_to_the_maximum() -> None:
    """Medicaid pays the 20.00 copay: the maximum had room, so no line says it capped anything (audit finding)."""
    plan = Plan(plan_id="p", plan_name="P", payer_type="commercial", pt_copay="20", oop_max="5000")
    care = CarePlan(start_date=date(2026, 1, 5), pt=Course(visits_per_week=1, weeks=1, visit_rate="100"))

    lines = explain_visit(estimate(plan, care, secondary=medicaid_secondary()), 0)

    assert not [line for line in lines if "out-of-pocket maximum" in line]
    assert lines[-1].startswith("You pay $0.00 + $20.00 + $0.00 - $20.00 (second insurance) = $0.00.")


def test_out_of_network_a_maximum_that_caps_the_share_is_explained_beside_the_balance_bill() -> None:
    """50 % of 100 is 50, capped at the 30 maximum; the 50 balance bill comes on top (audit finding)."""
    plan = Plan(
        plan_id="p", plan_name="P", payer_type="commercial", oon_covered=True,
        oon_pt_coinsurance_pct="50", oon_oop_max="30",
    )  # fmt: skip
    care = CarePlan(
        start_date=date(2026, 1, 5), in_network=False,
        pt=Course(visits_per_week=1, weeks=1, visit_rate="100", billed_rate="150"),
    )  # fmt: skip

    lines = explain_visit(estimate(plan, care), 0)

    assert (
        "Your out-of-pocket maximum had $30.00 left, so your share is $30.00 instead of $50.00; the plan pays the rest."
        in lines
    )


def test_one_copay_per_day_is_explained_even_when_the_maximum_is_already_reached() -> None:
    """OT then PT on one day, maximum reached: PT had no copay due, so its share would have been 10 % of 100."""
    plan = Plan(
        plan_id="p", plan_name="P", payer_type="commercial", ot_copay="20", pt_copay="20",
        pt_coinsurance_pct="10", oop_max="1000", one_copay_per_day=True,
    )  # fmt: skip
    visit = Course(visits_per_week=1, weeks=1, visit_rate="100")
    result = estimate(plan, CarePlan(start_date=date(2026, 1, 5), ot=visit, pt=visit), Accumulators(oop_met="1000"))

    # OT comes first on the day and is due the copay; PT is due none: 10 % of 100 = 10, all capped to 0.
    lines = explain_visit(result, 1)

    assert result.visits[1].discipline == "PT"
    assert "No copay: your plan charges one copay per day, and it was charged at an earlier visit that day." in lines
    assert "Coinsurance: 10% of the $100.00 left = $10.00." in lines
    assert any("instead of $10.00" in line for line in lines)
