"""What the patient brings: the plan of care and the figures so far this plan year."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from coverage.engine.money import ZERO, Money
from coverage.engine.plans import Discipline, VisitCount

VisitsPerWeek = Annotated[int, Field(ge=1, le=7)]
#: The first visit may fall in these years: far beyond any real plan of care, and the schedule and
#: plan years stay inside the calendar Python can count.
EARLIEST_START, LATEST_START = date(2000, 1, 1), date(2099, 12, 31)
Weeks = Annotated[int, Field(ge=1, le=52)]


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
    """One discipline's course: so many visits a week for so many weeks.

    ``billed_rate`` is the clinic's billed charge per visit, used only out of network: the patient
    pays what it exceeds the allowed amount by (the balance bill).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    visits_per_week: VisitsPerWeek
    weeks: Weeks
    visit_rate: Money
    eval_rate: Money | None = None
    self_pay_rate: Money | None = None
    billed_rate: Money | None = None

    @property
    def visit_count(self) -> int:
        """How many visits the course has: visits a week times weeks."""
        return self.visits_per_week * self.weeks

    def allowed(self, visit_index: int) -> Decimal:
        """The allowed amount of visit ``visit_index`` (0-based): the first is the evaluation."""
        if visit_index == 0 and self.eval_rate is not None:
            return self.eval_rate
        return self.visit_rate

    def balance_bill(self, visit_index: int) -> Decimal:
        """Out of network: the clinic's billed charge above the allowed amount (0 without a billed rate)."""
        if self.billed_rate is None:
            return ZERO
        return max(self.billed_rate - self.allowed(visit_index), ZERO)

    def self_pay(self, visit_index: int, *, out_of_network: bool = False) -> Decimal:
        """What the visit costs the patient when the plan does not cover it.

        The self-pay rate if given; else, out of network, the clinic's billed charge (when known);
        else the visit's own allowed amount.
        """
        if self.self_pay_rate is not None:
            return self.self_pay_rate
        if out_of_network and self.billed_rate is not None:
            return self.billed_rate
        return self.allowed(visit_index)


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
        return self

    def course(self, discipline: Discipline) -> Course | None:
        """The course of ``discipline``, or None when the plan of care has none."""
        return self.ot if discipline == "OT" else self.pt
