"""The estimate page's inputs: the plan picker, the therapy, the plan's rules and the year so far.

Every input has a key named after the field it sets; the values are read by
:func:`coverage.forms.estimate_form.read_form`, never here.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from app_pages.components.network_inputs import (
    billed_charge,
    network_question,
    out_of_network_terms,
)
from app_pages.components.next_caller import next_caller_button
from app_pages.components.second_insurance_inputs import draw_second_insurance
from app_pages.components.shared import Fields, clinic_today, seed
from app_pages.components.year_so_far_inputs import SO_FAR_LABEL, draw_so_far
from coverage import CopayTiming, PayerType, Plan
from coverage.engine.care import EARLIEST_START, LATEST_START
from coverage.forms.fields import (
    ACCUMULATOR_FIELDS,
    PLAN_FIELDS,
    SECONDARY_KEYS,
    form_values,
    plan_form_values,
)
from coverage.forms.request import (
    NO_SECONDARY,
    OWN_PLAN,
    base_plan,
    default_request,
)
from coverage.forms.share_link import ShareLinkError, is_share_link, parse_share_link, single_values

PAYER_LABELS = {
    PayerType.COMMERCIAL: "Commercial (employer or marketplace)",
    PayerType.MEDICARE: "Original Medicare",
    PayerType.MEDICARE_ADVANTAGE: "Medicare Advantage",
    PayerType.MEDICAID: "Medicaid",
    PayerType.SELF_PAY: "Self-pay (no insurance)",
}
SEEDED, LINK_WRITTEN, NOTICE = "_estimate_seeded", "_estimate_link_written", "_estimate_link_notice"
#: The sections that open on demand; their fields are drawn only while open (their values persist).
SHOW_PLAN_RULES, SHOW_SO_FAR, SHOW_SECONDARY = "show_plan_rules", "show_so_far", "show_secondary"


def _section(fields: Fields, label: str, key: str, keys: tuple[str, ...]) -> Any | None:
    """An expander whose content runs only while it is open; it opens itself when one of its fields is wrong."""
    if any(k in fields.problems for k in keys):
        st.session_state[key] = True
    box = st.expander(label, key=key, on_change="rerun")
    return box if box.open else None


def _with_payer(plan: Plan) -> str:
    return f"{plan.plan_name} · {PAYER_LABELS[plan.payer_type]}"


def _plan_label(plans: dict[str, Plan]) -> Any:
    def label(choice: str) -> str:
        return "Enter my plan's numbers" if choice == OWN_PLAN else _with_payer(plans[choice])

    return label


def _use_plan(plans: list[Plan]) -> None:
    """The picker changed: fill every plan field with the picked plan's numbers."""
    plan = base_plan(st.session_state["plan"], plans)
    if plan is not None:
        seed(plan_form_values(plan))
    if st.session_state["plan"] == OWN_PLAN:
        st.session_state[SHOW_PLAN_RULES] = True  # the numbers have to be typed in


def load_scenario(plans: list[Plan]) -> None:
    """Fill the form from the address's link, or with the first-time defaults (a bad link says why).

    Runs before the widgets are drawn. A link is applied when the page first opens and whenever the
    address carries parameters the page did not write itself (another page sent the person here).
    """
    state = st.session_state
    today = clinic_today()
    params = st.query_params.to_dict()
    link_is_new = is_share_link(params) and params != state.get(LINK_WRITTEN)
    plan_is_gone = SEEDED in state and base_plan(str(state.get("plan")), plans) is None
    if SEEDED in state and not link_is_new and not plan_is_gone:
        return
    request = default_request(plans, today)
    state.pop(NOTICE, None)
    if link_is_new:
        try:
            every = {name: st.query_params.get_all(name) for name in st.query_params}
            request = parse_share_link(single_values(every), plans, today=today)
        except ShareLinkError as exc:
            state[NOTICE] = (f"This link could not be used ({exc}), so the page shows the standard example.", request)
    elif plan_is_gone:
        state[NOTICE] = ("The plan you had picked is no longer in the plan list: pick one again.", request)
    seed(form_values(request))
    if request.plan_choice == OWN_PLAN:
        state[SHOW_PLAN_RULES] = True
    if request.secondary_choice != NO_SECONDARY:  # a link with a second insurance shows which
        state[SHOW_SECONDARY] = True
    state[SEEDED] = True


