"""The estimate page's "Import the eligibility response (271)": upload or paste, and the form fills itself.

One form (so a paste is one submit) takes the payer's 271 as a file or as text. Its callback reads it
with :func:`coverage.eligibility.fill_from_271`, lets :func:`coverage.forms.eligibility_fill.import_response`
decide which form keys take which value (staff's typed values win; conflicts wait for a choice), and
seeds them before the page is drawn. Under the form: the response's date and trace number, each filled
field with the benefit lines it came from, a radio per conflict, the lines not used.

Privacy: the uploaded bytes and the pasted text are dropped in the callback (the upload is removed from
Streamlit's file store and its widget replaced, the text area emptied). The member's name, date of birth
and member id are held in session state only from the callback to the run that shows them, which takes
them out; nothing of them reaches the form, the share link or a log.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

import streamlit as st
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

from app_pages.components.shared import escape_markdown, form_state, money_md, seed
from coverage import Plan
from coverage.eligibility import EligibilityFileError, Member, fill_from_271
from coverage.engine.notices import format_day
from coverage.forms.eligibility_fill import (
    EligibilityImport,
    FieldState,
    ImportedField,
    choose,
    field_state,
    import_response,
    untouched_values,
)
from coverage.forms.fields import ACCUMULATOR_MONEY, FORM_KEYS, PLAN_MONEY, PLAN_PERCENT
from coverage.forms.verification import EligibilityResponse

SHOW_IMPORT = "show_eligibility_import"  # the expander
PASTE, REPLACE_TYPED, SUBMIT = "eligibility_paste", "eligibility_replace_typed", "eligibility_import"
#: The last import (figures and benefit lines only, no member): the list under the form and the next import's rule.
IMPORTED = "_eligibility_imported"
_ROUND, _MEMBER_ONCE, _ERROR = "_eligibility_upload_round", "_eligibility_member_once", "_eligibility_error"
CONFLICT_PREFIX = "eligibility_conflict_"
#: What one caller's import leaves in the session; the "Next caller" button forgets them.
IMPORT_KEYS = (IMPORTED, _MEMBER_ONCE, _ERROR, PASTE, REPLACE_TYPED)


def upload_key() -> str:
    """The file uploader's key this round (a new key after each import drops the uploaded file)."""
    return f"eligibility_file_{st.session_state.get(_ROUND, 0)}"


def imported_response() -> EligibilityResponse | None:
    """The 271 the form's figures came from (payer, date, trace number), for the verification record."""
    imported = st.session_state.get(IMPORTED)
    return imported.response if isinstance(imported, EligibilityImport) else None


def forget_import() -> None:
    """Drop what the last caller's import left (in a callback, such as the "Next caller" button's)."""
    state = st.session_state
    for key in [*IMPORT_KEYS, *(k for k in state if str(k).startswith(CONFLICT_PREFIX))]:
        state.pop(key, None)


def _drop_upload(upload: Any) -> None:
    """Take the uploaded file out of Streamlit's in-memory file store (the browser's copy is the person's)."""
    ctx = get_script_run_ctx()
    if upload is not None and ctx is not None and isinstance(ctx.uploaded_file_mgr, MemoryUploadedFileManager):
        ctx.uploaded_file_mgr.remove_file(session_id=ctx.session_id, file_id=upload.file_id)


def _import(plans: Sequence[Plan], open_sections: Sequence[str]) -> None:
    """The form was sent: read the file or the text, fill the form, drop the bytes."""
    state = st.session_state
    key = upload_key()
    upload, text = state.get(key), str(state.get(PASTE) or "")
    data: bytes | str | None = upload.getvalue() if upload is not None else text if text.strip() else None
    _drop_upload(upload)
    state[_ROUND] = state.get(_ROUND, 0) + 1  # a new uploader: the old one's file leaves the session
    state[PASTE] = ""
    if data is None:
        state[_ERROR] = "Choose the 271 file or paste its text, then press Import."
        return
    try:
        fill = fill_from_271(data)
    except EligibilityFileError as exc:
        state[_ERROR] = f"The eligibility response cannot be used: {exc}"
        return
    finally:
        del data
    last = state.get(IMPORTED)
    imported = import_response(
        fill,
        form_state(FORM_KEYS),
        untouched=untouched_values(str(state.get("plan")), plans),
        last_import=last.values_to_fill() if isinstance(last, EligibilityImport) else None,
        replace_typed=bool(state.get(REPLACE_TYPED)),
    )
    for old in [k for k in state if str(k).startswith(CONFLICT_PREFIX)]:
        del state[old]
    seed(imported.values_to_fill())
    state[IMPORTED] = imported
    state[_MEMBER_ONCE] = fill.member  # shown by the next run, which takes it out
    for section in open_sections:
        state[section] = True


