"""The estimate page in a real browser: headless Chromium against `streamlit run`, as a patient uses it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from coverage import Accumulators, CarePlan, Course, estimate, format_money, load_plans, parse_money
from coverage.engine.defaults import OT_EVAL_RATE, OT_VISIT_RATE, PT_EVAL_RATE, PT_VISIT_RATE
from coverage.views.export import visits_csv
from tests.browser_fixtures import ARTIFACTS, VIEWPORT
from tests.conftest import PLANS_CSV

PLANS = {plan.plan_id: plan for plan in load_plans(PLANS_CSV)}
WAIT_MS = 30_000
START = date(2026, 1, 5)
PT_2X8 = Course(visits_per_week=2, weeks=8, visit_rate=PT_VISIT_RATE, eval_rate=PT_EVAL_RATE)
OT_2X8 = Course(visits_per_week=2, weeks=8, visit_rate=OT_VISIT_RATE, eval_rate=OT_EVAL_RATE)
TOTAL = ".st-key-total_patient [data-testid='stMetricValue']"


def _shows(page: Page, plan_id: str, care: CarePlan, so_far: Accumulators | None = None) -> None:
    """Wait until the page's total is the engine's for these inputs (each step of the journey is checked)."""
    expected = estimate(PLANS[plan_id], care, so_far).patient_total
    expect(page.locator(TOTAL)).to_have_text(format_money(expected), timeout=WAIT_MS)


def _type(page: Page, key: str, text: str) -> None:
    """Type ``text`` into the text or number field keyed ``key`` and commit it with Enter."""
    field = page.locator(f".st-key-{key} input")
    expect(field).to_have_count(1, timeout=WAIT_MS)  # a rerun can briefly show the old field beside the new one
    field.fill(text)
    field.press("Enter")


@pytest.mark.browser
def test_a_scenario_entered_in_the_browser_shows_the_engines_total(page: Page, app_url: str) -> None:
    """A scenario typed into the page shows estimate()'s total; no sideways scrolling, nothing fetched from outside.

    From a shared link: pick the HMO, make PT 3 a week for 10 weeks, turn OT on, type the deductible met.
    """
    outside: list[str] = []
    page.on("request", lambda request: None if request.url.startswith(app_url) else outside.append(request.url))
    page.goto(f"{app_url}/?plan=medicare-b-2026&pt=2x8&start=2026-01-05")
    _shows(page, "medicare-b-2026", CarePlan(start_date=START, pt=PT_2X8))

    page.locator(".st-key-plan").click()
    page.keyboard.type("medigap")  # no first plan has it in its name (a loose search offered the HDHP)
    expect(page.get_by_role("option")).to_have_text(["No results"])
    page.keyboard.press("Control+a")
    page.keyboard.type("HMO with 30")
    page.get_by_role("option", name="Example: HMO with 30 PT and 30 OT visits kept separate", exact=False).click()
    _shows(page, "hmo-30-30", CarePlan(start_date=START, pt=PT_2X8))
    _type(page, "pt_visits_per_week", "3")
    pt = PT_2X8.model_copy(update={"visits_per_week": 3})
    _shows(page, "hmo-30-30", CarePlan(start_date=START, pt=pt))
    _type(page, "pt_weeks", "10")
    pt = pt.model_copy(update={"weeks": 10})
    _shows(page, "hmo-30-30", CarePlan(start_date=START, pt=pt))
    page.locator(".st-key-ot label").first.click()
    care = CarePlan(start_date=START, pt=pt, ot=OT_2X8)
    _shows(page, "hmo-30-30", care)
    page.get_by_text("So far this year (skip if you do not know)").click()
    _type(page, "deductible_met", "120.50")
    so_far = Accumulators(deductible_met="120.50")
    _shows(page, "hmo-30-30", care, so_far)

    page.locator(".st-key-plan").scroll_into_view_if_needed()
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "browser-estimate.png"
    page.screenshot(path=str(shot))
    assert parse_money(page.locator(TOTAL).inner_text()) == estimate(PLANS["hmo-30-30"], care, so_far).patient_total
    assert page.get_by_test_id("stException").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORT["width"]
    assert shot.stat().st_size > 10_000
    assert not [
        url for url in outside if not url.startswith(("data:", "blob:"))
    ]  # no fonts or scripts from the internet


@pytest.mark.browser
def test_the_visit_table_downloads_as_the_engines_csv(page: Page, app_url: str) -> None:
    """Clicking the CSV download in the browser saves exactly the engine's visit-by-visit CSV."""
    page.goto(f"{app_url}/?plan=hmo-30-30&pt=2x8&ot=1x4&start=2026-01-05")
    care = CarePlan(start_date=START, pt=PT_2X8, ot=OT_2X8.model_copy(update={"visits_per_week": 1, "weeks": 4}))
    _shows(page, "hmo-30-30", care)

    page.get_by_text("Visit by visit (table)").click()  # the table and its download are drawn when opened
    with page.expect_download(timeout=WAIT_MS) as download:
        page.get_by_role("button", name="Download the visit table (CSV)").click()

    assert download.value.suggested_filename == "therapy-estimate.csv"
    saved = Path(download.value.path()).read_text(encoding="utf-8")
    assert saved == visits_csv(estimate(PLANS["hmo-30-30"], care))
