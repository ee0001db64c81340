"""The plan-field registry: every plans.csv column declared once, in the words each view needs.

:class:`~coverage.engine.plans.Plan` declares each field's type, default and checks; this table, in the
same order, declares what a person reads about it: its kind, the label and help on the estimate page
(with the question to ask the insurer), the staff editor's label, the printout's wording, what a blank
cell means, and its line in the docs' column table. The form's field groups, the estimate page's rules
section, the catalog editor, the printed rules, the vectorised :class:`~coverage.engine.plan_table.PlanTable`
and the docs table are all derived from it; ``tests/docs`` checks it against ``Plan`` and the docs.

Adding a plan setting: the field on ``Plan``, its :class:`PlanField` here, the rule that uses it, a test,
and the line the docs table test asks for. Every column after ``notes`` is optional in a plans.csv file.
"""

from __future__ import annotations

from coverage.engine.plan_fields.kinds import FieldKind, PlanField, Section
from coverage.engine.plan_fields.table import TABLE
from coverage.engine.plans import Plan

__all__ = ["FIELD", "FIELDS", "OPTIONAL_COLUMNS", "REQUIRED_COLUMNS", "FieldKind", "PlanField", "Section", "names_of"]

#: Every plan field, in plans.csv column order (the order of ``Plan``'s fields).
FIELDS: tuple[PlanField, ...] = tuple(sorted(TABLE, key=lambda field: list(Plan.model_fields).index(field.name)))
#: The same fields by name.
FIELD: dict[str, PlanField] = {field.name: field for field in FIELDS}
#: The columns every plans.csv has, in order; the others may be left out, in any order after ``notes``.
REQUIRED_COLUMNS: tuple[str, ...] = tuple(field.name for field in FIELDS if field.required)
OPTIONAL_COLUMNS: tuple[str, ...] = tuple(field.name for field in FIELDS if not field.required)


def names_of(*kinds: FieldKind, optional: bool | None = None, section: Section | None = None) -> tuple[str, ...]:
    """The names of the fields of ``kinds`` (all kinds when none is given), in column order.

    ``optional`` keeps only the fields whose blank means "none" (True) or only the others (False);
    ``section`` keeps one section of the page.
    """
    return tuple(
        field.name
        for field in FIELDS
        if (not kinds or field.kind in kinds)
        and (optional is None or field.optional == optional)
        and (section is None or field.section is section)
    )
