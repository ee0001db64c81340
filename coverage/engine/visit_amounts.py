"""Each visit's allowed amount in the projection: given by position, priced from its codes, or typed."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from coverage.engine.care import CarePlan
from coverage.engine.participation import is_non_participating, non_participating_allowed
from coverage.engine.plans import Plan
from coverage.engine.schedule import ScheduledVisit
from coverage.engine.visit_pricing import CoursePrices, PricedVisit, PricingNeededError


class VisitAmounts:
    """The allowed amounts of one run of the projection, by schedule position, worked out before the walk.

    In this order: the amounts ``given`` by position (a secondary plan works on the primary's); the
    visit's amount priced from its codes (``prices``); the course's typed rate. Under Original Medicare
    at a non-participating clinic the amount is 95 % of it (:mod:`coverage.engine.participation`),
    unless the priced lines already carry the 95 %, line by line. Raises
    :class:`~coverage.engine.visit_pricing.PricingNeededError` for a visit with neither a typed rate nor a price.
    """

    def __init__(
        self,
        plan: Plan,
        care: CarePlan,
        slots: Sequence[ScheduledVisit],
        *,
        covers: bool,
        given: Sequence[Decimal] | None,
        prices: CoursePrices | None,
    ) -> None:
        self.non_participating = covers and given is None and is_non_participating(plan, care)
        #: Each visit priced from its codes, or None for a typed rate. With amounts ``given``, a priced
        #: visit's price still gives its self-pay price and its lines; its allowed amount is the given one.
        self.priced: Sequence[PricedVisit | None] = [None] * len(slots) if prices is None else prices.visits
        #: Each visit's allowed amount.
        self.allowed: Sequence[Decimal] = given if given is not None else self._amounts(care, slots, prices)

    def _amounts(self, care: CarePlan, slots: Sequence[ScheduledVisit], prices: CoursePrices | None) -> list[Decimal]:
        taken = prices is not None and prices.includes_non_participation
        courses = {"OT": care.ot, "PT": care.pt}
        amounts: list[Decimal] = []
        for slot, priced in zip(slots, self.priced, strict=True):
            if priced is not None:
                amounts.append(
                    at_the_clinic(priced.allowed, non_participating=self.non_participating, already_taken=taken)
                )
                continue
            course = courses[slot.discipline]
            assert course is not None  # the schedule only holds visits of courses in the plan of care
            amount = course.typed_rate(slot.course_index)
            if amount is None:
                raise PricingNeededError
            amounts.append(at_the_clinic(amount, non_participating=self.non_participating, already_taken=False))
        return amounts


def at_the_clinic(amount: Decimal, *, non_participating: bool, already_taken: bool) -> Decimal:
    """A visit's amount at the clinic's standing: 95 % of it when not participating with Original Medicare.

    Not taken again when the priced lines ``already_taken`` the 95 %, line by line (Medicare's own lines).
    """
    return non_participating_allowed(amount) if non_participating and not already_taken else amount
