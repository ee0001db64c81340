"""The estimate page's front-desk panel: today's figures before the first visit, visits left, what to arrange."""

from __future__ import annotations

import streamlit as st

from app_pages.components.metric_rows import metric_columns
from app_pages.components.shared import escape_markdown, money_md
from coverage import NoticeKind, format_money
from coverage.engine.notices import format_day
from coverage.engine.plans import DISCIPLINES
from coverage.views.page_overview import Overview


def draw_front_desk(view: Overview) -> None:
    """The panel the front desk reads on the phone: what to collect today, what is left, what to arrange."""
    desk = view.front_desk
    with st.container(border=True, key="front_desk"):
        st.markdown("**Front desk: today, before the first visit**")
        parts = " + ".join(
            f"{v.discipline} visit {v.visit_number} {money_md(v.patient_pays)}" for v in desk.first_day_visits
        )
        with st.container(key="collect_first_day"):
            st.metric(
                f"Collect today: {desk.first_day_therapies}",
                format_money(desk.collect_first_day),
                help=f"Every visit of the first day, {format_day(desk.first_day)}: {parts}.",
            )
        # Two to a row, not three: at 1280 pixels a third of the column cut "Out-of-pocket maximum" short (issue 16).
        second, third = metric_columns(2, desk.deductible_left, desk.oop_left or desk.deductible_left)
        if desk.deductible_applies:
            second.metric("Deductible left", format_money(desk.deductible_left))
        else:  # short values: a metric does not wrap
            second.metric("Deductible for therapy", "none", help="Therapy visits do not go toward a deductible.")
        if desk.oop_left is None:
            third.metric("Out-of-pocket maximum", "none", help="This plan sets no most you pay in a year.")
        else:
            third.metric("Out-of-pocket left", format_money(desk.oop_left))
        if not desk.plan_covers_visits:  # "What to know" says why; here, what it means at the desk
            st.markdown("No visit is covered: collect each visit's self-pay rate.")
            if not view.estimate.care.in_network and view.estimate.plan.covers_visits:  # not for self-pay
                st.caption(
                    "If the plan does pay for out-of-network therapy, say so under Your plan's rules, Out of "
                    "network, and type its out-of-network terms."
                )
            return
        care = view.estimate.care
        st.markdown(
            "Visits left this plan year: "
            + desk.visits_left_words(d for d in DISCIPLINES if care.course(d) is not None)
            + (f" ({'; '.join(desk.limit_counting)})" if desk.limit_counting else "")
        )
        asks = [n for n in view.estimate.notices if n.kind in _DESK_ASKS]
        if asks:
            st.markdown("To arrange: " + " ".join(escape_markdown(n.message) for n in asks))


#: Notices that ask the desk to arrange something before a visit.
_DESK_ASKS = {NoticeKind.REFERRAL_REQUIRED, NoticeKind.PRIOR_AUTHORIZATION}
