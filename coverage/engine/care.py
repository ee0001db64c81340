"""What the patient brings: the plan of care and the figures so far this plan year."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from coverage.engine.billed_services import Service, parse_services
from coverage.engine.money import ZERO, Money
from coverage.engine.plans import Discipline, VisitCount

VisitsPerWeek = Annotated[int, Field(ge=1, le=7)]
#: The first visit may fall in these years: far beyond any real plan of care, and the schedule and
#: plan years stay inside the calendar Python can count.
EARLIEST_START, LATEST_START = date(2000, 1, 1), date(2099, 12, 31)
Weeks = Annotated[int, Field(ge=1, le=52)]


def _services_field(value: object) -> object:
    return parse_services(value) if isinstance(value, str) else value


def _minutes_field(value: object) -> object:
    return tuple(value.items()) if isinstance(value, dict) else value


#: A visit's services: a tuple of :class:`Service`, or their notation ``"97110x2,97140"``.
Services = Annotated[tuple[Service, ...], BeforeValidator(_services_field)]
#: Minutes per timed code, ``{"97110": 25, "97140": 15}`` or its pairs, turned into units by the plan's unit rule.
TimedMinutes = Annotated[tuple[tuple[str, Annotated[int, Field(ge=0, le=360)]], ...], BeforeValidator(_minutes_field)]


class Accumulators(BaseModel):
    """The patient's figures so far in the plan year that contains the start date.

    ``oon_deductible_met`` and ``oon_oop_met`` are the out-of-network figures, used for care out of
    network when the plan keeps them apart from the in-network ones. ``family_deductible_met`` and
    ``family_oop_met`` are the whole family's figures on a family plan (this patient's included).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    deductible_met: Money = ZERO
    oop_met: Money = ZERO
    ot_visits_used: VisitCount = 0
    pt_visits_used: VisitCount = 0
    other_pool_visits_used: VisitCount = 0
    ot_threshold_used: Money = ZERO
    pt_threshold_used: Money = ZERO
    oon_deductible_met: Money = ZERO
    oon_oop_met: Money = ZERO
    family_deductible_met: Money = ZERO
    family_oop_met: Money = ZERO


class Course(BaseModel):
    """One discipline's course: so many visits a week for so many weeks, and what a visit is billed as.

    A visit's allowed amount is the typed ``visit_rate`` (``eval_rate`` for the first visit) when given:
    a typed rate always wins. Without one, the visit is priced from its codes under the plan's fee
    schedule (:mod:`coverage.fees.course_pricing`): ``services`` for a regular visit (with ``minutes``
    per timed code turned into units by the plan's unit rule, added to the untimed services) and
    ``eval_services`` for the evaluation. The course has an evaluation when it has an ``eval_rate`` or
    ``eval_services``. ``visit_minutes`` is a regular visit's length, for the low / likely / high range
    when the minutes per code are not known.

    ``billed_rate`` is the clinic's billed charge per visit, used only out of network: the patient
    pays what it exceeds the allowed amount by (the balance bill).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    visits_per_week: VisitsPerWeek
    weeks: Weeks
    visit_rate: Money | None = None
    eval_rate: Money | None = None
    self_pay_rate: Money | None = None
    billed_rate: Money | None = None
    services: Services = ()
    eval_services: Services = ()
    minutes: TimedMinutes = ()
    visit_minutes: Annotated[int, Field(ge=1, le=360)] | None = None

    @model_validator(mode="after")
    def _has_a_price(self) -> Course:
        if self.visit_rate is None and not self.services and not self.minutes:
            raise ValueError("give the visit rate, or the service codes a visit is billed as")
        return self

    @property
    def visit_count(self) -> int:
        """How many visits the course has: visits a week times weeks."""
        return self.visits_per_week * self.weeks

    @property
    def has_evaluation(self) -> bool:
        """Whether the first visit is an evaluation (an evaluation rate or evaluation codes)."""
        return self.eval_rate is not None or bool(self.eval_services)

    def is_evaluation(self, visit_index: int) -> bool:
        """Whether visit ``visit_index`` (0-based) is the course's evaluation."""
        return visit_index == 0 and self.has_evaluation

    def typed_rate(self, visit_index: int) -> Decimal | None:
        """The typed allowed amount of a visit, or None when it is priced from its codes."""
        if self.is_evaluation(visit_index):
            return self.eval_rate
        return self.visit_rate

    def allowed(self, visit_index: int) -> Decimal:
        """The typed allowed amount of visit ``visit_index`` (0-based): the first is the evaluation.

        Raises ``ValueError`` for a visit priced from its codes: its amount comes from the fee schedule.
        """
        rate = self.typed_rate(visit_index)
        if rate is None:
            raise ValueError("this visit is priced from its codes: give the fee schedules to price it")
        return rate

    def balance_bill(self, visit_index: int, *, allowed: Decimal | None = None) -> Decimal:
        """Out of network: the clinic's billed charge above the allowed amount (0 without a billed rate)."""
        if self.billed_rate is None:
            return ZERO
        return max(self.billed_rate - (self.allowed(visit_index) if allowed is None else allowed), ZERO)

    def self_pay(self, visit_index: int, *, out_of_network: bool = False, allowed: Decimal | None = None) -> Decimal:
        """What the visit costs the patient when the plan does not cover it.

        The self-pay rate if given; else, out of network, the clinic's billed charge (when known);
        else the visit's own allowed amount (``allowed`` when it was priced from its codes).
        """
        if self.self_pay_rate is not None:
            return self.self_pay_rate
        if out_of_network and self.billed_rate is not None:
            return self.billed_rate
        return self.allowed(visit_index) if allowed is None else allowed


