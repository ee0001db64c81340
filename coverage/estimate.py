"""Project a whole plan of care visit by visit under the plan's rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
from pydantic import BaseModel, ConfigDict

from coverage import notices
from coverage.care import Accumulators, CarePlan, Course
from coverage.cost_sharing import share_of_visit
from coverage.money import ZERO, format_money
from coverage.notices import TARGETED_MEDICAL_REVIEW_MARK, Notice
from coverage.plans import Discipline, Plan
from coverage.schedule import ScheduledVisit, plan_year_start_on_or_before, schedule
from coverage.year_state import LimitDenials, YearState

#: The columns of :meth:`Estimate.to_frame`, a contract other parts rely on.
VISIT_COLUMNS = (
    "date",
    "discipline",
    "allowed",
    "covered",
    "to_deductible",
    "copay",
    "coinsurance",
    "patient_pays",
    "plan_pays",
)


class YearToDateError(ValueError):
    """Figures so far this year that the plan makes impossible (e.g. more deductible met than it has)."""


class VisitCost(BaseModel):
    """What one visit costs the patient and the plan, and the state it was figured from."""

    model_config = ConfigDict(frozen=True)

    date: dt.date
    discipline: Discipline
    visit_number: int
    is_evaluation: bool
    allowed: Decimal
    covered: bool
    to_deductible: Decimal
    copay: Decimal
    coinsurance: Decimal
    patient_pays: Decimal
    plan_pays: Decimal
    not_covered_reason: str | None
    plan_year_start: dt.date
    deductible_left_before: Decimal
    oop_room_before: Decimal | None


class Totals(BaseModel):
    """Sums over a set of visits."""

    model_config = ConfigDict(frozen=True)

    visits: int
    covered_visits: int
    not_covered_visits: int
    allowed: Decimal
    patient_pays: Decimal
    plan_pays: Decimal

    @classmethod
    def of(cls, visits: tuple[VisitCost, ...] | list[VisitCost]) -> Totals:
        """Add up ``visits``."""
        covered = sum(1 for v in visits if v.covered)
        return cls(
            visits=len(visits),
            covered_visits=covered,
            not_covered_visits=len(visits) - covered,
            allowed=sum((v.allowed for v in visits), ZERO),
            patient_pays=sum((v.patient_pays for v in visits), ZERO),
            plan_pays=sum((v.plan_pays for v in visits), ZERO),
        )


class Estimate(BaseModel):
    """A whole plan of care, costed: the visits, the milestones and the totals."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    plan: Plan
    care: CarePlan
    accumulators: Accumulators
    visits: tuple[VisitCost, ...]
    notices: tuple[Notice, ...]
    total: Totals
    ot_total: Totals | None
    pt_total: Totals | None

    @property
    def patient_total(self) -> Decimal:
        """What the patient pays over the whole plan of care."""
        return self.total.patient_pays

    @property
    def plan_total(self) -> Decimal:
        """What the plan pays over the whole plan of care."""
        return self.total.plan_pays

    def discipline_total(self, discipline: Discipline) -> Totals | None:
        """The totals of one discipline, or None when the plan of care has no such course."""
        return self.ot_total if discipline == "OT" else self.pt_total

    def to_frame(self) -> pd.DataFrame:
        """The visits as a DataFrame with :data:`VISIT_COLUMNS`; money stays ``Decimal``."""
        rows = [{column: getattr(visit, column) for column in VISIT_COLUMNS} for visit in self.visits]
        return pd.DataFrame(rows, columns=list(VISIT_COLUMNS))


def check_year_to_date(plan: Plan, so_far: Accumulators) -> None:
    """Refuse year-to-date figures the plan cannot have produced."""
    problems = []
    if so_far.deductible_met > plan.deductible:
        problems.append(
            f"Deductible met ({format_money(so_far.deductible_met)}) is more than the plan's deductible "
            f"({format_money(plan.deductible)})."
        )
    if plan.oop_max is not None and so_far.oop_met > plan.oop_max:
        problems.append(
            f"Out-of-pocket met ({format_money(so_far.oop_met)}) is more than the plan's maximum "
            f"({format_money(plan.oop_max)})."
        )
    if problems:
        raise YearToDateError(" ".join(problems))


