"""A plan of care's visits priced from their codes under each plan: the :class:`~coverage.engine.visit_pricing.Pricer`.

:class:`FeeSources` holds Medicare's fee schedule, the clinic's own schedules and the clinic's locality,
and prices a plan of care under a plan's ``fee_schedule`` and ``unit_rule``:

* **What each visit bills.** A typed rate wins (the visit is not priced). Else the evaluation bills
  the course's ``eval_services``; a regular visit its ``services``, where ``minutes`` per timed code
  replace those codes' units by the plan's unit rule. On a day of joint PT and OT sessions
  (``CarePlan.co_treatment``), each therapy's share of the minutes is spread evenly over its timed
  codes (the first codes take a leftover minute) and turned into units by the unit rule: a 60-minute
  session split 30/30 bills 2 units a therapy under the 8-minute rule, never 4. Evaluations are
  never part of a joint session.
* **One price per day.** Every therapy's services of one date are priced together
  (:func:`coverage.fees.day_pricing.price_day`), so the multiple procedure reduction spans PT and OT.
* **Which schedule.** ``medicare`` and ``medicare:<percent>`` price from Medicare at the plan of
  care's locality, else the clinic's, else the national amounts (every GPCI 1, and ``national`` says
  so); a schedule id from the clinic's ``fee_schedules.csv``. A plan with a **blank** ``fee_schedule``
  whose visits have no typed rate is priced from Medicare's amounts as a stand-in, and ``source``
  says so: ask the insurer for its allowed amounts. Original Medicare at a non-participating clinic
  takes 95 % on each Medicare line (``includes_non_participation``); with a clinic schedule the engine
  takes it on the visit instead.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from datetime import date
from decimal import Decimal
from itertools import groupby
from operator import itemgetter

from coverage.engine.billed_services import Service, Therapy, merge_services
from coverage.engine.care import CarePlan, Course
from coverage.engine.participation import is_non_participating
from coverage.engine.plans import Discipline, Plan
from coverage.engine.pricing_settings import FeeScheduleSetting, UnitRule
from coverage.engine.schedule import ScheduledVisit
from coverage.engine.visit_pricing import CoursePrices, PricedCode, PricedVisit
from coverage.fees.clinic_schedule import ClinicFeeSchedules
from coverage.fees.day_pricing import DayPrice, DayPricer, MedicarePricing
from coverage.fees.pfs import MedicareFeeSchedule
from coverage.fees.setting import fee_schedule_for
from coverage.fees.unit_rules import TIMED_CODES, units_from_minutes

STAND_IN = "Medicare's amounts as a stand-in: the plan names no fee schedule"


class FeeSources:
    """Medicare's fee schedule, the clinic's schedules and locality: prices visits under any plan.

    Pricing each distinct day once, it remembers the priced days of every schedule it has used.
    """

    def __init__(
        self,
        medicare: MedicareFeeSchedule,
        clinic: ClinicFeeSchedules | None = None,
        *,
        locality: str | None = None,
    ) -> None:
        self.medicare = medicare
        self.clinic = clinic if clinic is not None else ClinicFeeSchedules()
        self.locality = locality or None
        self._pricers: dict[tuple[str, str | None, bool], DayPricer] = {}
        self._visits: dict[tuple[int, Therapy], tuple[DayPrice, PricedVisit]] = {}

    def group(self, plan: Plan, care: CarePlan) -> Hashable:
        """Plans with the same fee schedule, unit rule and participation price every visit alike."""
        return plan.fee_schedule, plan.unit_rule, is_non_participating(plan, care)

    def price(self, plan: Plan, care: CarePlan, visits: Sequence[ScheduledVisit]) -> CoursePrices:
        """Every visit's amount and lines under ``plan`` (None for a typed rate), in schedule order.

        ``visits`` is the plan of care's schedule (:func:`coverage.engine.schedule.schedule`), in date order.
        """
        setting = plan.pricing
        stand_in = setting.kind == "typed"
        pricer = self._pricer(FeeScheduleSetting(kind="medicare") if stand_in else setting, care, plan)
        joint_days = _joint_days(care, visits)
        # A visit's kind: its therapy and whether it is its course's first (the only visit an evaluation can be).
        courses = [
            (discipline, course) for discipline in ("OT", "PT") if (course := care.course(discipline)) is not None
        ]
        to_price = {
            (discipline, index == 0)
            for discipline, course in courses
            for index in (0, 1)
            if course.typed_rate(index) is None
        }
        billed_by_kind: dict[tuple[Discipline, bool, bool], tuple[Service, ...]] = {}
        # A course repeats a few kinds of day: each is priced, and split into its visits, once.
        days_priced: dict[tuple[bool, tuple[tuple[Discipline, bool], ...]], list[PricedVisit | None]] = {}
        priced: list[PricedVisit | None] = [None] * len(visits)
        position = 0
        for day, same_day in groupby(visits, key=itemgetter(0)):  # the schedule is in date order
            first = position
            kinds = tuple([(discipline, index == 0) for _, discipline, index in same_day])
            position += len(kinds)
            joint = day in joint_days
            day_visits = days_priced.get((joint, kinds))
            if day_visits is None:
                billed: dict[Therapy, tuple[Service, ...]] = {}
                for at, (discipline, is_first) in enumerate(kinds, start=first):
                    if (discipline, is_first) in to_price:
                        services = billed_by_kind.get((discipline, is_first, joint))
                        if services is None:
                            services = _services(care, visits[at], plan.unit_rule, joint)
                            billed_by_kind[discipline, is_first, joint] = services
                        billed[discipline] = services
                priced_day = pricer(billed) if billed else None
                day_visits = days_priced[joint, kinds] = [
                    None if priced_day is None or kind not in to_price else self._visit(priced_day, kind[0])
                    for kind in kinds
                ]
            priced[first:position] = day_visits
        schedule = pricer.schedule
        national = isinstance(schedule, MedicarePricing) and schedule.locality.is_national
        source = f"{schedule} ({STAND_IN})" if stand_in else str(schedule)
        return CoursePrices(
            visits=tuple(priced),
            source=source,
            national=national,
            includes_non_participation=pricer.non_participating,
        )

    def _visit(self, day: DayPrice, therapy: Therapy) -> PricedVisit:
        """One therapy's part of a priced day, made once per day and therapy and then remembered."""
        key = (id(day), therapy)
        found = self._visits.get(key)
        if found is None or found[0] is not day:
            if len(self._visits) >= DayPricer.LIMIT:
                self._visits.clear()
            found = self._visits[key] = (day, _visit(day, therapy))
        return found[1]

    def _pricer(self, setting: FeeScheduleSetting, care: CarePlan, plan: Plan) -> DayPricer:
        locality = care.medicare_locality or self.locality
        medicare = setting.kind == "medicare"
        non_participating = medicare and is_non_participating(plan, care)
        key = (str(setting), locality if medicare else None, non_participating)
        found = self._pricers.get(key)
        if found is None:
            schedule = fee_schedule_for(
                setting, medicare=self.medicare, locality=locality, clinic_schedules=self.clinic
            )
            assert schedule is not None  # only a typed setting has none, and it is priced as Medicare's
            found = self._pricers[key] = DayPricer(schedule, non_participating=non_participating)
        return found


