"""The estimate page's "so far this year" section: what the patient already paid and used this plan year."""

from __future__ import annotations

from typing import Any

import streamlit as st

from app_pages.components.network_inputs import out_of_network_so_far
from app_pages.components.shared import Fields

SO_FAR_LABEL = "So far this year (skip if you do not know)"


def draw_so_far(fields: Fields, box: Any | None) -> None:
    """The figures so far this plan year, inside ``box`` (the section's expander; None while it is closed)."""
    if box is None:
        return
    with box:
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
                "Family deductible met so far",
                "family_deductible_met",
                help="Family plans only: what the whole family has put toward the family deductible. Ask: 'How "
                "much of our family deductible has been met this year?'",
            )
            fields.money(
                "Family out-of-pocket paid so far",
                "family_oop_met",
                help="Family plans only: what the whole family has paid toward the family maximum. Ask: 'How much "
                "has our family paid toward the family out-of-pocket maximum this year?'",
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
            out_of_network_so_far(fields)
