"""Compare plans: every catalog plan ranked by what this plan of care costs, or by a plan year with premiums.

Its inputs (keys ``cmp_``) are read by :func:`coverage.forms.compare_form.read_compare_form` before they are
drawn, so each message sits under its field; the ranking is :mod:`app_pages.components.compare_results`.
The inputs live in the address too (``/compare?pt=2x8&start=...``, the estimate link's parameter names;
see :mod:`coverage.forms.compare_form`), so a comparison can be shared and opened again.
"""

from __future__ import annotations

import streamlit as st

from app_pages.components.compare_results import draw_ranking
from app_pages.components.shared import Fields, clinic_today, escape_markdown, form_state, seed
from coverage.engine.care import EARLIEST_START, LATEST_START
from coverage.forms.compare_form import (
    COMPARE_PARAMS,
    CompareRequest,
    compare_form_values,
    compare_link_params,
    default_compare_request,
    parse_compare_link,
    read_compare_form,
)
from coverage.forms.estimate_form import FormError
from coverage.forms.share_link import ShareLinkError, single_values
from coverage.forms.visit_codes import FROM_CODES, TYPED_RATE

SEEDED, LINK_WRITTEN, NOTICE = "_cmp_seeded", "_cmp_link_written", "_cmp_link_notice"


def _load_scenario() -> None:
    """Fill the form from the address when it carries a comparison the page did not write, else once with defaults."""
    state = st.session_state
    params = st.query_params.to_dict()
    link_is_new = any(name in COMPARE_PARAMS for name in params) and params != state.get(LINK_WRITTEN)
    if SEEDED in state and not link_is_new:
        return
    request = default_compare_request(clinic_today())
    state.pop(NOTICE, None)
    if link_is_new:
        every = {name: st.query_params.get_all(name) for name in st.query_params}
        try:
            request = parse_compare_link(single_values(every, COMPARE_PARAMS), clinic_today())
        except ShareLinkError as exc:
            state[NOTICE] = (f"This link could not be used ({exc}), so the page shows the standard example.", request)
    seed(compare_form_values(request))
    state[SEEDED] = True


def _read() -> tuple[CompareRequest | None, Fields]:
    values = form_state(compare_form_values(default_compare_request(clinic_today())))
    try:
        return read_compare_form(values), Fields()
    except FormError as exc:
        return None, Fields(exc.problems)


def _course(fields: Fields, name: str, label: str) -> None:
    fields.switch(label, f"cmp_{name}_on", help=f"Turn on if the plan of care includes {label}.")
    if not st.session_state.get(f"cmp_{name}_on"):
        return
    fields.context = f"{name.upper()} "
    fields.count("Visits a week", f"cmp_{name}_per_week", help="1 to 7.")
    fields.count("Weeks", f"cmp_{name}_weeks", help="How many weeks the course lasts, 1 to 52.")
    fields.choice(
        "How is a visit priced?",
        f"cmp_{name}_pricing",
        [FROM_CODES, TYPED_RATE],
        {FROM_CODES: "From the codes", TYPED_RATE: "A rate I type"}.__getitem__,
        help="From the codes: each plan's fee schedule prices them (plans paying alike share one price). "
        "A rate I type: the same allowed amount under every plan.",
    )
    if st.session_state.get(f"cmp_{name}_pricing") == FROM_CODES:
        fields.text(
            "A regular visit's codes and units",
            f"cmp_{name}_services",
            help="Such as 97110x2,97140.",
            max_chars=200,
            placeholder="97110x2,97140",
        )
        fields.text(
            "The evaluation's codes",
            f"cmp_{name}_eval_services",
            help="Such as 97162. Blank: the first visit is a regular visit.",
            max_chars=200,
        )
    else:
        fields.money("Visit rate", f"cmp_{name}_rate", help="The allowed amount for a regular visit.")
        fields.money(
            "Evaluation rate (first visit)",
            f"cmp_{name}_eval",
            help="Blank: the first visit is a regular visit.",
            placeholder="no evaluation",
        )
    fields.money(
        "Self-pay rate",
        f"cmp_{name}_self_pay",
        help="What a visit costs when the plan does not pay. Blank: the visit rate.",
        placeholder="same as the visit rate",
    )
    fields.context = ""


def _inputs(fields: Fields) -> None:
    fields.day("First visit", "cmp_start", help="The date of the first visit.", first=EARLIEST_START, last=LATEST_START)
    left, right = st.columns(2)
    with left:
        _course(fields, "pt", "Physical therapy (PT)")
    with right:
        _course(fields, "ot", "Occupational therapy (OT)")
    fields.place("cmp_care")
    if any(st.session_state.get(f"cmp_{name}_pricing") == FROM_CODES for name in ("pt", "ot")):
        fields.text(
            "Medicare locality where the visits are priced (optional)",
            "cmp_locality",
            help="As <MAC>-<locality>, such as 10112-00 (the estimate page finds it from a state and county). "
            "Blank: the clinic's locality, else Medicare's national amounts.",
            max_chars=8,
            placeholder="the clinic's",
        )
    so_far_keys = ("cmp_deductible_met", "cmp_oop_met", "cmp_pt_visits_used", "cmp_ot_visits_used")
    with st.expander(
        "So far this plan year (from the benefits call)", expanded=bool(set(fields.problems) & set(so_far_keys))
    ):
        fields.money("Deductible met", "cmp_deductible_met", help="How much of the deductible is met this year.")
        fields.money("Out-of-pocket met", "cmp_oop_met", help="How much is paid toward the maximum this year.")
        fields.count("PT visits used", "cmp_pt_visits_used", help="0 to 999.")
        fields.count("OT visits used", "cmp_ot_visits_used", help="0 to 999.")
        fields.count(
            "Other visits in a shared limit (speech, chiropractic)", "cmp_other_pool_visits_used", help="0 to 999."
        )
    fields.count("Show the cheapest", "cmp_top", help="How many plans to list, 1 to 100.")


def draw_compare_page() -> None:
    """The Compare plans page: its inputs, the cheapest plans and why, a picture, links into the estimate."""
    _load_scenario()
    st.title("Compare plans")
    st.caption(
        "Every plan of the catalog, ranked by what this plan of care costs the patient, or by a plan year's "
        "premiums plus the course when the catalog gives premiums."
    )
    request, fields = _read()
    notice = st.session_state.get(NOTICE)
    if notice is not None:
        if request is None or request == notice[1]:
            st.warning(escape_markdown(notice[0]))
        else:
            del st.session_state[NOTICE]
    _inputs(fields)
    if request is None:
        wrong = ", ".join(fields.wrong_fields())
        st.error(
            "Some fields need a fix before plans can be compared" + (f" ({escape_markdown(wrong)})" if wrong else "")
        )
        for _, message in fields.unplaced():
            st.info(escape_markdown(message[:1].upper() + message[1:] + "."))
        return
    link = compare_link_params(request)
    if st.query_params.to_dict() != link:
        st.query_params.from_dict(link)
    st.session_state[LINK_WRITTEN] = link
    draw_ranking(request)
