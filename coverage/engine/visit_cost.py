"""What one visit costs, and sums over visits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

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

    @property
    def not_covered_reason(self) -> str | None:
        """Why the visit is not covered, in plain words (:func:`coverage.engine.not_covered.words`), or None."""
        return None if self.not_covered is None else self.not_covered.words()

    @property
    def cost_sharing(self) -> Decimal:
        """The patient's share under the plan's rules: deductible + copay + coinsurance."""
        return self.to_deductible + self.copay + self.coinsurance


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
        """Add up ``visits`` (one pass over them)."""
        covered = 0
        allowed = patient = plan = secondary = balance = ZERO
        for v in visits:
            covered += v.covered
            allowed += v.allowed
            patient += v.patient_pays
            plan += v.plan_pays
            secondary += v.secondary_pays
            balance += v.balance_bill
        return cls(
            visits=len(visits),
            covered_visits=covered,
            not_covered_visits=len(visits) - covered,
            allowed=allowed,
            patient_pays=patient,
            plan_pays=plan,
            secondary_pays=secondary,
            balance_bill=balance,
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
