"""Compare plans: every catalog plan ranked by what this plan of care costs the patient.

Reads its own inputs (keys start with ``cmp_``), calls :func:`coverage.engine.plan_ranking`
once, and shows the cheapest plans with why each costs what it does, and a link
that opens a plan in the estimate page with the same inputs.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

import pandas as pd
import streamlit as st

from app_pages.components.estimate_link import estimate_url
from app_pages.components.shared import UPLOADED_PLANS, catalog_plans, clinic_today
from coverage import (
    Accumulators,
    CarePlan,
    Course,
    MoneyError,
    Plan,
    PlanFileError,
    format_money,
    parse_money,
)
from coverage.engine.plan_ranking import compare_plans
from coverage.forms.request import default_course, default_start
from coverage.views.comparison_reasons import why_it_costs
from coverage.views.plan_terms import count_of

_PT, _OT = default_course("PT"), default_course("OT")  # the same first course as the estimate page's
DEFAULTS: dict[str, object] = {
    "cmp_start": default_start(clinic_today()),  # next Monday
    "cmp_pt_on": True,
    "cmp_pt_per_week": _PT.visits_per_week,
    "cmp_pt_weeks": _PT.weeks,
    "cmp_pt_rate": str(_PT.visit_rate),
    "cmp_pt_eval": str(_PT.eval_rate or ""),
    "cmp_pt_self_pay": "",
    "cmp_ot_on": False,
    "cmp_ot_per_week": _OT.visits_per_week,
    "cmp_ot_weeks": _OT.weeks,
    "cmp_ot_rate": str(_OT.visit_rate),
    "cmp_ot_eval": str(_OT.eval_rate or ""),
    "cmp_ot_self_pay": "",
    "cmp_deductible_met": "0.00",
    "cmp_oop_met": "0.00",
    "cmp_ot_visits_used": 0,
    "cmp_pt_visits_used": 0,
    "cmp_other_pool_visits_used": 0,
    "cmp_top": 10,
}


def _catalog() -> tuple[Sequence[Plan], str]:
    uploaded = st.session_state.get(UPLOADED_PLANS)
    if uploaded:
        return list(uploaded), "your uploaded catalog"
    plans = catalog_plans()  # the same file and cache as the estimate page's
    return plans, "the clinic's catalog"


problems: list[str] = []


def _amount(label: str, key: str, *, blank_is_none: bool = False) -> Decimal | None:
    text = st.text_input(label, key=key)
    if blank_is_none and not text.strip():
        return None
    try:
        return parse_money(text)
    except MoneyError as exc:
        problems.append(f"{label}: {exc}")
        return None


def _course(name: str, label: str) -> Course | None:
    on = st.toggle(label, key=f"cmp_{name}_on")
    if not on:
        return None
    per_week = st.number_input("Visits a week", 1, 7, step=1, key=f"cmp_{name}_per_week")
    weeks = st.number_input("Weeks", 1, 52, step=1, key=f"cmp_{name}_weeks")
    rate = _amount("Visit rate", f"cmp_{name}_rate")  # the estimate page's words
    evaluation = _amount("Evaluation rate (first visit; blank if none)", f"cmp_{name}_eval", blank_is_none=True)
    self_pay = _amount("Self-pay rate (blank: the visit rate)", f"cmp_{name}_self_pay", blank_is_none=True)
    if rate is None:
        return None
    return Course(
        visits_per_week=int(per_week), weeks=int(weeks), visit_rate=rate, eval_rate=evaluation, self_pay_rate=self_pay
    )


def draw_compare_page() -> None:
    """The Compare plans page: its inputs, the cheapest plans and why, and links into the estimate."""
    for key, value in DEFAULTS.items():
        st.session_state.setdefault(key, value)
    problems.clear()
    st.title("Compare plans")
    st.caption("Every plan of the catalog, ranked by what this plan of care costs the patient.")
    start = st.date_input("First visit", key="cmp_start", format="MM/DD/YYYY")
    left, right = st.columns(2)
    with left:
        pt = _course("pt", "Physical therapy (PT)")
    with right:
        ot = _course("ot", "Occupational therapy (OT)")
    with st.expander("So far this plan year (from the benefits call)"):
        deductible_met = _amount("Deductible met", "cmp_deductible_met")
        oop_met = _amount("Out-of-pocket met", "cmp_oop_met")
        visits_used = {
            field: int(st.number_input(label, 0, 999, step=1, key=f"cmp_{field}"))
            for field, label in (
                ("pt_visits_used", "PT visits used"),
                ("ot_visits_used", "OT visits used"),
                ("other_pool_visits_used", "Other visits in a shared limit (speech, chiropractic)"),
            )
        }
    top = int(st.number_input("Show the cheapest", 1, 100, step=1, key="cmp_top"))

    if problems:
        for problem in problems:
            st.error(problem.replace("$", "\\$"))
        st.stop()
    if pt is None and ot is None:
        st.info("Turn on PT, OT or both to compare plans.")
        st.stop()
    assert isinstance(start, date)  # a single date_input with a date value
    care = CarePlan(start_date=start, pt=pt, ot=ot)
    so_far = Accumulators(deductible_met=deductible_met or Decimal(0), oop_met=oop_met or Decimal(0), **visits_used)
    _draw_ranking(care, so_far, top)


def _draw_ranking(care: CarePlan, so_far: Accumulators, top: int) -> None:
    """The cheapest ``top`` plans for ``care``, why each costs what it does, and the plans left out."""
    try:
        catalog, source = _catalog()
    except PlanFileError as exc:
        st.error(f"The plans file cannot be read: {exc}".replace("$", "\\$"))
        st.stop()

    if not catalog:
        st.info(f"There are no plans to compare: {source} holds none.")
        st.stop()
    ranking = compare_plans(catalog, care, so_far)
    ranked = ranking[ranking["rank"].notna()]
    st.caption(f"Compared {count_of(len(ranked), 'plan')} from {source}.")
    if ranked.empty:
        st.warning("No plan can be compared: the figures so far are above every plan's deductible or maximum.")
    else:
        best = ranked.iloc[0]
        with st.container(key="cmp_best"):
            name = str(best["plan_name"]).replace("$", "\\$")  # a plan name such as "Gold $25/$50" is not LaTeX
            st.metric(f"Least for the patient: {name}", format_money(best["patient_total"]))
        shown = ranked.head(top)
        table = pd.DataFrame(
            {
                "Rank": shown["rank"].astype(int),
                "Plan": shown["plan_name"],
                "Patient pays": [format_money(v) for v in shown["patient_total"]],
                "Plan pays": [format_money(v) for v in shown["plan_total"]],
                "Not covered": shown["visits_not_covered"],
                "Open": [estimate_url(plan_id, care, so_far) for plan_id in shown["plan_id"]],
                "Why": [
                    why_it_costs({str(k): v for k, v in row.items()}) for row in shown.to_dict("records")
                ],  # last: long
            }
        )
        st.dataframe(
            table,
            hide_index=True,
            column_config={
                "Rank": st.column_config.NumberColumn(width="small"),
                "Why": st.column_config.TextColumn(width="large"),
                "Not covered": st.column_config.NumberColumn(help="Visits the plan does not cover", width="small"),
                "Open": st.column_config.LinkColumn("Open", display_text="Open in estimate"),
            },
        )
        names = dict(zip(shown["plan_id"], shown["plan_name"], strict=True))
        chosen = st.selectbox(
            "Open a plan in the estimate page", list(names), format_func=names.__getitem__, key="cmp_open"
        )
        st.link_button("Open in the estimate page", estimate_url(str(chosen), care, so_far))
    left_out = ranking[ranking["rank"].isna()]
    if not left_out.empty:
        with st.expander(f"{count_of(len(left_out), 'plan')} left out: the figures so far are above what they allow"):
            for plan_id, problem in left_out[["plan_id", "year_to_date_problem"]].itertuples(index=False):
                st.write(f"{plan_id}: {problem}".replace("$", "\\$"))
