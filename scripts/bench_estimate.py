"""Benchmark: estimate() for OT 2 a week plus PT 3 a week for 12 weeks (60 visits).

Prints the median over many runs; the target is well under a millisecond. Run with `make bench`.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coverage import CarePlan, Course, estimate, load_plans

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    """Time estimate() on each example plan and print medians."""
    care = CarePlan(
        start_date=date(2026, 1, 5),
        ot=Course(visits_per_week=2, weeks=12, visit_rate="101.24", eval_rate="100.60"),
        pt=Course(visits_per_week=3, weeks=12, visit_rate="84.75", eval_rate="98.01"),
    )
    medians = []
    for plan in load_plans(ROOT / "plans.csv"):
        estimate(plan, care)  # warm up
        runs = []
        for _ in range(300):
            started = time.perf_counter()
            estimate(plan, care)
            runs.append(time.perf_counter() - started)
        medians.append(statistics.median(runs))
        print(f"{plan.plan_id:<18} median {statistics.median(runs) * 1e3:.3f} ms for 60 visits")
    print(f"all plans: median of medians {statistics.median(medians) * 1e3:.3f} ms (target: well under 1 ms)")


if __name__ == "__main__":
    main()
