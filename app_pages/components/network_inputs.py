"""The estimate page's inputs about networks: is the clinic in network, what it bills, the figures so far out of it.

Every input has a key named after the field it sets; the values are read by
:func:`coverage.forms.estimate_form.read_form`, never here.
"""

from __future__ import annotations

import streamlit as st

from app_pages.components.shared import Fields
from coverage.forms.fields import asks_billed_charge
from coverage.forms.request import MEDICAID


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


def clinic_questions(fields: Fields) -> None:
    """How the clinic stands with Original Medicare and Medicaid, asked when the plan or the second plan is one.

    The answers start from clinic.toml (``medicare_participation``, ``accepts_medicaid``) and change only this
    estimate; they are kept while not asked.
    """
    state = st.session_state
    if state.get("payer_type") == "medicare" or "medicare_participation" in fields.problems:
        fields.choice(
            "Does the clinic participate with Medicare?",
            "medicare_participation",
            ["participating", "non_participating"],
            {"participating": "Yes, it participates", "non_participating": "No, it does not participate"}.__getitem__,
            help="Ask the clinic: 'Do you participate with Medicare and accept assignment?' A clinic that does not "
            "is paid 95 % of Medicare's fee and may bill you up to the limiting charge, 115 % of that; you pay the "
            "difference (an excess charge) on top of your 20 %.",
        )
    if (
        state.get("payer_type") == "medicaid"
        or state.get("secondary") == MEDICAID
        or "accepts_medicaid" in fields.problems
    ):
        fields.choice(
            "Does the clinic accept Medicaid?",
            "accepts_medicaid",
            [True, False],
            {True: "Yes", False: "No"}.__getitem__,
            help="Ask the clinic: 'Are you enrolled with Medicaid, and do you accept it for my visits?' A clinic "
            "that accepts Medicaid may not bill you above what Medicaid pays; at one that does not, Medicaid pays "
            "nothing.",
        )


def billed_charge(fields: Fields, discipline: str) -> None:
    """The clinic's billed charge per visit of one therapy, for a balance bill or a Medicare excess charge.

    Drawn only when the plan pays out of network, or the clinic does not participate with Original Medicare
    (only then is there a balance bill, in this estimate or beside it), or when the field needs a fix; its value
    is kept either way.
    """
    key = f"{discipline}_billed"
    if not asks_billed_charge(st.session_state) and key not in fields.problems:
        return
    fields.money(
        "Clinic's billed charge per visit",
        key,
        help="What the clinic charges for a visit before insurance. Out of network you pay what it charges above "
        "the plan's allowed amount (a balance bill), on top of your share; a clinic that does not participate with "
        "Medicare may bill at most the limiting charge, and the estimate caps a higher charge there. Ask the clinic: "
        "'What do you bill for a visit?' Blank: the visit rate out of network (no balance bill); the limiting "
        "charge at a clinic that does not participate with Medicare.",
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
