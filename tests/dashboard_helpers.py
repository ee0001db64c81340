"""What the AppTest journeys of the estimate page share: the app's path, a start date, and ways to read the page.

The fixtures they use (``app``: the app started on START; an emptied cache for every test) are in conftest.py.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from coverage import Course, load_plans, parse_money
from coverage.engine.defaults import PT_EVAL_RATE, PT_VISIT_RATE

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "streamlit_app.py"
START = date(2026, 1, 5)  # a Monday
PLANS = {plan.plan_id: plan for plan in load_plans(ROOT / "plans.csv")}
PT_2X8 = Course(visits_per_week=2, weeks=8, visit_rate=PT_VISIT_RATE, eval_rate=PT_EVAL_RATE)


def open_section(at: AppTest, key: str) -> AppTest:
    """Open the expander keyed ``key`` (show_plan_rules, show_so_far): its fields are drawn only while open."""
    at.session_state[key] = True
    return at.run()


#: The results sections drawn only while open (issue 16): the chart, the visit table, the explanation.
RESULT_SECTIONS = ("show_chart", "show_visit_table", "show_explain")


def open_results(at: AppTest) -> AppTest:
    """Open the chart, the visit table and the explanation (each is drawn only while open), and rerun."""
    for key in RESULT_SECTIONS:
        at.session_state[key] = True
    return at.run()


def shown_total(at: AppTest) -> Decimal:
    """The patient's total as the page shows it inside the element keyed total_patient."""
    return parse_money(at.container("total_patient").metric[0].value)


def plain(markdown: str) -> str:
    """Markdown source with its backslash escapes removed: the text a reader sees."""
    return re.sub(r"\\(.)", r"\1", markdown)


def table_with(at: AppTest, column: str) -> Any:
    """The one table on the page that has ``column`` (tables without selection carry no key)."""
    (frame,) = [d.value for d in at.dataframe if column in d.value.columns]
    return frame


def message_after(at: AppTest, key: str) -> str | None:
    """The error shown right after the widget keyed ``key``, or None."""

    def walk(node: Any) -> str | None:
        children = list(getattr(node, "children", {}).values())
        for position, child in enumerate(children):
            if getattr(child, "key", None) == key and position + 1 < len(children):
                after = children[position + 1]
                return plain(after.value) if after.type == "error" else None
            found = walk(child)
            if found is not None:
                return found
        return None

    return walk(at.main)


def reopened_from_link(at: AppTest) -> tuple[dict[str, str], AppTest]:
    """The page's own link, and a fresh app opened on it (as when someone opens a shared link)."""
    link = dict(at.query_params)
    again = AppTest.from_file(APP, default_timeout=30)
    again.query_params.update(link)
    return link, again.run()
