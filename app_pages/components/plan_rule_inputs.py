"""The plan's rules on the estimate page, drawn from the plan-field registry: one widget per plan setting.

Which widget a setting gets, its label, help and placeholder, its section and whether it is asked at all
come from :mod:`coverage.engine.plan_fields`; this module only lays them out: box-like fields two to a
row, questions across the whole width.
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from app_pages.components.shared import Fields
from coverage.engine.plan_fields import FIELDS, FieldKind, PlanField, Section

#: Box-like fields sit two to a row; a yes/no question takes the whole row.
PER_ROW = 2


def _is_question(field: PlanField) -> bool:
    return field.kind is FieldKind.SWITCH or (field.kind is FieldKind.CHOICE and len(field.options) <= PER_ROW)


def draw_plan_field(fields: Fields, field: PlanField, *, key: str = "", label: str = "") -> None:
    """One plan setting's widget under ``key`` (default: its column name), with the registry's words."""
    key, label = key or field.name, label or field.label
    if field.kind is FieldKind.MONEY:
        fields.money(label, key, help=field.help, placeholder=field.blank or "0.00")
    elif field.kind is FieldKind.PERCENT:
        fields.percent(label, key, help=field.help)
    elif field.kind is FieldKind.COUNT:
        fields.count(label, key, help=field.help, placeholder=field.blank)
    elif field.kind is FieldKind.SWITCH and not field.radio:
        fields.check(label, key, help=field.help)
    elif field.kind in {FieldKind.SWITCH, FieldKind.CHOICE}:
        words = dict(field.options)
        values: list[object] = [True, False] if field.kind is FieldKind.SWITCH else list(words)
        shown = {
            value: words["true" if value is True else "false" if value is False else str(value)] for value in values
        }
        if _is_question(field):
            fields.choice(label, key, values, shown.__getitem__, help=field.help)
        else:
            fields.select(label, key, values, shown.__getitem__, help=field.help)
    else:
        placeholder = "01-01" if field.kind is FieldKind.MONTH_DAY else ""
        fields.text(label, key, help=field.help, max_chars=field.max_chars, placeholder=placeholder)


def draw_fields(fields: Fields, shown: Iterable[PlanField]) -> None:
    """``shown`` in order: runs of box-like fields two to a row, each question on a row of its own."""
    row: list[PlanField] = []

    def flush() -> None:
        for column, field in zip(st.columns(PER_ROW), row, strict=False):
            with column:
                draw_plan_field(fields, field)
        row.clear()

    for field in shown:
        if _is_question(field):
            flush()
            draw_plan_field(fields, field)
        else:
            row.append(field)
            if len(row) == PER_ROW:
                flush()
    flush()


def draw_plan_rules(fields: Fields) -> None:
    """Every plan setting but the id, section by section; terms whose switch is off are not asked."""
    for section in Section:
        st.markdown(f"**{section.value}**" + (f". {section.intro}" if section.intro else ""))
        asked = [
            field
            for field in FIELDS
            if field.section is section
            and field.name != "plan_id"
            and (not field.asked_when or st.session_state.get(field.asked_when) or field.name in fields.problems)
        ]
        draw_fields(fields, asked)
