"""What one visit costs, and sums over visits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from operator import attrgetter
from typing import TypedDict

from pydantic import BaseModel, ConfigDict

from coverage.engine.money import ZERO
from coverage.engine.not_covered import WhyNotCovered
from coverage.engine.plans import Discipline
from coverage.engine.visit_pricing import PricedCode

#: The columns of :func:`coverage.views.export.visit_frame`, a contract other parts rely on.
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


class VisitFields(TypedDict):
    """Every field of a :class:`VisitCost` in its order, typed: what the engine's loop works out for a visit."""

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
    not_covered: WhyNotCovered | None
    plan_year_start: dt.date
    deductible_left_before: Decimal
    oop_room_before: Decimal | None
    balance_bill: Decimal
    secondary_pays: Decimal
    copay_due: Decimal
    lines: tuple[PricedCode, ...]


class VisitCost(BaseModel):
    """What one visit costs the patient and the plan, and the state it was figured from.

    ``plan_pays`` is the (primary) plan's payment. ``patient_pays`` is what the patient finally
    pays: deductible + copay + coinsurance + balance bill - what a secondary plan pays, or the
    self-pay rate for a visit that is not covered.
    """

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
    not_covered: WhyNotCovered | None
    plan_year_start: dt.date
    deductible_left_before: Decimal
    oop_room_before: Decimal | None
    balance_bill: Decimal = ZERO
    secondary_pays: Decimal = ZERO
    #: The copay the plan's rules asked of this visit before any out-of-pocket cap: none when one copay
    #: per day was already charged that day, and none for a visit not covered.
    copay_due: Decimal = ZERO
    #: The codes the allowed amount was priced from (before any 95 % for a non-participating clinic taken
    #: on the whole visit); empty for a typed rate.
    lines: tuple[PricedCode, ...] = ()

    @classmethod
    def worked_out(cls, fields: VisitFields) -> VisitCost:
        """A visit the engine worked out, made as ``model_construct`` makes a model: without validating it again.

        The engine's loop makes one per visit. Validating its fields again would cost a quarter of
        :func:`~coverage.engine.course_estimate.estimate`'s time for values whose types mypy (strict on
        the engine) has checked against :class:`VisitFields`, where the loop writes them. A test holds
        every visit of many estimates equal to its validated self, and the two field lists equal.
        """
        made = cls.__new__(cls)
        _set(made, "__dict__", fields)
        _set(made, "__pydantic_fields_set__", _EVERY_FIELD)
        _set(made, "__pydantic_extra__", None)
        _set(made, "__pydantic_private__", None)
        return made

    @property
    def not_covered_reason(self) -> str | None:
        """Why the visit is not covered, in plain words (:func:`coverage.engine.not_covered.words`), or None."""
        return None if self.not_covered is None else self.not_covered.words()

    @property
    def cost_sharing(self) -> Decimal:
        """The patient's share under the plan's rules: deductible + copay + coinsurance."""
        return self.to_deductible + self.copay + self.coinsurance


#: Sets a model's attributes as pydantic's own ``model_construct`` does.
_set = object.__setattr__
#: The fields a worked-out visit sets: all of them. One set for every visit: a frozen model never adds
#: to it, and ``model_copy`` adds its update's fields to a copy.
_EVERY_FIELD = set(VisitCost.model_fields)


_COVERED, _ALLOWED, _PATIENT_PAYS, _PLAN_PAYS, _SECONDARY_PAYS, _BALANCE_BILL = map(
    attrgetter, ("covered", "allowed", "patient_pays", "plan_pays", "secondary_pays", "balance_bill")
)


class Totals(BaseModel):
    """Sums over a set of visits."""

    model_config = ConfigDict(frozen=True)

    visits: int
    covered_visits: int
    not_covered_visits: int
    allowed: Decimal
    patient_pays: Decimal
    plan_pays: Decimal
    secondary_pays: Decimal = ZERO
    balance_bill: Decimal = ZERO

    @classmethod
    def of(cls, visits: Sequence[VisitCost]) -> Totals:
        """Add up ``visits``: each figure summed by ``sum`` over the visits (quicker than one pass adding all six)."""
        return cls(
            visits=len(visits),
            covered_visits=(covered := sum(map(_COVERED, visits))),
            not_covered_visits=len(visits) - covered,
            allowed=sum(map(_ALLOWED, visits), ZERO),
            patient_pays=sum(map(_PATIENT_PAYS, visits), ZERO),
            plan_pays=sum(map(_PLAN_PAYS, visits), ZERO),
            secondary_pays=sum(map(_SECONDARY_PAYS, visits), ZERO),
            balance_bill=sum(map(_BALANCE_BILL, visits), ZERO),
        )

    def __add__(self, other: Totals) -> Totals:
        """The sums over both sets of visits."""
        return Totals(
            visits=self.visits + other.visits,
            covered_visits=self.covered_visits + other.covered_visits,
            not_covered_visits=self.not_covered_visits + other.not_covered_visits,
            allowed=self.allowed + other.allowed,
            patient_pays=self.patient_pays + other.patient_pays,
            plan_pays=self.plan_pays + other.plan_pays,
            secondary_pays=self.secondary_pays + other.secondary_pays,
            balance_bill=self.balance_bill + other.balance_bill,
        )
