"""The estimate page: pick a plan, describe the therapy, see what the whole course costs.

Reads the widgets, calls :func:`coverage.overview.overview`, renders. The scenario lives in
the address's query parameters (see :mod:`coverage.share_link`), so a copied link
reproduces the estimate.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

import altair as alt
import pandas as pd
import streamlit as st

from app_pages.shared import Fields, current_plans, escape_markdown, money_md, seed
from coverage import CopayTiming, PayerType, Plan, format_money
from coverage.estimate_form import FormError, form_values, plan_form_values, read_form
from coverage.estimate_request import (
    EARLIEST_START,
    LATEST_START,
    OWN_PLAN,
    base_plan,
    default_request,
)
from coverage.explain import explain_visit, visit_title
from coverage.notices import format_day
from coverage.overview import Overview, overview
from coverage.share_link import ShareLinkError, is_share_link, parse_share_link

PAYER_LABELS = {
    PayerType.COMMERCIAL: "Commercial (employer or marketplace)",
    PayerType.MEDICARE: "Original Medicare",
    PayerType.MEDICARE_ADVANTAGE: "Medicare Advantage",
    PayerType.MEDICAID: "Medicaid",
    PayerType.SELF_PAY: "Self-pay (no insurance)",
}
SEEDED, LINK_WRITTEN, NOTICE = "_estimate_seeded", "_estimate_link_written", "_estimate_link_notice"
state = st.session_state
today = datetime.now(UTC).astimezone().date()


def _plan_label(plans: dict[str, Plan]) -> Any:
    def label(choice: str) -> str:
        if choice == OWN_PLAN:
            return "Enter my plan's numbers"
        plan = plans[choice]
        return f"{plan.plan_name} · {PAYER_LABELS[plan.payer_type]}"

    return label


def _use_plan(plans: list[Plan]) -> None:
    """The picker changed: fill every plan field with the picked plan's numbers."""
    plan = base_plan(state["plan"], plans)
    if plan is not None:
        seed(plan_form_values(plan))


def _load_scenario(plans: list[Plan]) -> None:
    """Fill the form from the address's link, or with the first-time defaults (a bad link says why)."""
    params = st.query_params.to_dict()
    link_is_new = is_share_link(params) and params != state.get(LINK_WRITTEN)
    plan_is_gone = SEEDED in state and base_plan(str(state.get("plan")), plans) is None
    if SEEDED in state and not link_is_new and not plan_is_gone:
        return
    request = default_request(plans, today)
    state.pop(NOTICE, None)
    if link_is_new:
        try:
            request = parse_share_link(params, plans, today=today)
        except ShareLinkError as exc:
            state[NOTICE] = (f"This link could not be used ({exc}), so the page shows the standard example.", request)
    elif plan_is_gone:
        state[NOTICE] = ("The plan you had picked is no longer in the plan list: pick one again.", request)
    seed(form_values(request))
    state[SEEDED] = True


# ---------------------------------------------------------------- inputs


def _plan_picker(fields: Fields, plans: list[Plan]) -> None:
    by_id = {plan.plan_id: plan for plan in plans}
    st.selectbox(
        "Your insurance plan",
        [*by_id, OWN_PLAN],
        format_func=_plan_label(by_id),
        key="plan",
        on_change=_use_plan,
        args=(plans,),
        help="Type to search by name. Not in the list? Choose 'Enter my plan's numbers' at the bottom "
        "and copy them from your plan summary (the 'Summary of Benefits and Coverage').",
        persist_state="session",
    )
    fields.place("plan")


def _care(fields: Fields) -> None:
    st.subheader("The therapy", anchor=False)
    fields.day(
        "First visit",
        "start_date",
        help="The date of the first visit. Visits then follow at the same pace every week.",
        first=EARLIEST_START,
        last=LATEST_START,
    )
    columns = st.columns(2)
    therapies = (("pt", "Physical therapy (PT)"), ("ot", "Occupational therapy (OT)"))
    for column, (discipline, name) in zip(columns, therapies, strict=True):
        with column.container(border=True):
            fields.switch(name, discipline, help=f"Turn on if your plan of care includes {name}.")
            off = not state.get(discipline)
            fields.count("Visits a week", f"{discipline}_visits_per_week", help="1 to 7.", disabled=off)
            fields.count("Weeks", f"{discipline}_weeks", help="How many weeks the course lasts, 1 to 52.", disabled=off)
            fields.money(
                "Visit rate",
                f"{discipline}_rate",
                help="The plan's allowed amount for a regular visit. The default is Medicare's national payment "
                "for a typical 45-minute visit (see the README). Ask the clinic: 'What is the allowed amount "
                "for a visit under my plan?'",
                disabled=off,
            )
            fields.money(
                "Evaluation rate (first visit)",
                f"{discipline}_eval",
                help="The first visit is usually an evaluation with its own rate. Blank: the first visit is a "
                "regular visit.",
                placeholder="no evaluation",
                disabled=off,
            )
            fields.money(
                "Self-pay rate",
                f"{discipline}_self_pay",
                help="What a visit costs you when the plan does not pay (for example after a visit limit runs "
                "out). Ask the clinic for its self-pay price. Blank: the visit rate.",
                placeholder="same as the visit rate",
                disabled=off,
            )
    fields.place("care")


