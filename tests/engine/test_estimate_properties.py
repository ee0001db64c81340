"""Invariants of the engine over every rule switch, checked with Hypothesis."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from coverage import CarePlan, Course, Estimate, estimate
from coverage.engine.schedule import plan_year_start_on_or_before
from tests.strategies import scenarios


def covered_patient_total_by_year(result: Estimate) -> dict[object, Decimal]:
    """What the patient paid on covered visits, per plan year."""
    totals: dict[object, Decimal] = {}
    for visit in result.visits:
        if visit.covered:
            totals[visit.plan_year_start] = totals.get(visit.plan_year_start, Decimal(0)) + visit.patient_pays
    return totals


@given(scenarios())
def test_on_every_covered_visit_patient_and_plan_add_up_to_the_allowed_amount(scenario: tuple) -> None:
    """patient_pays + plan_pays == allowed, and the parts add up to patient_pays."""
    result = estimate(*scenario)

    for visit in result.visits:
        if visit.covered:
            assert visit.patient_pays + visit.plan_pays == visit.allowed
            assert visit.to_deductible + visit.copay + visit.coinsurance == visit.patient_pays


@given(scenarios())
def test_nothing_is_ever_negative_and_every_amount_is_whole_cents(scenario: tuple) -> None:
    """Every amount of every visit is >= 0 with exactly two decimals."""
    result = estimate(*scenario)

    for visit in result.visits:
        for amount in (
            visit.allowed,
            visit.to_deductible,
            visit.copay,
            visit.coinsurance,
            visit.patient_pays,
            visit.plan_pays,
        ):
            assert amount >= 0
            assert amount.as_tuple().exponent == -2


@given(scenarios())
def test_the_patient_never_pays_more_than_the_out_of_pocket_room_on_covered_visits(scenario: tuple) -> None:
    """Covered spending stays within the maximum minus what was met (first year) or the maximum (later)."""
    plan, care, so_far = scenario
    result = estimate(plan, care, so_far)
    first_year = plan_year_start_on_or_before(care.start_date, plan.plan_year_start)

    for year, paid in covered_patient_total_by_year(result).items():
        if plan.oop_max is not None:
            room = plan.oop_max - (so_far.oop_met if year == first_year else 0)
            assert paid <= room


@given(scenarios())
def test_uncovered_visits_cost_the_self_pay_rate_and_the_plan_nothing(scenario: tuple) -> None:
    """A visit that is not covered costs its self-pay rate; the plan pays 0; nothing goes to the deductible."""
    plan, care, _ = scenario
    result = estimate(*scenario)

    for visit in result.visits:
        if not visit.covered:
            course = care.course(visit.discipline)
            assert course is not None
            assert visit.patient_pays == course.self_pay(visit.visit_number - 1)
            assert (visit.plan_pays, visit.to_deductible, visit.copay) == (0, 0, 0)
    if not plan.covers_visits:
        assert not any(v.covered for v in result.visits)


def _one_more_week(course: Course) -> Course:
    return course.model_copy(update={"weeks": course.weeks + 1})


@settings(max_examples=100)
@given(scenarios(max_weeks=12), st.sampled_from(["OT", "PT"]))
def test_adding_visits_at_the_end_never_lowers_the_total(scenario: tuple, discipline: str) -> None:
    """One more week of a single-therapy course keeps every earlier visit's cost and never lowers the total."""
    plan, care, so_far = scenario
    course = care.course(discipline) or care.ot or care.pt
    assert course is not None
    single = CarePlan(start_date=care.start_date, **{discipline.lower(): course})
    longer = CarePlan(start_date=care.start_date, **{discipline.lower(): _one_more_week(course)})

    shorter_result, longer_result = estimate(plan, single, so_far), estimate(plan, longer, so_far)

    assert longer_result.visits[: len(shorter_result.visits)] == shorter_result.visits
    assert longer_result.patient_total >= shorter_result.patient_total
    assert longer_result.plan_total >= shorter_result.plan_total


@given(scenarios())
def test_the_schedule_is_in_date_order_and_has_every_visit(scenario: tuple) -> None:
    """F x w visits per course, dates never going back."""
    _, care, _ = scenario
    result = estimate(*scenario)

    expected = sum(c.visit_count for c in (care.ot, care.pt) if c is not None)
    assert len(result.visits) == expected
    assert all(a.date <= b.date for a, b in zip(result.visits, result.visits[1:], strict=False))


@given(scenarios())
def test_notices_are_in_schedule_order(scenario: tuple) -> None:
    """Milestones come out in date order."""
    result = estimate(*scenario)

    assert [n.date for n in result.notices] == sorted(n.date for n in result.notices)
