"""The app starts and shows the engine's total."""

from __future__ import annotations

from datetime import date

from streamlit.testing.v1 import AppTest

from coverage import CarePlan, Course, estimate, format_money, load_plans
from coverage.defaults import DEFAULT_PLAN_ID, PT_EVAL_RATE, PT_VISIT_RATE
from tests.conftest import PLANS_CSV, ROOT


def test_the_first_page_shows_the_engines_total_for_the_default_course() -> None:
    """Opening the app shows what the default PT course costs under the default plan."""
    plan = next(p for p in load_plans(PLANS_CSV) if p.plan_id == DEFAULT_PLAN_ID)
    expected = estimate(
        plan,
        CarePlan(
            start_date=date(2026, 1, 5),
            pt=Course(visits_per_week=2, weeks=8, visit_rate=PT_VISIT_RATE, eval_rate=PT_EVAL_RATE),
        ),
    ).patient_total

    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=30).run()

    assert not at.exception
    assert at.metric[0].value == format_money(expected)
