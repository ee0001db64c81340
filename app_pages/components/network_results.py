"""The estimate page's in-network against out-of-network side by side, for a plan that states out-of-network terms.

Both estimates come from :func:`coverage.views.care_comparison.compare_networks` (through the overview); the page
only lays them out and says the difference the overview works out.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from app_pages.components.shared import money_md
from coverage import format_money
from coverage.views.care_comparison import OUT_OF_NETWORK
from coverage.views.page_overview import Overview


def draw_networks(view: Overview) -> None:
    """The side by side and a sentence with the difference; nothing for a plan without out-of-network terms."""
    networks, extra = view.networks, view.out_of_network_extra()
    if networks is None or extra is None:
        return
    st.markdown("**In network vs out of network**")
    shown = "in-network" if view.estimate.care.in_network else "out-of-network"
    names = list(networks)
    columns: dict[str, list[Any]] = {
        "Clinic": names,
        "You pay": [format_money(networks[name].patient_total) for name in names],
        "Plan pays": [format_money(networks[name].plan_total) for name in names],
    }
    if view.estimate.secondary is not None:
        columns["Second plan pays"] = [format_money(networks[name].total.secondary_pays) for name in names]
    columns["Balance bills"] = [format_money(networks[name].total.balance_bill) for name in names]
    money = [name for name in columns if name != "Clinic"]
    config = {name: st.column_config.TextColumn(name, alignment="right") for name in money}
    st.dataframe(pd.DataFrame(columns), hide_index=True, key="networks", column_config=config)
    balance = networks[OUT_OF_NETWORK].total.balance_bill
    if extra > 0:
        of_it = f", {money_md(balance)} of it in balance bills" if balance else ""
        difference = f"Out of network you pay {money_md(extra)} more than in network{of_it}."
    elif extra < 0:
        difference = f"Out of network you pay {money_md(-extra)} less than in network."
    else:
        difference = "You pay the same in and out of network."
    st.caption(f"{difference} The estimate above is the {shown} one.")
    if not balance:
        st.caption(
            "No balance bill is counted out of network. If the clinic bills more than your plan allows, type its "
            "billed charge per visit under The therapy to see it."
        )
