"""The front desk's "Next caller" button: blank what one caller said, keep the plan and the therapy."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from app_pages.components.eligibility_import import forget_import
from app_pages.components.shared import clinic_today, seed
from app_pages.components.take_home import PATIENT_KEYS
from coverage import Plan
from coverage.forms.fields import next_caller_values
from coverage.forms.request import default_request


def _next_caller(plans: list[Plan], sections: Sequence[str]) -> None:
    """Blank what describes one caller; keep the plan, its rules and the therapy for the next question."""
    state = st.session_state
    request = state.get("estimate_request") or default_request(plans, clinic_today())
    seed(next_caller_values(request))
    for key in PATIENT_KEYS:
        state.pop(key, None)
    forget_import()  # the eligibility response one caller's figures came from
    for section in sections:  # the sections of what one caller said close
        state[section] = False


def next_caller_button(plans: list[Plan], sections: Sequence[str]) -> None:
    """The button that readies the page for the next caller (drawn first in staff mode, else last)."""
    st.button(
        "Next caller: clear the figures so far, the second insurance and the printout details",
        key="next_caller",
        on_click=_next_caller,
        args=(plans, sections),
        type="tertiary",
        help="For the front desk between calls: the plan and the therapy stay; what one patient told you goes.",
    )
