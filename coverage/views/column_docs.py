"""The docs' plans.csv column table, written from the plan-field registry (``docs/plans-csv.md`` holds it).

``tests/docs`` checks the file holds exactly :func:`column_table`, so the table cannot drift from the code.
"""

from __future__ import annotations

from coverage.catalog.rows import cell_text
from coverage.engine.plan_fields import FIELDS, PlanField
from coverage.engine.plans import Plan


def default_words(field: PlanField) -> str:
    """A column's default as the table shows it: ``required``, ``none``, ``empty`` or the cell text."""
    declared = Plan.model_fields[field.name]
    if declared.is_required():
        return "required"
    default = declared.default
    if default is None:
        return "none"
    return f"`{cell_text(default)}`" if cell_text(default) else "empty"


def column_table() -> str:
    """The Markdown table of every plans.csv column: its name, kind, what it means and its default."""
    rows = ["| column | kind | what it means | default |", "|---|---|---|---|"]
    for field in FIELDS:
        optional = "" if field.required else " (optional column)"
        rows.append(f"| `{field.name}` | {field.kind.value}{optional} | {field.meaning} | {default_words(field)} |")
    return "\n".join(rows) + "\n"
