"""What a plan costs the patient over a plan year: twelve monthly premiums plus what the course costs.

At open enrollment a person pays a plan's premiums whether or not they have therapy, so the plan that
charges least for the course is not always the cheapest. :func:`add_year_cost` puts three columns
beside :func:`coverage.engine.plan_ranking.compare_plans`' own, and :func:`in_order` sorts a ranking by
either figure:

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

import pandas as pd

from coverage.engine.plans import Plan

PREMIUM_MONTHS = 12
YEAR_COST_COLUMNS = ("monthly_premium", "year_premiums", "year_total", "year_rank")


class RankOrder(StrEnum):
    """Which figure a ranking is ordered by."""

    COURSE = "course"  # what this course costs the patient
    YEAR = "year"  # a plan year's premiums plus what this course costs


def year_premiums(monthly_premium: Decimal) -> Decimal:
    """Twelve monthly premiums: ``year_premiums(Decimal("412.50")) == Decimal("4950.00")``."""
    return monthly_premium * PREMIUM_MONTHS


def add_year_cost(ranking: pd.DataFrame, plans: Sequence[Plan]) -> pd.DataFrame:
    """``ranking`` (one row per plan, in its order; ``plans`` in the same order) with :data:`YEAR_COST_COLUMNS`."""
    monthly = [plan.monthly_premium for plan in plans]
    yearly = [None if m is None else year_premiums(m) for m in monthly]
    totals = [
        None if y is None or patient is None else y + patient
        for y, patient in zip(yearly, ranking["patient_total"].tolist(), strict=True)
    ]
    known = sorted(((total, i) for i, total in enumerate(totals) if total is not None), key=lambda pair: pair[0])
    ranks: list[int | None] = [None] * len(totals)
    for place, (_, row) in enumerate(known, start=1):  # a stable sort: ties keep the course's order
        ranks[row] = place
    return ranking.assign(
        monthly_premium=pd.Series(monthly, dtype=object, index=ranking.index),
        year_premiums=pd.Series(yearly, dtype=object, index=ranking.index),
        year_total=pd.Series(totals, dtype=object, index=ranking.index),
        year_rank=pd.array(ranks, dtype="Int64"),
    )


def in_order(ranking: pd.DataFrame, order: RankOrder) -> pd.DataFrame:
    """``ranking`` as :func:`~coverage.engine.plan_ranking.compare_plans` orders it, or by ``year_rank``.

    By the year: the plans with a known year total first, cheapest first; then those whose premium is not
    known, in the course's order; the plans that could not be costed stay last.
    """
    if order is RankOrder.COURSE:
        return ranking
    costed = ranking["rank"].notna()
    has_year = ranking["year_rank"].notna()
    by_year = ranking[has_year].sort_values("year_rank", kind="stable")
    return pd.concat([by_year, ranking[costed & ~has_year], ranking[~costed]])