def estimate(plan: Plan, care: CarePlan, accumulators: Accumulators | None = None) -> Estimate:
    """Cost every visit of ``care`` under ``plan``, starting from ``accumulators``.

    Raises :class:`YearToDateError` when the year-to-date figures exceed the plan's.
    """
    so_far = accumulators if accumulators is not None else Accumulators()
    check_year_to_date(plan, so_far)
    run = _Projection(plan, care)
    year = YearState.opening(plan, plan_year_start_on_or_before(care.start_date, plan.plan_year_start), so_far)
    for position, slot in enumerate(schedule(care)):
        if slot.date >= year.next_start:
            year_start = plan_year_start_on_or_before(slot.date, plan.plan_year_start)
            run.close_year(year)
            year = YearState.opening(plan, year_start, Accumulators())
            run.notice(position, notices.plan_year_reset(slot.discipline, slot.course_index + 1, slot.date, year_start))
        run.visit(position, slot, year)
    run.close_year(year)
    visits = tuple(run.visits)
    return Estimate(
        plan=plan,
        care=care,
        accumulators=so_far,
        visits=visits,
        notices=tuple(notice for _, notice in sorted(run.notices, key=lambda pair: pair[0])),
        total=Totals.of(visits),
        ot_total=_discipline_total(visits, care, "OT"),
        pt_total=_discipline_total(visits, care, "PT"),
    )


def _discipline_total(visits: tuple[VisitCost, ...], care: CarePlan, discipline: Discipline) -> Totals | None:
    if care.course(discipline) is None:
        return None
    return Totals.of([v for v in visits if v.discipline == discipline])


