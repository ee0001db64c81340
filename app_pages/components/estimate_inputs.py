"""The estimate page's inputs: the plan picker, the therapy, the plan's rules and the year so far.

Every input has a key named after the field it sets; the values are read by
:func:`coverage.forms.estimate_form.read_form`, never here.
"""

from __future__ import annotations

from typing import Any, cast

import streamlit as st

from app_pages.components.eligibility_import import draw_eligibility_import
from app_pages.components.fee_inputs import draw_course_pricing, draw_joint_sessions, draw_locality
from app_pages.components.fee_sources import page_fee_sources
from app_pages.components.network_inputs import (
    billed_charge,
    clinic_questions,
    network_question,
)
from app_pages.components.next_caller import next_caller_button
from app_pages.components.plan_rule_inputs import draw_plan_rules
from app_pages.components.second_insurance_inputs import draw_second_insurance
from app_pages.components.shared import Fields, clinic_today, seed
from app_pages.components.take_home import clinic_settings
from app_pages.components.year_so_far_inputs import SO_FAR_LABEL, draw_so_far
from coverage import Plan
from coverage.engine.care import EARLIEST_START, LATEST_START
from coverage.engine.plan_fields import FIELD
from coverage.engine.plans import Discipline
from coverage.fees.course_pricing import FeeSources
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
from coverage.forms.visit_codes import CO_TREATMENT_KEYS, FROM_CODES, LOCALITY

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
    return f"{plan.plan_name} · {FIELD['payer_type'].option_words(plan.payer_type.value)}"


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
    clinic = clinic_settings()  # what the link does not say of the clinic comes from clinic.toml
    request = default_request(plans, today, clinic_locality=clinic.medicare_locality)
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
    defaults = {
        "medicare_participation": clinic.medicare_participation.value,
        "accepts_medicaid": clinic.accepts_medicaid,
    }
    seed({key: value for key, value in defaults.items() if key not in params})
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
    draw_eligibility_import(plans, open_sections=(SHOW_PLAN_RULES, SHOW_SO_FAR))
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
    fees = page_fee_sources(quiet=True)  # said once, above the results, when the file cannot be used
    st.subheader("The therapy", anchor=False)
    fields.day(
        "First visit",
        "start_date",
        help="The date of the first visit. Visits then follow at the same pace every week.",
        first=EARLIEST_START,
        last=LATEST_START,
    )
    network_question(fields)
    clinic_questions(fields)
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
            draw_course_pricing(fields, cast(Discipline, discipline.upper()), fees)
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
    _pricing_of_care(fields, fees)


def _pricing_of_care(fields: Fields, fees: FeeSources | None) -> None:
    """The locality and joint sessions, asked when a visit is priced from its codes (kept while not asked)."""
    on = [d for d in ("pt", "ot") if st.session_state.get(d)]
    from_codes = any(st.session_state.get(f"{d}_pricing") == FROM_CODES for d in on)
    if from_codes or LOCALITY in fields.problems:
        with st.container(border=True):
            st.markdown("**Where the visits are priced**")
            draw_locality(fields, fees)
    if len(on) == 2 and (from_codes or any(k in fields.problems for k in CO_TREATMENT_KEYS)):
        draw_joint_sessions(fields)
    fields.place("fees", "how the visits are priced")  # a code or schedule the visits cannot be priced from


def _plan_rules(fields: Fields) -> None:
    label = "Your plan's rules: filled in from the plan, change any for this estimate"
    box = _section(fields, label, SHOW_PLAN_RULES, PLAN_FIELDS)
    if box is None:
        return
    with box:
        draw_plan_rules(fields)


def _second_insurance(fields: Fields, plans: list[Plan]) -> None:
    box = _section(fields, "Second insurance (skip if you have none)", SHOW_SECONDARY, SECONDARY_KEYS)
    if box is None:
        return
    with box:
        draw_second_insurance(fields, plans, _with_payer)
