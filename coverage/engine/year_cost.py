"""What a plan costs the patient over a plan year: twelve monthly premiums plus what the course costs.

At open enrollment a person pays a plan's premiums whether or not they have therapy, so the plan that
charges least for the course is not always the cheapest. :func:`coverage.engine.plan_ranking.compare_plans`
puts four columns beside its own (worked out here, put in the frame there),
and :func:`coverage.engine.plan_ranking.in_order` sorts a ranking by either figure:

- ``monthly_premium``: the plan's ``monthly_premium``, None when not known;
- ``year_premiums``: twelve of them (exact: cents times twelve are whole cents, so nothing is rounded);
- ``year_total``: ``year_premiums + patient_total``, None when the premium is not known or the plan could
  not be costed; ``year_rank`` counts these from 1, cheapest first, ties in the course's order.

The premiums are those of one plan year, whatever the course's length: a course that runs into the
next plan year still pays one year's premiums here.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from enum import StrEnum

PREMIUM_MONTHS = 12
YEAR_COST_COLUMNS = ("monthly_premium", "year_premiums", "year_total", "year_rank")


class RankOrder(StrEnum):
    """Which figure a ranking is ordered by."""

    COURSE = "course"  # what this course costs the patient
    YEAR = "year"  # a plan year's premiums plus what this course costs


def year_premiums(monthly_premium: Decimal) -> Decimal:
    """Twelve monthly premiums: ``year_premiums(Decimal("412.50")) == Decimal("4950.00")``."""
    return monthly_premium * PREMIUM_MONTHS


def year_totals(premiums: Sequence[Decimal | None], patient_totals: Sequence[Decimal | None]) -> list[Decimal | None]:
    """Each plan's year premiums plus its course total; None where either is not known."""
    return [
        None if premium is None or patient is None else year_premiums(premium) + patient
        for premium, patient in zip(premiums, patient_totals, strict=True)
    ]


def year_ranks(totals: Sequence[Decimal | None]) -> list[int | None]:
    """1 for the smallest known total, 2 for the next...; None where not known. Ties keep their order."""
    known = sorted(((total, i) for i, total in enumerate(totals) if total is not None), key=lambda pair: pair[0])
    ranks: list[int | None] = [None] * len(totals)
    for place, (_, row) in enumerate(known, start=1):  # a stable sort: ties keep the course's order
        ranks[row] = place
    return ranks