def _choose(key: str) -> None:
    """Staff chose one of a conflict's values: it fills the field."""
    state = st.session_state
    imported = choose(state[IMPORTED], key, state.get(CONFLICT_PREFIX + key))
    state[IMPORTED] = imported
    if key in (chosen := imported.values_to_fill()):
        state[key] = chosen[key]


def value_words(key: str, value: Any) -> str:
    """A form value for the list, ready for Markdown: ``$1,500.00``, ``20 %``, ``yes``, ``blank``."""
    if value is None or value == "":
        return "blank"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if key in (*PLAN_MONEY, *ACCUMULATOR_MONEY) or key.startswith("family_"):
        try:
            return money_md(Decimal(str(value)))
        except ArithmeticError:
            pass
    return escape_markdown(f"{value} %" if key in PLAN_PERCENT else str(value))


def draw_eligibility_import(plans: Sequence[Plan], *, open_sections: Sequence[str] = ()) -> None:
    """The import section: the form, then what the last import filled (``open_sections`` open on import)."""
    member = st.session_state.pop(_MEMBER_ONCE, None)  # on screen in this run only
    error = st.session_state.pop(_ERROR, None)
    box = st.expander("Import the eligibility response (271)", key=SHOW_IMPORT, on_change="rerun")
    if not box.open:
        return
    with box:
        st.caption(
            "The clearinghouse's or payer portal's answer to the benefits check (X12 271). It fills the plan's "
            "numbers (of the plan picked above, or 'Enter my plan's numbers') and the figures so far. Values you "
            "typed, say after a phone call, stay; every field stays editable."
        )
        with st.form("eligibility_import_form", border=False):
            st.file_uploader("The 271 file", key=upload_key(), help="Read in memory and dropped: never saved.")
            st.text_area("Or paste its text", key=PASTE, height=100, placeholder="ISA*00*...")
            st.checkbox("Replace the values typed on the form too", key=REPLACE_TYPED)
            st.form_submit_button("Import", key=SUBMIT, on_click=_import, args=(plans, open_sections))
        if error:
            st.error(escape_markdown(error))
        imported = st.session_state.get(IMPORTED)
        if isinstance(imported, EligibilityImport):
            _draw_imported(imported, member if isinstance(member, Member) else None)


def _draw_imported(imported: EligibilityImport, member: Member | None) -> None:
    st.success(escape_markdown(f"Imported {imported.response.words()}.") + _plan_words(imported))
    if member is not None and (member.name or member.member_id):
        born = f", born {format_day(member.date_of_birth)}" if member.date_of_birth else ""
        st.info(
            escape_markdown(f"The response is for {member.name}{born}, member id {member.member_id}.")
            + " Check it is the patient you are estimating for. Shown now only: not kept."
        )
    for conflict in imported.conflicts:
        options = conflict.options
        st.radio(
            f"{conflict.label}: the response gives different values. Choose one",
            list(range(len(options))),
            index=None,
            format_func=_option_words(options),
            key=CONFLICT_PREFIX + conflict.key,
            on_change=_choose,
            args=(conflict.key,),
        )
    st.markdown("**Filled from the response**\n\n" + (_field_lines(imported.fields) or "nothing"))
    if imported.not_on_form:
        st.caption("Read, but the estimate has no field for it yet:\n\n" + _field_lines(imported.not_on_form))
    if imported.unmapped:
        st.caption("Lines not used:\n\n" + "\n".join(f"- {escape_markdown(u)}" for u in imported.unmapped))
    for problem in imported.problems:
        st.warning(escape_markdown(problem))


def _option_words(options: Sequence[ImportedField]) -> Callable[[int], str]:
    def words(index: int) -> str:
        option = options[index]
        return f"{value_words(option.key, option.value)}, from {escape_markdown('; '.join(option.sources))}"

    return words


def _plan_words(imported: EligibilityImport) -> str:
    return f" Plan: {escape_markdown(imported.plan_name)}." if imported.plan_name else ""


def _field_lines(fields: Sequence[ImportedField]) -> str:
    lines = []
    for field in fields:
        shown = value_words(field.key, field.value)
        current = st.session_state.get(field.key)
        state = field_state(field, current)
        if state is FieldState.KEPT:
            shown = f"{value_words(field.key, field.staff_value)} (your value, kept; the response says {shown})"
        elif state is FieldState.CHANGED and field.key in st.session_state:
            shown = f"{value_words(field.key, current)} (changed since the import, which gave {shown})"
        sources = "; ".join(field.sources)
        lines.append(f"- **{escape_markdown(field.label)}**: {shown}. From {escape_markdown(sources)}")
    return "\n".join(lines)
