"""The "Plan catalog" page: the plans, your own plans file for this session, staff mode and the fee schedules.

An uploaded file is parsed in memory (``coverage.catalog.uploads``) and kept only in this browser
session: ``st.session_state["uploaded_plans"]`` (a list of ``Plan``) and
``st.session_state["uploaded_plans_name"]``, which the estimate page uses instead of the
clinic's catalog until the user goes back to it. Nothing of it is written to disk.
"""

from __future__ import annotations

import math
import re
from typing import Any

import pandas as pd
import streamlit as st

from app_pages.components.catalog_editor import render_editor
from app_pages.components.fee_schedules_section import draw_fee_schedules
from app_pages.components.file_problems import show_problems
from app_pages.components.paths import PLANS_CSV_ENV, plans_csv_path
from app_pages.components.shared import escape_markdown as md
from app_pages.components.shared import file_stamp
from app_pages.components.staff_access import (
    MIN_PASSCODE_LENGTH,
    PASSCODE_ENV,
    PASSCODE_SECRET,
    AccessKind,
    StaffAccess,
    configured_passcode,
    logged_in_email,
    passcode_guard,
    staff_access,
    this_client,
)
from coverage.catalog.fee_schedule_store import fee_schedules_path
from coverage.catalog.loader import PlanFileError
from coverage.catalog.rows import plan_to_row, plans_to_csv
from coverage.catalog.store import Catalog, open_catalog
from coverage.catalog.uploads import UPLOAD_MAX_BYTES, UPLOAD_MAX_PLANS, parse_uploaded_plans
from coverage.engine.plans import Plan
from coverage.forms.fields import PLAN_FIELD_LABELS
from coverage.views.plan_terms import count_of

SHOWN_PROBLEMS = 20
_UPLOAD_ERROR = "catalog_upload_error"
_INITIALS = re.compile(r"[A-Za-z]{1,4}")


@st.cache_data(max_entries=4, show_spinner=False)
def _clinic_catalog(path: str, stamp: tuple[int, int, int]) -> Catalog:
    """The catalog file, read once per version of it (``stamp``: inode, size, modification time)."""
    return open_catalog(path)


def _upload_key() -> str:
    return f"catalog_upload_{st.session_state.catalog_upload_round}"


def _take_upload() -> None:
    uploaded = st.session_state.get(_upload_key())
    st.session_state.pop(_UPLOAD_ERROR, None)
    if uploaded is None:  # the user emptied the upload box: back to the clinic catalog
        _use_clinic_catalog()
        return
    name = uploaded.name[:80]
    try:
        plans = parse_uploaded_plans(uploaded.getvalue(), name=name)
    except PlanFileError as exc:
        st.session_state[_UPLOAD_ERROR] = exc
        return
    if not plans:
        st.session_state[_UPLOAD_ERROR] = PlanFileError(name, [])
        return
    st.session_state.uploaded_plans = plans
    st.session_state.uploaded_plans_name = name


def _use_clinic_catalog() -> None:
    for key in ("uploaded_plans", "uploaded_plans_name", _UPLOAD_ERROR):
        st.session_state.pop(key, None)
    st.session_state.catalog_upload_round += 1  # a fresh, empty upload box


def _show_table(plans: list[Plan] | tuple[Plan, ...]) -> None:
    """Every column of the file under a heading in plain words, the plan's name first.

    Not pinned: a pinned column is drawn in the grey of an index, which read as disabled (issue 16).
    """
    frame = pd.DataFrame([plan_to_row(p) for p in plans])
    frame = frame[["plan_name", *(c for c in frame.columns if c != "plan_name")]]
    headings = {
        "plan_id": "Plan ID",
        **{name: label[:1].upper() + label[1:] for name, label in PLAN_FIELD_LABELS.items()},
    }
    config: dict[str, Any] = {
        column: st.column_config.TextColumn(headings.get(column, column), help=f"plans.csv column {column}")
        for column in frame.columns
    }
    config["plan_name"] = st.column_config.TextColumn("Plan name", help="plans.csv column plan_name")
    st.dataframe(frame, hide_index=True, column_config=config)


def _show_upload_error(error: PlanFileError) -> None:
    if not error.problems:
        st.error(f"{md(error.source)} holds no plans: nothing changed.")
        return
    st.error(f"{md(error.source)} cannot be used ({count_of(len(error.problems), 'problem')}): nothing changed.")
    show_problems(error.problems[:SHOWN_PROBLEMS])


def _staff_section(clinic: Catalog) -> bool:
    """Staff mode: off, a way in, or the editor; True when the editor is shown (staff may edit)."""
    st.subheader("Staff: keep the clinic catalog")
    access = staff_access()
    if access.kind is AccessKind.OFF:
        _staff_mode_off(access)
        return False
    if access.kind is AccessKind.LOGIN:
        return _staff_login(clinic, access)
    if not st.session_state.staff_unlocked:
        _unlock_form()
        return False
    st.caption(f"Staff mode: your saves are recorded as {md(st.session_state.staff_saved_by)}.")
    render_editor(clinic.plans, clinic.version)
    return True


def _staff_mode_off(access: StaffAccess) -> None:
    if access.problem:
        st.warning(f"Staff editing is off: {md(access.problem)}.")
        return
    st.info("The catalog is read-only here: staff editing is off. Ask whoever runs this app to turn it on.")
    with st.expander("For whoever runs this app"):  # closed: a patient need not read about settings (issue 16)
        st.caption(
            f"To let staff add, edit and retire plans, set a staff passcode of at least {MIN_PASSCODE_LENGTH} "
            f"characters in the environment variable `{PASSCODE_ENV}` or as `{PASSCODE_SECRET}` in "
            f"`.streamlit/secrets.toml` (see `.streamlit/secrets.example.toml`), or the clinic's login (see "
            f"docs/staff-mode.md), then restart the app. The catalog file is read from `{PLANS_CSV_ENV}` "
            "when it is set."
        )


