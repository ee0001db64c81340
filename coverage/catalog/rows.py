"""A plan as a plans.csv row, and back: the one place that decides how a cell is written.

Money is written with its two decimals (``283.00``), a percentage as given (``20``,
``12.50``), yes/no as ``true``/``false``, an unset value as a blank cell. What
:func:`plans_to_csv` writes, :func:`coverage.catalog.loader.parse_plans` reads back to the same plans.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from decimal import Decimal
from enum import Enum

from coverage.catalog.loader import ALL_PLAN_COLUMNS, OPTIONAL_PLAN_COLUMNS, PLAN_COLUMNS
from coverage.engine.plans import Plan


def cell_text(value: object) -> str:
    """One value as plans.csv writes it: ``Decimal('283.00')`` -> ``'283.00'``, ``None`` -> ``''``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def needed_columns(plan: Plan) -> set[str]:
    """The optional columns where ``plan`` differs from the default (the ones a file of it must have)."""
    return {column for column in OPTIONAL_PLAN_COLUMNS if getattr(plan, column) != Plan.model_fields[column].default}


def columns_for(plans: Iterable[Plan], keep: Iterable[str] = ()) -> tuple[str, ...]:
    """The header a file of ``plans`` needs: the required columns, those in ``keep``, any a plan sets.

    ``keep`` is the header the file came with, so a clinic's file keeps its optional columns in its own order
    and the shipped catalog its exact header; an optional column a plan sets off its default is added after
    them, in registry order, so no setting is lost on a save. Absent columns read back as their defaults.
    """
    wanted = set(keep)
    for plan in plans:
        wanted |= needed_columns(plan)
    kept = [c for c in keep if c in OPTIONAL_PLAN_COLUMNS]
    return (*PLAN_COLUMNS, *kept, *(c for c in OPTIONAL_PLAN_COLUMNS if c in wanted and c not in kept))


def plan_to_row(plan: Plan, columns: tuple[str, ...] | None = None) -> dict[str, str]:
    """``{column: cell text}`` for ``columns`` (by default those the plan needs), in the file's order."""
    return {column: cell_text(getattr(plan, column)) for column in columns or columns_for([plan])}


def plans_to_csv(plans: Iterable[Plan], keep: Iterable[str] = ()) -> str:
    """The text of a plans.csv holding ``plans``: the header (:func:`columns_for`), then one row a plan."""
    plans = list(plans)
    columns = columns_for(plans, keep)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for plan in plans:
        writer.writerow(plan_to_row(plan, columns).values())
    return out.getvalue()


def plan_from_cells(cells: Mapping[str, str]) -> Plan:
    """A plan from cell texts as a person typed them, read exactly as a plans.csv row is.

    Each cell is trimmed and a blank cell means "not set" (the field's default).
    Raises :class:`pydantic.ValidationError`; :func:`coverage.engine.validation.field_problems` words it.
    """
    return Plan.model_validate({column: text.strip() for column, text in cells.items() if text.strip()})


def first_difference(saved: Plan, read_back: Plan) -> str | None:
    """The first column whose value would not survive a trip through plans.csv, or None."""
    for column in ALL_PLAN_COLUMNS:
        if getattr(saved, column) != getattr(read_back, column):
            return column
    return None
