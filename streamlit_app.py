"""The OT/PT coverage checker: the router. Each page lives in app_pages/.

Add a page by appending an ``st.Page`` to ``PAGES``; the estimate page stays the default, served at "/".
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from app_pages.components.staff_access import announce_staff_access

HERE = Path(__file__).resolve().parent

st.set_page_config(page_title="OT/PT coverage checker", page_icon="🩺", layout="wide")

PAGES = [
    st.Page(HERE / "app_pages" / "estimate.py", title="Estimate", icon=":material/calculate:", default=True),
    st.Page(
        HERE / "app_pages" / "compare_plans.py",
        title="Compare plans",
        icon=":material/compare_arrows:",
        url_path="compare",
    ),
    st.Page(HERE / "app_pages" / "catalog.py", title="Plan catalog", icon=":material/list_alt:", url_path="catalog"),
]

announce_staff_access()  # once per server: the log says whether staff mode is on, and why not
st.navigation(PAGES, position="top").run()
