"""Take the README's picture of the estimate page: the app under `streamlit run`, Debian's Chromium at 1280x800.

Run it after a visible change to the estimate page: `.venv/bin/python scripts/screenshot.py`
(it writes docs/estimate-page.png). Not run by the tests.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.bench_browser import served  # noqa: E402  (the same server start as the speed benchmark)
from tests.browser_fixtures import CHROMIUM, CHROMIUM_ARGS, VIEWPORT  # noqa: E402

OUT = ROOT / "docs" / "estimate-page.png"


def main() -> None:
    """Serve the app, open the estimate page, wait for the total, save the picture."""
    with (
        tempfile.TemporaryDirectory() as scratch,
        served(ROOT / "streamlit_app.py", Path(scratch) / "server.log") as url,
        sync_playwright() as playwright,
    ):
        context = playwright.chromium.launch_persistent_context(
            str(Path(scratch) / "profile"), executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, viewport=VIEWPORT
        )
        page = context.new_page()
        page.goto(url)
        page.locator(".st-key-total_patient").wait_for(timeout=60_000)
        page.locator(".st-key-plan input").wait_for(timeout=60_000)
        page.locator("[data-testid=stMetricValue]").first.wait_for(timeout=60_000)
        page.wait_for_timeout(4000)  # the widgets and the chart draw after the figures
        page.screenshot(path=str(OUT))
        context.close()
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
