"""Reruns of the estimate page: the estimate is worked out once per change, and a replayed page is the same page."""

from __future__ import annotations

from typing import Any

from streamlit.testing.v1 import AppTest

from app_pages.components.worked_out import LAST_WORKED_OUT
from coverage import CarePlan, estimate
from tests.dashboard_helpers import APP, PLANS, PT_2X8, START, open_results, open_section, shown_total


def _seen(at: AppTest) -> list[tuple[str, Any]]:
    """What a reader sees of the results, in page order: metrics, text, tables, the chart."""
    seen: list[tuple[str, Any]] = []
    for kind in ("metric", "markdown", "caption", "subheader"):
        seen += [(kind, element.value) for element in at.get(kind)]
    seen += [("dataframe", frame.value.to_csv()) for frame in at.dataframe]
    seen += [("chart", chart.proto.spec) for chart in at.get("vega_lite_chart")]
    return seen


def _path_to(at: AppTest, key: str) -> list[tuple[str, int]]:
    """The (kind, position) of each block from the page down to the element keyed ``key``."""

    def walk(node: Any, path: list[tuple[str, int]]) -> list[tuple[str, int]] | None:
        for position, child in enumerate(getattr(node, "children", {}).values()):
            here = [*path, (getattr(child, "type", ""), position)]
            if getattr(child, "key", None) == key:
                return here
            found = walk(child, here)
            if found is not None:
                return found
        return None

    found = walk(at.main, [])
    assert found is not None, f"nothing keyed {key} on the page"
    return found


def _column_of(at: AppTest, key: str) -> list[tuple[str, int]]:
    """The path to the page-level column holding the element keyed ``key``."""
    path = _path_to(at, key)
    first_column = next(i for i, (kind, _) in enumerate(path) if kind == "column")
    return path[: first_column + 1]


def test_replayed_results_sit_in_the_results_column_beside_the_inputs() -> None:
    """On the first drawing and on a replay the total is in the column next to the plan picker's, not below."""
    at = AppTest.from_file(APP, default_timeout=30)
    for _ in range(2):  # the first run draws the results, the second replays them from the cache
        at.run()
        inputs, results = _column_of(at, "plan"), _column_of(at, "total_patient")
        assert not at.exception
        assert inputs[:-1] == results[:-1]  # two columns of one row
        assert (inputs[-1][1], results[-1][1]) == (0, 1)  # the inputs first, the results second


def test_a_rerun_that_changes_no_figure_reuses_the_worked_out_estimate(app: AppTest) -> None:
    """Opening a section reruns the page without reading the form or working out the estimate again."""
    before = app.session_state[LAST_WORKED_OUT]
    open_section(app, "show_so_far")
    assert not app.exception
    assert app.session_state[LAST_WORKED_OUT] is before


def test_a_rerun_after_a_change_works_the_estimate_out_afresh(app: AppTest) -> None:
    """A new number of weeks gives a new estimate, and the page shows the engine's total for it."""
    before = app.session_state[LAST_WORKED_OUT]
    app.number_input(key="pt_weeks").set_value(10).run()
    assert not app.exception
    after = app.session_state[LAST_WORKED_OUT]
    assert after is not before
    assert after.key != before.key
    # PT 2x10 under the example Medicare plan, worked out by the engine itself.
    course = PT_2X8.model_copy(update={"weeks": 10})
    expected = estimate(PLANS["medicare-b-2026"], CarePlan(pt=course, start_date=START))
    assert shown_total(app) == expected.patient_total


def test_a_replayed_page_shows_exactly_what_the_first_drawing_showed() -> None:
    """The results replayed from Streamlit's cache read the same as when they were first drawn."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    open_results(at)  # the first drawing of the chart and the tables: every figure built
    first = _seen(at)
    at.run()  # the same figures: replayed from the cache
    assert not at.exception
    assert _seen(at) == first
    assert any(kind == "dataframe" for kind, _ in first)
    assert any(kind == "chart" for kind, _ in first)


def test_two_sessions_with_the_same_figures_each_see_the_whole_page() -> None:
    """A second session whose estimate is already cached by the first still gets every result drawn."""
    first = open_results(AppTest.from_file(APP, default_timeout=30).run())
    second = open_results(AppTest.from_file(APP, default_timeout=30).run())
    assert not first.exception
    assert not second.exception
    assert _seen(second) == _seen(first)
