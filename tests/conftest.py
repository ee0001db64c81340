"""Shared test set-up: a bounded Hypothesis profile and paths to the project's files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from hypothesis import HealthCheck, settings
from streamlit.testing.v1 import AppTest

# The real-browser fixtures (the app under `streamlit run`, headless Chromium), for every test that asks.
from tests.browser_fixtures import app_url, browser_context, chromium, page  # noqa: F401

ROOT = Path(__file__).resolve().parents[1]
PLANS_CSV = ROOT / "plans.csv"
SHARED_DATA = ROOT.parent / "shared" / "data"

# Bounded so the whole suite stays within a few minutes on 2 cores; no deadline, since CI machines are shared;
# derandomized so CI runs the same examples a developer ran (a property a change breaks still fails every time).
settings.register_profile(
    "project", max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("project")


@pytest.fixture(autouse=True)
def _empty_streamlit_cache() -> Iterator[None]:
    """Every test starts and ends with Streamlit's caches empty (they would leak between AppTests)."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def app() -> AppTest:
    """The app on its default page, run once, with the first visit on 5 Jan 2026 (a Monday)."""
    from tests.dashboard_helpers import APP, START

    at = AppTest.from_file(APP, default_timeout=30).run()
    at.date_input(key="start_date").set_value(START)
    return at.run()
