"""Benchmark: estimate() for OT 2 a week plus PT 3 a week for 12 weeks (60 visits).

Prints the median over many runs for typed visit rates, then for the same visits priced from their
codes (Medicare's fee schedule at 10112-00; issue 12's target: under 0.5 ms), and the ratio of the two.
Run with `make bench`.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coverage import CarePlan, Course, estimate, load_plans
from coverage.fees.course_pricing import FeeSources
from coverage.fees.pfs_files import load_medicare_fee_schedule

ROOT = Path(__file__).resolve().parents[1]


def median_of_medians(care: CarePlan, fees: FeeSources | None, *, fee_schedule: str | None = None) -> float:
    """estimate() on each example plan (with ``fee_schedule`` set, if given): the median of each plan's median."""
    medians = []
    for listed in load_plans(ROOT / "plans.csv"):
        plan = listed if fee_schedule is None else listed.model_copy(update={"fee_schedule": fee_schedule})
        estimate(plan, care, fees=fees)  # warm up
        runs = []
        for _ in range(300):
            started = time.perf_counter()
            estimate(plan, care, fees=fees)
            runs.append(time.perf_counter() - started)
        medians.append(statistics.median(runs))
        print(f"   {plan.plan_id:<18} median {statistics.median(runs) * 1e3:.3f} ms for 60 visits")
    return statistics.median(medians)


def main() -> None:
    """Time estimate() on each example plan, typed and priced from codes, and print medians and the ratio."""
    typed_care = CarePlan(
        start_date=date(2026, 1, 5),
        ot=Course(visits_per_week=2, weeks=12, visit_rate="101.24", eval_rate="100.60"),
        pt=Course(visits_per_week=3, weeks=12, visit_rate="84.75", eval_rate="98.01"),
    )
    priced_care = CarePlan(
        start_date=date(2026, 1, 5),
        ot=Course(visits_per_week=2, weeks=12, services="97530x2,97535", eval_services="97166"),
        pt=Course(visits_per_week=3, weeks=12, services="97110x2,97140", eval_services="97162"),
    )
    print("typed visit rates:")
    typed = median_of_medians(typed_care, None)
    print(f"all plans: median of medians {typed * 1e3:.3f} ms (target: well under 1 ms)")
    print("priced from codes, Medicare's fee schedule at 10112-00:")
    fees = FeeSources(load_medicare_fee_schedule(), locality="10112-00")
    from_codes = median_of_medians(priced_care, fees, fee_schedule="medicare")
    print(
        f"priced from codes: median of medians {from_codes * 1e3:.3f} ms (target < 0.5 ms); "
        f"{from_codes / typed:.2f}x the typed rates"
    )


if __name__ == "__main__":
    main()
