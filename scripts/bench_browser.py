"""Speed a person feels: the estimate page against a bare Streamlit app, in headless Chromium, side by side.

Serves three apps at once with `streamlit run` on loopback ports:

- **app**: this project (streamlit_app.py, the estimate page);
- **bare**: one number input (key ``pt_weeks``) and one metric in an element keyed ``total_patient``;
- **floor**: the estimate page's inputs as drawn by the app (plan picker, first visit, network, PT and OT),
  with no estimate and no results: one metric keyed ``total_patient`` that only repeats the weeks.

Each round opens each app in a new tab (its browser cache warmed by a first tab), in turn, and times
(a) from asking for the page to the total being visible, then (b) from pressing Enter on a new number of
PT weeks to the new total being visible (a few changes per tab). It prints the medians, the ratios to
the bare app, and the goal: (a) within 1.25x and (b) within 1.5x of the bare app. Debian's Chromium
(/usr/bin/chromium) through Playwright, with the flags of tests/browser_fixtures.py. Run by `make bench`,
never by the tests.

Usage: .venv/bin/python scripts/bench_browser.py [--rounds 3] [--changes 2]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.browser_fixtures import CHROMIUM, CHROMIUM_ARGS, VIEWPORT, _free_port, _healthy  # noqa: E402

GOAL_OPEN, GOAL_CHANGE = 1.25, 1.5
WAIT_MS = 90_000
#: True once the element keyed total_patient shows a figure other than ``previous`` (polled every frame).
SHOWN = """previous => {
    const value = document.querySelector('.st-key-total_patient [data-testid="stMetricValue"]');
    const text = value ? value.innerText.trim() : '';
    return text !== '' && text !== previous;
}"""
TOTAL_TEXT = """() => {
    const value = document.querySelector('.st-key-total_patient [data-testid="stMetricValue"]');
    return value ? value.innerText.trim() : '';
}"""

BARE = """
from decimal import Decimal

import streamlit as st

weeks = st.number_input("Weeks", 1, 52, 8, key="pt_weeks")
with st.container(key="total_patient"):
    st.metric("You pay in total", f"${Decimal('33.90') * 2 * weeks:,.2f}")
"""

FLOOR = f"""
import sys

sys.path.insert(0, {str(ROOT)!r})
import streamlit as st

from app_pages.components.estimate_inputs import draw_inputs, load_scenario
from app_pages.components.shared import Fields, current_plans

st.set_page_config(page_title="floor", layout="wide")
st.title("What will this therapy cost?", anchor=False)
plans = current_plans()
load_scenario(plans)
inputs, results = st.columns(2, gap="large")
with inputs:
    draw_inputs(Fields(), plans)
with results, st.container(key="total_patient"):
    st.metric("You pay in total", f"{{st.session_state.get('pt_weeks')}} weeks")
"""


@contextmanager
def served(script: Path, log: Path) -> Iterator[str]:
    """``script`` under `streamlit run` on a free loopback port, until the block ends."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.address", "127.0.0.1"]
    command += ["--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    with log.open("wb") as out:
        server = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 90
            while not _healthy(url):
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"{script.name} did not start: {log.read_text(errors='replace')[-2000:]}")
                time.sleep(0.3)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=15)


def _open(page: Page, url: str) -> float:
    """Seconds from asking for ``url`` to its total being visible."""
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_function(SHOWN, arg="", polling="raf", timeout=WAIT_MS)
    return time.perf_counter() - start


def _change(page: Page, weeks: int) -> float:
    """Seconds from pressing Enter on ``weeks`` PT weeks to a new total being visible."""
    before = page.evaluate(TOTAL_TEXT)
    field = page.locator(".st-key-pt_weeks input")
    field.fill(str(weeks))
    start = time.perf_counter()
    field.press("Enter")
    page.wait_for_function(SHOWN, arg=before, polling="raf", timeout=WAIT_MS)
    return time.perf_counter() - start


def measure(urls: dict[str, str], rounds: int, changes: int) -> dict[str, tuple[list[float], list[float]]]:
    """For each app: the open times and the change times of ``rounds`` fresh tabs, taken in turn."""
    times: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in urls}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            # One browser profile per app, warmed up by a first tab: each round's tab is a new one, as when a
            # person opens the page again, with the browser's cache of Streamlit's scripts already filled.
            contexts = {name: browser.new_context(viewport=VIEWPORT) for name in urls}  # type: ignore[arg-type]
            for name, url in urls.items():
                page = contexts[name].new_page()
                _open(page, url)
                page.close()
            for _ in range(rounds):
                for name, url in urls.items():
                    page = contexts[name].new_page()
                    times[name][0].append(_open(page, url))
                    for change in range(changes):
                        times[name][1].append(_change(page, 9 + change % 4))
                    page.close()
        finally:
            browser.close()
    return times


def main() -> None:
    """Serve the three apps, measure them side by side, print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="fresh tabs per app (default 3)")
    parser.add_argument("--changes", type=int, default=2, help="number changes per tab (default 2)")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        raise SystemExit(f"{CHROMIUM} is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as folder, ExitStack() as servers:
        here = Path(folder)
        (here / "bare.py").write_text(BARE, encoding="utf-8")
        (here / "floor.py").write_text(FLOOR, encoding="utf-8")
        scripts = {"bare": here / "bare.py", "floor": here / "floor.py", "app": ROOT / "streamlit_app.py"}
        urls = {name: servers.enter_context(served(path, here / f"{name}.log")) for name, path in scripts.items()}
        times = measure(urls, args.rounds, args.changes)
    medians = {name: (statistics.median(o), statistics.median(c)) for name, (o, c) in times.items()}
    bare_open, bare_change = medians["bare"]
    print(f"{'':8}{'(a) open to total':>20}{'ratio':>8}{'(b) change to total':>22}{'ratio':>8}")
    for name in ("bare", "floor", "app"):
        opened, changed = medians[name]
        print(f"{name:8}{opened:>18.3f} s{opened / bare_open:>7.2f}x{changed:>20.3f} s{changed / bare_change:>7.2f}x")
    app_open, app_change = medians["app"]
    floor_open, floor_change = medians["floor"]
    print(
        f"\ngoal: (a) within {GOAL_OPEN}x, (b) within {GOAL_CHANGE}x of the bare app. "
        f"app: (a) {app_open / bare_open:.2f}x, (b) {app_change / bare_change:.2f}x; "
        f"the floor alone: (a) {floor_open / bare_open:.2f}x, (b) {floor_change / bare_change:.2f}x"
    )
    print(f"{args.rounds} tabs per app, {args.changes} changes each; medians, seconds, on this machine as it is now.")


if __name__ == "__main__":
    main()
