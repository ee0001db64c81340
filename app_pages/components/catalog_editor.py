"""Staff mode of the catalog page: add, edit and retire plans in the clinic's plans.csv.

Every change goes through the ``Plan`` model (field-level messages from
``coverage.engine.validation.field_problems``) and is saved with ``coverage.catalog.store.save_plans``
against the version of the catalog the form was filled from: when a colleague saved in between,
the save is refused with "the catalog changed" and a button to reload.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from pydantic import ValidationError
from pydantic_core import PydanticUndefined

from app_pages.components.paths import plans_csv_path
from app_pages.components.shared import escape_markdown as md
from coverage.catalog.edits import CatalogEditError, add_plan, edit_plan, retire_plan
from coverage.catalog.loader import ALL_PLAN_COLUMNS, PlanFileError
from coverage.catalog.rows import cell_text, plan_from_cells, plan_to_row
from coverage.catalog.store import CatalogChangedError, CatalogError, open_catalog, save_plans
from coverage.engine.plan_fields import FIELDS, FieldKind, PlanField, Section, names_of
from coverage.engine.plans import Plan
from coverage.engine.validation import field_problems

NEW_PLAN = "__new__"
SWITCHES = set(names_of(FieldKind.SWITCH))
#: Fields of the editor in pairs, section by section: Tab walks each row left to right, rows stay in line.
PER_ROW = 2
MAX_SINGLE_LINE = 120  # longer text (the notes) gets a text area


def _key(column: str) -> str:
    return f"staff_plan_{column}"


def fill_form(plan: Plan | None, version: str) -> None:
    """Put ``plan`` (None: a blank new plan) in the form, remembering the catalog version it came from."""
    state = st.session_state
    row = plan_to_row(plan, ALL_PLAN_COLUMNS) if plan is not None else _new_plan_row()
    for column, text in row.items():
        state[_key(column)] = text == "true" if column in SWITCHES else text
    state.staff_editing_id = plan.plan_id if plan is not None else None
    state.staff_opened_version = version
    state.staff_field_errors = {}
    state.staff_conflict = False


def _new_plan_row() -> dict[str, str]:
    defaults = {name: field.default for name, field in Plan.model_fields.items()}
    row = {c: "" if defaults[c] is PydanticUndefined else cell_text(defaults[c]) for c in ALL_PLAN_COLUMNS}
    # a required choice with no default (the payer type) starts on its first option
    return row | {f.name: f.options[0][0] for f in FIELDS if f.kind is FieldKind.CHOICE and not row[f.name]}


def _reload(keep_message: bool = False) -> None:
    try:
        catalog = open_catalog(plans_csv_path())
    except PlanFileError as exc:
        st.session_state.staff_message = ("error", f"The catalog cannot be read: {exc}")
        return
    pick = st.session_state.get("staff_pick", NEW_PLAN)
    plan = next((p for p in catalog.plans if p.plan_id == pick), None)
    st.session_state.staff_pick = plan.plan_id if plan is not None else NEW_PLAN
    fill_form(plan, catalog.version)
    if not keep_message:
        st.session_state.staff_message = ("info", "Reloaded the catalog as it is now.")


def _save() -> None:
    state = st.session_state
    cells = {c: cell_text(state[_key(c)]) for c in ALL_PLAN_COLUMNS}
    try:
        plan = plan_from_cells(cells)
    except ValidationError as exc:
        errors: dict[str, list[str]] = {}
        for column, message in field_problems(exc):
            errors.setdefault(column, []).append(message)
        state.staff_field_errors = {column: "; ".join(messages) for column, messages in errors.items()}
        state.staff_message = ("error", "Not saved: correct the fields marked below.")
        return
    state.staff_field_errors = {}
    editing = state.staff_editing_id
    _store(
        lambda plans: add_plan(plans, plan) if editing is None else edit_plan(plans, editing, plan),
        done=f"Saved {plan.plan_id}.",
        pick=plan.plan_id,
    )


def _retire() -> None:
    state = st.session_state
    editing = state.staff_editing_id
    if editing is None or not state.get("staff_retire_confirm"):
        state.staff_message = ("error", "Tick the box to confirm, then retire the plan.")
        return
    _store(lambda plans: retire_plan(plans, editing), done=f"Retired {editing}.", pick=NEW_PLAN)


def _store(change: Callable[[tuple[Plan, ...]], list[Plan]], *, done: str, pick: str) -> None:
    state = st.session_state
    path = plans_csv_path()
    try:
        current = open_catalog(path)
        if current.version != state.staff_opened_version:
            raise CatalogChangedError
        save_plans(
            path, change(current.plans), expected_version=state.staff_opened_version, saved_by=state.staff_saved_by
        )
    except CatalogChangedError:
        state.staff_conflict = True
        state.staff_message = (
            "warning",
            "Not saved: the catalog changed since you opened it (a colleague saved). "
            "Reload, then make your change again.",
        )
    except CatalogEditError as exc:
        state.staff_field_errors = {exc.field: exc.message}
        state.staff_message = ("error", "Not saved: correct the fields marked below.")
    except (CatalogError, PlanFileError) as exc:
        state.staff_message = ("error", f"Not saved: {exc}")
    else:
        state.staff_pick = pick
        _reload(keep_message=True)
        state.staff_message = ("success", f"{done} The previous catalog is kept in history/.")


def _lock() -> None:
    for key in [k for k in st.session_state if str(k).startswith("staff_")]:
        del st.session_state[key]
    st.session_state.staff_unlocked = False


def render_editor(plans: tuple[Plan, ...], version: str) -> None:
    """The staff controls: pick a plan or a new one, its fields, save, retire, reload, leave."""
    state = st.session_state
    if _key("plan_id") not in state:  # first time here, or back from another page
        fill_form(None, version)
    names = {p.plan_id: p.plan_name for p in plans}
    options = [NEW_PLAN, *names]
    if state.get("staff_pick") not in options:
        state.staff_pick = NEW_PLAN
    st.selectbox(
        "Plan to change",
        options,
        key="staff_pick",
        filter_mode="contains",  # typed letters must appear in the name, in one piece
        on_change=_reload,
        kwargs={"keep_message": True},
        format_func=lambda o: "A new plan" if o == NEW_PLAN else f"{names[o]} ({o})",
    )
    kind, text = state.get("staff_message") or ("", "")
    if kind:
        getattr(st, kind)(md(text))
    if state.get("staff_conflict"):
        st.button("Reload the catalog", key="staff_reload", on_click=_reload)
    _form()
    if state.staff_editing_id is not None:
        st.checkbox(f"Yes, retire {md(state.staff_editing_id)}: take it out of the catalog", key="staff_retire_confirm")
        st.button("Retire this plan", key="staff_retire", on_click=_retire)
    st.button("Leave staff mode", key="staff_lock", on_click=_lock)


def _form() -> None:
    errors: dict[str, str] = st.session_state.get("staff_field_errors", {})
    with st.form("staff_plan_form"):
        for section in Section:
            st.markdown(f"**{section.value}**")
            fields = [f for f in FIELDS if f.section is section and f.name in ALL_PLAN_COLUMNS]
            for start in range(0, len(fields), PER_ROW):
                row = fields[start : start + PER_ROW]
                for column, field in zip(st.columns(PER_ROW), row, strict=False):
                    with column:
                        _field(field)
                        if field.name in errors:
                            st.error(md(errors[field.name]))
        st.form_submit_button("Save plan", key="staff_save", type="primary", on_click=_save)


def _field(field: PlanField) -> None:
    key = _key(field.name)
    if field.kind is FieldKind.SWITCH:
        st.checkbox(field.staff, key=key)
    elif field.kind is FieldKind.CHOICE:
        words = dict(field.options)
        st.selectbox(field.staff, list(words), key=key, format_func=lambda cell: words[cell])
    elif field.max_chars > MAX_SINGLE_LINE:
        st.text_area(field.staff, key=key, max_chars=field.max_chars, height=68)
    else:
        st.text_input(field.staff, key=key, max_chars=max(field.max_chars, MAX_SINGLE_LINE))
