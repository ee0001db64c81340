"""Altair charts of the estimate page: the chart is built and validated once, the figures go in as data.

Building an Altair chart and validating its Vega-Lite spec costs several times the whole
estimate, so Altair builds each kind of chart once (with or without a second insurance, with
or without milestones) around named, empty datasets, validates it, and keeps the spec as text.
Each estimate then only fills in the named datasets (``costs`` and ``milestones``), which is
what Altair itself does with a chart's data.
"""

from __future__ import annotations

import functools
import json
from typing import Any

import altair as alt

from coverage.views.timeline import CostSoFar, Milestone

PATIENT, PLAN, SECOND = "You", "Your plan", "Second insurance"
#: The theme's teal for the patient, a warm ochre for the plan, a slate for a second insurance.
COLOURS = ["#2f6f73", "#c08a3e", "#5b6b8c"]
#: The names of the chart's datasets in its Vega-Lite spec.
COSTS, MILESTONES = "costs", "milestones"
#: Milestone labels: three rows, 14 pixels apart, the first 8 pixels below the top.
LABEL_ROWS, LABEL_TOP, LABEL_STEP = 3, 8, 14


def _payers(with_second: bool) -> list[str]:
    return [PATIENT, PLAN, SECOND] if with_second else [PATIENT, PLAN]


@functools.cache
def _template(with_second: bool, with_milestones: bool) -> str:
    """The validated Vega-Lite spec, as JSON text, of the chart with its datasets named but not filled in."""
    payers = _payers(with_second)
    x = alt.X("date:T", title="Visit date")
    chart: alt.LayerChart | alt.Chart = (
        alt.Chart(alt.NamedData(name=COSTS))
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
    if with_milestones:
        marks = alt.NamedData(name=MILESTONES)
        rules = (
            alt.Chart(marks)
            .mark_rule(strokeDash=[4, 4], color="#7a7a7a")
            .encode(x=x, tooltip=[alt.Tooltip("milestone:N"), alt.Tooltip("detail:N")])
        )
        # Labels sit on three rows in turn, so nearby dates do not print on top of each other; late ones
        # are written leftwards from their line, so they stay inside the chart.
        label = {"x": x, "y": alt.Y("row:Q", scale=None, axis=None), "text": "milestone:N"}
        rightwards = (
            alt.Chart(marks)
            .mark_text(align="left", dx=4, color="#4a4a4a")
            .encode(**label)
            .transform_filter(alt.datum.side == "right")
        )
        leftwards = (
            alt.Chart(marks)
            .mark_text(align="right", dx=-4, color="#4a4a4a")
            .encode(**label)
            .transform_filter(alt.datum.side == "left")
        )
        chart = chart + rules + rightwards + leftwards
    chart = chart.properties(width="container", height=300)  # explicit sizes: no theme default applies
    return json.dumps(chart.to_dict(validate=True))


def cost_chart_spec(points: tuple[CostSoFar, ...], milestones: tuple[Milestone, ...]) -> dict[str, Any]:
    """Paid so far by the patient, the plan and any second insurance over the visit dates, milestones as rules.

    A fresh Vega-Lite spec each call (Streamlit moves the datasets out of the spec it is given).
    """
    with_second = any(p.secondary for p in points)
    payers = _payers(with_second)
    costs = [
        {"date": p.date.isoformat(), "who": who, "amount": float(str(amount))}  # a float only for drawing
        for p in points
        for who, amount in zip(payers, (p.patient, p.plan, p.secondary), strict=False)
    ]
    spec: dict[str, Any] = json.loads(_template(with_second, bool(milestones)))
    spec["datasets"] = {COSTS: costs}
    if milestones:
        first, last = points[0].date, points[-1].date
        middle = first + (last - first) / 2
        spec["datasets"][MILESTONES] = [
            {
                "date": m.date.isoformat(),
                "milestone": m.name,
                "detail": m.message,
                "row": LABEL_TOP + LABEL_STEP * (index % LABEL_ROWS),  # pixels from the top of the chart
                "side": "left" if m.date > middle else "right",
            }
            for index, m in enumerate(milestones)
        ]
    return spec
