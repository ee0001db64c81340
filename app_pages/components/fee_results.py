"""The estimate page's "how was this priced": the allowed amount of each kind of visit from its codes, and the range.

Every sentence and figure comes from :mod:`coverage.views.visit_prices` and the overview's range
(:func:`coverage.fees.estimate_range.estimate_range`); this module only lays them out.
"""

from __future__ import annotations

import streamlit as st

from app_pages.components.shared import escape_markdown, money_md
from coverage.views.page_overview import Overview
from coverage.views.visit_prices import price_source, priced_visits


def draw_range(view: Overview) -> None:
    """Low / likely / high totals when a visit's length is known but not its minutes per code (likely: the headline)."""
    ranged = view.range
    if ranged is None:
        return
    low, likely, high = (ranged.low.patient_total, ranged.likely.patient_total, ranged.high.patient_total)
    with st.container(key="price_range"):
        st.markdown(
            f"**You pay from {money_md(low)} to {money_md(high)}**, likely {money_md(likely)} (the figure above), "
            "depending on how many timed units each visit bills."
        )
        for sentence in ranged.assumptions:
            st.caption(escape_markdown(sentence[:1].upper() + sentence[1:]))


def draw_pricing(view: Overview) -> None:
    """Where the allowed amounts come from and each kind of visit's lines; nothing for typed rates alone."""
    source = price_source(view.estimate)
    if source is None:
        return
    with st.container(key="how_priced", border=True):
        st.markdown("**How was this priced?**")
        national = view.estimate.prices is not None and view.estimate.prices.national
        (st.warning if national else st.caption)(escape_markdown(source))
        if view.published_rates:
            st.caption(escape_markdown(view.published_rates))
        for visit in priced_visits(view.estimate):
            st.markdown(f"{escape_markdown(visit.title)}: allowed amount **{money_md(visit.allowed)}**")
            st.markdown("\n".join(f"- {escape_markdown(f'{line}: {line.how}')}" for line in visit.lines))
