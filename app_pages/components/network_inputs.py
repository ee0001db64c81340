"""The estimate page's inputs about networks: is the clinic in network, what it bills, the figures so far out of it.

Every input has a key named after the field it sets; the values are read by
:func:`coverage.forms.estimate_form.read_form`, never here.
"""

from __future__ import annotations

import streamlit as st

from app_pages.components.shared import Fields
from coverage.forms.fields import asks_billed_charge


def network_question(fields: Fields) -> None:
    """The question whether the clinic is in the plan's network."""
    fields.choice(
        "Is the clinic in your plan's network?",
        "in_network",
        [True, False],
        {True: "Yes, in network", False: "No, out of network"}.__getitem__,
        help="Ask the clinic: 'Are you in network with my plan?', and check your insurer's list of providers. "
        "Out of network your plan's out-of-network terms apply (under Your plan's rules: a plan that pays "
        "nothing there leaves every visit at the self-pay rate), and the clinic may bill you what it charges "
        "above the plan's allowed amount.",
    )


def billed_charge(fields: Fields, discipline: str) -> None:
    """The clinic's billed charge per visit of one therapy, for the balance bill out of network.

    Drawn only when the plan pays out of network (only then is there a balance bill, in this estimate or
    beside it) or when the field needs a fix; its value is kept either way.
    """
    key = f"{discipline}_billed"
    if not asks_billed_charge(st.session_state) and key not in fields.problems:
        return
    fields.money(
        "Clinic's billed charge per visit",
        key,
        help="Out of network only: what the clinic charges for a visit before insurance. You pay what it charges "
        "above the plan's allowed amount (a balance bill), on top of your share. Ask the clinic: 'What do you bill "
        "for a visit?' Blank: the visit rate (no balance bill).",
        placeholder="same as the visit rate",
    )


def out_of_network_so_far(fields: Fields) -> None:
    """The out-of-network figures so far this year, drawn inside the year-so-far section."""
    fields.money(
        "Out-of-network deductible met so far",
        "oon_deductible_met",
        help="Only for a plan that keeps out-of-network spending apart. Ask: 'How much of my out-of-network "
        "deductible have I met this year?'",
    )
    fields.money(
        "Out-of-network out-of-pocket paid so far",
        "oon_oop_met",
        help="Only for a plan that keeps out-of-network spending apart. Ask: 'How much have I paid toward my "
        "out-of-network out-of-pocket maximum this year?'",
    )
