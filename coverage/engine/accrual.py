"""What a covered visit uses up in its plan year, and the milestones it reaches (internal)."""

from __future__ import annotations

from decimal import Decimal

from coverage.engine import notices, payer_notices
from coverage.engine.money import ZERO
from coverage.engine.notices import TARGETED_MEDICAL_REVIEW_MARK, Notice
from coverage.engine.plans import Plan
from coverage.engine.schedule import ScheduledVisit
from coverage.engine.visit_limits import take_places
from coverage.engine.year_state import YearState


def accrue(
    plan: Plan,
    year: YearState,
    slot: ScheduledVisit,
    *,
    allowed: Decimal,
    to_deductible: Decimal,
    patient: Decimal,
    copay_charged: Decimal,
    place: bool,
    had_room: bool,
) -> list[Notice]:
    """Count a covered visit toward the year's figures; the notices of the milestones it reaches, in order.

    Its places in the visit limits (when it takes them), the copay of its day, what the patient paid toward
    their own and the family's deductible and maximum, and its allowed amount toward the therapy threshold.
    ``had_room``: the year had an out-of-pocket maximum before the visit.
    """
    discipline, number, day = slot.discipline, slot.course_index + 1, slot.date
    said: list[Notice] = []
    if copay_charged > ZERO:  # Decimal against Decimal: quicker than against int 0
        year.copay_dates.add(day)
    if place:
        take_places(plan, year, discipline, day)
    year.pay(to_deductible, patient)
    if to_deductible > ZERO and year.deductible_left == ZERO:
        if year.family_met_the_deductible and plan.family_deductible is not None:
            said.append(payer_notices.family_deductible_met(discipline, number, day, plan.family_deductible))
        else:
            said.append(notices.deductible_met(discipline, number, day))
    if had_room and patient > ZERO and year.oop_room == ZERO:
        if year.family_reached_the_maximum and plan.family_oop_max is not None:
            said.append(payer_notices.family_oop_max_reached(discipline, number, day, plan.family_oop_max))
        else:
            assert plan.oop_max is not None
            said.append(notices.oop_max_reached(discipline, number, day, plan.oop_max))
    year.threshold[discipline] += allowed
    if plan.therapy_threshold is not None:
        if year.threshold[discipline] > plan.therapy_threshold and year.first_time("kx", discipline):
            said.append(notices.therapy_threshold(discipline, number, day, plan.therapy_threshold))
        if year.threshold[discipline] > TARGETED_MEDICAL_REVIEW_MARK and year.first_time("review", discipline):
            said.append(notices.medical_review(discipline, number, day))
    return said


def already_met(plan: Plan, year: YearState, first: ScheduledVisit) -> Notice | None:
    """Before the first visit: the figures so far already reach the maximum, or else meet the deductible."""
    at = (first.discipline, first.course_index + 1, first.date)
    if year.oop_room == 0 and year.family_reached_the_maximum and plan.family_oop_max is not None:
        return payer_notices.family_oop_max_already_reached(*at, plan.family_oop_max)
    if plan.oop_max is not None and year.oop_room == 0:
        return notices.oop_max_already_reached(*at, plan.oop_max)
    if year.deductible_left == 0 and year.family_met_the_deductible and plan.family_deductible is not None:
        return payer_notices.family_deductible_already_met(*at, plan.family_deductible)
    if plan.deductible_applies and plan.deductible > 0 and year.deductible_left == 0:
        return notices.deductible_already_met(*at, plan.deductible)
    return None


def limit_notices(year: YearState) -> list[tuple[int, Notice]]:
    """At the end of a plan year: one notice per visit limit that refused visits, at its first refused visit."""
    return [
        (
            denial.position,
            notices.visit_limit_reached(
                denial.discipline,
                denial.number,
                denial.day,
                limit_name=denial.limit_name,
                limit=denial.limit,
                visits=denial.visits,
                cost=denial.cost,
            ),
        )
        for denial in year.denials.values()
    ]
