"""The chart of what is paid so far: a valid Vega-Lite spec whose datasets carry the estimate's own figures."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import altair as alt
import pytest

from app_pages.components.charts import COLOURS, COSTS, MILESTONES, PATIENT, PLAN, SECOND, cost_chart_spec
from coverage import CarePlan, estimate
from coverage.views.timeline import CostSoFar, Milestone, cost_so_far, milestones
from tests.dashboard_helpers import PLANS, PT_2X8, START

POINTS = (
    CostSoFar(date(2026, 1, 5), Decimal("98.01"), Decimal("0.00")),
    CostSoFar(date(2026, 1, 8), Decimal("182.76"), Decimal("0.00")),
    CostSoFar(date(2026, 1, 12), Decimal("283.00"), Decimal("0.00"), Decimal("0.00")),
)
MARK = Milestone(date(2026, 1, 12), "Deductible met", "Your deductible is met at PT visit 3 on Mon 12 Jan 2026.")


def _layers(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return spec.get("layer", [spec])


@pytest.mark.parametrize("with_marks", [False, True])
def test_the_filled_in_spec_is_valid_vega_lite(with_marks: bool) -> None:
    """The spec with its figures filled in passes Altair's Vega-Lite schema check, with or without milestones."""
    spec = cost_chart_spec(POINTS, (MARK,) if with_marks else ())
    alt.TopLevelSpec.validate(spec)  # raises on a spec Vega-Lite would refuse
    assert len(_layers(spec)) == (4 if with_marks else 1)  # line; rule, labels written rightwards, leftwards


def test_the_costs_dataset_holds_each_payers_running_total_to_the_cent() -> None:
    """Every date has the patient's and the plan's totals so far, each reading back as the exact Decimal."""
    spec = cost_chart_spec(POINTS, ())
    rows = spec["datasets"][COSTS]
    assert [(r["date"], r["who"]) for r in rows[:2]] == [("2026-01-05", PATIENT), ("2026-01-05", PLAN)]
    read_back = {(r["date"], r["who"]): Decimal(str(r["amount"])) for r in rows}
    for point in POINTS:
        assert read_back[(point.date.isoformat(), PATIENT)] == point.patient
        assert read_back[(point.date.isoformat(), PLAN)] == point.plan
    assert len(rows) == 2 * len(POINTS)  # no line for a second insurance that pays nothing


def test_a_second_insurance_gets_its_own_line_and_colour() -> None:
    """When a second insurance pays, the chart has three payers with three colours."""
    paid = (*POINTS[:2], CostSoFar(date(2026, 1, 12), Decimal("200.00"), Decimal("60.00"), Decimal("23.00")))
    spec = cost_chart_spec(paid, ())
    scale = _layers(spec)[0]["encoding"]["color"]["scale"]
    assert scale == {"domain": [PATIENT, PLAN, SECOND], "range": COLOURS}
    assert {"date": "2026-01-12", "who": SECOND, "amount": 23.0} in spec["datasets"][COSTS]


def test_milestones_are_dated_rules_with_their_names_and_sentences() -> None:
    """Each milestone becomes a row of the milestones dataset that the rule and label layers draw."""
    spec = cost_chart_spec(POINTS, (MARK,))
    # The course runs 5 to 12 Jan, so the 12 Jan label is in the later half: written leftwards from its line.
    assert spec["datasets"][MILESTONES] == [
        {"date": "2026-01-12", "milestone": MARK.name, "detail": MARK.message, "row": 8, "side": "left"}
    ]
    marks = [layer["mark"]["type"] for layer in _layers(spec) if layer.get("data") == {"name": MILESTONES}]
    assert marks == ["rule", "text", "text"]


def test_labels_of_nearby_milestones_take_three_rows_in_turn() -> None:
    """Four milestones get label rows 8, 22, 36 and 8 pixels down; those in the first half are written rightwards."""
    points = tuple(CostSoFar(date(2026, 1, day), Decimal(day), Decimal(0)) for day in (5, 8, 12, 15, 19, 22, 26))
    marks = tuple(Milestone(date(2026, 1, day), f"Mark {day}", "") for day in (8, 12, 19, 26))

    rows = cost_chart_spec(points, marks)["datasets"][MILESTONES]

    # The course runs 5 to 26 Jan: its middle is 15 Jan, so 8 and 12 Jan are written rightwards, 19 and 26 leftwards.
    assert [(r["row"], r["side"]) for r in rows] == [(8, "right"), (22, "right"), (36, "left"), (8, "left")]


def test_each_call_gives_a_spec_of_its_own() -> None:
    """Changing one returned spec (as Streamlit does when it moves the data out) leaves the next one whole."""
    first = cost_chart_spec(POINTS, (MARK,))
    first.pop("datasets")
    _layers(first)[0]["encoding"].clear()
    again = cost_chart_spec(POINTS, (MARK,))
    assert COSTS in again["datasets"]
    assert _layers(again)[0]["encoding"]["x"]["field"] == "date"


def test_a_real_estimate_is_drawn_from_its_timeline() -> None:
    """The chart of the default Medicare PT course carries the estimate's timeline and milestones."""
    result = estimate(PLANS["medicare-b-2026"], CarePlan(start_date=START, pt=PT_2X8))
    points, marks = tuple(cost_so_far(result)), tuple(milestones(result))
    spec = cost_chart_spec(points, marks)
    alt.TopLevelSpec.validate(spec)
    last = [r for r in spec["datasets"][COSTS] if r["who"] == PATIENT][-1]
    assert Decimal(str(last["amount"])) == result.patient_total
