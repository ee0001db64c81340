"""Each visit's allowed amount, excess charge and self-pay price under every plan of a catalog (internal).

Plans that price alike (the same ``fee_schedule``, ``unit_rule`` and Original Medicare or not: a
:class:`~coverage.engine.plan_table.PlanTable` pricing kind) share one row of amounts, priced once by
the :class:`~coverage.engine.visit_pricing.Pricer`; a plan of care with only typed rates has one kind
for all. Each kind holds, per visit, whole cents for a participating clinic and for a
non-participating one (Original Medicare's 95 % and limiting charge, as
:mod:`coverage.engine.visit_amounts` takes them), one column of each visit's row. A kind whose visits
cannot be priced keeps the error's words in :attr:`CatalogAmounts.problems` and zeros in its column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from coverage.engine.billed_services import FeeScheduleError
from coverage.engine.care import CarePlan
from coverage.engine.participation import excess_charge
from coverage.engine.plan_table import Cents, PlanTable, cents
from coverage.engine.schedule import ScheduledVisit
from coverage.engine.visit_amounts import at_the_clinic
from coverage.engine.visit_pricing import CoursePrices, Pricer, PricingNeededError

_NO_PRICES = CoursePrices(visits=(), source="")


@dataclass(frozen=True, eq=False)
class CatalogAmounts:
    """Per visit and pricing kind (``[position, kind]``): amounts in cents; ``kind`` maps each plan to its column."""

    kind: Cents  # per plan: its column (its pricing kind)
    allowed: Cents  # participating clinic
    allowed_non_participating: Cents
    excess_non_participating: Cents
    self_pay: Cents
    problems: tuple[str | None, ...]  # per row: why its visits cannot be priced, or None

    def at(self, position: int) -> tuple[Cents, Cents]:
        """Per plan, for the visit at ``position``: the allowed amount (participating clinic) and the self-pay price."""
        return np.take(self.allowed[position], self.kind), np.take(self.self_pay[position], self.kind)

    def non_participating_at(self, position: int) -> tuple[Cents, Cents]:
        """Per plan, for the visit at ``position``: the allowed amount and excess charge when non-participating."""
        allowed, excess = self.allowed_non_participating[position], self.excess_non_participating[position]
        return np.take(allowed, self.kind), np.take(excess, self.kind)


def catalog_amounts(
    table: PlanTable, care: CarePlan, visits: Sequence[ScheduledVisit], fees: Pricer | None
) -> CatalogAmounts:
    """The amounts of ``visits`` under every plan of ``table``, priced by ``fees`` where a visit has no rate."""
    if not care.priced_from_codes:
        return _rows(care, visits, [_NO_PRICES], np.zeros(len(table), dtype=np.int64), [None])
    if fees is None:
        raise PricingNeededError
    priced: list[CoursePrices] = []
    problems: list[str | None] = []
    for plan in table.pricing_kinds:
        try:
            priced.append(fees.price(plan, care, visits))
            problems.append(None)
        except FeeScheduleError as exc:
            priced.append(_NO_PRICES)
            problems.append(str(exc))
    return _rows(care, visits, priced, table.pricing_kind, problems)


def _rows(
    care: CarePlan,
    visits: Sequence[ScheduledVisit],
    priced: Sequence[CoursePrices],
    kind: Cents,
    problems: Sequence[str | None],
) -> CatalogAmounts:
    shape = (len(visits), len(priced))  # a visit's amounts side by side: one short row to gather from
    allowed, reduced, excess, self_pay = (np.zeros(shape, dtype=np.int64) for _ in range(4))
    # A course repeats a few amounts: each therapy's amounts for one allowed amount are worked out once.
    worked: dict[tuple[str, Decimal, bool], tuple[int, int, int, int]] = {}
    for row, prices in enumerate(priced):
        if problems[row] is not None:
            continue
        column = []
        for position, visit in enumerate(visits):
            course = care.course(visit.discipline)
            assert course is not None  # the schedule only holds visits of courses in the plan of care
            one = prices.visits[position] if prices.visits else None
            full: Decimal = course.allowed(visit.course_index) if one is None else one.allowed
            taken = one is not None and prices.includes_non_participation
            key = (visit.discipline, full, taken)
            amounts = worked.get(key)
            if amounts is None:
                cut = at_the_clinic(full, non_participating=True, already_taken=taken)
                charge = excess_charge(cut, course.billed_rate)
                own_price = course.self_pay(visit.course_index, allowed=full)  # depends on nothing else
                amounts = worked[key] = (cents(full), cents(cut), cents(charge), cents(own_price))
            column.append(amounts)
        by_amount = np.array(column, dtype=np.int64).reshape(-1, 4).T  # the four amounts, a row each
        allowed[:, row], reduced[:, row], excess[:, row], self_pay[:, row] = by_amount
    return CatalogAmounts(kind, allowed, reduced, excess, self_pay, tuple(problems))