def _pair() -> tuple[Any, Any]:
    left, right = st.columns(2)
    return left, right


def _plan_rules(fields: Fields) -> None:
    expanded = state.get("plan") == OWN_PLAN
    with st.expander("Your plan's rules: filled in from the plan, change any for this estimate", expanded=expanded):
        left, right = _pair()
        with left:
            fields.text("Plan name on this estimate", "plan_name", help="Shown on printouts.", max_chars=120)
        with right:
            st.selectbox(
                "Kind of coverage",
                list(PAYER_LABELS),
                format_func=lambda value: PAYER_LABELS[PayerType(value)],
                key="payer_type",
                help="Self-pay means no insurance pays: every visit is at the self-pay rate.",
                persist_state="session",
            )
            fields.place("payer_type")
        left, right = _pair()
        with left:
            fields.money(
                "Deductible",
                "deductible",
                help="What you pay each plan year before the plan starts sharing costs. Ask your insurer: "
                "'What is my deductible, and how much of it have I met?'",
            )
        with right:
            fields.money(
                "Out-of-pocket maximum",
                "oop_max",
                help="The most you pay for covered care in a plan year. Blank: no maximum (Original Medicare "
                "has none). Ask: 'What is my out-of-pocket maximum?'",
                placeholder="no maximum",
            )
        for discipline, name in (("pt", "PT"), ("ot", "OT")):
            left, right = _pair()
            with left:
                fields.money(
                    f"{name} copay per visit",
                    f"{discipline}_copay",
                    help=f"The fixed amount you pay for each {name} visit. Ask: 'What is my copay for an "
                    f"outpatient {name} visit?'",
                )
            with right:
                fields.percent(
                    f"{name} coinsurance (%)",
                    f"{discipline}_coinsurance_pct",
                    help=f"Your percentage of the allowed amount of each {name} visit, 0 to 100. Ask: 'Is there "
                    "coinsurance for therapy after the deductible?'",
                )
        fields.check(
            "Therapy visits count toward my deductible",
            "deductible_applies",
            help="Ask your insurer: 'Is outpatient physical and occupational therapy subject to the deductible?'",
        )
        fields.choice(
            "Does your copay start before you meet the deductible?",
            "copay_timing",
            [CopayTiming.AFTER_DEDUCTIBLE.value, CopayTiming.BEFORE_DEDUCTIBLE.value],
            {"after_deductible": "No, only after it", "before_deductible": "Yes, from the first visit"}.__getitem__,
            help="Ask: 'Do I pay the therapy copay before my deductible is met, or only after?'",
        )
        fields.choice(
            "One copay per day, or one per therapy?",
            "one_copay_per_day",
            [True, False],
            {True: "One per day", False: "One per therapy"}.__getitem__,
            help="Ask: 'If I have PT and OT on the same day, do I pay one copay or two?'",
        )
        st.markdown(
            "**Visit limits.** Do PT and OT share one visit limit? Put a shared limit under *PT and OT "
            "together*, separate limits under PT and OT. Blank means no limit."
        )
        limit_help = (
            "Ask: 'How many therapy visits a year does my plan cover? Is the limit shared by PT, OT and speech "
            "therapy?'"
        )
        for column, (key, label) in zip(
            st.columns(3),
            (
                ("pt_visit_limit", "PT visits a year"),
                ("ot_visit_limit", "OT visits a year"),
                ("combined_visit_limit", "PT and OT together"),
            ),
            strict=True,
        ):
            with column:
                fields.count(label, key, help=limit_help, placeholder="no limit")
        fields.choice(
            "Is a PT and an OT visit on the same day one visit or two?",
            "same_day_counts_once",
            [True, False],
            {True: "One visit", False: "Two visits"}.__getitem__,
            help="For a shared limit. Ask: 'If I see PT and OT on the same day, does that use one visit of my "
            "limit or two?'",
        )
        left, right = _pair()
        with left:
            fields.count(
                "Authorization needed after this many visits",
                "auth_after_visits",
                help="Counted for each therapy. Ask: 'Do PT or OT need prior authorization, and after how many "
                "visits?'",
                placeholder="not needed",
            )
        with right:
            fields.money(
                "Medicare therapy threshold (KX)",
                "therapy_threshold",
                help="Original Medicare: $2,480.00 in 2026 for PT and again for OT. Above it each claim needs the "
                "KX modifier, which says the therapy is medically necessary. Blank for other plans.",
                placeholder="none",
            )
        fields.check(
            "A doctor's referral is needed",
            "referral_required",
            help="Ask: 'Do I need a referral from my doctor for PT or OT?'",
        )
        left, right = _pair()
        with left:
            fields.text(
                "Plan year starts on (MM-DD)",
                "plan_year_start",
                help="Most plans start on 01-01; some employer plans on 07-01. Ask: 'When does my plan year start?'",
                max_chars=5,
                placeholder="01-01",
            )
        with right:
            fields.text("Notes", "notes", help="Anything else the insurer said.", max_chars=500)


