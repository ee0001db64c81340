"""Why one plan costs what it does, in a sentence, from a row of :func:`coverage.engine.plan_ranking`."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from coverage.engine.money import format_money
from coverage.engine.not_covered import NotCovered


def _given(row: Mapping[str, object], column: str) -> str | None:
    value = row.get(column)
    return value if isinstance(value, str) and value else None


def why_it_costs(row: Mapping[str, object]) -> str:
    """``'Deductible met at PT visit 3 on 12 Jan 2026. Not covered from ...'``: the milestones that set the price."""
    problem = _given(row, "year_to_date_problem")
    if problem:
        return f"Not compared: {problem}"
    parts = []
    reason = _given(row, "not_covered_reason")
    if row.get("not_covered") is NotCovered.NO_INSURANCE:
        parts.append("No insurance pays: every visit is at its self-pay rate.")
        reason = None
    deductible = _given(row, "deductible_met_at")
    if deductible:
        parts.append(f"Deductible met at {deductible}.")
    oop = _given(row, "oop_max_reached_at")
    if oop:
        parts.append(f"Out-of-pocket maximum reached at {oop}: later covered visits cost nothing.")
    limit_at = _given(row, "limit_runs_out_at")
    if reason and limit_at:
        count = row.get("visits_not_covered")
        cost = row.get("not_covered_cost")
        priced = f", {format_money(cost)} at self-pay" if isinstance(cost, Decimal) else ""
        visits = "1 visit" if count == 1 else f"{count} visits"
        parts.append(f"Visit limit runs out at {limit_at} ({reason}): {visits} not covered{priced}.")
    if not parts:
        parts.append(_all_covered(row))
    return " ".join(parts)


def _all_covered(row: Mapping[str, object]) -> str:
    """No milestone: every visit covered, and either the plan pays its part or nothing at all."""
    if row.get("plan_total") == 0 and row.get("patient_total") != 0:
        return (
            "Every visit is covered, but the plan pays nothing toward this course: you pay each visit's whole "
            "allowed amount (usually because the deductible is not met by the last visit)."
        )
    return "Every visit is covered."
