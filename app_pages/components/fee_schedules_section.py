"""The "Fee schedules" section of the catalog page: the clinic's schedules, and (staff) their rows to edit.

The file is ``fee_schedules.csv`` beside the clinic's plans.csv
(:func:`coverage.catalog.fee_schedule_store.fee_schedules_path`). The list is
:func:`coverage.views.fee_schedule_listing.fee_schedule_listing`. In staff mode every row is
editable as text in a table (rates too: the parser reads them with the money helpers) and saved
with :func:`coverage.catalog.fee_schedule_store.save_fee_schedules` against the version the table
was filled from, recorded under the name staff unlocked with. A bad cell is listed by line and
column and nothing is written; a colleague's save in between is never overwritten.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from app_pages.components.file_problems import show_problems
from app_pages.components.shared import escape_markdown as md
from app_pages.components.shared import file_stamp
from coverage.catalog.fee_schedule_store import (
    FeeScheduleFile,
    open_fee_schedules,
    save_fee_schedules,
    schedule_cells,
)
from coverage.catalog.store import CatalogChangedError, CatalogError
from coverage.fees.clinic_schedule import COLUMNS
from coverage.fees.problems import FeeScheduleFileError
from coverage.views.fee_schedule_listing import fee_schedule_listing
from coverage.views.plan_terms import count_of

SHOWN_PROBLEMS = 20
HEADINGS = {"schedule_id": "Schedule", "codes": "Codes", "source": "Source", "date": "Date"}
_CELL_HELP = {
    "schedule_id": "the schedule's id, such as acme-2026 (a plan's fee_schedule setting names it)",
    "code": "the billing code, such as 97110",
    "modifier": "blank for any, or two letters such as CQ for an assistant's visit",
    "rate": "the allowed amount per unit in dollars, such as 31.50",
    "notes": "where the rate comes from",
}


@st.cache_data(max_entries=4, show_spinner=False)
def _fee_file(path: str, stamp: tuple[int, int, int]) -> FeeScheduleFile:
    """The fee schedules file, read once per version of it (``stamp``: inode, size, modification time)."""
    return open_fee_schedules(path)


def draw_fee_schedules(path: Path, *, staff: bool) -> None:
    """The section: the list of schedules, then, when ``staff`` is in staff mode, the rows' editor."""
    st.subheader("Fee schedules")
    try:
        current = _fee_file(str(path), file_stamp(path))
    except FeeScheduleFileError as exc:
        st.error(f"{md(path.name)} cannot be used, so no fee schedule is listed or priced from it.")
        show_problems(exc.problems[:SHOWN_PROBLEMS])
        st.caption("Correct it, or copy an earlier version from the history folder beside it over it.")
        return
    summaries = fee_schedule_listing(current.schedules)
    if summaries:
        frame = pd.DataFrame([summary.model_dump() for summary in summaries])
        config: dict[str, Any] = {name: st.column_config.TextColumn(label) for name, label in HEADINGS.items()}
        config["codes"] = st.column_config.NumberColumn("Codes", help="billing codes with a rate")
        st.dataframe(frame, hide_index=True, column_config=config)
    else:
        st.caption(f"The clinic has no fee schedule of its own yet ({md(path.name)} beside plans.csv).")
    if staff:
        _editor(path, current)


def _fill(current: FeeScheduleFile) -> None:
    """Put the file's rows in the table, remembering the version they came from; a fresh table widget."""
    state = st.session_state
    state.staff_fees_rows = [dict(zip(COLUMNS, cells, strict=True)) for cells in schedule_cells(current.schedules)]
    state.staff_fees_version = current.version
    state.staff_fees_round = state.get("staff_fees_round", 0) + 1
    state.staff_fees_conflict = False
    state.staff_fees_problems = ()


def _reload(path: Path) -> None:
    try:
        _fill(open_fee_schedules(path))
    except FeeScheduleFileError as exc:
        st.session_state.staff_fees_message = ("error", f"{path.name} cannot be read: {exc}")
        return
    st.session_state.staff_fees_message = ("info", "Reloaded the fee schedules as they are now.")


def _editor(path: Path, current: FeeScheduleFile) -> None:
    state = st.session_state
    if "staff_fees_version" not in state:  # first time here, or back after leaving staff mode
        _fill(current)
    st.markdown(f"**Staff: edit {md(path.name)}**")
    st.caption(
        "One row per rate: the schedule, the code, a modifier (blank for any), the rate per unit and a note. "
        "Add a row at the bottom of the table; select rows to delete them. Nothing is saved until you press Save."
    )
    frame = pd.DataFrame(state.staff_fees_rows, columns=list(COLUMNS), dtype="string")
    edited = st.data_editor(
        frame,
        key=f"staff_fees_table_{state.staff_fees_round}",
        num_rows="dynamic",
        hide_index=True,
        column_config={name: st.column_config.TextColumn(name, help=_CELL_HELP[name]) for name in COLUMNS},
    )
    kind, text = state.get("staff_fees_message") or ("", "")
    if kind:
        getattr(st, kind)(md(text))
    if state.staff_fees_problems:
        show_problems(state.staff_fees_problems[:SHOWN_PROBLEMS])
        st.caption("Line 1 of the file is its header, so line 2 is the first row of the table, line 3 the second...")
    if state.staff_fees_conflict:
        st.button("Reload the fee schedules", key="staff_fees_reload", on_click=_reload, args=(path,))
    if st.button("Save fee schedules", key="staff_fees_save", type="primary"):
        _save(path, edited)
        st.rerun()


def _save(path: Path, edited: pd.DataFrame) -> None:
    state = st.session_state
    rows = [
        ["" if pd.isna(cell) else str(cell) for cell in row] for row in edited[list(COLUMNS)].itertuples(index=False)
    ]
    state.staff_fees_problems = ()
    try:
        save_fee_schedules(path, rows, expected_version=state.staff_fees_version, saved_by=state.staff_saved_by)
    except FeeScheduleFileError as exc:
        state.staff_fees_problems = exc.problems
        state.staff_fees_message = (
            "error",
            f"Not saved ({count_of(len(exc.problems), 'problem')}): correct the cells listed below.",
        )
    except CatalogChangedError:
        state.staff_fees_conflict = True
        state.staff_fees_message = (
            "warning",
            "Not saved: the fee schedules changed since you opened them (a colleague or an import saved). "
            "Reload, then make your change again.",
        )
    except CatalogError as exc:
        state.staff_fees_message = ("error", f"Not saved: {exc}")
    else:
        _fill(open_fee_schedules(path))
        state.staff_fees_message = ("success", f"Saved {path.name}. The previous version is kept in history/.")
