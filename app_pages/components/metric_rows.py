"""Metrics side by side while their figures are short, one under another when a figure is long."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import streamlit as st

from coverage import format_money

#: A figure longer than this ("$999,999.99" is 11) does not fit a half of the results column at 1280 pixels.
SHORT_FIGURE = 12


def metric_columns(count: int, *amounts: Decimal) -> list[Any]:
    """``count`` columns for metrics, or ``count`` rows when one of ``amounts`` is too long to fit a column.

    A metric's value does not wrap: "$2,990,016,000.00" was cut to "$2,990,016,00..." (issue 16).
    """
    if any(len(format_money(amount)) > SHORT_FIGURE for amount in amounts):
        return [st.container() for _ in range(count)]
    return list(st.columns(count))
