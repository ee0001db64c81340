"""The Compare plans page's results: the headline, the ranking table, the bar chart and links into the estimate.

The table is an ``st.table``, whose cells wrap: in a data grid "Not covered" and the "Why" sentences were
cut off at 1280 pixels (issue 16).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from app_pages.components.compare_chart import totals_chart_spec
from app_pages.components.estimate_link import estimate_url
from app_pages.components.fee_sources import page_fee_sources
from app_pages.components.shared import UPLOADED_PLANS, catalog_plans, money_md
from app_pages.components.shared import escape_markdown as md
from coverage import Plan, PlanFileError, format_money
from coverage.engine.billed_services import FeeScheduleError
from coverage.engine.plan_ranking import compare_plans, in_order
from coverage.engine.year_cost import RankOrder
from coverage.forms.compare_form import CompareRequest
from coverage.views.comparison_reasons import why_it_costs
from coverage.views.plan_terms import count_of

ORDER_LABELS = {
    RankOrder.COURSE.value: "What this course costs",
    RankOrder.YEAR.value: "Premiums for the plan year + this course",
}
SHOW_CHART = "cmp_show_chart"


def _catalog() -> tuple[Sequence[Plan], str]:
    uploaded = st.session_state.get(UPLOADED_PLANS)
    if uploaded:
        return list(uploaded), "your uploaded catalog"
    return catalog_plans(), "the clinic's catalog"  # the same file and cache as the estimate page's


def _money_or_unknown(value: object) -> str:
    return money_md(value) if value is not None else "not known"  # type: ignore[arg-type]


def _table(shown: pd.DataFrame, request: CompareRequest, with_year: bool) -> None:
    rows = []
    for row in shown.to_dict("records"):
        cells = {
            "Rank": str(row["year_rank" if request.order is RankOrder.YEAR and with_year else "rank"] or "–"),
            "Plan": md(str(row["plan_name"])),
            "Patient pays": money_md(row["patient_total"]),
            "Plan pays": money_md(row["plan_total"]),
        }
        if with_year:
            cells["Premiums for the year"] = _money_or_unknown(row["year_premiums"])
            cells["Premiums + this course"] = _money_or_unknown(row["year_total"])
        cells["Visits not covered"] = str(row["visits_not_covered"])
        cells["Why"] = md(why_it_costs({str(k): v for k, v in row.items()}))
        cells["Open"] = f"[Open in estimate]({estimate_url(str(row['plan_id']), request.care, request.so_far)})"
        rows.append(cells)
    with st.container(key="cmp_table"):
        st.table(pd.DataFrame(rows), hide_index=True)


def _chart(shown: pd.DataFrame) -> None:
    box = st.expander("Picture: what the patient and the plan pay, plan by plan", key=SHOW_CHART, on_change="rerun")
    if not box.open:  # drawn only while open
        return
    rows = list(zip(shown["plan_name"], shown["patient_total"], shown["plan_total"], strict=True))
    with box:
        st.vega_lite_chart(
            spec=totals_chart_spec(rows),
            width="stretch",
            alt="Bar chart of what the patient and the plan pay for this course under each plan listed above.",
        )


def draw_ranking(request: CompareRequest) -> None:
    """The cheapest ``request.top`` plans for the request, in its order, why each costs what it does, those left out."""
    try:
        catalog, source = _catalog()
    except PlanFileError as exc:
        st.error(f"The plans file cannot be read: {md(str(exc))}")
        return
    if not catalog:
        st.info(f"There are no plans to compare: {source} holds none.")
        return
    fees = page_fee_sources()
    try:
        ranking = compare_plans(catalog, request.care, request.so_far, fees=fees)
    except FeeScheduleError as exc:  # codes that cannot be priced, or no fee schedules to price them
        st.error(md(f"The visits cannot be priced: {exc}"))
        return
    ranked = ranking[ranking["rank"].notna()]
    if len(ranked) == len(catalog):
        st.caption(f"Compared {count_of(len(ranked), 'plan')} from {source}.")
    else:
        st.caption(f"Compared {len(ranked)} of the {len(catalog)} plans from {source}.")
    if ranked.empty:
        st.warning("No plan can be compared: see why under each plan left out below.")
    else:
        with_year = bool(ranked["year_total"].notna().any())
        if with_year:
            st.radio(
                "Order the plans by",
                list(ORDER_LABELS),
                format_func=ORDER_LABELS.__getitem__,
                key="cmp_order",
                horizontal=True,
            )
        by_year = with_year and request.order is RankOrder.YEAR
        ordered = in_order(ranked, RankOrder.YEAR if by_year else RankOrder.COURSE)
        best = ordered.iloc[0]
        with st.container(key="cmp_best"):
            label = "Least over the plan year, premiums included" if by_year else "Least for the patient"
            st.metric(label, format_money(best["year_total" if by_year else "patient_total"]))
            st.markdown(md(str(best["plan_name"])))
        shown = ordered.head(request.top)
        _table(shown, request, with_year)
        _chart(shown)
        names = dict(zip(shown["plan_id"], shown["plan_name"], strict=True))
        chosen = st.selectbox(
            "Open a plan in the estimate page", list(names), format_func=names.__getitem__, key="cmp_open"
        )
        st.link_button("Open in the estimate page", estimate_url(str(chosen), request.care, request.so_far))
    left_out = ranking[ranking["rank"].isna()]
    if not left_out.empty:
        priced = left_out["pricing_problem"].notna().any()
        why = "their visits cannot be priced or " if priced else ""
        with st.expander(
            f"{count_of(len(left_out), 'plan')} left out: {why}the figures so far are above what they allow"
        ):
            columns = ["plan_id", "year_to_date_problem", "pricing_problem"]
            for plan_id, so_far, pricing in left_out[columns].itertuples(index=False):
                st.write(md(f"{plan_id}: {pricing if isinstance(pricing, str) else so_far}"))
