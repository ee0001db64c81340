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
from coverage.engine.notices import visit_label
from coverage.engine.plan_table import Cents, PlanTable
from coverage.engine.plans import Plan
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
    "not_covered_reason",
    "year_to_date_problem",
)


def compare_plans(
    plans: Sequence[Plan] | PlanTable, care: CarePlan, accumulators: Accumulators | None = None
) -> pd.DataFrame:
    """One row per plan with :data:`COMPARISON_COLUMNS`, cheapest for the patient first.

    - ``patient_total``, ``plan_total`` and ``not_covered_cost`` are ``Decimal``
      (an object column), exactly what :func:`coverage.engine.course_estimate` gives; counts are ints.
    - ``deductible_met_at``, ``oop_max_reached_at`` and ``limit_runs_out_at`` name
      the first visit where that happens ("PT visit 5 on 2 Feb 2026"), else None;
      ``not_covered_reason`` says why that first visit is not covered, in the
      words of :attr:`coverage.engine.course_estimate.VisitCost.not_covered_reason`.
    - Year-to-date figures the plan cannot have produced (more deductible or
      out-of-pocket met than the plan has, where :func:`coverage.engine.course_estimate`
      raises :class:`~coverage.engine.course_estimate.YearToDateError`): the plan keeps its row,
      with the reason in ``year_to_date_problem``, no totals (None) and no rank,
      after every plan that could be costed.
    - Ties keep the catalog's order. ``rank`` counts from 1.

    Pass a :class:`~coverage.engine.plan_table.PlanTable` built once to skip turning the
    plans into columns on every call.

    It compares care at an in-network clinic: a plan of care out of network
    (``care.in_network`` false) raises ``ValueError``; cost it with :func:`coverage.engine.course_estimate`.
    """
    if not care.in_network:
        raise ValueError("compare_plans compares in-network care; estimate out-of-network care plan by plan")
    table = plans if isinstance(plans, PlanTable) else PlanTable.of(plans)
    so_far = accumulators if accumulators is not None else Accumulators()
    outcome = project_catalog(table, care, so_far)
    fits = outcome.year_to_date_fits
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


def _reasons(table: PlanTable, outcome: CatalogOutcome, order: np.ndarray, fits: np.ndarray) -> pd.Series:
    """Why each plan's first refused visit is not covered, worded as the reference engine words it.

    Plans share a handful of reasons, so each distinct one is worded once and looked up.
    """
    kind = np.where(fits, outcome.first_refusal[order], Refusal.NONE)
    refused_ot = np.array([v.discipline == "OT" for v in outcome.visits] + [False])[outcome.first_refused_at[order]]
    own_limit = np.where(refused_ot, table.ot_limit[order], table.pt_limit[order])
    limit = np.where(
        kind == Refusal.OWN_LIMIT, own_limit, np.where(kind == Refusal.COMBINED_LIMIT, table.combined_limit[order], 0)
    )
    key = (kind * 2 + refused_ot) * _KEY_SPAN + limit
    distinct, where = np.unique(key, return_inverse=True)
    worded = np.array([_reason(int(k)) for k in distinct.tolist()], dtype=object)
    return pd.Series(worded[where.reshape(-1)], dtype=object)


_KEY_SPAN = 1 << 42  # above any limit a plan can have


def _reason(key: int) -> str | None:
    kind_and_ot, limit = divmod(key, _KEY_SPAN)
    kind, refused_ot = divmod(kind_and_ot, 2)
    if kind == Refusal.NONE:
        return None
    if kind == Refusal.SELF_PAY:
        return "no insurance pays for this visit"
    if kind == Refusal.MEDICAID_NOT_ACCEPTED:
        return "the clinic does not accept Medicaid"
    name = ("OT" if refused_ot else "PT") if kind == Refusal.OWN_LIMIT else "combined therapy"
    return f"the {limit} {name} visits of this plan year are used up"


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
    fits = outcome.year_to_date_fits[order]
    size, valid = len(order), int(fits.sum())
    covered_counts = len(outcome.visits) - outcome.not_covered[order]
    columns: dict[str, object] = {
        "rank": pd.array([*range(1, valid + 1), *([None] * (size - valid))], dtype="Int64"),
        "plan_id": table.plan_ids[order],
        "plan_name": table.plan_names[order],
        "payer_type": table.payer_types[order],
        "patient_total": _money(outcome.patient_total[order], fits),
        "plan_total": _money(outcome.plan_total[order], fits),
        "visits": np.full(size, len(outcome.visits), dtype=np.int64),
        "covered_visits": np.where(fits, covered_counts, 0),
        "visits_not_covered": np.where(fits, outcome.not_covered[order], 0),
        "not_covered_cost": _money(outcome.not_covered_cost[order], fits),
        "deductible_met_at": _labels(outcome, np.where(fits, outcome.deductible_met_at[order], -1)),
        "oop_max_reached_at": _labels(outcome, np.where(fits, outcome.oop_max_reached_at[order], -1)),
        "limit_runs_out_at": _labels(outcome, np.where(fits, outcome.first_refused_at[order], -1)),
        "not_covered_reason": _reasons(table, outcome, order, fits),
        "year_to_date_problem": _problems(table, order, fits, so_far),
    }
    return pd.DataFrame(columns, columns=list(COMPARISON_COLUMNS))
