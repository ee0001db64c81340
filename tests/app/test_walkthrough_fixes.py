"""The walkthrough of issue 16 on the estimate and catalog pages, driven through AppTest.

Every expected figure comes from the engine on the same inputs.
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from coverage import CarePlan, Course, estimate, format_money
from coverage.engine.defaults import OT_EVAL_RATE, OT_VISIT_RATE
from tests.dashboard_helpers import PLANS, PT_2X8, START, message_after, open_section, plain

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
