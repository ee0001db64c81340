"""The visit-by-visit walk through a plan of care under one set of plan terms (internal)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

from coverage.engine import notices, payer_notices
from coverage.engine.accrual import accrue, already_met, limit_notices
from coverage.engine.care import Accumulators, CarePlan, Course
from coverage.engine.cost_sharing import parts_of_visit
from coverage.engine.money import ZERO
from coverage.engine.not_covered import NotCovered, WhyNotCovered
from coverage.engine.notices import Notice
from coverage.engine.participation import balance_bill, excess_charge, medicaid_refuses
from coverage.engine.plans import Plan
from coverage.engine.schedule import ScheduledVisit, plan_year_start_on_or_before
from coverage.engine.therapy_terms import therapy_terms
from coverage.engine.visit_amounts import VisitAmounts
from coverage.engine.visit_cost import VisitCost
from coverage.engine.visit_limits import limit_refusal, takes_a_place
from coverage.engine.visit_pricing import CoursePrices
from coverage.engine.year_state import YearState


class Projection(NamedTuple):
    """The visits in schedule order and the notices in date order."""

    visits: list[VisitCost]
    notices: list[Notice]


def project(
    plan: Plan,
    care: CarePlan,
    so_far: Accumulators,
    *,
    slots: Sequence[ScheduledVisit],
    covers: bool,
    balance_billing: bool,
    only: frozenset[int] | None = None,
    allowed: Sequence[Decimal] | None = None,
    prices: CoursePrices | None = None,
) -> Projection:
    """Walk the schedule under ``plan``'s terms: the engine's one loop.

    ``slots`` is ``care``'s schedule (:func:`coverage.engine.schedule.schedule`), worked out once by the
    caller for every run over it. ``covers`` False makes every visit self-pay; ``balance_billing`` adds
    the clinic's billed charge above the allowed amount to each covered visit (out of network). With ``only``, the
    visits at other schedule positions are passed over: not covered, and counted toward nothing
    (a secondary plan sees only the visits the primary covered). ``allowed`` gives each visit's
    allowed amount by schedule position (a secondary plan works on the primary's); else it is the
    course's, at 95 % for Original Medicare at a non-participating clinic
    (:mod:`coverage.engine.participation`), which may then bill up to the limiting charge. ``prices``
    gives the amounts and lines of the visits priced from their codes (None where a rate was typed).
    """
    run = _Projection(
        plan,
        care,
        slots,
        covers=covers,
        balance_billing=balance_billing,
        only=only,
        allowed=allowed,
        prices=prices,
    )
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
    in_order = [notice for _, notice in sorted(run.notices, key=lambda pair: pair[0])]
    return Projection(run.visits, in_order)


class _Projection:
    """The visits and notices of one estimate as they are worked out, in order."""

    def __init__(
        self,
        plan: Plan,
        care: CarePlan,
        slots: Sequence[ScheduledVisit],
        *,
        covers: bool,
        balance_billing: bool,
        only: frozenset[int] | None,
        allowed: Sequence[Decimal] | None,
        prices: CoursePrices | None = None,
    ) -> None:
        self.plan = plan
        self.amounts = VisitAmounts(plan, care, slots, covers=covers, given=allowed, prices=prices)
        self.care = care
        self.only = only
        self.covers = covers
        self.balance_billing = balance_billing
        self.slots = slots
        self.terms = therapy_terms(plan, care)
        #: Whether the clinic may bill above the allowed amount: a Part B excess charge, or out of network.
        self.bills_above = self.amounts.non_participating or balance_billing
        self.visits: list[VisitCost] = []
        self.notices: list[tuple[int, Notice]] = []
        first = self.slots[0]
        if plan.referral_required:
            self.notice(-1, notices.referral_required(first.discipline, 1, first.date))
        if not covers and only is None and medicaid_refuses(plan, care):
            self.notice(-1, payer_notices.medicaid_not_accepted(first.discipline, 1, first.date, second=False))
        elif not covers:
            self.notice(-1, notices.self_pay(first.discipline, 1, first.date, out_of_network=not care.in_network))

    def already_met(self, year: YearState) -> None:
        """Say so when the figures so far already meet the maximum, or else the deductible."""
        if self.covers and self.only is None and (said := already_met(self.plan, year, self.slots[0])) is not None:
            self.notice(-1, said)

    def notice(self, position: int, notice: Notice) -> None:
        self.notices.append((position, notice))

    def close_year(self, year: YearState) -> None:
        """Turn the year's refused visits into one notice per visit limit."""
        self.notices.extend(limit_notices(year))

    def visit(self, position: int, slot: ScheduledVisit, year: YearState) -> None:
        course, copay, coinsurance_pct = self.terms[slot.discipline]  # the schedule only holds the plan of care's
        plan, index = self.plan, slot.course_index
        allowed = self.amounts.allowed[position]
        copay_due = ZERO if plan.one_copay_per_day and slot.date in year.copay_dates else copay
        evaluation, priced = course.is_evaluation(index), self.amounts.priced[position]
        deductible_left, oop_room = year.deductible_left, year.oop_room  # what the visit's costs are figured from
        place = takes_a_place(
            plan, is_evaluation=evaluation, allowed=allowed, deductible_left=deductible_left, copay_due=copay_due
        )
        if self.only is not None and position not in self.only:
            reason: WhyNotCovered | None = WhyNotCovered(reason=NotCovered.PRIMARY_REFUSED)
        elif not self.covers and medicaid_refuses(plan, self.care):
            reason = WhyNotCovered(reason=NotCovered.MEDICAID_NOT_ACCEPTED)
        elif not self.covers:
            reason = WhyNotCovered(
                reason=NotCovered.NO_INSURANCE if self.care.in_network else NotCovered.OUT_OF_NETWORK
            )
        else:
            reason = limit_refusal(plan, year, slot.discipline, slot.date) if place else None
        if reason is None:  # covered: the patient's share and the balance bill, counted toward the year's figures
            auth_after = plan.auth_after_visits
            if auth_after is not None and year.used[slot.discipline] >= auth_after:
                self._authorization(position, slot, year, auth_after)
            parts = parts_of_visit(
                allowed,
                copay=copay_due,
                coinsurance_pct=coinsurance_pct,
                deductible_left=deductible_left,
                oop_room=oop_room,
                deductible_applies=plan.deductible_applies,
                copay_timing=plan.copay_timing,
            )
            to_deductible, copay_part, coinsurance, copay_charged, patient = parts
            billed_above = self._balance_bill(position, slot, course, year, allowed) if self.bills_above else ZERO
            said = accrue(
                plan,
                year,
                slot,
                allowed=allowed,
                to_deductible=to_deductible,
                patient=patient,
                copay_charged=copay_charged,
                place=place,
                had_room=oop_room is not None,
            )
            if said:
                self.notices.extend((position, notice) for notice in said)
            plan_pays = allowed - patient
        else:
            to_deductible = copay_part = coinsurance = billed_above = copay_due = plan_pays = ZERO
            patient = self._not_covered(position, slot, course, year, reason)
        self.visits.append(
            VisitCost.worked_out(
                {
                    "date": slot.date,
                    "discipline": slot.discipline,
                    "visit_number": index + 1,
                    "is_evaluation": evaluation,
                    "allowed": allowed,
                    "covered": reason is None,
                    "to_deductible": to_deductible,
                    "copay": copay_part,
                    "coinsurance": coinsurance,
                    "patient_pays": patient + billed_above,
                    "plan_pays": plan_pays,
                    "not_covered": reason,
                    "plan_year_start": year.start,
                    "deductible_left_before": deductible_left,
                    "oop_room_before": oop_room,
                    "balance_bill": billed_above,
                    "secondary_pays": ZERO,
                    "copay_due": copay_due,
                    "lines": () if priced is None else priced.lines,
                }
            )
        )

    def _balance_bill(
        self, position: int, slot: ScheduledVisit, course: Course, year: YearState, allowed: Decimal
    ) -> Decimal:
        """What the clinic bills above the allowed amount: a Part B excess charge, or its charge out of network."""
        billed = course.billed_rate
        if self.amounts.non_participating:
            if year.first_time("non_participating", slot.discipline):
                at = (slot.discipline, slot.course_index + 1, slot.date)
                self.notices.extend((position, n) for n in payer_notices.non_participation(*at, allowed, billed))
            return excess_charge(allowed, billed)
        return balance_bill(allowed, billed) if self.balance_billing else ZERO

    def _not_covered(
        self, position: int, slot: ScheduledVisit, course: Course, year: YearState, reason: WhyNotCovered
    ) -> Decimal:
        """A visit not covered: the patient pays its self-pay price, counted toward the limit that refused it."""
        priced = self.amounts.priced[position]
        own = None if priced is None else priced.allowed  # a priced visit's self-pay price: its full amount
        price = course.self_pay(slot.course_index, out_of_network=not self.care.in_network, allowed=own)
        if reason.is_limit:
            year.deny(position, slot, reason, price)
        return price

    def _authorization(self, position: int, slot: ScheduledVisit, year: YearState, auth_after: int) -> None:
        """The first visit past the plan's prior-authorization count this year: say it needs authorization."""
        if year.first_time("auth", slot.discipline):
            self.notice(
                position, notices.prior_authorization(slot.discipline, slot.course_index + 1, slot.date, auth_after)
            )
