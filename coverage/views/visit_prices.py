"""How the visits priced from their codes were priced, in words: the lines of a typical visit and the source.

"How was this priced?" shows, per therapy, the first evaluation and the first regular visit priced
from their codes (later visits of the same kind bill the same codes; a day shared with the other
therapy may take the multiple procedure reduction, which its lines say), each line's ``how`` from
the fee schedule, and the sentence naming the schedule. A plan paying by a schedule imported from
a payer's published rates (``import-rates``, whose notes read ``from <file>, last updated <date>,
<plan>``) is said so: "allowed amounts from <payer>'s published rates of <date>".
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from coverage.engine.billed_services import code_label
from coverage.engine.course_estimate import Estimate
from coverage.engine.money import format_money
from coverage.engine.plans import Plan
from coverage.fees.clinic_schedule import ClinicFeeSchedules
from coverage.views.fee_schedule_listing import imported_sources
from coverage.views.priced_codes import NATIONAL_WORDS


class PricedLine(BaseModel):
    """One code of a priced visit, for the page: ``97110 x2``, its amount, how it was priced."""

    model_config = ConfigDict(frozen=True)

    code: str  # with its modifier: 97110-CQ
    units: int
    amount: Decimal
    how: str

    def __str__(self) -> str:
        return f"{self.code} x{self.units}: {format_money(self.amount)}"


class PricedVisitWords(BaseModel):
    """One kind of visit priced from its codes: "PT evaluation", its allowed amount and its lines."""

    model_config = ConfigDict(frozen=True)

    title: str
    allowed: Decimal
    lines: tuple[PricedLine, ...]


def priced_visits(result: Estimate) -> tuple[PricedVisitWords, ...]:
    """The first evaluation and regular visit of each therapy that were priced from their codes."""
    found: dict[tuple[str, bool], PricedVisitWords] = {}
    for visit in result.visits:
        kind = (visit.discipline, visit.is_evaluation)
        if not visit.lines or kind in found:
            continue
        lines = tuple(
            PricedLine(code=code_label(x.code, x.modifier), units=x.units, amount=x.amount, how=x.how)
            for x in visit.lines
        )
        title = f"{visit.discipline} {'evaluation' if visit.is_evaluation else 'regular visit'} ({visit.visit_number})"
        found[kind] = PricedVisitWords(title=title, allowed=visit.allowed, lines=lines)
    order = [(discipline, evaluation) for discipline in ("PT", "OT") for evaluation in (True, False)]
    return tuple(found[kind] for kind in order if kind in found)


def price_source(result: Estimate) -> str | None:
    """Where the allowed amounts come from, in a sentence; None when every visit has a typed rate."""
    prices = result.prices
    if prices is None:
        return None
    if prices.national:
        return f"{NATIONAL_WORDS}. Priced from {prices.source}: choose the patient's locality for local amounts."
    return f"Allowed amounts from {prices.source}."


def published_rates(plan: Plan, schedules: ClinicFeeSchedules | None) -> str | None:
    """The sentence "Allowed amounts from <payer>'s published rates of <date>." for an imported schedule, else None."""
    setting = plan.pricing
    if setting.kind != "clinic" or schedules is None or setting.schedule_id not in schedules.schedules:
        return None
    for row in schedules.schedules[setting.schedule_id].rows.values():
        sources = imported_sources(row.notes)  # the note import-rates writes, read in one place
        if sources:
            _, day, plan_names = sources[0]
            payer = plan_names.strip().removeprefix("the plans of ")
            return f"Allowed amounts from {payer}'s published rates of {day.strip()}."
    return None
