"""Load test (not a timed test): many browser sessions against one `streamlit run` on loopback.

Starts the app on 127.0.0.1 and a free port, opens SESSIONS headless Chromium sessions at
once, and has each run several estimates: change an input, then wait until the element with
CSS class ``st-key-total_patient`` shows a different total. Reports every error (an exception
on a page, a browser page error, an uncaught error in the server log, a total that never
appeared or never changed, an input that never appeared), the median (p50), 95th percentile
(p95) and worst time to see the first total and to see a new total after a change, and the
server's resident memory before the sessions, after them, and per session.

The input changed is the first number input on the page (``--input`` to choose another CSS
selector). Each wait lasts as long as the page needs, up to ``--wait`` seconds (default 300); there
is no fallback (issue 17: reloading the page instead timed reloads, not changes): a session whose
input never appears is an error and measures nothing.

    .venv/bin/python scripts/load_test.py [--sessions 20] [--estimates 5]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from playwright.async_api import Browser, Page, async_playwright
from playwright.async_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
TOTAL = ".st-key-total_patient"
#: The longest any one wait lasts (``--wait``): long enough for a loaded machine, bounded so the script stops.
WAIT_MS = 300_000
SERVER_ERRORS = ("Uncaught app execution", "Traceback (most recent call last)")


@dataclass
class Session:
    """What one browser session saw."""

    number: int
    first_total_s: float | None = None
    estimate_s: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def rss_mib(pid: int) -> float:
    """Resident memory of process ``pid`` in MiB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def wait_healthy(port: int, server: subprocess.Popen[bytes], timeout_s: float = 60) -> None:
    """Wait until the server answers its health check."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the server stopped while starting")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("the server did not become healthy")


async def total_text(page: Page) -> str:
    """The text of the total element as the user sees it."""
    return await page.locator(TOTAL).first.inner_text(timeout=WAIT_MS)


async def page_exceptions(page: Page) -> int:
    """How many exception boxes the page shows."""
    return await page.locator('[data-testid="stException"]').count()


async def run_session(
    browser: Browser, url: str, number: int, *, estimates: int, selector: str, keep_open: bool = False
) -> Session:
    """Open the app, wait for the total, then run ``estimates`` estimates.

    With ``keep_open`` the session stays connected (so the server still holds it) until the browser closes.
    """
    result = Session(number)
    context = await browser.new_context()
    page = await context.new_page()
    page.on("pageerror", lambda error: result.errors.append(f"page error: {error}"))
    try:
        start = time.perf_counter()
        await page.goto(url, wait_until="domcontentloaded", timeout=WAIT_MS)
        await page.locator(TOTAL).first.wait_for(state="visible", timeout=WAIT_MS)
        result.first_total_s = time.perf_counter() - start
        field_ = page.locator(selector).first
        try:  # as long as the page needs: under load the inputs render well after the total
            await field_.wait_for(state="visible", timeout=WAIT_MS)
        except PlaywrightTimeout:
            result.errors.append(f"no input matching {selector} appeared within {WAIT_MS // 1000} s")
            return result
        for n in range(estimates):
            before = await total_text(page)
            start = time.perf_counter()
            value = float(await field_.input_value() or 0)
            await field_.fill(str(int(value) + (1 if n % 2 == 0 else -1)))
            await field_.press("Enter")
            await page.wait_for_function(  # the total changed, or the page shows an exception
                "([sel, before]) => { const e = document.querySelector(sel);"
                " if (document.querySelector('[data-testid=\"stException\"]')) return true;"
                " return e && e.innerText !== before && e.innerText.trim() !== ''; }",
                arg=[TOTAL, before],
                timeout=WAIT_MS,
            )
            if await page_exceptions(page):
                break
            result.estimate_s.append(time.perf_counter() - start)
        if await page_exceptions(page):
            result.errors.append("the page shows an exception")
    except Exception as exc:  # every failure of a session is reported, not raised
        result.errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
    finally:
        if not keep_open:
            await context.close()
    return result


@dataclass
class Run:
    """All sessions' results and the server's memory along the way (MiB)."""

    sessions: list[Session]
    rss_warm: float
    rss_loaded: float


async def drive(url: str, sessions: int, estimates: int, selector: str, server_pid: int) -> Run:
    """One warm-up session (the app's imports load once), then all sessions at once."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            warm_up = await run_session(browser, url, -1, estimates=1, selector=selector)
            rss_warm = rss_mib(server_pid)
            results = await asyncio.gather(
                *(
                    run_session(browser, url, n, estimates=estimates, selector=selector, keep_open=True)
                    for n in range(sessions)
                )
            )
            rss_loaded = rss_mib(server_pid)
            return Run([warm_up, *results], rss_warm, rss_loaded)
        finally:
            await browser.close()


def seconds(values: list[float]) -> str:
    """p50, p95 and worst of ``values``, in seconds."""
    if not values:
        return "none measured"
    p95 = statistics.quantiles(values, n=20, method="inclusive")[18] if len(values) > 1 else values[0]
    return f"p50 {statistics.median(values):.2f} s, p95 {p95:.2f} s, worst {max(values):.2f} s ({len(values)} measured)"


def main() -> int:
    """Run the load test and print the report; exit status 1 if there was any error."""
    global WAIT_MS  # noqa: PLW0603 - one setting for the whole run, read by every session
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--estimates", type=int, default=5, help="estimates per session")
    parser.add_argument("--input", default='[data-testid="stNumberInput"] input', help="CSS selector to change")
    parser.add_argument("--app", default="streamlit_app.py")
    parser.add_argument("--wait", type=float, default=WAIT_MS / 1000, help="longest wait for one step, in seconds")
    args = parser.parse_args()
    WAIT_MS = int(args.wait * 1000)

    port = free_port()
    with tempfile.TemporaryFile() as log:
        command = [sys.executable, "-m", "streamlit", "run", args.app, "--server.address", "127.0.0.1",
                   "--server.port", str(port), "--server.headless", "true", "--server.fileWatcherType", "none",
                   "--browser.gatherUsageStats", "false"]  # fmt: skip
        server = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=os.environ.copy())
        try:
            wait_healthy(port, server)
            rss_start = rss_mib(server.pid)
            started = time.perf_counter()
            run = asyncio.run(drive(f"http://127.0.0.1:{port}/", args.sessions, args.estimates, args.input, server.pid))
            elapsed = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=30)
        log.seek(0)
        server_log = log.read().decode("utf-8", errors="replace")

    results = [r for r in run.sessions if r.number >= 0]
    errors = [f"session {r.number}: {e}" for r in run.sessions for e in r.errors]
    errors += [f"server log: {marker}" for marker in SERVER_ERRORS if marker in server_log]
    print(f"app: {args.app} on http://127.0.0.1:{port}/, {args.sessions} concurrent Chromium sessions, "
          f"{args.estimates} changes of {args.input} each, {elapsed:.1f} s in all")  # fmt: skip
    print(f"machine: {os.cpu_count()} CPUs shared by server and browsers; load average {os.getloadavg()[0]:.1f}")
    print(f"errors: {len(errors)}")
    for error in errors:
        print(f"  {error}")
    print(f"first total, from opening the page: {seconds([r.first_total_s for r in results if r.first_total_s])}")
    print(f"new total after a change: {seconds([s for r in results for s in r.estimate_s])}")
    per_session = (run.rss_loaded - run.rss_warm) / max(args.sessions, 1)
    print(
        f"server memory (RSS): {rss_start:.0f} MiB at start, {run.rss_warm:.0f} MiB after one warm-up session, "
        f"{run.rss_loaded:.0f} MiB with all {args.sessions} sessions open: {per_session:.1f} MiB per session"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
