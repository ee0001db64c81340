"""The OT/PT coverage checker: a minimal page showing one estimate (the dashboard grows from here)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import streamlit as st

from coverage import CarePlan, Course, estimate, format_money, load_plans
from coverage.defaults import DEFAULT_PLAN_ID, PT_EVAL_RATE, PT_VISIT_RATE

PLANS_CSV = Path(__file__).with_name("plans.csv")

st.set_page_config(page_title="OT/PT coverage checker", layout="wide")
st.title("What will this therapy cost me?")
plans = {plan.plan_id: plan for plan in load_plans(PLANS_CSV)}
plan = plans[DEFAULT_PLAN_ID]
care = CarePlan(
    start_date=date(2026, 1, 5),
    pt=Course(visits_per_week=2, weeks=8, visit_rate=PT_VISIT_RATE, eval_rate=PT_EVAL_RATE),
)
result = estimate(plan, care)
with st.container(key="total_patient"):
    st.metric("You pay in total", format_money(result.patient_total))
st.caption(f"{plan.plan_name}: PT twice a week for 8 weeks from {care.start_date:%d %b %Y}.")