def _joint_days(care: CarePlan, visits: Sequence[ScheduledVisit]) -> frozenset[date]:
    """The dates of joint PT and OT sessions: both therapies' regular visits on one date."""
    if care.co_treatment is None:
        return frozenset()
    seen: dict[date, set[str]] = {}
    for visit in visits:
        course = care.course(visit.discipline)
        if course is not None and not course.is_evaluation(visit.course_index):
            seen.setdefault(visit.date, set()).add(visit.discipline)
    return frozenset(day for day, disciplines in seen.items() if len(disciplines) == 2)


def _services(care: CarePlan, visit: ScheduledVisit, rule: UnitRule, joint: bool) -> tuple[Service, ...]:
    """What ``visit`` bills: its course's codes, on a joint day its therapy's share of the session's minutes."""
    course = care.course(visit.discipline)
    assert course is not None  # the schedule only holds visits of courses in the plan of care
    share = None
    if joint and care.co_treatment is not None:
        treatment = care.co_treatment
        share = treatment.pt_minutes if visit.discipline == "PT" else treatment.ot_minutes
    return visit_services(course, visit.course_index, rule, joint_minutes=share)


def visit_services(
    course: Course, visit_index: int, rule: UnitRule, *, joint_minutes: int | None = None
) -> tuple[Service, ...]:
    """The services visit ``visit_index`` of ``course`` bills (see the module's rules).

    ``joint_minutes``: the therapy's share of a joint session's minutes, spread over its timed codes.
    """
    if course.is_evaluation(visit_index):
        return course.eval_services
    untimed = [service for service in course.services if service.code not in TIMED_CODES]
    minutes = dict(course.minutes)
    if joint_minutes is not None:
        codes = list(minutes) or [s.code for s in course.services if s.code in TIMED_CODES]
        if codes:
            each, extra = divmod(joint_minutes, len(codes))
            minutes = {code: each + (1 if i < extra else 0) for i, code in enumerate(codes)}
    if not minutes:
        return course.services
    timed_by_minutes = set(minutes)
    kept = [s for s in course.services if s.code in TIMED_CODES and s.code not in timed_by_minutes]
    return merge_services([*units_from_minutes(minutes, rule), *kept, *untimed])


def _visit(day: DayPrice, therapy: Therapy) -> PricedVisit:
    lines = tuple(
        PricedCode(
            code=line.code,
            modifier=line.modifier,
            units=line.units,
            unit_amount=line.unit_amount,
            amount=line.amount,
            how=line.how,
            mppr_reduced=line.mppr_reduced,
        )
        for line in day.lines
        if line.therapy == therapy
    )
    return PricedVisit(allowed=day.totals.get(therapy, Decimal(0)), lines=lines)
