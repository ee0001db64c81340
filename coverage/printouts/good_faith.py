"""The content of a Good Faith Estimate for uninsured and self-pay patients (45 CFR 149.610).

The charges always come from the engine: :func:`as_self_pay` costs the same plan of care under a
self-pay plan, so every visit is at its self-pay rate, whatever plan the estimate was made under. A
visit priced from its service codes keeps the very codes and amounts the estimate priced (the same
:class:`~coverage.engine.visit_pricing.CoursePrices`), and its self-pay charge is, as the engine has
it, its self-pay rate if the course has one, else out of network the clinic's billed charge, else its
amount from the codes.

How a visit's charge is itemised, so that the items always add up to the self-pay total to the cent:

* **A typed rate**: the charge is split across the default codes of that kind of visit by
  :func:`coverage.engine.service_codes.split_charge` (in proportion to their Medicare national amounts).
* **Priced from its codes, charged its amount from the codes**: one item per priced line, at the line's
  own units and amount (a code whose units were partly reduced for multiple services is two lines).
* **Priced from its codes, charged a self-pay rate or the billed charge**: the charge is shared among the
  visit's priced lines in proportion to the lines' amounts, each share rounded to the cent half up and
  the last line taking what is left (so no share is negative and they add up to the charge); a visit
  whose lines are all zero puts the whole charge on its last line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from coverage.catalog.clinic import Clinic
from coverage.engine.care import CarePlan
from coverage.engine.course_estimate import Estimate, VisitCost, estimate
from coverage.engine.money import ZERO, round_cents
from coverage.engine.plans import Discipline, PayerType, Plan
from coverage.engine.schedule import ScheduledVisit
from coverage.engine.service_codes import split_charge, visit_codes
from coverage.engine.visit_pricing import CoursePrices
from coverage.views.code_names import code_name
from coverage.views.plan_terms import count_of
from coverage.views.priced_codes import fee_schedule_words, line_service

#: The plan a Good Faith Estimate is costed under: it covers nothing, so each visit is at its self-pay rate.
SELF_PAY_PLAN = Plan(plan_id="self-pay", plan_name="Self-pay (no insurance used)", payer_type=PayerType.SELF_PAY)
_THERAPY_NAMES = {"OT": "occupational therapy (OT)", "PT": "physical therapy (PT)"}


def good_faith_applies(result: Estimate, *, paying_myself: bool) -> bool:
    """A Good Faith Estimate is due when the plan is self-pay or the patient chooses to pay themselves."""
    return paying_myself or not result.plan.covers_visits


def as_self_pay(result: Estimate) -> Estimate:
    """The same plan of care costed as self-pay (``result`` itself when its plan already is self-pay).

    Visits priced from their codes keep ``result``'s prices (no fee schedule is read again).
    """
    if not result.plan.covers_visits:
        return result
    if result.prices is None:
        return estimate(SELF_PAY_PLAN, result.care)
    return estimate(SELF_PAY_PLAN, result.care, fees=_SamePrices(result.prices))


class _SamePrices:
    """A pricer that gives back the prices an estimate already has: the self-pay version bills the same codes."""

    def __init__(self, prices: CoursePrices) -> None:
        self.prices = prices

    def group(self, plan: Plan, care: CarePlan) -> None:
        """One group: every plan gets the same prices."""

    def price(self, plan: Plan, care: CarePlan, visits: Sequence[ScheduledVisit]) -> CoursePrices:
        """The estimate's own prices, for the same plan of care's visits."""
        return self.prices


class GoodFaithItem(BaseModel):
    """One line of the itemised list: a service code on a kind of visit, with its expected charge."""

    model_config = ConfigDict(frozen=True)

    discipline: Discipline
    service: str
    code: str
    modifier: str = ""
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
    #: How the charges were itemised, in sentences for the form (see the module's rules).
    itemisation: tuple[str, ...] = ()

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
        itemisation=_itemisation(self_pay),
        diagnosis_codes=diagnosis_codes,
        separately_scheduled=tuple(line.strip() for line in separately_scheduled if line.strip()),
    )


def _primary_service(result: Estimate) -> str:
    parts = []
    for discipline in ("OT", "PT"):
        course = result.care.course(discipline)
        if course is not None:
            evaluation = "an evaluation and " if course.has_evaluation else ""
            parts.append(
                f"outpatient {_THERAPY_NAMES[discipline]}: {evaluation}treatment visits, "
                f"{course.visits_per_week} a week for {count_of(course.weeks, 'week')} "
                f"({count_of(course.visit_count, 'visit')})"
            )
    text = "; ".join(parts)
    return text[0].upper() + text[1:]


#: A visit's charge per item: (code, modifier, plain name, units, charge).
_Share = tuple[str, str, str, int, Decimal]


def _items(result: Estimate) -> tuple[GoodFaithItem, ...]:
    """One line per therapy, kind of visit, code and charge, in the order the visits first occur."""
    lines: dict[tuple[object, ...], GoodFaithItem] = {}
    for visit in sorted(result.visits, key=lambda v: (v.discipline, not v.is_evaluation, v.date)):
        for code, modifier, service, units, charge in _shares(visit):
            key = (visit.discipline, visit.is_evaluation, code, modifier, service, units, charge)
            line = lines.get(key)
            lines[key] = (
                GoodFaithItem(
                    discipline=visit.discipline,
                    service=service,
                    code=code,
                    modifier=modifier,
                    units_per_visit=units,
                    visits=1,
                    charge_per_visit=charge,
                    first_date=visit.date,
                    last_date=visit.date,
                )
                if line is None
                else line.model_copy(update={"visits": line.visits + 1, "last_date": visit.date})
            )
    return tuple(lines.values())


def _shares(visit: VisitCost) -> list[_Share]:
    """The visit's charge per item: the priced lines (their amounts, or shares of a self-pay rate) or split_charge."""
    charge = visit.patient_pays
    if not visit.lines:
        codes = visit_codes(visit.discipline, is_evaluation=visit.is_evaluation)
        return [(s.code, "", code_name(s.code), s.units, s.charge) for s in split_charge(charge, codes)]
    amounts = [line.amount for line in visit.lines]
    whole = sum(amounts, ZERO)
    parts = amounts if whole == charge else _in_proportion(charge, amounts)
    return [
        (line.code, line.modifier, line_service(line), line.units, part)
        for line, part in zip(visit.lines, parts, strict=True)
    ]


