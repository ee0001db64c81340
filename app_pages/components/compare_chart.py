"""The Compare plans bar chart: what the patient and the plan pay for the course, one bar per plan.

As with the estimate page's chart (:mod:`app_pages.components.charts`), Altair builds and validates the
chart once around a named, empty dataset; each comparison only fills the dataset in.
"""

from __future__ import annotations

import functools
import json
from decimal import Decimal
from typing import Any

import altair as alt

from app_pages.components.charts import COLOURS

PATIENT, PLAN = "The patient pays", "The plan pays"
TOTALS = "totals"


@functools.cache
def _template() -> str:
    """The validated Vega-Lite spec, as JSON text, with its dataset named but empty."""
    chart = (
        alt.Chart(alt.NamedData(name=TOTALS))
        .mark_bar()
        .encode(
            y=alt.Y("plan:N", title=None, sort=alt.EncodingSortField(field="place", order="ascending")),
            x=alt.X("amount:Q", title="For this course ($)", stack="zero"),
            color=alt.Color("who:N", title=None, scale=alt.Scale(domain=[PATIENT, PLAN], range=COLOURS[:2])),
            order=alt.Order("who_order:Q"),  # the patient's part first, from the axis
            tooltip=[
                alt.Tooltip("plan:N", title="Plan"),
                alt.Tooltip("who:N"),
                alt.Tooltip("amount:Q", format="$,.2f"),
            ],
        )
        .properties(width="container")
    )
    return json.dumps(chart.to_dict(validate=True))


def totals_chart_spec(rows: list[tuple[str, Decimal, Decimal]]) -> dict[str, Any]:
    """Stacked bars of (plan name, patient total, plan total), in the given order, top to bottom."""
    spec: dict[str, Any] = json.loads(_template())
    spec["height"] = 28 * len(rows) + 40  # a bar's height each, and room for the axis
    spec["datasets"] = {
        TOTALS: [
            {"plan": name, "place": place, "who": who, "who_order": order, "amount": float(str(amount))}  # drawing only
            for place, (name, patient, plan) in enumerate(rows)
            for order, (who, amount) in enumerate(((PATIENT, patient), (PLAN, plan)))
        ]
    }
    return spec
