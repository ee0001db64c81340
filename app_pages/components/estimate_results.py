"""The estimate page's results: headline figures, front desk, notices, comparison, chart, table, explanations."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from app_pages.components.charts import cost_chart_spec
from app_pages.components.network_results import draw_networks
from app_pages.components.shared import escape_markdown, money_md
from coverage import NoticeKind, format_money
from coverage.engine.notices import format_day
from coverage.engine.plans import Discipline
from coverage.forms.fields import PLAN_FIELD_LABELS
from coverage.views.explain import explain_visit, visit_title
from coverage.views.page_overview import Overview


def _headline(view: Overview) -> None:
    result, desk = view.estimate, view.front_desk
    columns = st.columns(2 if result.secondary is None else 3)
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
    for column, (discipline, amount) in zip(st.columns(2), after, strict=False):
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


def _front_desk(view: Overview) -> None:
    desk = view.front_desk
    with st.container(border=True, key="front_desk"):
        st.markdown("**Front desk: today, before the first visit**")
        nxt = desk.next_visit
        first, second, third = st.columns(3)
        first.metric(f"Collect at {nxt.discipline} visit {nxt.visit_number}", format_money(nxt.patient_pays))
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
        own: tuple[tuple[Discipline, int | None], ...] = (("PT", desk.pt_visits_left), ("OT", desk.ot_visits_left))
        left: list[tuple[str, int | None]] = [(name, count) for name, count in own if care.course(name) is not None]
        left += [("PT and OT together", desk.pool_visits_left)]
        st.markdown(
            "Visits left this plan year: "
            + "; ".join(f"{name} {'no limit' if count is None else count}" for name, count in left)
            + (f" ({'; '.join(desk.limit_counting)})" if desk.limit_counting else "")
        )
        asks = [n for n in view.estimate.notices if n.kind in _DESK_ASKS]
        if asks:
            st.markdown("To arrange: " + " ".join(escape_markdown(n.message) for n in asks))


#: Notices that ask the desk to arrange something before a visit.
_DESK_ASKS = {NoticeKind.REFERRAL_REQUIRED, NoticeKind.PRIOR_AUTHORIZATION}


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
    picked = st.selectbox(
        "How was this visit figured?",
        list(position),
        format_func=lambda name: (
            f"{visit_title(visits[position[name]])}: you pay {format_money(visits[position[name]].patient_pays)}"
            + ("" if visits[position[name]].covered else " (not covered)")
        ),
        key="explain_visit",
        help="Pick a visit to see its arithmetic.",
    )
    if picked in position:
        lines = explain_visit(view.estimate, position[picked])
        st.markdown("\n".join(f"- {escape_markdown(line)}" for line in lines))


def _share(view: Overview) -> None:
    query = urlencode(view.share_link)
    base = st.context.url or ""
    st.markdown("**Share this estimate**: the address in your browser's bar reproduces it, or copy this link.")
    # Not wrapped: a link broken mid-number is misread; the box scrolls sideways instead (the page does not).
    st.code(f"{base}?{query}", language=None, wrap_lines=False)


def draw_results(view: Overview, column: Any, key: str) -> None:
    """The headline and what to know in ``column``; the chart, the table and the explanations below.

    ``key`` names the figures (:attr:`app_pages.components.worked_out.WorkedOut.key`): the parts without a
    widget are drawn once for each key and replayed from Streamlit's cache on a rerun that changes
    no figure, which spares building the tables and the chart again.
    """
    with column:
        _summary(key, view)
    _figures(key, view)
    _download(view)
    explain, share = st.columns(2, gap="large")
    with explain:
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
    if view.changed_fields:
        changed = ", ".join(PLAN_FIELD_LABELS[name] for name in view.changed_fields)
        st.caption(f"Changed from the plan list for this estimate: {escape_markdown(changed)}.")
    _front_desk(view)
    _notices(view)
    _comparison(view)
    draw_networks(view)


@st.cache_data(show_spinner=False, max_entries=64)
def _figures(key: str, _view: Overview) -> None:
    """The chart and the visit table; ``key`` alone identifies them (``_view`` is not hashed)."""
    del key
    st.subheader("Paid so far, visit by visit", anchor=False)
    _chart(_view)
    st.subheader("Visit by visit", anchor=False)
    _visit_table(_view)
