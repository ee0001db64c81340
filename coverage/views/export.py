"""The visit-by-visit table: as a DataFrame, and as CSV text a spreadsheet can open safely."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pandas as pd

from coverage.engine.course_estimate import VISIT_COLUMNS, Estimate
from coverage.engine.plans import FORMULA_STARTS
from coverage.engine.text import as_a_spreadsheet_sees_it

#: The CSV's columns: the engine's visit columns, with the visit number and the reason a visit is not covered.
CSV_COLUMNS = (*VISIT_COLUMNS[:2], "visit_number", *VISIT_COLUMNS[2:], "not_covered_reason")


def visit_frame(estimate: Estimate) -> pd.DataFrame:
    """The visits as a DataFrame with :data:`VISIT_COLUMNS`; money stays ``Decimal``."""
    rows = [{column: getattr(visit, column) for column in VISIT_COLUMNS} for visit in estimate.visits]
    return pd.DataFrame(rows, columns=list(VISIT_COLUMNS))


def csv_columns(estimate: Estimate) -> tuple[str, ...]:
    """The columns of ``estimate``'s CSV: :data:`CSV_COLUMNS` and, when they apply, two more.

    Out of network ``balance_bill`` comes before ``patient_pays``; with a second insurance
    ``secondary_pays`` comes after ``plan_pays``.
    """
    columns: list[str] = []
    for column in CSV_COLUMNS:
        if column == "patient_pays" and not estimate.care.in_network:
            columns.append("balance_bill")
        columns.append(column)
        if column == "plan_pays" and estimate.secondary is not None:
            columns.append("secondary_pays")
    return tuple(columns)


def neutralise(cell: str) -> str:
    """Prefix a cell that a spreadsheet would run as a formula (= + - @, tab, CR) with a quote."""
    return "'" + cell if as_a_spreadsheet_sees_it(cell).startswith(FORMULA_STARTS) else cell


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return format(value, "f")
    return neutralise(str(value))


def visits_csv(estimate: Estimate) -> str:
    """One line per visit (columns: :func:`csv_columns`), money as plain dollars and cents, dates as YYYY-MM-DD."""
    columns = csv_columns(estimate)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for visit in estimate.visits:
        writer.writerow([_cell(getattr(visit, column)) for column in columns])
    return out.getvalue()
