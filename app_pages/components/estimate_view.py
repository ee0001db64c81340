"""The estimate page: pick a plan, describe the therapy, see what the whole course costs.

Reads the widgets, calls :func:`coverage.views.page_overview.overview` (one domain call, through
:func:`app_pages.components.worked_out.work_out`, which skips it when nothing changed), renders. The
scenario lives in the address's query parameters (see :mod:`coverage.forms.share_link`), so a copied
link reproduces the estimate. The drawing lives in estimate_inputs.py and estimate_results.py.
The page script, estimate.py, only calls :func:`draw_estimate_page`: Streamlit's test runner
compiles a page script afresh on every rerun, an imported module once.

Speed a person feels (issue 16; ``scripts/bench_browser.py``, headless Chromium on the 2-core machine while
other work ran on it, load average 5 to 10, so every figure is slower than on a quiet machine; medians of 3
tabs and 6 changes): against a bare Streamlit script (one number input, one metric), (a) opening the page to
the total visible went from 5.4x to 1.7-2.1x and (b) a new number of weeks to the new total from 6.8x to
1.65-2.7x (the bare app: 3.5-4.3 s and 0.26-0.32 s). The floor, this page's inputs drawn with no results,
measures 1.5-2.0x and 1.6-2.7x by itself: above the goal of 1.25x and 1.5x by 20-60 % for (a), so no page
with these inputs can reach it; the app is within about 15-40 % of the floor for (a) and at or under it for
(b). What moved the figures:

- the share link was an ``st.code`` box, whose syntax highlighter is the heaviest script a first visit
  loads; it held the total back by seconds (25 s to 8 s under load). It is plain wrapping text now;
- the chart, the visit table (with its download) and the explanation are drawn only when opened, so a rerun
  sends far fewer elements ((b) from 1.9 s to 0.7 s);
- the results column is filled before the inputs beside it: Streamlit sends elements in the order the script
  draws them, so the new total reaches the browser before some fifty input fields (which is also why the
  app's (b) can be under the floor's, whose metric comes after its inputs).

``st.fragment`` was not used: every measured change is to an input, which reruns the whole page anyway.

Session state other pages may read: ``estimate_request`` (the last valid
:class:`coverage.EstimateRequest`) and ``estimate`` (its :class:`coverage.Estimate`).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from app_pages.components.estimate_inputs import LINK_WRITTEN, NOTICE, draw_inputs, load_scenario
from app_pages.components.estimate_results import draw_results
from app_pages.components.fee_sources import page_fee_sources
from app_pages.components.price_visit_panel import draw_price_visit
from app_pages.components.shared import Fields, current_plans, escape_markdown
from app_pages.components.take_home import render_take_home
from app_pages.components.worked_out import work_out
from coverage import EstimateRequest, Plan


def draw_estimate_page() -> None:
    """The whole estimate page, top to bottom."""
    st.title("What will this therapy cost?", anchor=False)
    st.caption(
        "A whole course of physical or occupational therapy, visit by visit, under your plan's rules. "
        "An estimate, not a guarantee: your insurer decides what it pays."
    )
    plans = current_plans()
    load_scenario(plans)
    fees = page_fee_sources()  # built once per version of the fee schedule files; a broken file is said here
    worked = work_out(plans, fees)  # the form read and the estimate worked out, once for each change
    fields = Fields(worked.problems)
    notice = st.empty()
    inputs, results = st.columns(2, gap="large")
    if worked.request is None or worked.view is None:
        with inputs:
            draw_inputs(fields, plans)
        with results:
            _what_to_fix(fields)
        draw_price_visit(fees)
        return
    _link_notice(notice, worked.request)
    view = worked.view
    st.session_state["estimate_request"] = worked.request
    st.session_state["estimate"] = view.estimate
    if st.query_params.to_dict() != view.share_link:
        st.query_params.from_dict(view.share_link)
    st.session_state[LINK_WRITTEN] = view.share_link
    # The results column is filled before the inputs beside it: Streamlit sends elements as the script draws
    # them, so the total reaches the browser first, before some fifty input fields (issue 16, speed).
    draw_results(view, results, worked.key, then=lambda: _inputs_in(inputs, fields, plans))
    draw_price_visit(fees)
    render_take_home(view.estimate)


def _inputs_in(column: Any, fields: Fields, plans: list[Plan]) -> None:
    with column:
        draw_inputs(fields, plans)


def _what_to_fix(fields: Fields) -> None:
    wrong = ", ".join(fields.wrong_fields())
    st.error(
        "Some fields need a fix before the estimate can be worked out"
        + (f" ({escape_markdown(wrong)})" if wrong else "")
        + ": see the message under each."
    )
    for key, message in fields.unplaced():
        st.error(escape_markdown(f"{key}: {message}"))


def _link_notice(notice: Any, request: EstimateRequest) -> None:
    """Why a link was not used, shown until the person changes something."""
    if NOTICE not in st.session_state:
        return
    sentence, fallback = st.session_state[NOTICE]
    if request == fallback:
        notice.warning(escape_markdown(sentence))
    else:
        del st.session_state[NOTICE]
