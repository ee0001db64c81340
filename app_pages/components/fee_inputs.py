"""The estimate page's inputs of how a visit is priced: codes and units or a typed rate, the locality, joint sessions.

Every value lands under the form key :func:`coverage.forms.estimate_form.read_form` reads (``pt_pricing``,
``pt_services``, ``pt_eval_services``, ``pt_minutes``, ``pt_visit_minutes``, ``locality``, ``co_treatment``...).
The code pickers and the state and locality pickers only write those keys (through
:func:`coverage.forms.visit_codes.with_codes` and :func:`coverage.fees.localities.locality_for_county`).
"""

from __future__ import annotations

import streamlit as st

from app_pages.components.fee_sources import code_label, known_codes
from app_pages.components.shared import PERSIST, Fields
from coverage.engine.billed_services import FeeScheduleError
from coverage.engine.plans import Discipline
from coverage.fees.course_pricing import FeeSources
from coverage.fees.localities import localities_in_state, locality_for_county, states
from coverage.forms.fields import course_form_values
from coverage.forms.request import default_course
from coverage.forms.visit_codes import FROM_CODES, LOCALITY, TYPED_RATE, codes_of, with_codes

_PRICING_WORDS = {FROM_CODES: "Price from the codes", TYPED_RATE: "A rate I type"}
STATE, PICKED_LOCALITY, COUNTY = "_locality_state", "_locality_pick", "_locality_county"


def _fill_blanks(discipline: Discipline) -> None:
    """The pricing choice changed: fill that choice's blank fields with the first-time values."""
    key = f"{discipline.lower()}_pricing"
    typical = course_form_values(discipline, default_course(discipline, from_codes=st.session_state[key] == FROM_CODES))
    for name, value in typical.items():
        if name != key and value not in ("", None) and st.session_state.get(name) in ("", None):
            st.session_state[name] = value


def _picked(pick_key: str, text_key: str) -> None:
    st.session_state[text_key] = with_codes(str(st.session_state.get(text_key) or ""), st.session_state[pick_key])


def _codes(fields: Fields, label: str, text_key: str, fees: FeeSources | None, *, help: str) -> None:
    """A multiselect of known codes that writes the notation field under it (where the units are typed)."""
    pick_key = f"_{text_key}_pick"
    typed = codes_of(str(st.session_state.get(text_key) or ""))
    st.session_state[pick_key] = typed
    st.multiselect(
        label,
        list(dict.fromkeys([*known_codes(fees), *typed])),
        format_func=code_label,
        key=pick_key,
        on_change=_picked,
        args=(pick_key, text_key),
        help="Pick the codes billed; their units are set in the box below.",
    )
    fields.text(f"{label}: codes and units", text_key, help=help, max_chars=200, placeholder="97110x2,97140")


def draw_course_pricing(fields: Fields, discipline: Discipline, fees: FeeSources | None) -> None:
    """One therapy's pricing: from the codes (pickers, units, minutes, visit length) or a typed rate."""
    d = discipline.lower()
    st.radio(
        "How is a visit priced?",
        [FROM_CODES, TYPED_RATE],
        format_func=_PRICING_WORDS.__getitem__,
        key=f"{d}_pricing",
        on_change=_fill_blanks,
        args=(discipline,),
        horizontal=True,
        persist_state=PERSIST,
        help="From the codes: the plan's fee schedule prices each code billed (Medicare's at the locality "
        "below, a percentage of it, or the clinic's contract). A rate I type: the allowed amount of a whole "
        "visit, as the clinic or insurer gave it; a typed rate always wins.",
    )
    fields.place(f"{d}_pricing", "How is a visit priced?")
    if st.session_state.get(f"{d}_pricing") != FROM_CODES:
        fields.money(
            "Visit rate",
            f"{d}_rate",
            help="The plan's allowed amount for a regular visit. The default is Medicare's national payment for a "
            "typical 45-minute visit (see the README). Ask the clinic: 'What is the allowed amount for a visit "
            "under my plan?'",
        )
        fields.money(
            "Evaluation rate (first visit)",
            f"{d}_eval",
            help="The first visit is usually an evaluation with its own rate. Blank: the first visit is a "
            "regular visit.",
            placeholder="no evaluation",
        )
        return
    _codes(
        fields,
        "A regular visit",
        f"{d}_services",
        fees,
        help="The codes of a regular visit with their units: 97110x2,97140 is two units of therapeutic "
        "exercise and one of manual therapy. A modifier after a dash: 97110-CQx2 (a PT assistant's).",
    )
    _codes(
        fields,
        "The evaluation (first visit)",
        f"{d}_eval_services",
        fees,
        help="The first visit's codes, such as 97162. Blank: the first visit is a regular visit.",
    )
    fields.text(
        "Minutes per timed code (optional)",
        f"{d}_minutes",
        help="When known: 97110=25,97140=15. The plan's unit rule turns them into units (Medicare's 8-minute "
        "rule: 8-22 minutes of timed care in the visit is 1 unit, 23-37 is 2, ...).",
        max_chars=120,
        placeholder="97110=25,97140=15",
    )
    fields.count(
        "A visit's length in minutes (optional)",
        f"{d}_visit_minutes",
        help="With no minutes per code, a visit of this length is shown as a low / likely / high range of units.",
        placeholder="not known",
    )