def _in_proportion(charge: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """``charge`` shared in proportion to ``weights``, rounded half up, the last taking what is left.

    A 100.00 self-pay rate over lines of 26.83, 20.79 and 19.72 (67.34): 100.00 x 26.83 / 67.34 = 39.84,
    100.00 x 20.79 / 67.34 = 30.87, and 100.00 - 39.84 - 30.87 = 29.29.
    """
    whole = sum(weights, ZERO)
    parts: list[Decimal] = []
    left = charge
    for index, weight in enumerate(weights):
        last = index == len(weights) - 1
        part = left if last else (min(left, round_cents(charge * weight / whole)) if whole else ZERO)
        parts.append(part)
        left -= part
    return parts


def _itemisation(result: Estimate) -> tuple[str, ...]:
    """How the form's charges were itemised, one sentence for each way used."""
    said: list[str] = []
    if any(not visit.lines for visit in result.visits):
        said.append(
            "Each visit's self-pay charge is shared among its service codes in proportion to the codes' Medicare "
            "national amounts; the shares add up to the visit's charge to the cent."
        )
    priced = [visit for visit in result.visits if visit.lines]
    if priced and result.prices is not None:
        said.append(
            f"Visits priced from their service codes list each code at its amount on "
            f"{fee_schedule_words(result.prices)}."
        )
        if any(sum((line.amount for line in v.lines), ZERO) != v.patient_pays for v in priced):
            said.append(
                "Where such a visit is charged a self-pay rate (or the clinic's billed charge) instead, the charge "
                "is shared among its codes in proportion to those amounts; the shares add up to the visit's charge "
                "to the cent."
            )
    return tuple(said)
