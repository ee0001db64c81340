"""Altair charts of the estimate page, built once per distinct set of figures.

Building an Altair chart and validating its Vega-Lite spec costs more than the whole
estimate, so the spec is cached on the chart's figures: a rerun that does not change
them (opening an expander, picking a visit to explain) reuses it. The spec is still
built and validated by Altair on every new set of figures.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from coverage.timeline import CostSoFar, Milestone

PATIENT, PLAN, SECOND = "You", "Your plan", "Second insurance"
#: The theme's teal for the patient, a warm ochre for the plan, a slate for a second insurance.
COLOURS = ["#2f6f73", "#c08a3e", "#5b6b8c"]


def cost_chart(points: tuple[CostSoFar, ...], milestones: tuple[Milestone, ...]) -> alt.LayerChart | alt.Chart:
    """Paid so far by the patient, the plan and any second insurance over the visit dates, milestones as rules."""
    payers = [PATIENT, PLAN, SECOND] if any(p.secondary for p in points) else [PATIENT, PLAN]
    rows = [
        {"date": p.date.isoformat(), "who": who, "amount": float(str(amount))}  # a float only for drawing
        for p in points
        for who, amount in zip(payers, (p.patient, p.plan, p.secondary), strict=False)
    ]
    x = alt.X("date:T", title="Visit date")
    chart: alt.LayerChart | alt.Chart = (
        alt.Chart(pd.DataFrame(rows))
        .mark_line(point=True, interpolate="step-after")
        .encode(
            x=x,
            y=alt.Y("amount:Q", title="Paid so far ($)"),
            color=alt.Color("who:N", title=None, scale=alt.Scale(domain=payers, range=COLOURS[: len(payers)])),
            tooltip=[
                alt.Tooltip("date:T", title="Date"),
                alt.Tooltip("who:N"),
                alt.Tooltip("amount:Q", format="$,.2f"),
            ],
        )
    )
    if milestones:
        marks = pd.DataFrame(
            [{"date": m.date.isoformat(), "milestone": m.name, "detail": m.message} for m in milestones]
        )
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
    return chart.properties(width="container", height=300)  # explicit sizes: no theme default applies


def cost_chart_spec(points: tuple[CostSoFar, ...], milestones: tuple[Milestone, ...]) -> dict[str, Any]:
    """The Vega-Lite spec of :func:`cost_chart`, validated by Altair, cached on the figures.

    The cache key is the figures written out as text: hashing the objects themselves costs more.
    """
    figures = ";".join(f"{p.date}/{p.patient}/{p.plan}/{p.secondary}" for p in points)
    marks = ";".join(f"{m.date}/{m.name}/{m.message}" for m in milestones)
    return _cached_spec(f"{figures}|{marks}", points, milestones)


@st.cache_data(show_spinner=False, max_entries=64)
def _cached_spec(key: str, _points: tuple[CostSoFar, ...], _milestones: tuple[Milestone, ...]) -> dict[str, Any]:
    """Build the spec; ``key`` alone identifies it (Streamlit does not hash arguments named with a leading _)."""
    del key
    spec: dict[str, Any] = cost_chart(_points, _milestones).to_dict(validate=True)
    return spec
