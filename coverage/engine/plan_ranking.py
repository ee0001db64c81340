"""Rank every plan of a catalog by what one plan of care costs the patient.

:func:`compare_plans` gives the same cents as :func:`coverage.engine.course_estimate` for each
plan (a property test holds them equal), but costs the whole catalog at once
(:mod:`coverage.engine.catalog_projection`), so tens of thousands of plans take a
fraction of a second.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import numpy as np
import pandas as pd

from coverage.engine.care import Accumulators, CarePlan
from coverage.engine.catalog_projection import CatalogOutcome, Refusal, project_catalog
from coverage.engine.money import CENT
from coverage.engine.not_covered import NotCovered, WhyNotCovered
from coverage.engine.notices import visit_label
from coverage.engine.plan_table import Cents, PlanTable
from coverage.engine.plans import Discipline, Plan
from coverage.engine.visit_pricing import Pricer
from coverage.engine.year_cost import YEAR_COST_COLUMNS, RankOrder, year_premiums, year_ranks, year_totals
from coverage.engine.year_to_date import YearToDateError, check_year_to_date

#: The columns of :func:`compare_plans`, in order: a contract the page and the command line rely on.
COMPARISON_COLUMNS = (
    "rank",
    "plan_id",
    "plan_name",
    "payer_type",
    "patient_total",
    "plan_total",
    "visits",
    "covered_visits",
    "visits_not_covered",
    "not_covered_cost",
    "deductible_met_at",
    "oop_max_reached_at",
    "limit_runs_out_at",
    "not_covered",
    "not_covered_reason",
    "year_to_date_problem",
    "pricing_problem",
    *YEAR_COST_COLUMNS,
)


def compare_plans(
    plans: Sequence[Plan] | PlanTable,
    care: CarePlan,
    accumulators: Accumulators | None = None,
    *,
    fees: Pricer | None = None,
) -> pd.DataFrame:
    """One row per plan with :data:`COMPARISON_COLUMNS`, cheapest for the patient first.

    - ``patient_total``, ``plan_total`` and ``not_covered_cost`` are ``Decimal``
      (an object column), exactly what :func:`coverage.engine.course_estimate` gives; counts are ints.
    - ``deductible_met_at``, ``oop_max_reached_at`` and ``limit_runs_out_at`` name
      the first visit where that happens ("PT visit 5 on 2 Feb 2026"), else None;
      ``not_covered`` says why that first visit is not covered (a
      :class:`~coverage.engine.not_covered.NotCovered`), and ``not_covered_reason`` words it as
      :func:`coverage.engine.not_covered.words` does for :func:`coverage.estimate`'s visits.
    - Year-to-date figures the plan cannot have produced (more deductible or
      out-of-pocket met than the plan has, where :func:`coverage.engine.course_estimate`
      raises :class:`~coverage.engine.course_estimate.YearToDateError`): the plan keeps its row,
      with the reason in ``year_to_date_problem``, no totals (None) and no rank,
      after every plan that could be costed.
    - Visits with no typed rate are priced by ``fees`` under each plan's ``fee_schedule``, as
      :func:`coverage.engine.course_estimate.estimate` prices them; a plan whose visits cannot be priced
      (a code its schedule lacks, a schedule not in the file) keeps its row like a year-to-date problem,
      with the reason in ``pricing_problem``.
    - Ties keep the catalog's order. ``rank`` counts from 1.
    - ``monthly_premium``, ``year_premiums``, ``year_total`` and ``year_rank``: a plan year's premiums plus
      the course (:mod:`coverage.engine.year_cost`); None where the premium is not known.

    Pass a :class:`~coverage.engine.plan_table.PlanTable` built once to skip turning the
    plans into columns on every call.

    It compares care at an in-network clinic: a plan of care out of network
    (``care.in_network`` false) raises ``ValueError``; cost it with :func:`coverage.engine.course_estimate`.
    """
    if not care.in_network:
        raise ValueError("compare_plans compares in-network care; estimate out-of-network care plan by plan")
    table = plans if isinstance(plans, PlanTable) else PlanTable.of(plans)
    so_far = accumulators if accumulators is not None else Accumulators()
    outcome = project_catalog(table, care, so_far, fees)
    fits = outcome.year_to_date_fits & outcome.priced
    # Cheapest first; plans that cannot be costed last; ties (and those last ones) in catalog order.
    order = np.lexsort((np.arange(len(table)), np.where(fits, outcome.patient_total, 0), ~fits))
    return _frame(table, outcome, so_far, order)


def _money(amounts: Cents, fits: np.ndarray) -> pd.Series:
    """Whole cents as exact Decimal dollars; None where the plan could not be costed."""
    values: list[Decimal | None] = [Decimal(a) * CENT for a in amounts.tolist()]
    for row in np.flatnonzero(~fits).tolist():
        values[row] = None
    return pd.Series(values, dtype=object)


def _labels(outcome: CatalogOutcome, positions: Cents) -> pd.Series:
    """The visit each position names, None for -1 (never)."""
    names = np.array([visit_label(v.discipline, v.course_index + 1, v.date) for v in outcome.visits] + [None])
    return pd.Series(names[positions], dtype=object)


def _reasons(
    table: PlanTable, outcome: CatalogOutcome, order: np.ndarray, fits: np.ndarray
) -> tuple[pd.Series, pd.Series]:
    """Why each plan's first refused visit is not covered: the reason (a NotCovered) and its words.

    Plans share a handful of reasons, so each distinct one is worded once and looked up.
    """
    kind = np.where(fits, outcome.first_refusal[order], Refusal.NONE)
    refused_ot = np.array([v.discipline == "OT" for v in outcome.visits] + [False])[outcome.first_refused_at[order]]
    own_limit = np.where(refused_ot, table.ot_visit_limit[order], table.pt_visit_limit[order])
    limit = np.where(
        kind == Refusal.OWN_LIMIT,
        own_limit,
        np.where(kind == Refusal.COMBINED_LIMIT, table.combined_visit_limit[order], 0),
    )
    days = (kind == Refusal.COMBINED_LIMIT) & table.counts_days[order]
    key = ((kind * 2 + refused_ot) * 2 + days) * _KEY_SPAN + limit
    distinct, where = np.unique(key, return_inverse=True)
    why = [_reason(int(k)) for k in distinct.tolist()]
    kinds = np.array([None if w is None else w.reason for w in why], dtype=object)
    worded = np.array([None if w is None else w.words() for w in why], dtype=object)
    return pd.Series(kinds[where.reshape(-1)], dtype=object), pd.Series(worded[where.reshape(-1)], dtype=object)


_KEY_SPAN = 1 << 42  # above any limit a plan can have


#: The catalog engine's refusal codes in the vocabulary both engines share.
_AS_REASON = {
    Refusal.SELF_PAY: NotCovered.NO_INSURANCE,
    Refusal.MEDICAID_NOT_ACCEPTED: NotCovered.MEDICAID_NOT_ACCEPTED,
    Refusal.OWN_LIMIT: NotCovered.OWN_LIMIT,
    Refusal.COMBINED_LIMIT: NotCovered.SHARED_LIMIT,
}


def _reason(key: int) -> WhyNotCovered | None:
    kind_ot_and_days, limit = divmod(key, _KEY_SPAN)
    kind_and_ot, counts_days = divmod(kind_ot_and_days, 2)
    kind, refused_ot = divmod(kind_and_ot, 2)
    if kind == Refusal.NONE:
        return None
    reason = _AS_REASON[Refusal(kind)]
    if reason in {NotCovered.NO_INSURANCE, NotCovered.MEDICAID_NOT_ACCEPTED}:
        return WhyNotCovered(reason=reason)
    discipline: Discipline | None = ("OT" if refused_ot else "PT") if reason is NotCovered.OWN_LIMIT else None
    return WhyNotCovered(reason=reason, discipline=discipline, limit=limit, counts_days=bool(counts_days))


def _problem(plan: Plan, so_far: Accumulators) -> str:
    try:
        check_year_to_date(plan, so_far)
    except YearToDateError as exc:
        return str(exc)
    raise AssertionError("the year-to-date check and the catalog projection disagree")  # pragma: no cover


def _problems(table: PlanTable, order: np.ndarray, fits: np.ndarray, so_far: Accumulators) -> pd.Series:
    problems: list[str | None] = [None] * len(order)
    for row in np.flatnonzero(~fits).tolist():
        problems[row] = _problem(table.plans[order[row]], so_far)
    return pd.Series(problems, dtype=object)


def _frame(table: PlanTable, outcome: CatalogOutcome, so_far: Accumulators, order: np.ndarray) -> pd.DataFrame:
    problems = outcome.pricing_problems[order]
    fits = outcome.year_to_date_fits[order] & outcome.priced[order]
    size, valid = len(order), int(fits.sum())
    covered_counts = len(outcome.visits) - outcome.not_covered[order]
    patient_total = _money(outcome.patient_total[order], fits)
    monthly = table.monthly_premiums[order].tolist()
    columns: dict[str, object] = {
        "rank": _counting(size, valid),
        "plan_id": table.plan_ids[order],
        "plan_name": table.plan_names[order],
        "payer_type": table.payer_types[order],
        "patient_total": patient_total,
        "plan_total": _money(outcome.plan_total[order], fits),
        "visits": np.full(size, len(outcome.visits), dtype=np.int64),
        "covered_visits": np.where(fits, covered_counts, 0),
        "visits_not_covered": np.where(fits, outcome.not_covered[order], 0),
        "not_covered_cost": _money(outcome.not_covered_cost[order], fits),
        "deductible_met_at": _labels(outcome, np.where(fits, outcome.deductible_met_at[order], -1)),
        "oop_max_reached_at": _labels(outcome, np.where(fits, outcome.oop_max_reached_at[order], -1)),
        "limit_runs_out_at": _labels(outcome, np.where(fits, outcome.first_refused_at[order], -1)),
        "year_to_date_problem": _problems(table, order, outcome.year_to_date_fits[order], so_far),
        "pricing_problem": pd.Series(problems, dtype=object),
        **_year_cost(monthly, patient_total.tolist()),
    }
    columns["not_covered"], columns["not_covered_reason"] = _reasons(table, outcome, order, fits)
    return pd.DataFrame(columns, columns=list(COMPARISON_COLUMNS), copy=False)  # every column is made here


def _counting(size: int, count: int) -> pd.arrays.IntegerArray:
    """1, 2, ... ``count`` for the first ``count`` of ``size`` rows, then missing (``<NA>``): a nullable int column."""
    return pd.arrays.IntegerArray(np.arange(1, size + 1, dtype=np.int64), np.arange(size) >= count)


def _year_cost(monthly: list[Decimal | None], patient_totals: list[Decimal | None]) -> dict[str, object]:
    """The :data:`~coverage.engine.year_cost.YEAR_COST_COLUMNS` of a ranking, its rows in this order."""
    totals = year_totals(monthly, patient_totals)
    return {
        "monthly_premium": pd.Series(monthly, dtype=object),
        "year_premiums": pd.Series([None if m is None else year_premiums(m) for m in monthly], dtype=object),
        "year_total": pd.Series(totals, dtype=object),
        "year_rank": pd.array(year_ranks(totals), dtype="Int64"),
    }


def in_order(ranking: pd.DataFrame, order: RankOrder) -> pd.DataFrame:
    """``ranking`` as :func:`compare_plans` orders it, or by ``year_rank``.

    By the year: the plans with a known year total first, cheapest first; then those whose premium is not
    known, in the course's order; the plans that could not be costed stay last.
    """
    if order is RankOrder.COURSE:
        return ranking
    costed = ranking["rank"].notna()
    has_year = ranking["year_rank"].notna()
    by_year = ranking[has_year].sort_values("year_rank", kind="stable")
    return pd.concat([by_year, ranking[costed & ~has_year], ranking[~costed]])
