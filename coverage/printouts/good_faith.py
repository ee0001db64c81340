"""The content of a Good Faith Estimate for uninsured and self-pay patients (45 CFR 149.610).

The charges always come from the engine: :func:`as_self_pay` costs the same plan of care under a
self-pay plan, so every visit is at its self-pay rate, whatever plan the estimate was made under. Each
visit's charge is split across its service codes by :func:`coverage.engine.service_codes.split_charge`, so the
itemised charges add up exactly to the self-pay total.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from coverage.catalog.clinic import Clinic
from coverage.engine.course_estimate import Estimate, estimate
from coverage.engine.money import ZERO
from coverage.engine.plans import Discipline, PayerType, Plan
from coverage.engine.service_codes import split_charge, visit_codes
from coverage.views.plan_terms import count_of

#: The plan a Good Faith Estimate is costed under: it covers nothing, so each visit is at its self-pay rate.
SELF_PAY_PLAN = Plan(plan_id="self-pay", plan_name="Self-pay (no insurance used)", payer_type=PayerType.SELF_PAY)
_THERAPY_NAMES = {"OT": "occupational therapy (OT)", "PT": "physical therapy (PT)"}


def good_faith_applies(result: Estimate, *, paying_myself: bool) -> bool:
    """A Good Faith Estimate is due when the plan is self-pay or the patient chooses to pay themselves."""
    return paying_myself or not result.plan.covers_visits


def as_self_pay(result: Estimate) -> Estimate:
    """The same plan of care costed as self-pay (``result`` itself when its plan already is self-pay)."""
    if not result.plan.covers_visits:
        return result
    return estimate(SELF_PAY_PLAN, result.care)


class GoodFaithItem(BaseModel):
    """One line of the itemised list: a service code on a kind of visit, with its expected charge."""

    model_config = ConfigDict(frozen=True)

    discipline: Discipline
    service: str
    code: str
    units_per_visit: int
    visits: int
    charge_per_visit: Decimal
    first_date: dt.date
    last_date: dt.date

    @property
    def expected_charge(self) -> Decimal:
        """The line's expected charge: its share of a visit times the number of visits."""
        return self.charge_per_visit * self.visits


class GoodFaithEstimate(BaseModel):
    """Everything 45 CFR 149.610(c) asks a Good Faith Estimate to show."""

    model_config = ConfigDict(frozen=True, str_strip_whitespace=True)

    issued: dt.date
    clinic: Clinic
    patient_name: str | None = Field(default=None, max_length=120)
    date_of_birth: dt.date | None = None
    primary_service: str
    first_visit: dt.date
    last_visit: dt.date
    visits: int
    items: tuple[GoodFaithItem, ...]
    diagnosis_codes: tuple[str, ...] = ()
    separately_scheduled: tuple[str, ...] = ()

    @field_validator("patient_name")
    @classmethod
    def _blank_name_is_none(cls, value: str | None) -> str | None:
        return value or None

    @property
    def total(self) -> Decimal:
        """The total expected charges: the sum of the itemised lines."""
        return sum((item.expected_charge for item in self.items), ZERO)


def good_faith_estimate(
    result: Estimate,
    *,
    clinic: Clinic,
    issued: dt.date,
    patient_name: str | None = None,
    date_of_birth: dt.date | None = None,
    diagnosis_codes: tuple[str, ...] = (),
    separately_scheduled: tuple[str, ...] = (),
) -> GoodFaithEstimate:
    """The Good Faith Estimate of ``result``'s plan of care at self-pay rates, issued on ``issued``."""
    self_pay = as_self_pay(result)
    visits = self_pay.visits
    return GoodFaithEstimate(
        issued=issued,
        clinic=clinic,
        patient_name=patient_name,
        date_of_birth=date_of_birth,
        primary_service=_primary_service(self_pay),
        first_visit=visits[0].date,
        last_visit=visits[-1].date,
        visits=len(visits),
        items=_items(self_pay),
        diagnosis_codes=diagnosis_codes,
        separately_scheduled=tuple(line.strip() for line in separately_scheduled if line.strip()),
    )


def _primary_service(result: Estimate) -> str:
    parts = []
    for discipline in ("OT", "PT"):
        course = result.care.course(discipline)
        if course is not None:
            evaluation = "an evaluation and " if course.eval_rate is not None else ""
            parts.append(
                f"outpatient {_THERAPY_NAMES[discipline]}: {evaluation}treatment visits, "
                f"{course.visits_per_week} a week for {count_of(course.weeks, 'week')} "
                f"({count_of(course.visit_count, 'visit')})"
            )
    text = "; ".join(parts)
    return text[0].upper() + text[1:]


def _items(result: Estimate) -> tuple[GoodFaithItem, ...]:
    """One line per therapy, kind of visit, code and charge, in the order the visits first occur."""
    lines: dict[tuple[object, ...], GoodFaithItem] = {}
    for visit in sorted(result.visits, key=lambda v: (v.discipline, not v.is_evaluation, v.date)):
        codes = visit_codes(visit.discipline, is_evaluation=visit.is_evaluation)
        for share in split_charge(visit.patient_pays, codes):
            key = (visit.discipline, visit.is_evaluation, share.code, share.units, share.charge)
            line = lines.get(key)
            lines[key] = (
                GoodFaithItem(
                    discipline=visit.discipline,
                    service=share.name,
                    code=share.code,
                    units_per_visit=share.units,
                    visits=1,
                    charge_per_visit=share.charge,
                    first_date=visit.date,
                    last_date=visit.date,
                )
                if line is None
                else line.model_copy(update={"visits": line.visits + 1, "last_date": visit.date})
            )
    return tuple(lines.values())