def _use_county(fees: FeeSources) -> None:
    try:
        found = locality_for_county(fees.medicare, st.session_state[STATE], st.session_state.get(COUNTY) or "")
    except FeeScheduleError:
        return  # the picker below still offers the state's localities
    st.session_state[PICKED_LOCALITY] = st.session_state[LOCALITY] = found.locality_id


def _use_state(fees: FeeSources) -> None:
    """A new state: its locality when one covers the rest of it (or all of it), else the picker's first."""
    try:
        found = locality_for_county(fees.medicare, st.session_state[STATE], "")
    except FeeScheduleError:
        in_state = localities_in_state(fees.medicare, st.session_state[STATE])
        st.session_state[LOCALITY] = in_state[0].locality_id if in_state else ""
    else:
        st.session_state[LOCALITY] = found.locality_id
    st.session_state.pop(PICKED_LOCALITY, None)


def _use_locality() -> None:
    st.session_state[LOCALITY] = st.session_state.get(PICKED_LOCALITY) or ""


def draw_locality(fields: Fields, fees: FeeSources | None) -> None:
    """The patient's Medicare locality: by state and county, or typed; blank is the clinic's."""
    clinic = fees.locality if fees is not None else None
    if fees is not None:
        schedule = fees.medicare
        current = str(st.session_state.get(LOCALITY) or "") or clinic or ""
        home = schedule.localities.get(current)
        codes = states(schedule)
        if home is not None:  # a locality typed, linked or the clinic's: both pickers show it, whatever state it is in
            st.session_state[STATE] = home.state
        elif st.session_state.get(STATE) not in codes:
            st.session_state[STATE] = codes[0]
        left, right = st.columns(2)
        left.selectbox(
            "Patient's state",
            codes,
            key=STATE,
            on_change=_use_state,
            args=(fees,),
            help="Where the patient lives (visits at home).",
        )
        right.text_input(
            "County (optional)",
            key=COUNTY,
            on_change=_use_county,
            args=(fees,),
            help="Type the county to find its locality.",
        )
        in_state = {loc.locality_id: str(loc) for loc in localities_in_state(schedule, st.session_state[STATE])}
        if current in in_state:
            st.session_state[PICKED_LOCALITY] = current
        elif st.session_state.get(PICKED_LOCALITY) not in in_state:
            st.session_state[PICKED_LOCALITY] = next(iter(in_state), None)
        st.selectbox(
            "Medicare locality",
            list(in_state),
            format_func=in_state.__getitem__,
            key=PICKED_LOCALITY,
            on_change=_use_locality,
            help="Medicare pays by locality: the amounts of the state's area the patient lives in.",
        )
    said = f"the clinic's, {clinic}" if clinic else "Medicare's national amounts, as the clinic has set none"
    fields.text(
        "Locality used",
        LOCALITY,
        help=f"<MAC>-<locality>, such as 10112-00. Blank: {said}.",
        max_chars=8,
        placeholder=clinic or "national",
    )


def _joint_minutes() -> None:
    """Joint sessions turned on: a 60-minute session split 30 / 30 until other minutes are typed."""
    for key, minutes in (("co_treatment_minutes", 60), ("co_treatment_pt_minutes", 30)):
        if st.session_state.get(key) is None:
            st.session_state[key] = minutes


def draw_joint_sessions(fields: Fields) -> None:
    """Joint PT and OT sessions (co-treatment), asked when both therapies are on."""
    label = "PT and OT see the patient together (joint sessions)"
    st.checkbox(
        label,
        key="co_treatment",
        on_change=_joint_minutes,
        persist_state=PERSIST,
        help="On a day with both, one session shared by the two therapists. Each bills only its own share of "
        "the minutes. Ask the insurer whether it pays co-treatment at all: some do not.",
    )
    fields.place("co_treatment", label)
    if not st.session_state.get("co_treatment"):
        return
    left, right = st.columns(2)
    with left:
        fields.count("Session minutes", "co_treatment_minutes", help="The joint session's length, 8 to 360.")
    with right:
        fields.count("PT's minutes of it", "co_treatment_pt_minutes", help="OT bills the rest.")
