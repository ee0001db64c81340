"""The front desk's "Price a visit": one visit's allowed amount from its codes, as ``price-visit`` prints it.

One domain call, :func:`coverage.fees.visit_lookup.price_visit` (the command line's core too); the
notation is read with :func:`coverage.engine.billed_services.parse_services` and
:func:`coverage.forms.visit_codes.parse_minutes`. Keys start with ``pv_``; the panel is drawn only while open.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.components.shared import escape_markdown, money_md
from app_pages.components.take_home import clinic_settings
from coverage import format_money
from coverage.engine.billed_services import FeeScheduleError, code_label, parse_services
from coverage.engine.pricing_settings import UnitRule
from coverage.fees.course_pricing import FeeSources
from coverage.fees.visit_lookup import price_visit
from coverage.forms.visit_codes import parse_minutes
from coverage.views.priced_codes import NATIONAL_WORDS

SHOW_PRICE_VISIT = "show_price_visit"
_RULES = {UnitRule.MEDICARE.value: "Medicare's 8-minute rule", UnitRule.AMA.value: "AMA rule, each code on its own"}


def _inputs(fees: FeeSources) -> None:
    state = st.session_state
    state.setdefault("pv_services", "97110x2,97140")
    state.setdefault("pv_locality", fees.locality or "")
    state.setdefault("pv_fee_schedule", "medicare")
    if "pv_non_participating" not in state:  # clinic.toml's, as on the CLI; read only the first time
        state["pv_non_participating"] = clinic_settings().non_participating
    left, right = st.columns(2)
    left.text_input("Codes and units", key="pv_services", max_chars=200, help="Such as 97110x2,97140 or 97110-CQ.")
    right.text_input("Minutes per timed code (optional)", key="pv_minutes", max_chars=120, placeholder="97530=38")
    left.text_input(
        "Medicare locality", key="pv_locality", max_chars=8, placeholder="national", help="<MAC>-<locality>."
    )
    right.text_input(
        "Fee schedule", key="pv_fee_schedule", max_chars=70, help="medicare, medicare:110 or a fee_schedules.csv id."
    )
    left.radio("Unit rule", list(_RULES), format_func=_RULES.__getitem__, key="pv_unit_rule", horizontal=True)
    right.radio("Therapy", ["PT", "OT", "SLP"], key="pv_therapy", horizontal=True)
    left.checkbox("By a therapy assistant (CQ / CO)", key="pv_assistant")
    right.checkbox("The clinic does not participate with Medicare", key="pv_non_participating")


def _price(fees: FeeSources) -> None:
    state = st.session_state
    try:
        day = price_visit(
            parse_services(str(state.get("pv_services") or "")),
            medicare=fees.medicare,
            minutes=dict(parse_minutes(str(state.get("pv_minutes") or ""))),
            unit_rule=UnitRule(state.get("pv_unit_rule") or UnitRule.MEDICARE.value),
            therapy=state.get("pv_therapy") or "PT",
            assistant=bool(state.get("pv_assistant")),
            non_participating=bool(state.get("pv_non_participating")),
            fee_schedule=str(state.get("pv_fee_schedule") or ""),
            locality=str(state.get("pv_locality") or "").strip() or None,
            clinic_schedules=fees.clinic,
        )
    except FeeScheduleError as exc:  # bad notation included (ServiceNotationError)
        st.error(escape_markdown(f"This visit cannot be priced: {exc}"))
        return
    with st.container(key="pv_result"):
        st.metric("Allowed amount", format_money(day.total))
        if day.national:
            st.warning(f"{NATIONAL_WORDS}. Type the locality for its own amounts.")
        st.caption(escape_markdown(f"Priced from {day.schedule}."))
        rows = [
            {
                "Code": code_label(x.code, x.modifier),
                "Units": x.units,
                "Amount": format_money(x.amount),
                "How": x.how,
            }
            for x in day.lines
        ]
        st.table(pd.DataFrame(rows), hide_index=True)
        st.markdown(f"Total: **{money_md(day.total)}**")


def draw_price_visit(fees: FeeSources | None) -> None:
    """The panel, in a section drawn only while open."""
    box = st.expander(
        "Price a visit (front desk): the allowed amount of a visit's codes", key=SHOW_PRICE_VISIT, on_change="rerun"
    )
    if not box.open:
        return
    with box:
        if fees is None:
            st.error("The fee schedules cannot be used, so no visit can be priced here (see the message above).")
            return
        _inputs(fees)
        _price(fees)
