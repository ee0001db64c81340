"""The service codes an estimate's visits were priced from, in plain words: the fee schedule and each kind of visit.

Shared by the printed estimate, the Good Faith Estimate and "How was this visit figured?", so all three
name the schedule and the codes the same way. Everything comes from the engine's records: the lines of
each :class:`~coverage.engine.course_estimate.VisitCost` and the estimate's
:class:`~coverage.engine.visit_pricing.CoursePrices`; nothing is priced here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from coverage.engine.billed_services import code_label
from coverage.engine.course_estimate import Estimate, VisitCost
from coverage.engine.money import ZERO, format_money
from coverage.engine.plans import Discipline
from coverage.engine.visit_pricing import CoursePrices, PricedCode
from coverage.views.code_names import code_name
from coverage.views.plan_terms import count_of


class PricedKind(BaseModel):
    """A kind of visit priced from its codes: every visit of one therapy billed as the same lines."""

    model_config = ConfigDict(frozen=True)

    label: str  # "PT visit", "PT evaluation", "PT visit, same day as OT"
    discipline: Discipline
    is_evaluation: bool
    visits: int
    first_date: dt.date
    last_date: dt.date
    lines: tuple[PricedCode, ...]

    @property
    def amount(self) -> Decimal:
        """The visit's amount from its codes: the sum of its lines."""
        return sum((line.amount for line in self.lines), ZERO)


#: The one wording of Medicare's national amounts, used for want of a locality, on pages and printouts.
NATIONAL_WORDS = "Medicare's national amounts (no Medicare locality was set, so every GPCI is 1)"


def fee_schedule_words(prices: CoursePrices) -> str:
    """The fee schedule the codes were priced on, naming Medicare's national amounts when no locality was set."""
    if prices.national:
        return f"{NATIONAL_WORDS}: {prices.source}"
    return prices.source


def line_words(line: PricedCode) -> str:
    """``'97110 (Therapeutic exercise, each 15 minutes), 2 units: $41.58, from 2 x $20.79 at ...'``."""
    label, name = code_label(line.code, line.modifier), code_name(line.code, line.modifier)
    return f"{label} ({name}), {count_of(line.units, 'unit')}: {format_money(line.amount)}, from {line.how}."


def line_service(line: PricedCode) -> str:
    """The line's plain name, saying when its units were reduced for multiple services that day."""
    name = code_name(line.code, line.modifier)
    return f"{name} (reduced: more than one service that day)" if line.mppr_reduced else name


def priced_kinds(estimate: Estimate) -> tuple[PricedKind, ...]:
    """Each kind of visit priced from its codes, per therapy: the evaluation first, then in date order.

    Visits of one therapy billed as the same lines are one kind, named after the first of them: a visit
    priced together with the other therapy's visit that day (one reduction for the day, or a joint
    session) is named so; the other therapy's visit at a typed rate takes no part in the day's pricing.
    """
    by_date: dict[dt.date, list[VisitCost]] = defaultdict(list)
    for visit in estimate.visits:
        by_date[visit.date].append(visit)
    kinds: dict[tuple[object, ...], PricedKind] = {}
    for visit in sorted(estimate.visits, key=lambda v: (v.discipline, not v.is_evaluation, v.date)):
        if not visit.lines:
            continue
        key = (visit.discipline, visit.is_evaluation, visit.lines)
        found = kinds.get(key)
        kinds[key] = (
            PricedKind(
                label=_label(estimate, visit, by_date[visit.date]),
                discipline=visit.discipline,
                is_evaluation=visit.is_evaluation,
                visits=1,
                first_date=visit.date,
                last_date=visit.date,
                lines=visit.lines,
            )
            if found is None
            else found.model_copy(update={"visits": found.visits + 1, "last_date": visit.date})
        )
    return tuple(kinds.values())


def _label(estimate: Estimate, visit: VisitCost, same_day: list[VisitCost]) -> str:
    label = f"{visit.discipline} {'evaluation' if visit.is_evaluation else 'visit'}"
    other = next((v for v in same_day if v.discipline != visit.discipline and v.lines), None)
    if other is None:
        return label
    if other.is_evaluation:
        return f"{label}, same day as the {other.discipline} evaluation"
    if estimate.care.co_treatment is not None and not visit.is_evaluation:
        return f"{label}, joint session with {other.discipline}"
    return f"{label}, same day as {other.discipline}"
