"""One rerun of the app with the example catalog against one rerun of an empty Streamlit script.

Both run through AppTest in the same process, after a warm-up run, so the ratio shows what the
estimate page itself costs on top of Streamlit's own rerun. Target: under 1.5.

Three more lines put the ratio in context: the least the issue itself asks for (the plan picker,
the first visit, the PT and OT switches, PT's five fields and one figure, drawn bare, no estimate);
a script that draws only this page's inputs (no estimate, no results); and a rerun after a person
changes a number (the estimate worked out and every result drawn afresh, nothing replayed).

Usage: .venv/bin/python scripts/bench_app.py [rounds]
"""

from __future__ import annotations

import logging
import statistics
import sys
import time
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGET = 1.5


def median_rerun(at: AppTest, rounds: int, *, change_weeks: bool = False) -> float:
    """The median seconds of ``rounds`` reruns of an app that has already run once.

    With ``change_weeks`` each rerun follows a new number of PT weeks with Streamlit's data cache
    emptied, so the estimate, the chart and the tables are all worked out afresh, as when a person types.
    """
    at.run()  # warm-up: imports, the catalog cache, first widget registration
    times = []
    for round_number in range(rounds):
        if change_weeks:
            at.number_input(key="pt_weeks").set_value(8 + round_number % 5)
            st.cache_data.clear()
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
        assert not at.exception, at.exception
    return statistics.median(times)


def bare_minimum() -> None:
    """The fewest widgets the issue asks for, with one figure and no layout or estimate (AppTest runs its source)."""
    import datetime  # noqa: PLC0415 (AppTest runs this function's source as a script of its own)

    import streamlit as st  # noqa: PLC0415

    st.selectbox("Your insurance plan", ["Original Medicare", "HMO", "PPO"], key="plan")
    st.date_input("First visit", datetime.date(2026, 1, 5), key="start_date")
    st.toggle("Physical therapy (PT)", value=True, key="pt")
    st.toggle("Occupational therapy (OT)", value=False, key="ot")
    st.number_input("Visits a week", 1, 7, 2, key="pt_visits_per_week")
    st.number_input("Weeks", 1, 52, 8, key="pt_weeks")
    st.text_input("Visit rate", "84.75", key="pt_rate")
    st.text_input("Evaluation rate", "98.01", key="pt_eval")
    st.text_input("Self-pay rate", "", key="pt_self_pay")
    st.metric("You pay in total", "$726.65")


def inputs_only() -> None:
    """The estimate page's inputs as a first-time user sees them, and nothing else (AppTest runs its source)."""
    import streamlit as st  # noqa: PLC0415 (AppTest runs this function's source as a script of its own)

    from app_pages.components.estimate_inputs import draw_inputs, load_scenario  # noqa: PLC0415
    from app_pages.components.shared import Fields, current_plans  # noqa: PLC0415

    plans = current_plans()
    load_scenario(plans)
    inputs, _ = st.columns(2)
    with inputs:
        draw_inputs(Fields(), plans)


def main() -> None:
    """Print both medians and their ratio."""
    for name in [logger for logger in logging.root.manager.loggerDict if logger.startswith("streamlit")]:
        logging.getLogger(name).setLevel(logging.ERROR)  # each Streamlit logger has its own level
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    empty = AppTest.from_string("", default_timeout=30)
    bare = AppTest.from_function(bare_minimum, default_timeout=30)
    inputs = AppTest.from_function(inputs_only, default_timeout=30)
    app = AppTest.from_file(ROOT / "streamlit_app.py", default_timeout=30)
    # Interleave them so machine noise hits all alike.
    empty_times, bare_times, inputs_times, app_times, changed_times = [], [], [], [], []
    for _ in range(3):
        empty_times.append(median_rerun(empty, rounds))
        bare_times.append(median_rerun(bare, rounds))
        inputs_times.append(median_rerun(inputs, rounds))
        app_times.append(median_rerun(app, rounds))
        changed_times.append(median_rerun(app, rounds, change_weeks=True))
    empty_s, bare_s, inputs_s, app_s, changed_s = (
        statistics.median(t) for t in (empty_times, bare_times, inputs_times, app_times, changed_times)
    )
    ratio = app_s / empty_s
    print(f"empty script rerun: median {empty_s * 1000:.1f} ms")
    print(f"estimate page rerun (example catalog, PT 2x8): median {app_s * 1000:.1f} ms")
    print(f"ratio: {ratio:.2f} (target < {TARGET}){'' if ratio < TARGET else '  ABOVE TARGET'}")
    print(f"the least the issue asks for, drawn bare: median {bare_s * 1000:.1f} ms (ratio {bare_s / empty_s:.2f})")
    print(
        f"the page's inputs alone, no estimate: median {inputs_s * 1000:.1f} ms (ratio {inputs_s / empty_s:.2f}); "
        f"the estimate and its results add {(app_s - inputs_s) * 1000:.1f} ms"
    )
    print(
        f"estimate page rerun after a new number of weeks (nothing replayed): median {changed_s * 1000:.1f} ms "
        f"(ratio {changed_s / empty_s:.2f})"
    )


if __name__ == "__main__":
    main()
