"""The estimate page's results: headline figures, front desk, notices, comparison, chart, table, explanations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from app_pages.components.charts import cost_chart_spec
from app_pages.components.fee_results import draw_pricing, draw_range
from app_pages.components.front_desk import draw_front_desk
from app_pages.components.metric_rows import metric_columns
from app_pages.components.network_results import draw_networks
from app_pages.components.shared import UPLOADED_PLANS_NAME, escape_markdown, money_md
from coverage import format_money
from coverage.engine.notices import format_day
from coverage.forms.fields import PLAN_FIELD_LABELS
from coverage.forms.request import OWN_PLAN
from coverage.views.explain import explain_visit, visit_title
from coverage.views.page_overview import Overview


def _headline(view: Overview) -> None:
    result, desk = view.estimate, view.front_desk
    count = 2 if result.secondary is None else 3
    columns = metric_columns(count, result.patient_total, result.plan_total, result.total.secondary_pays)
    with columns[0], st.container(key="total_patient"):
        st.metric("You pay in total", format_money(result.patient_total))
    columns[1].metric("Your plan pays", format_money(result.plan_total))
    if result.secondary is not None:
        with columns[2], st.container(key="total_secondary"):
            st.metric(
                "Second insurance pays",
                format_money(result.total.secondary_pays),
                help=f"{result.secondary.plan.plan_name}: what it pays toward what your plan leaves you. "
                "What you pay in total is what is left after it.",
            )
    if result.total.balance_bill:
        st.caption(
            f"What you pay includes {money_md(result.total.balance_bill)} of balance bills: what the clinic charges "
            "above the plan's allowed amount out of network. They count toward no deductible or maximum."
        )
    after = sorted(desk.visit_after_deductible.items(), reverse=True)  # PT first, as in the form
    places = metric_columns(2, *desk.visit_after_deductible.values())
    for column, (discipline, amount) in zip(places, after, strict=False):
        # Said of a typical visit, not of every visit: a maximum or a new plan year can change what one costs.
        if desk.deductible_applies:
            which = f"{discipline} visit once the deductible is met"
        else:
            which = f"A {discipline} visit's copay and coinsurance"
        column.metric(
            which,
            format_money(amount),
            help="A regular visit's copay and coinsurance after the deductible is met, before any out-of-pocket "
            "maximum is reached or a second insurance pays; out of network with its balance bill.",
        )
    if result.secondary is not None:  # under the figures, not in their labels: a metric's label does not wrap
        st.caption("A visit's cost above is with your plan alone, before your second insurance pays.")
    total = result.total
    st.metric(
        "Visits the plan does not cover",
        f"{total.not_covered_visits} of {total.visits}",
        help="Visits past a visit limit, or every visit when no insurance pays. They cost the self-pay rate.",
    )


def _notices(view: Overview) -> None:
    st.markdown("**What to know**")
    if not view.estimate.notices:
        st.markdown("Nothing to watch for: no limit, maximum or authorization comes up in this course.")
        return
    st.markdown("\n".join(f"- {escape_markdown(notice.message)}" for notice in view.estimate.notices))


def _comparison(view: Overview) -> None:
    scenarios = view.comparison.scenarios
    if len(scenarios) < 2:
        st.caption("Turn on both PT and OT to see what adding the second therapy costs.")
        return
    st.markdown("**PT only, OT only, or both**")
    table = pd.DataFrame(
        {
            "Therapy": [s.label for s in scenarios],
            "You pay": [format_money(s.estimate.patient_total) for s in scenarios],
            "Plan pays": [format_money(s.estimate.plan_total) for s in scenarios],
            "Visits": [s.estimate.total.visits for s in scenarios],
            "Not covered": [s.estimate.total.not_covered_visits for s in scenarios],
        }
    )
    st.dataframe(table, hide_index=True, key="comparison", column_config=_right(["You pay", "Plan pays"]))
    for label, extra in view.comparison.cost_of_adding().items():
        other = "OT" if label.startswith("PT") else "PT"
        st.caption(f"Adding {other} to {label.removesuffix(' only')} adds {money_md(extra)} to what you pay.")


def _right(columns: list[str]) -> dict[str, Any]:
    return {name: st.column_config.TextColumn(name, alignment="right") for name in columns}


def _chart(view: Overview) -> None:
    st.vega_lite_chart(
        spec=cost_chart_spec(view.cost_so_far, view.milestones),
        width="stretch",
        alt=f"Line chart of what you and your plan have paid by each visit date; you pay "
        f"{format_money(view.estimate.patient_total)} in total. Dashed lines mark the milestones listed above.",
    )


def _visit_table(view: Overview) -> None:
    result = view.estimate
    amounts = [("Allowed", "allowed"), ("To deductible", "to_deductible"), ("Copay", "copay")]
    amounts += [("Coinsurance", "coinsurance")]
    amounts += [("Balance bill", "balance_bill")] if not result.care.in_network else []
    amounts += [("You pay", "patient_pays"), ("Plan pays", "plan_pays")]
    amounts += [("Second plan pays", "secondary_pays")] if result.secondary is not None else []
    rows = [
        {
            "Date": f"{v.date:%a} {format_day(v.date)}",
            "Visit": f"{v.discipline} {v.visit_number}" + (" (evaluation)" if v.is_evaluation else ""),
            "Covered": "yes" if v.covered else "no",
            **{name: format_money(getattr(v, field)) for name, field in amounts},
        }
        for v in result.visits
    ]
    money = [name for name, _ in amounts]
    config = _right(money) | {"Visit": st.column_config.TextColumn("Visit", width="medium")}  # "PT 1 (evaluation)"
    st.dataframe(pd.DataFrame(rows), hide_index=True, key="visits", height=320, column_config=config)


def _download(view: Overview) -> None:
    st.download_button(
        "Download the visit table (CSV)",
        data=lambda: view.csv,  # handed over only when clicked: nothing stored per rerun
        file_name="therapy-estimate.csv",
        mime="text/csv",
        key="download_csv",
        on_click="ignore",
        help="One line per visit, amounts in dollars and cents. Cells a spreadsheet could run as a formula "
        "are made safe.",
    )


def _explain(view: Overview) -> None:
    """Pick a visit by its name ("PT 4"), not its place in the list: it stays the same visit when the list changes."""
    visits = view.estimate.visits
    position = {f"{v.discipline} {v.visit_number}": index for index, v in enumerate(visits)}
    state = st.session_state
    if not state.get(_EXPLAIN_PICKED) or state.get("explain_visit") not in position:
        # Not picked by the person: the first visit in date order ("OT 1" once OT joins on the same day; issue 16).
        state["explain_visit"] = next(iter(position))
    picked = st.selectbox(
        "Visit",
        list(position),
        format_func=lambda name: (
            f"{visit_title(visits[position[name]])}: you pay {format_money(visits[position[name]].patient_pays)}"
            + ("" if visits[position[name]].covered else " (not covered)")
        ),
        key="explain_visit",
        on_change=_picked,
        help="Pick a visit to see its arithmetic.",
    )
    if picked in position:
        lines = explain_visit(view.estimate, position[picked])
        st.markdown("\n".join(f"- {escape_markdown(line)}" for line in lines))


#: True once the person has picked a visit to explain: until then the picker follows the first visit.
_EXPLAIN_PICKED = "_explain_visit_picked"


def _picked() -> None:
    st.session_state[_EXPLAIN_PICKED] = True


def _share(view: Overview) -> None:
    query = urlencode(view.share_link)
    base = st.context.url or ""
    st.markdown("**Share this estimate**: the address in your browser's bar reproduces it, or copy this link.")
    own_file = st.session_state.get(UPLOADED_PLANS_NAME)
    if own_file and view.share_link.get("plan") != OWN_PLAN:  # said before the link is sent (issue 16)
        st.warning(
            f"This link names a plan from your own file {escape_markdown(str(own_file))}: it opens only where "
            "that file is in use. Elsewhere the plan is not in the list; pick 'Enter my plan's numbers' to "
            "put the plan's terms in the link itself."
        )
    # Plain text that wraps, so the whole link is in view (a code box scrolling sideways read as cut off), and
    # not st.code: its syntax highlighter is the heaviest script a first visit loads, which held back the
    # total by seconds (issue 16). Select it to copy, or copy the address bar.
    with st.container(key="share_link", border=True):
        st.markdown(escape_markdown(f"{base}?{query}"))


def draw_results(view: Overview, column: Any, key: str, then: Callable[[], None] = lambda: None) -> None:
    """The headline and what to know in ``column``; ``then`` (the inputs beside them); the chart and the rest below.

    ``key`` names the figures (:attr:`app_pages.components.worked_out.WorkedOut.key`): the parts without a
    widget are drawn once for each key and replayed from Streamlit's cache on a rerun that changes
    no figure, which spares building the tables and the chart again.
    """
    with column:
        _summary(key, view)
    then()
    _figures(key, view)
    explain, share = st.columns(2, gap="large")
    with explain:
        box = st.expander("How was this visit figured?", key=SHOW_EXPLAIN, on_change="rerun")
        if box.open:  # drawn only while open: fewer elements on every rerun (issue 16, speed)
            with box:
                _explain(view)
    with share:
        _share(view)


@st.cache_data(show_spinner=False, max_entries=64)
def _summary(key: str, _view: Overview) -> None:
    """Headline, front desk, notices and side by sides; ``key`` alone identifies them (``_view`` is not hashed)."""
    del key
    view = _view
    for reminder in view.reminders:
        st.info(escape_markdown(reminder))
    _headline(view)
    draw_range(view)
    if view.changed_fields:
        changed = ", ".join(PLAN_FIELD_LABELS[name] for name in view.changed_fields)
        st.caption(f"Changed from the plan list for this estimate: {escape_markdown(changed)}.")
    draw_pricing(view)
    draw_front_desk(view)
    _notices(view)
    _comparison(view)
    draw_networks(view)


#: The sections of the chart and of the visit table: drawn only while open (issue 16, speed).
SHOW_CHART, SHOW_VISITS, SHOW_EXPLAIN = "show_chart", "show_visit_table", "show_explain"


def _figures(key: str, view: Overview) -> None:
    """The chart and the visit table, each in a section drawn only while it is open."""
    for label, section, draw in (
        ("Paid so far, visit by visit (chart)", SHOW_CHART, _chart),
        ("Visit by visit (table)", SHOW_VISITS, _visit_table),
    ):
        box = st.expander(label, key=section, on_change="rerun")
        if box.open:
            with box:
                _replayed(key, section, view, draw)
                if section == SHOW_VISITS:
                    _download(view)


@st.cache_data(show_spinner=False, max_entries=64)
def _replayed(key: str, section: str, _view: Overview, _draw: Callable[[Overview], None]) -> None:
    """``_draw(_view)``, replayed from the cache on a rerun that changes no figure (``key`` and ``section`` name it)."""
    del key, section
    _draw(_view)