def draw_inputs(fields: Fields, plans: list[Plan]) -> None:
    """Every input of the estimate, in the order a person fills them in.

    The front desk's "Next caller" comes first only in staff mode; a patient meets the plan picker first and
    the button last, under the inputs (issue 16).
    """
    staff = bool(st.session_state.get("staff_unlocked"))
    if staff:
        next_caller_button(plans, (SHOW_SO_FAR, SHOW_SECONDARY))
    _plan_picker(fields, plans)
    _care(fields)
    _plan_rules(fields)
    draw_so_far(fields, _section(fields, SO_FAR_LABEL, SHOW_SO_FAR, ACCUMULATOR_FIELDS))
    _second_insurance(fields, plans)
    if not staff:
        next_caller_button(plans, (SHOW_SO_FAR, SHOW_SECONDARY))


def _plan_picker(fields: Fields, plans: list[Plan]) -> None:
    by_id = {plan.plan_id: plan for plan in plans}
    st.selectbox(
        "Your insurance plan",
        [*by_id, OWN_PLAN],
        format_func=_plan_label(by_id),
        filter_mode="contains",  # typed letters must appear in the name, in one piece
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
    network_question(fields)
    columns = st.columns(2)
    therapies = (("pt", "Physical therapy (PT)"), ("ot", "Occupational therapy (OT)"))
    for column, (discipline, name) in zip(columns, therapies, strict=True):
        with column.container(border=True):
            fields.switch(name, discipline, help=f"Turn on if your plan of care includes {name}.")
            off = not st.session_state.get(discipline)
            if off:  # its fields keep their values (persisted) but are not drawn: a quicker rerun
                st.caption(f"Turn on to set the {name.split(' (')[0]} visits and rates.")
                continue
            fields.context = f"{discipline.upper()} "
            fields.count("Visits a week", f"{discipline}_visits_per_week", help="1 to 7.")
            fields.count("Weeks", f"{discipline}_weeks", help="How many weeks the course lasts, 1 to 52.")
            fields.money(
                "Visit rate",
                f"{discipline}_rate",
                help="The plan's allowed amount for a regular visit. The default is Medicare's national payment "
                "for a typical 45-minute visit (see the README). Ask the clinic: 'What is the allowed amount "
                "for a visit under my plan?'",
            )
            fields.money(
                "Evaluation rate (first visit)",
                f"{discipline}_eval",
                help="The first visit is usually an evaluation with its own rate. Blank: the first visit is a "
                "regular visit.",
                placeholder="no evaluation",
            )
            fields.money(
                "Self-pay rate",
                f"{discipline}_self_pay",
                help="What a visit costs you when the plan does not pay (for example after a visit limit runs "
                "out). Ask the clinic for its self-pay price. Blank: the visit rate.",
                placeholder="same as the visit rate",
            )
            billed_charge(fields, discipline)
    fields.context = ""
    fields.place("care")


def _pair() -> tuple[Any, Any]:
    left, right = st.columns(2)
    return left, right


def _plan_rules(fields: Fields) -> None:
    label = "Your plan's rules: filled in from the plan, change any for this estimate"
    box = _section(fields, label, SHOW_PLAN_RULES, PLAN_FIELDS)
    if box is None:
        return
    with box:
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
        out_of_network_terms(fields)


def _second_insurance(fields: Fields, plans: list[Plan]) -> None:
    box = _section(fields, "Second insurance (skip if you have none)", SHOW_SECONDARY, SECONDARY_KEYS)
    if box is None:
        return
    with box:
        draw_second_insurance(fields, plans, _with_payer)