class _Projection:
    """The visits and notices of one estimate as they are worked out, in order."""

    def __init__(self, plan: Plan, care: CarePlan) -> None:
        self.plan = plan
        self.care = care
        self.visits: list[VisitCost] = []
        self.notices: list[tuple[int, Notice]] = []
        if plan.referral_required or not plan.covers_visits:
            first = schedule(care)[0]
            if plan.referral_required:
                self.notice(-1, notices.referral_required(first.discipline, 1, first.date))
            if not plan.covers_visits:
                self.notice(-1, notices.self_pay(first.discipline, 1, first.date))

    def notice(self, position: int, notice: Notice) -> None:
        self.notices.append((position, notice))

    def close_year(self, year: YearState) -> None:
        """Turn the year's refused visits into one notice per visit limit."""
        for denial in year.denials.values():
            self.notice(
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

    def visit(self, position: int, slot: ScheduledVisit, year: YearState) -> None:
        course = self.care.course(slot.discipline)
        assert course is not None  # the schedule only holds visits of courses in the plan of care
        reason = self._refusal(slot, year)
        if reason is None:
            self._covered(position, slot, course, year)
        else:
            self._not_covered(position, slot, course, year, reason)

    def _refusal(self, slot: ScheduledVisit, year: YearState) -> tuple[str, str, int] | None:
        """Why the plan will not pay for this visit, as (key, limit name, limit), or None."""
        plan = self.plan
        if not plan.covers_visits:
            return ("self_pay", "", 0)
        own_limit = plan.visit_limit(slot.discipline)
        if own_limit is not None and year.used[slot.discipline] >= own_limit:
            return (slot.discipline, slot.discipline, own_limit)
        shares_a_place = plan.same_day_counts_once and slot.date in year.pool_dates
        combined = plan.combined_visit_limit
        if combined is not None and not shares_a_place and year.pool_used >= combined:
            return ("combined", "combined therapy", combined)
        return None

    def _not_covered(
        self, position: int, slot: ScheduledVisit, course: Course, year: YearState, reason: tuple[str, str, int]
    ) -> None:
        key, limit_name, limit = reason
        price = course.self_pay(slot.course_index)
        if key != "self_pay":
            denial = year.denials.setdefault(
                key, LimitDenials(position, slot.discipline, slot.course_index + 1, slot.date, limit_name, limit)
            )
            denial.visits += 1
            denial.cost += price
        self.visits.append(
            VisitCost(
                date=slot.date,
                discipline=slot.discipline,
                visit_number=slot.course_index + 1,
                is_evaluation=slot.course_index == 0 and course.eval_rate is not None,
                allowed=course.allowed(slot.course_index),
                covered=False,
                to_deductible=ZERO,
                copay=ZERO,
                coinsurance=ZERO,
                patient_pays=price,
                plan_pays=ZERO,
                not_covered_reason=_REASONS[key if key in _REASONS else "limit"].format(name=limit_name, limit=limit),
                plan_year_start=year.start,
                deductible_left_before=year.deductible_left,
                oop_room_before=year.oop_room,
            )
        )

    def _covered(self, position: int, slot: ScheduledVisit, course: Course, year: YearState) -> None:
        plan, discipline, number = self.plan, slot.discipline, slot.course_index + 1
        allowed = course.allowed(slot.course_index)
        auth_after = plan.auth_after_visits
        if auth_after is not None and year.used[discipline] >= auth_after and year.first_time("auth", discipline):
            self.notice(position, notices.prior_authorization(discipline, number, slot.date, auth_after))
        copay_due = ZERO if plan.one_copay_per_day and slot.date in year.copay_dates else plan.copay(discipline)
        share = share_of_visit(
            allowed,
            copay=copay_due,
            coinsurance_pct=plan.coinsurance_pct(discipline),
            deductible_left=year.deductible_left,
            oop_room=year.oop_room,
            deductible_applies=plan.deductible_applies,
            copay_timing=plan.copay_timing,
        )
        patient = share.patient_pays
        self.visits.append(
            VisitCost(
                date=slot.date,
                discipline=discipline,
                visit_number=number,
                is_evaluation=slot.course_index == 0 and course.eval_rate is not None,
                allowed=allowed,
                covered=True,
                to_deductible=share.to_deductible,
                copay=share.copay,
                coinsurance=share.coinsurance,
                patient_pays=patient,
                plan_pays=allowed - patient,
                not_covered_reason=None,
                plan_year_start=year.start,
                deductible_left_before=year.deductible_left,
                oop_room_before=year.oop_room,
            )
        )
        self._accrue(
            position,
            slot,
            year,
            allowed=allowed,
            to_deductible=share.to_deductible,
            patient=patient,
            copay_charged=share.copay_charged,
        )

    def _accrue(
        self,
        position: int,
        slot: ScheduledVisit,
        year: YearState,
        *,
        allowed: Decimal,
        to_deductible: Decimal,
        patient: Decimal,
        copay_charged: Decimal,
    ) -> None:
        plan, discipline, number, day = self.plan, slot.discipline, slot.course_index + 1, slot.date
        if copay_charged > 0:
            year.copay_dates.add(day)
        year.used[discipline] += 1
        if not (plan.same_day_counts_once and day in year.pool_dates):
            year.pool_used += 1
            year.pool_dates.add(day)
        if to_deductible > 0:
            year.deductible_left -= to_deductible
            if year.deductible_left == 0:
                self.notice(position, notices.deductible_met(discipline, number, day))
        if year.oop_room is not None and patient > 0:
            year.oop_room -= patient
            if year.oop_room == 0:
                assert plan.oop_max is not None
                self.notice(position, notices.oop_max_reached(discipline, number, day, plan.oop_max))
        year.threshold[discipline] += allowed
        if plan.therapy_threshold is not None:
            if year.threshold[discipline] > plan.therapy_threshold and year.first_time("kx", discipline):
                self.notice(position, notices.therapy_threshold(discipline, number, day, plan.therapy_threshold))
            if year.threshold[discipline] > TARGETED_MEDICAL_REVIEW_MARK and year.first_time("review", discipline):
                self.notice(position, notices.medical_review(discipline, number, day))


_REASONS = {
    "self_pay": "no insurance pays for this visit",
    "limit": "the {limit} {name} visits of this plan year are used up",
}