def _staff_login(clinic: Catalog, access: StaffAccess) -> bool:
    """Staff mode through the clinic's identity provider: only the listed staff e-mails may edit (True: editing)."""
    email, allowed = logged_in_email(access)
    login_args = (access.provider,) if access.provider else ()
    if email is None:
        st.write("Staff log in with the clinic's account to add, edit and retire plans.")
        st.button("Log in with the clinic's account", key="staff_login", on_click=st.login, args=login_args)
        return False
    if not allowed:
        st.warning(
            f"You are logged in as {md(email or 'an account without an e-mail')}, which is not on this clinic's "
            "list of staff e-mails (or the "
            "login service has not verified it): the catalog stays read-only. Ask whoever runs the app to add it."
        )
        st.button("Log out", key="staff_logout", on_click=st.logout)
        return False
    st.session_state.staff_unlocked = True
    st.session_state.staff_saved_by = email
    st.caption(f"Logged in as {md(email)}: your saves are recorded under this e-mail.")
    st.button("Log out", key="staff_logout", on_click=st.logout)
    render_editor(clinic.plans, clinic.version)
    return True


def _unlock_form() -> None:
    with st.form("staff_unlock_form", clear_on_submit=True):
        st.text_input("Staff passcode", type="password", key="staff_passcode_typed")
        st.text_input("Your initials (recorded with every save you make)", max_chars=4, key="staff_initials_typed")
        st.form_submit_button("Unlock staff mode", key="staff_unlock", on_click=_unlock)
    refusal = st.session_state.get("staff_refusal")
    if refusal:
        st.error(refusal)


def _unlock() -> None:
    state = st.session_state
    typed = str(state.get("staff_passcode_typed") or "")
    initials = str(state.get("staff_initials_typed") or "").strip()
    passcode = configured_passcode()
    if passcode is None:
        return
    if not _INITIALS.fullmatch(initials):
        state.staff_refusal = "Type your initials (1 to 4 letters, such as KM): every save records who made it."
        return  # the passcode is not even tried: no wrong try is counted
    verdict = passcode_guard().check(typed, passcode, this_client())
    state.staff_unlocked = verdict.accepted
    if verdict.accepted:
        state.staff_refusal = ""
        state.staff_saved_by = initials.upper()
    elif not verdict.tried:
        state.staff_refusal = (
            f"Too many wrong passcodes: wait {_seconds(verdict.wait_seconds)}, then type the passcode again."
        )
    else:
        wait = f" Wait {_seconds(verdict.wait_seconds)} before the next try." if verdict.wait_seconds else ""
        state.staff_refusal = "That passcode is not right." + wait


def _seconds(wait: float) -> str:
    """A wait in whole seconds, rounded up, with its noun agreeing: '1 second', '4 seconds'."""
    return count_of(max(1, math.ceil(wait)), "second")


def draw_catalog_page() -> None:
    """The plan catalog page: the table, an own file for the session, staff mode, the fee schedules."""
    st.session_state.setdefault("staff_unlocked", False)
    st.session_state.setdefault("staff_saved_by", "")
    st.session_state.setdefault("catalog_upload_round", 0)
    st.title("Plan catalog")
    path = plans_csv_path()
    try:
        clinic = _clinic_catalog(str(path), file_stamp(path))
    except PlanFileError as exc:
        st.error(f"The clinic catalog cannot be read, so nothing can be shown or changed: {md(str(exc))}")
        st.caption(
            f"Earlier versions are kept in the history folder beside it. Its path can be set with `{PLANS_CSV_ENV}`."
        )
        st.stop()

    uploaded = st.session_state.get("uploaded_plans")
    if uploaded is not None:
        name = md(st.session_state.get("uploaded_plans_name", "your file"))
        st.info(f"This session uses your own file **{name}** ({len(uploaded)} plans). It is not saved anywhere.")
        st.button("Back to the clinic catalog", key="use_clinic_catalog", on_click=_use_clinic_catalog)
        _show_table(uploaded)
    else:
        st.caption(f"The clinic's catalog: {len(clinic.plans)} plans.")
        _show_table(clinic.plans)

    st.subheader("Use your own plans file for this session")
    st.write(
        f"Estimates in this browser tab then use your file's plans. It is read in memory only, never saved, and gone "
        f"when you close the tab. It needs exactly the clinic catalog's columns (download it as a template), at most "
        f"{UPLOAD_MAX_PLANS:,} plans and {UPLOAD_MAX_BYTES // 1024:,} KB."
    )
    st.download_button(
        "Download the clinic catalog (CSV)",
        plans_to_csv(clinic.plans),
        file_name="plans.csv",
        mime="text/csv",
        key="catalog_download",
        on_click="ignore",
    )
    st.file_uploader(
        "Your plans file (CSV)",
        type=["csv"],
        key=_upload_key(),
        on_change=_take_upload,
        max_upload_size=max(1, UPLOAD_MAX_BYTES // (1024 * 1024)),
    )
    if _UPLOAD_ERROR in st.session_state:
        _show_upload_error(st.session_state[_UPLOAD_ERROR])

    draw_fee_schedules(fee_schedules_path(path), staff=_staff_section(clinic))
