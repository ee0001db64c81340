"""The allowed amounts of a plan of care's visits priced from their codes: what the engine takes from a pricer.

The engine does not read fee schedules itself: :func:`coverage.engine.course_estimate.estimate` and
:func:`coverage.engine.plan_ranking.compare_plans` take a :class:`Pricer` (the fee schedules layer's
:class:`coverage.fees.course_pricing.FeeSources` is one) and ask it for each visit's amount and
lines. A visit with a typed rate is not priced: its entry is None and the typed rate is used.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from decimal import Decimal
from typing import Protocol

from pydantic import BaseModel, ConfigDict

from coverage.engine.billed_services import FeeScheduleError
from coverage.engine.care import CarePlan
from coverage.engine.plans import Plan
from coverage.engine.schedule import ScheduledVisit


class PricedCode(BaseModel):
    """One line of a priced visit: a code's units at one amount a unit, and how it was priced in words."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    modifier: str
    units: int
    unit_amount: Decimal
    amount: Decimal
    how: str
    mppr_reduced: bool = False


class PricedVisit(BaseModel):
    """A visit's allowed amount from its codes, and the lines it adds up from."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    allowed: Decimal
    lines: tuple[PricedCode, ...]


class CoursePrices(BaseModel):
    """Every visit of a plan of care priced under one plan, by schedule position (None: a typed rate).

    ``includes_non_participation`` is True when the lines already carry Original Medicare's 95 % for a
    non-participating clinic (so the engine does not take it again); ``source`` names the fee schedule
    in words and ``national`` says Medicare's national amounts were used for want of a locality.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    visits: tuple[PricedVisit | None, ...]
    source: str
    national: bool = False
    includes_non_participation: bool = False


class Pricer(Protocol):
    """Prices a plan of care's visits under a plan (see :mod:`coverage.fees.course_pricing`)."""

    def group(self, plan: Plan, care: CarePlan) -> Hashable:
        """A key equal for plans that price every visit of ``care`` alike (``compare_plans`` prices each once)."""
        ...

    def price(self, plan: Plan, care: CarePlan, visits: Sequence[ScheduledVisit]) -> CoursePrices:
        """The visits' amounts under ``plan``; raises ``FeeScheduleError`` naming what cannot be priced."""
        ...


class PricingNeededError(FeeScheduleError):
    """A plan of care billed as service codes, costed without fee schedules to price them.

    A :class:`~coverage.engine.billed_services.FeeScheduleError` like every other visit that cannot be
    priced, so an entry point catches the one type.
    """

    def __init__(self) -> None:
        super().__init__("a visit is billed as service codes with no visit rate: give the fee schedules to price it")
