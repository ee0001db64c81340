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
from coverage.engine.plans import CopayTiming, PayerType, Plan
from coverage.engine.validation import field_problems

NEW_PLAN = "__new__"
CHOICES = {"payer_type": [p.value for p in PayerType], "copay_timing": [t.value for t in CopayTiming]}
SWITCHES = {name for name, field in Plan.model_fields.items() if field.annotation is bool}
LABELS = {
    "plan_id": "Plan ID: short and unique (letters, digits, - _ .)",
    "plan_name": "Plan name, as people see it",
    "payer_type": "Payer type",
    "plan_year_start": "Plan year starts (MM-DD)",
    "deductible": "Deductible, dollars a plan year",
    "oop_max": "Out-of-pocket maximum, dollars (blank: none)",
    "deductible_applies": "Therapy visits go toward the deductible first",
    "copay_timing": "When the copay starts",
    "ot_copay": "OT copay a visit, dollars",
    "pt_copay": "PT copay a visit, dollars",
    "ot_coinsurance_pct": "OT coinsurance, percent",
    "pt_coinsurance_pct": "PT coinsurance, percent",
    "ot_visit_limit": "OT visits a plan year (blank: no limit)",
    "pt_visit_limit": "PT visits a plan year (blank: no limit)",
    "combined_visit_limit": "Visits a plan year shared by OT, PT and other therapies (blank: no limit)",
    "same_day_counts_once": "A PT and an OT visit on one day count once in the shared limit",
    "one_copay_per_day": "Only one copay a day across OT and PT",
    "auth_after_visits": "Prior authorization after this many visits of one therapy (blank: never)",
    "referral_required": "A doctor's referral is required",
    "therapy_threshold": "Medicare therapy (KX) threshold, dollars (blank: none)",
    "notes": "Notes: what the payer said",
    "oon_covered": "Out of network: the plan pays toward therapy",
    "oon_deductible": "Out-of-network deductible, dollars",
    "oon_oop_max": "Out-of-network out-of-pocket maximum, dollars (blank: none)",
    "oon_ot_copay": "Out-of-network OT copay, dollars",
    "oon_pt_copay": "Out-of-network PT copay, dollars",
    "oon_ot_coinsurance_pct": "Out-of-network OT coinsurance, percent",
    "oon_pt_coinsurance_pct": "Out-of-network PT coinsurance, percent",
    "oon_counts_toward_in_network": "In- and out-of-network spending fill one deductible and one maximum",
}


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
    return row | {"payer_type": PayerType.COMMERCIAL.value}


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
    boxes = [c for c in ALL_PLAN_COLUMNS if c not in SWITCHES and c != "notes"]
    with st.form("staff_plan_form"):
        columns = st.columns(3)
        for n, column in enumerate([*boxes, *sorted(SWITCHES, key=ALL_PLAN_COLUMNS.index), "notes"]):
            with columns[n % 3] if n < len(boxes) else st.container():
                _field(column)
                if column in errors:
                    st.error(md(errors[column]))
        st.form_submit_button("Save plan", key="staff_save", type="primary", on_click=_save)


def _field(column: str) -> None:
    label, key = LABELS[column], _key(column)
    if column in SWITCHES:
        st.checkbox(label, key=key)
    elif column in CHOICES:
        st.selectbox(label, CHOICES[column], key=key)
    elif column == "notes":
        st.text_area(label, key=key, max_chars=500)
    else:
        st.text_input(label, key=key, max_chars=120)
