"""The estimate page: pick a plan, describe the therapy, see what the whole course costs.

Reads the widgets, calls :func:`coverage.overview.overview` (one domain call, through
:func:`app_pages.worked_out.work_out`, which skips it when nothing changed), renders. The
scenario lives in the address's query parameters (see :mod:`coverage.share_link`), so a copied
link reproduces the estimate. The drawing lives in estimate_inputs.py and estimate_results.py,
so this script stays short (Streamlit compiles the page script on every rerun).

Session state other pages may read: ``estimate_request`` (the last valid
:class:`coverage.EstimateRequest`) and ``estimate`` (its :class:`coverage.Estimate`).
"""

from __future__ import annotations

import streamlit as st

from app_pages.estimate_inputs import LINK_WRITTEN, NOTICE, draw_inputs, load_scenario
from app_pages.estimate_results import draw_results
from app_pages.shared import Fields, current_plans, escape_markdown
from app_pages.take_home import render_take_home
from app_pages.worked_out import work_out
from coverage import Estimate

st.title("What will this therapy cost?", anchor=False)
st.caption(
    "A whole course of physical or occupational therapy, visit by visit, under your plan's rules. "
    "An estimate, not a guarantee: your insurer decides what it pays."
)
plans = current_plans()
load_scenario(plans)
estimate: Estimate | None = None
worked = work_out(plans)  # the form read and the estimate worked out, once for each change
request, view = worked.request, worked.view
fields = Fields(worked.problems)
notice = st.empty()
inputs, results = st.columns(2, gap="large")
with inputs:
    draw_inputs(fields, plans)

if request is None or view is None:
    with results:
        wrong = ", ".join(fields.wrong_fields())
        st.error(
            "Some fields need a fix before the estimate can be worked out"
            + (f" ({escape_markdown(wrong)})" if wrong else "")
            + ": see the message under each."
        )
        for key, message in fields.unplaced():
            st.error(escape_markdown(f"{key}: {message}"))
else:
    if NOTICE in st.session_state:
        sentence, fallback = st.session_state[NOTICE]
        if request == fallback:  # shown until the person changes something
            notice.warning(escape_markdown(sentence))
        else:
            del st.session_state[NOTICE]
    estimate = view.estimate
    st.session_state["estimate_request"] = request
    st.session_state["estimate"] = estimate
    if st.query_params.to_dict() != view.share_link:
        st.query_params.from_dict(view.share_link)
    st.session_state[LINK_WRITTEN] = view.share_link
    draw_results(view, results, worked.key)

# ---------------------------------------------------------------- take-home
if estimate is not None:
    render_take_home(estimate)
