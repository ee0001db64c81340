"""Issue 16's walkthrough in a real browser: what a person sees at 1280x800, where AppTest cannot tell."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import Page, expect

WAIT_MS = 60_000  # the first page a fresh server sends can take half a minute on 2 shared cores
TOTAL = ".st-key-total_patient [data-testid='stMetricValue']"
#: Every element under ``root`` whose text is wider than its box and is cut off rather than scrolled or wrapped.
CLIPPED = """root => [...root.querySelectorAll('*')].filter(e => {
    const style = getComputedStyle(e);
    const hides = style.overflowX === 'hidden' || style.overflowX === 'clip' || style.textOverflow === 'ellipsis';
    return hides && e.scrollWidth > e.clientWidth + 1 && e.innerText.trim() !== '';
}).map(e => e.innerText.trim().slice(0, 60))"""


#: How many elements under the given one are wider than their box, whether they hide, clip or scroll the rest.
OVERFLOWING = "e => [...e.querySelectorAll('*')].filter(c => c.scrollWidth > c.clientWidth + 1).length"


def _upload(page: Page, app_url: str, name: str, data: bytes) -> None:
    page.goto(f"{app_url}/catalog")
    expect(page.get_by_text("Use your own plans file for this session")).to_be_visible(timeout=WAIT_MS)
    page.locator("input[type=file]").set_input_files(files=[{"name": name, "mimeType": "text/csv", "buffer": data}])


@pytest.mark.browser
@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ("plan_id,plan_name\n".encode("utf-16"), "is UTF-16 text"),  # Excel's "Unicode Text" starts with FF FE
        (b"\x80\x81" + os.urandom(64), "is not UTF-8 text"),  # no UTF-8 text starts with a continuation byte
    ],
)
def test_an_upload_that_is_not_utf8_shows_its_reason_and_no_script_error(
    page: Page, app_url: str, data: bytes, reason: str
) -> None:
    """A UTF-16 or random-bytes upload: the page says why it cannot be used, with no JavaScript error (issue 16)."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    _upload(page, app_url, "mine.csv", data)

    expect(page.get_by_text(reason, exact=False)).to_be_visible(timeout=WAIT_MS)
    expect(page.get_by_text("the whole file")).to_be_visible()
    assert "TypeError" not in page.locator("body").inner_text()
    assert errors == []


@pytest.mark.browser
def test_a_count_above_its_limit_shows_the_limit_in_words(page: Page, app_url: str) -> None:
    """999999 typed in "PT visits used" and Enter: a message says 999 is the most, and the total goes (issue 16)."""
    page.goto(f"{app_url}/?plan=hmo-30-30&pt=2x8&start=2026-01-05")
    expect(page.locator(TOTAL)).to_be_visible(timeout=WAIT_MS)
    page.get_by_text("So far this year (skip if you do not know)").click()

    field = page.locator(".st-key-pt_visits_used input")
    expect(field).to_have_count(1, timeout=WAIT_MS)  # the section's rerun can briefly show the field twice
    field.fill("999999")
    field.press("Enter")

    expect(page.get_by_text("must be 999 or less")).to_be_visible(timeout=WAIT_MS)
    expect(page.locator(TOTAL)).to_have_count(0)


def _clipped(page: Page, selector: str) -> list[str]:
    """The texts under ``selector`` that are cut off: wider than their box, which hides the rest."""
    expect(page.locator(selector).first).to_be_visible(timeout=WAIT_MS)
    found: list[str] = page.locator(selector).first.evaluate(CLIPPED)
    return found


@pytest.mark.browser
def test_large_totals_and_the_front_desk_labels_are_not_cut_off(page: Page, app_url: str) -> None:
    """Self-pay at $10,000,000 a visit, 7 a week for 52 weeks: "$3,640,000,000.00" shows whole (issue 16)."""
    page.goto(f"{app_url}/?plan=self-pay&pt=7x52&pt_rate=10000000&pt_eval=&start=2026-01-05")
    expect(page.locator(TOTAL)).to_have_text("$3,640,000,000.00", timeout=WAIT_MS)  # 364 x 10,000,000

    assert _clipped(page, ".st-key-total_patient") == []
    assert _clipped(page, "[data-testid='stMainBlockContainer']") == []

    page.goto(f"{app_url}/?plan=medicare-b-2026&pt=2x8&ot=1x8&start=2026-01-05")
    expect(page.locator(".st-key-front_desk").get_by_text("Out-of-pocket maximum")).to_be_visible(timeout=WAIT_MS)
    assert _clipped(page, ".st-key-front_desk") == []


@pytest.mark.browser
def test_the_share_link_box_shows_the_whole_link(page: Page, app_url: str) -> None:
    """The share box wraps the link instead of hiding its end past the box's edge (issue 16)."""
    page.goto(f"{app_url}/?plan=hmo-30-30&pt=2x8&ot=1x8&start=2026-01-05&deductible_met=120.50")
    box = page.locator(".st-key-share_link")
    expect(box).to_contain_text("deductible_met=120.50", timeout=WAIT_MS)

    overflowing = box.evaluate(OVERFLOWING)

    assert overflowing == 0
    assert _clipped(page, ".st-key-share_link") == []


@pytest.mark.browser
def test_the_compare_table_shows_every_column_and_reason_whole(page: Page, app_url: str) -> None:
    """Compare plans at 1280x800: "Visits not covered" and each "Why" sentence are whole, the page not wider."""
    page.goto(f"{app_url}/compare?pt=2x8&ot=1x8&start=2026-01-05&pt_visits_used=25&top=12")
    table = page.locator(".st-key-cmp_table")
    expect(table.get_by_text("Visits not covered", exact=True)).to_be_visible(timeout=WAIT_MS)

    assert _clipped(page, ".st-key-cmp_table") == []
    assert table.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
