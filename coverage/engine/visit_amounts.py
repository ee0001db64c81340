"""Each visit's allowed amount in the projection: given by position, priced from its codes, or typed."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from coverage.engine.care import CarePlan, Course
from coverage.engine.participation import is_non_participating, non_participating_allowed
from coverage.engine.plans import Plan
from coverage.engine.visit_pricing import CoursePrices, PricedVisit, PricingNeededError


class VisitAmounts:
    """The allowed amounts of one run of the projection, by schedule position.

    In this order: the amounts ``given`` by position (a secondary plan works on the primary's); the
    visit's amount priced from its codes (``prices``); the course's typed rate. Under Original Medicare
    at a non-participating clinic the amount is 95 % of it (:mod:`coverage.engine.participation`),
    unless the priced lines already carry the 95 %, line by line.
    """

    def __init__(
        self,
        plan: Plan,
        care: CarePlan,
        *,
        covers: bool,
        given: Sequence[Decimal] | None,
        prices: CoursePrices | None,
    ) -> None:
        self.given = given
        self.prices = prices if given is None else None
        self.non_participating = covers and given is None and is_non_participating(plan, care)

    def priced(self, position: int) -> PricedVisit | None:
        """The visit priced from its codes, or None for a typed rate (or amounts given by position)."""
        return None if self.prices is None else self.prices.visits[position]

    def allowed(self, position: int, course: Course, visit_index: int) -> Decimal:
        """The allowed amount of the visit at ``position``, visit ``visit_index`` of ``course``."""
        if self.given is not None:
            return self.given[position]
        priced = self.priced(position)
        if priced is not None:
            assert self.prices is not None
            taken = self.prices.includes_non_participation
            return at_the_clinic(priced.allowed, non_participating=self.non_participating, already_taken=taken)
        amount = course.typed_rate(visit_index)
        if amount is None:
            raise PricingNeededError
        return at_the_clinic(amount, non_participating=self.non_participating, already_taken=False)


def at_the_clinic(amount: Decimal, *, non_participating: bool, already_taken: bool) -> Decimal:
    """A visit's amount at the clinic's standing: 95 % of it when not participating with Original Medicare.

    Not taken again when the priced lines ``already_taken`` the 95 %, line by line (Medicare's own lines).
    """
    return non_participating_allowed(amount) if non_participating and not already_taken else amount