def _so_far(fields: Fields) -> None:
    with st.expander("So far this year (skip if you do not know)", expanded=False):
        st.caption(
            "From your insurer's website or a call: what you have already paid and used since your plan year "
            "started. Leave 0 if you have not had care this year."
        )
        left, right = st.columns(2)
        with left:
            fields.money(
                "Deductible met so far",
                "deductible_met",
                help="Ask: 'How much of my deductible have I met this year?'",
            )
            fields.money(
                "Out-of-pocket paid so far",
                "oop_met",
                help="Ask: 'How much have I paid toward my out-of-pocket maximum this year?'",
            )
            fields.money(
                "Medicare: PT allowed amounts so far",
                "pt_threshold_used",
                help="Medicare only: ask 'How much of the therapy threshold has been used for PT this year?'",
            )
            fields.money(
                "Medicare: OT allowed amounts so far",
                "ot_threshold_used",
                help="Medicare only: ask 'How much of the therapy threshold has been used for OT this year?'",
            )
        with right:
            fields.count("PT visits used", "pt_visits_used", help="Ask: 'How many PT visits have I used this year?'")
            fields.count("OT visits used", "ot_visits_used", help="Ask: 'How many OT visits have I used this year?'")
            fields.count(
                "Other visits sharing the limit",
                "other_pool_visits_used",
                help="Visits of other therapies, such as speech therapy or chiropractic, that count toward the same "
                "shared limit. Ask: 'Which visits share my therapy limit, and how many are used?'",
            )


# ---------------------------------------------------------------- results


def _headline(view: Overview) -> None:
    result, desk = view.estimate, view.front_desk
    first, second = st.columns(2)
    with first, st.container(key="total_patient"):
        st.metric("You pay in total", format_money(result.patient_total))
    second.metric("Your plan pays", format_money(result.plan_total))
    after = sorted(desk.visit_after_deductible.items(), reverse=True)  # PT first, as in the form
    for column, (discipline, amount) in zip(st.columns(2), after, strict=False):
        column.metric(
            f"{discipline} visit once the deductible is met",
            format_money(amount),
            help="A regular visit's copay and coinsurance after the deductible is met, before any out-of-pocket "
            "maximum is reached.",
        )
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
        second.metric(
            "Deductible left",
            format_money(desk.deductible_left) if desk.deductible_applies else "does not apply",
        )
        third.metric("Out-of-pocket left", "none" if desk.oop_left is None else format_money(desk.oop_left))
        if not desk.plan_covers_visits:
            st.markdown("No insurance pays: every visit is at the self-pay rate.")
            return
        left = [
            ("PT", desk.pt_visits_left),
            ("OT", desk.ot_visits_left),
            ("PT and OT together", desk.pool_visits_left),
        ]
        st.markdown(
            "Visits left this plan year: "
            + "; ".join(f"{name} {'no limit' if count is None else count}" for name, count in left)
        )


def _notices(view: Overview) -> None:
    st.markdown("**What to know**")
    if not view.estimate.notices:
        st.markdown("Nothing to watch for: no limit, maximum or authorization comes up in this course.")
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
    points = [
        {"date": p.date.isoformat(), "who": who, "amount": float(str(amount))}
        for p in view.cost_so_far
        for who, amount in (("You", p.patient), ("Your plan", p.plan))
    ]
    marks = pd.DataFrame(
        [{"date": m.date.isoformat(), "milestone": m.name, "detail": m.message} for m in view.milestones],
        columns=["date", "milestone", "detail"],
    )
    x = alt.X("date:T", title="Visit date")
    lines = (
        alt.Chart(pd.DataFrame(points))
        .mark_line(point=True, interpolate="step-after")
        .encode(
            x=x,
            y=alt.Y("amount:Q", title="Paid so far ($)"),
            color=alt.Color("who:N", title=None, scale=alt.Scale(range=["#2f6f73", "#c08a3e"])),
            tooltip=[alt.Tooltip("date:T", title="Date"), "who:N", alt.Tooltip("amount:Q", format="$,.2f")],
        )
    )
    chart = lines
    if not marks.empty:
        rules = (
            alt.Chart(marks)
            .mark_rule(strokeDash=[4, 4], color="#7a7a7a")
            .encode(x=x, tooltip=[alt.Tooltip("milestone:N"), alt.Tooltip("detail:N")])
        )
        labels = (
            alt.Chart(marks)
            .mark_text(align="left", dx=4, dy=-6, color="#4a4a4a")
            .encode(x=x, y=alt.value(10), text="milestone:N")
        )
        chart = chart + rules + labels
    st.altair_chart(
        chart.properties(height=300),
        width="stretch",
        alt=f"Line chart of what you and your plan have paid by each visit date; you pay "
        f"{format_money(view.estimate.patient_total)} in total. Dashed lines mark the milestones listed above.",
    )


