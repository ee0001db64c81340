"""Take the README's picture of the estimate page: the app under `streamlit run`, Debian's Chromium at 1280x800.

Run it after a visible change to the estimate page: `.venv/bin/python scripts/screenshot.py`
(it writes docs/estimate-page.png). Not run by the tests.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser_fixtures import CHROMIUM, CHROMIUM_ARGS, VIEWPORT, _free_port, _healthy  # noqa: E402

OUT = ROOT / "docs" / "estimate-page.png"


def main() -> None:
    """Serve the app, open the estimate page, wait for the total, save the picture."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "streamlit_app.py")]
    command += ["--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true"]
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 90
        while not _healthy(url):
            if time.monotonic() > deadline:
                raise SystemExit("streamlit run did not start")
            time.sleep(0.3)
        with tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                profile, executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, viewport=VIEWPORT
            )
            page = context.new_page()
            page.goto(url)
            page.locator(".st-key-total_patient").wait_for(timeout=60_000)
            page.locator(".st-key-plan input").wait_for(timeout=60_000)
            page.locator("[data-testid=stMetricValue]").first.wait_for(timeout=60_000)
            page.wait_for_timeout(4000)  # the widgets and the chart draw after the figures
            page.screenshot(path=str(OUT))
            context.close()
    finally:
        server.terminate()
        server.wait(timeout=15)
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
