"""The visit-by-visit walk through a plan of care under one set of plan terms (internal)."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from coverage.engine import notices
from coverage.engine.care import Accumulators, CarePlan, Course
from coverage.engine.cost_sharing import share_of_visit
from coverage.engine.money import ZERO
from coverage.engine.not_covered import NotCovered, WhyNotCovered
from coverage.engine.notices import TARGETED_MEDICAL_REVIEW_MARK, Notice
from coverage.engine.plans import Plan
from coverage.engine.schedule import ScheduledVisit, plan_year_start_on_or_before, schedule
from coverage.engine.visit_cost import VisitCost
from coverage.engine.year_state import LimitDenials, YearState


class Projection(NamedTuple):
    """The visits in schedule order and the notices in date order."""

    visits: list[VisitCost]
    notices: list[Notice]


def project(
    plan: Plan,
    care: CarePlan,
    so_far: Accumulators,
    *,
    covers: bool,
    balance_billing: bool,
    only: frozenset[int] | None = None,
) -> Projection:
    """Walk the schedule under ``plan``'s terms: the engine's one loop.

    ``covers`` False makes every visit self-pay; ``balance_billing`` adds the clinic's billed
    charge above the allowed amount to each covered visit (out of network). With ``only``, the
    visits at other schedule positions are passed over: not covered, and counted toward nothing
    (a secondary plan sees only the visits the primary covered).
    """
    run = _Projection(plan, care, covers=covers, balance_billing=balance_billing, only=only)
    year = YearState.opening(plan, plan_year_start_on_or_before(care.start_date, plan.plan_year_start), so_far)
    run.already_met(year)
    for position, slot in enumerate(run.slots):
        if slot.date >= year.next_start:
            year_start = plan_year_start_on_or_before(slot.date, plan.plan_year_start)
            run.close_year(year)
            year = YearState.opening(plan, year_start, Accumulators())
            if covers:  # with nothing covered, nothing restarts that changes a price
                reset = notices.plan_year_reset(slot.discipline, slot.course_index + 1, slot.date, year_start)
                run.notice(position, reset)
        run.visit(position, slot, year)
    run.close_year(year)
    return Projection(run.visits, [notice for _, notice in sorted(run.notices, key=lambda pair: pair[0])])


class _Projection:
    """The visits and notices of one estimate as they are worked out, in order."""

    def __init__(
        self, plan: Plan, care: CarePlan, *, covers: bool, balance_billing: bool, only: frozenset[int] | None
    ) -> None:
        self.plan = plan
        self.care = care
        self.only = only
        self.covers = covers
        self.balance_billing = balance_billing
        self.slots = schedule(care)
        self.visits: list[VisitCost] = []
        self.notices: list[tuple[int, Notice]] = []
        first = self.slots[0]
        if plan.referral_required:
            self.notice(-1, notices.referral_required(first.discipline, 1, first.date))
        if not covers:
            self.notice(-1, notices.self_pay(first.discipline, 1, first.date, out_of_network=not care.in_network))

    def already_met(self, year: YearState) -> None:
        """Say so when the figures so far already meet the maximum, or else the deductible."""
        plan, first = self.plan, self.slots[0]
        if not self.covers or self.only is not None:
            return
        if plan.oop_max is not None and year.oop_room == 0:
            notice = notices.oop_max_already_reached(first.discipline, 1, first.date, plan.oop_max)
        elif plan.deductible_applies and plan.deductible > 0 and year.deductible_left == 0:
            notice = notices.deductible_already_met(first.discipline, 1, first.date, plan.deductible)
        else:
            return
        self.notice(-1, notice)

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
        passed_over = self.only is not None and position not in self.only
        reason = WhyNotCovered(reason=NotCovered.PRIMARY_REFUSED) if passed_over else self._refusal(slot, year)
        if reason is None:
            self._covered(position, slot, course, year)
        else:
            self._not_covered(position, slot, course, year, reason)

    def _refusal(self, slot: ScheduledVisit, year: YearState) -> WhyNotCovered | None:
        """Why the plan will not pay for this visit, or None."""
        plan = self.plan
        if not self.covers:
            return WhyNotCovered(reason=NotCovered.NO_INSURANCE if self.care.in_network else NotCovered.OUT_OF_NETWORK)
        own_limit = plan.visit_limit(slot.discipline)
        if own_limit is not None and year.used[slot.discipline] >= own_limit:
            return WhyNotCovered(reason=NotCovered.OWN_LIMIT, discipline=slot.discipline, limit=own_limit)
        shares_a_place = plan.same_day_counts_once and slot.date in year.pool_dates
        combined = plan.combined_visit_limit
        if combined is not None and not shares_a_place and year.pool_used >= combined:
            return WhyNotCovered(reason=NotCovered.SHARED_LIMIT, limit=combined)
        return None

    def _not_covered(
        self, position: int, slot: ScheduledVisit, course: Course, year: YearState, reason: WhyNotCovered
    ) -> None:
        price = course.self_pay(slot.course_index, out_of_network=not self.care.in_network)
        if reason.is_limit:
            limit_name = reason.discipline or "combined therapy"
            denial = year.denials.setdefault(
                limit_name,
                LimitDenials(
                    position, slot.discipline, slot.course_index + 1, slot.date, limit_name, reason.limit or 0
                ),
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
                not_covered=reason,
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
        balance_bill = course.balance_bill(slot.course_index) if self.balance_billing else ZERO
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
                patient_pays=patient + balance_bill,
                plan_pays=allowed - patient,
                balance_bill=balance_bill,
                not_covered=None,
                plan_year_start=year.start,
                deductible_left_before=year.deductible_left,
                oop_room_before=year.oop_room,
                copay_due=copay_due,
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