def _visit_table(view: Overview) -> None:
    money = ["Allowed", "To deductible", "Copay", "Coinsurance", "You pay", "Plan pays"]
    rows = [
        {
            "Date": f"{v.date:%a} {format_day(v.date)}",
            "Visit": f"{v.discipline} {v.visit_number}" + (" (evaluation)" if v.is_evaluation else ""),
            "Covered": "yes" if v.covered else "no",
            **dict(
                zip(
                    money,
                    (
                        format_money(x)
                        for x in (v.allowed, v.to_deductible, v.copay, v.coinsurance, v.patient_pays, v.plan_pays)
                    ),
                    strict=True,
                )
            ),
        }
        for v in view.estimate.visits
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, key="visits", height=320, column_config=_right(money))
    st.download_button(
        "Download the visit table (CSV)",
        view.csv,
        file_name="therapy-estimate.csv",
        mime="text/csv",
        key="download_csv",
        on_click="ignore",
        help="One line per visit, amounts in dollars and cents. Cells a spreadsheet could run as a formula "
        "are made safe.",
    )


def _explain(view: Overview) -> None:
    visits = view.estimate.visits
    index = st.selectbox(
        "How was this visit figured?",
        range(len(visits)),
        format_func=lambda i: f"{visit_title(visits[i])}: you pay {format_money(visits[i].patient_pays)}",
        key="explain_visit",
        help="Pick a visit to see its arithmetic.",
    )
    if index is not None and index < len(visits):
        st.markdown("\n".join(f"- {escape_markdown(line)}" for line in explain_visit(view.estimate, index)))


def _share(view: Overview) -> None:
    query = urlencode(view.share_link)
    base = st.context.url or ""
    st.markdown("**Share this estimate**: the address in your browser's bar reproduces it, or copy this link.")
    st.code(f"{base}?{query}", language=None, wrap_lines=True)


# ---------------------------------------------------------------- the page

st.title("What will this therapy cost?", anchor=False)
st.caption(
    "A whole course of physical or occupational therapy, visit by visit, under your plan's rules. "
    "An estimate, not a guarantee: your insurer decides what it pays."
)
plans = current_plans()
_load_scenario(plans)
notice = st.empty()
inputs, results = st.columns(2, gap="large")
fields = Fields()
with inputs:
    _plan_picker(fields, plans)
    _care(fields)
    _plan_rules(fields)
    _so_far(fields)

try:
    request = read_form(fields.values() | {"plan": state.get("plan")}, plans)
except FormError as exc:
    unplaced = fields.show_problems(exc.problems)
    with results:
        st.error("Some fields need a fix before the estimate can be worked out: see the messages under them.")
        for key, message in unplaced:
            st.error(escape_markdown(f"{key}: {message}"))
    st.stop()

if NOTICE in state:
    sentence, fallback = state[NOTICE]
    if request == fallback:  # shown until the person changes something
        notice.warning(escape_markdown(sentence))
    else:
        del state[NOTICE]

view = overview(request, plans)
state["estimate_request"] = request
link = view.share_link
if st.query_params.to_dict() != link:
    st.query_params.from_dict(link)
state[LINK_WRITTEN] = link

with results:
    _headline(view)
    if view.changed_fields:
        st.caption("Changed from the plan list for this estimate: " + ", ".join(view.changed_fields))
    _front_desk(view)
    _notices(view)
    _comparison(view)

st.subheader("Paid so far, visit by visit", anchor=False)
_chart(view)
st.subheader("Visit by visit", anchor=False)
_visit_table(view)
explain, share = st.columns(2, gap="large")
with explain:
    _explain(view)
with share:
    _share(view)

# ---------------------------------------------------------------- take-home
# The lead calls render_take_home(view.estimate) here (app_pages/take_home.py: printout and PDF).