class CoTreatment(BaseModel):
    """Joint PT and OT sessions: on a day with both, one session of ``minutes``, ``pt_minutes`` of them PT's.

    Each therapy bills only its own share of the minutes (:mod:`coverage.fees.course_pricing` spreads
    the share over that therapy's timed codes and turns it into units by the plan's unit rule), the
    day's multiple procedure reduction covers both, and each counts as that therapy's visit.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    minutes: Annotated[int, Field(ge=8, le=360)]
    pt_minutes: Annotated[int, Field(ge=0, le=360)]

    @model_validator(mode="after")
    def _split_fits(self) -> CoTreatment:
        if self.pt_minutes > self.minutes:
            raise ValueError(f"PT's share ({self.pt_minutes} minutes) is more than the session ({self.minutes})")
        return self

    @property
    def ot_minutes(self) -> int:
        """OT's share of the session's minutes."""
        return self.minutes - self.pt_minutes


class MedicareParticipation(StrEnum):
    """Whether the clinic participates with Original Medicare (accepts its fee schedule amount in full)."""

    PARTICIPATING = "participating"
    NON_PARTICIPATING = "non_participating"


class CarePlan(BaseModel):
    """The plan of care: a start date and an OT course, a PT course, or both, in or out of network.

    ``medicare_participation`` and ``accepts_medicaid`` say how the clinic stands with Original Medicare
    and Medicaid (see :mod:`coverage.engine.participation`); they change nothing under other plans.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    start_date: date
    ot: Course | None = None
    pt: Course | None = None
    in_network: bool = True
    medicare_participation: MedicareParticipation = MedicareParticipation.PARTICIPATING
    accepts_medicaid: bool = True
    co_treatment: CoTreatment | None = None
    #: The clinic's Medicare locality as ``<MAC>-<locality>`` (``10112-00``); None: national amounts.
    medicare_locality: str | None = None

    @field_validator("start_date")
    @classmethod
    def _start_in_range(cls, value: date) -> date:
        if not EARLIEST_START <= value <= LATEST_START:
            raise ValueError(f"pick a date from {EARLIEST_START:%d %b %Y} to {LATEST_START:%d %b %Y}")
        return value

    @model_validator(mode="after")
    def _has_a_course(self) -> CarePlan:
        if self.ot is None and self.pt is None:
            raise ValueError("choose at least one therapy: OT, PT or both")
        if self.co_treatment is not None and (self.ot is None or self.pt is None):
            raise ValueError("joint PT and OT sessions need both a PT and an OT course")
        return self

    @property
    def priced_from_codes(self) -> bool:
        """Whether any visit is priced from its codes rather than a typed rate."""
        return any(
            course.visit_rate is None or course.typed_rate(0) is None  # a regular visit, or the evaluation
            for course in (self.ot, self.pt)
            if course is not None
        )

    def course(self, discipline: Discipline) -> Course | None:
        """The course of ``discipline``, or None when the plan of care has none."""
        return self.ot if discipline == "OT" else self.pt
