"""The walkthrough of issue 16 on the estimate and catalog pages, driven through AppTest.

Every expected figure comes from the engine on the same inputs.
"""

from __future__ import annotations

from typing import Any

from streamlit.testing.v1 import AppTest

from coverage import CarePlan, Course, estimate, format_money
from coverage.engine.defaults import OT_EVAL_RATE, OT_VISIT_RATE
from tests.dashboard_helpers import APP, PLANS, PT_2X8, START, message_after, open_results, open_section, plain

PLANS_CSV_FIRST = next(iter(PLANS))  # the first-time plan: the catalog's first
OT_1X8 = Course(visits_per_week=1, weeks=8, visit_rate=OT_VISIT_RATE, eval_rate=OT_EVAL_RATE)


def test_the_front_desk_collects_every_visit_of_the_first_day(app: AppTest) -> None:
    """Commercial PPO, PT 2x8 and OT 1x8: the panel says collect $198.61 today for PT and OT, not OT's half."""
    app.selectbox(key="plan").select("ppo-pool-60").run()
    app.toggle(key="ot").set_value(True).run()
    app.number_input(key="ot_visits_per_week").set_value(1).run()

    result = estimate(PLANS["ppo-pool-60"], CarePlan(start_date=START, pt=PT_2X8, ot=OT_1X8))
    first_day = sum(v.patient_pays for v in result.visits if v.date == START)
    collect = app.container("collect_first_day").metric[0]
    assert not app.exception
    assert format_money(first_day) == "$198.61"  # OT evaluation 100.60 + PT evaluation 98.01, deductible first
    assert (plain(collect.label), collect.value) == ("Collect today: PT and OT", "$198.61")


def test_a_count_above_its_limit_says_the_limit_under_the_field(app: AppTest) -> None:
    """999999 PT visits used is refused in words ("must be 999 or less") and no estimate is shown (issue 16)."""
    open_section(app, "show_so_far")

    app.number_input(key="pt_visits_used").set_value(999_999).run()

    assert not app.exception
    assert message_after(app, "pt_visits_used") == "must be 999 or less"
    assert any("PT visits used" in plain(e.value) for e in app.error)  # the summary at the top names the field


def _keys_in_order(at: AppTest) -> list[str]:
    """The keys of the widgets of the page's main area, top to bottom."""
    found: list[str] = []

    def walk(node: Any) -> None:
        key = getattr(node, "key", None)
        if isinstance(key, str) and not key.startswith("$$"):
            found.append(key)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.main)
    return found


def test_a_patient_meets_the_plan_picker_first_and_the_next_caller_button_last(app: AppTest) -> None:
    """Out of staff mode the front desk's "Next caller" is under the inputs, not the first control (issue 16)."""
    open_results(app)

    keys = [k for k in _keys_in_order(app) if k in {"plan", "start_date", "next_caller", "explain_visit"}]

    assert not app.exception
    assert keys == ["plan", "start_date", "next_caller", "explain_visit"]


def test_the_explained_visit_follows_the_first_visit_until_the_person_picks_one(app: AppTest) -> None:
    """Turning OT on makes OT 1 the first visit, and the picker starts there; a picked visit then stays."""
    open_results(app)
    app.toggle(key="ot").set_value(True).run()

    first = app.selectbox(key="explain_visit").value
    app.selectbox(key="explain_visit").select("PT 3").run()
    app.number_input(key="pt_weeks").set_value(10).run()

    assert not app.exception
    assert first == "OT 1"  # OT comes first on a shared day, as in the visit table
    assert app.selectbox(key="explain_visit").value == "PT 3"


def test_the_first_visit_field_reads_year_month_day_and_spells_the_day_out(app: AppTest) -> None:
    """The date field shows 2026-01-05, not 01/05/2026, with "Monday 5 Jan 2026" under it (issue 16)."""
    field = app.date_input(key="start_date")

    assert field.proto.format == "YYYY-MM-DD"
    assert "Monday 5 Jan 2026" in [c.value for c in app.caption]


def test_a_link_that_repeats_a_parameter_is_refused_with_a_reason() -> None:
    """plan=ma-hmo&plan=hdhp: neither plan is taken; the page shows the example and says the link repeats plan."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["plan"] = ["ma-hmo", "hdhp"]
    at.query_params["pt"] = "2x8"

    at.run()

    assert not at.exception
    assert at.selectbox(key="plan").value == PLANS_CSV_FIRST
    assert any("repeats plan (2 times)" in plain(w.value) for w in at.warning)


def test_sharing_a_plan_from_an_uploaded_file_warns_that_the_link_opens_only_with_that_file(app: AppTest) -> None:
    """With this session's own plans file, the share box says the plan is not in the list elsewhere (issue 16)."""
    app.session_state["uploaded_plans"] = list(PLANS.values())
    app.session_state["uploaded_plans_name"] = "my plans.csv"

    app.run()

    assert not app.exception
    assert any("from your own file my plans.csv" in plain(w.value) for w in app.warning)
