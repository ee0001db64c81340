"""The estimate page's second-insurance section: which plan pays second, how it pays, its numbers and year so far.

Which fields are drawn follows :func:`coverage.forms.fields.secondary_keys_for`, the same rule the
form is read with; the values are read by :func:`coverage.forms.estimate_form.read_form`, never here.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from app_pages.components.plan_rule_inputs import PER_ROW, draw_plan_field
from app_pages.components.shared import PERSIST, Fields
from coverage import CoordinationMethod, Plan
from coverage.engine.plan_fields import FIELD
from coverage.forms.fields import SECONDARY, SECONDARY_METHOD, SECONDARY_PLAN_FIELDS, secondary_keys_for
from coverage.forms.request import MEDICAID, MEDIGAP_G, NO_SECONDARY, OWN_PLAN

METHOD_LABELS = {
    CoordinationMethod.TRADITIONAL.value: "It pays what it would pay as my only plan, up to what I still owe "
    "(traditional)",
    CoordinationMethod.NON_DUPLICATION.value: "It pays only what it would pay beyond what my first plan paid "
    "(non-duplication)",
    CoordinationMethod.CARVE_OUT.value: "It works out its own share, then takes off what my first plan paid "
    "(carve-out)",
}


def _choice_label(plans: dict[str, Plan], payer_labels: Callable[[Plan], str]) -> Callable[[str], str]:
    names = {
        NO_SECONDARY: "No second insurance",
        MEDIGAP_G: "Medigap Plan G, after Original Medicare",
        MEDICAID: "Medicaid, as second insurance",
        OWN_PLAN: "Enter the second plan's numbers",
    }
    return lambda choice: names.get(choice) or payer_labels(plans[choice])


def draw_second_insurance(fields: Fields, plans: list[Plan], payer_labels: Callable[[Plan], str]) -> None:
    """The section's fields (it is drawn only while open)."""
    by_id = {plan.plan_id: plan for plan in plans}
    options = [NO_SECONDARY, MEDIGAP_G, MEDICAID, *by_id, OWN_PLAN]
    if st.session_state.get(SECONDARY) not in options:  # a plan gone from the list: its message stays below
        st.session_state[SECONDARY] = NO_SECONDARY
    st.selectbox(
        "Do you have a second insurance?",
        options,
        format_func=_choice_label(by_id, payer_labels),
        filter_mode="contains",  # typed letters must appear in the name, in one piece
        key=SECONDARY,
        help="A second plan pays toward what your first plan leaves you. Type to search the clinic's list, or "
        "choose 'Enter the second plan's numbers' at the bottom. Ask each insurer: 'Which of my plans pays "
        "first?' (the one that pays first is 'Your insurance plan' above).",
        persist_state=PERSIST,
    )
    fields.place(SECONDARY, "Second insurance")
    choice = str(st.session_state.get(SECONDARY) or NO_SECONDARY)
    if choice == MEDIGAP_G:
        st.caption(
            "Medigap Plan G pays what Original Medicare leaves you (its 20%) once the Part B deductible is met: "
            "your Medicare plan's own deductible (under Your plan's rules) and the deductible met you typed for "
            "it, in its plan year. It also pays any excess charge of a clinic that does not participate with "
            "Medicare. Visits Medicare does not cover stay yours."
        )
    elif choice == MEDICAID:
        st.caption(
            "Medicaid as second insurance pays what your first plan leaves you on each covered visit, so you owe "
            "nothing for them; a clinic that accepts Medicaid may not balance bill you. Visits your first plan "
            "does not cover stay yours. Ask the clinic: 'Do you accept Medicaid as secondary?'"
        )
    applies = secondary_keys_for(choice)
    if SECONDARY_METHOD in applies:
        fields.choice(
            "How does the second plan pay?",
            SECONDARY_METHOD,
            list(METHOD_LABELS),
            METHOD_LABELS.__getitem__,
            help="Ask the second insurer: 'When you pay second, do you coordinate benefits the traditional "
            "(standard) way, by non-duplication, or by carve-out?' In other words: 'Do you pay up to what I still "
            "owe, or only what you would pay beyond what my first plan paid?'",
            horizontal=False,
        )
    if "secondary_deductible" in applies:
        _typed_numbers(fields)
    if "secondary_deductible_met" in applies:
        left, right = st.columns(2)
        with left:
            fields.money(
                "Second plan: deductible met so far",
                "secondary_deductible_met",
                help="Ask the second insurer: 'How much of my deductible have I met this year?'",
            )
        with right:
            fields.money(
                "Second plan: out-of-pocket paid so far",
                "secondary_oop_met",
                help="Ask the second insurer: 'How much have I paid toward my out-of-pocket maximum this year?'",
            )


def _typed_numbers(fields: Fields) -> None:
    """The second plan's own deductible, maximum, copays and coinsurance, two to a row, in the registry's words."""
    for start in range(0, len(SECONDARY_PLAN_FIELDS), PER_ROW):
        names = SECONDARY_PLAN_FIELDS[start : start + PER_ROW]
        for column, name in zip(st.columns(PER_ROW), names, strict=False):
            with column:
                field = FIELD[name]
                draw_plan_field(fields, field, key=f"secondary_{name}", label=f"Second plan: {field.words}")
