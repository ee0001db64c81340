"""Fixtures of the page tests that save the clinic's files (the catalog page, its staff settings, fee schedules)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import streamlit as st

from app_pages.components.paths import PLANS_CSV_ENV
from app_pages.components.staff_access import PASSCODE_ENV, STAFF_EMAILS_ENV
from tests.conftest import PLANS_CSV


@pytest.fixture
def catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped catalog that the page uses; no passcode or staff list in the environment; empty caches."""
    path = tmp_path / "plans.csv"
    shutil.copyfile(PLANS_CSV, path)
    monkeypatch.setenv(PLANS_CSV_ENV, str(path))
    monkeypatch.delenv(PASSCODE_ENV, raising=False)
    monkeypatch.delenv(STAFF_EMAILS_ENV, raising=False)
    st.cache_data.clear()
    st.cache_resource.clear()  # a fresh passcode guard: no wrong tries counted
    return path
