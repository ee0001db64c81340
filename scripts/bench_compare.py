"""Benchmark plan comparison and the CMS import (issue 5, "Speed"). Prints medians, ratios and peak memory.

1. compare_plans on 10,000 plans for a 60-visit plan of care (target: under 100 ms), and the
   ratio to estimate() run plan by plan on the same plans; then the same with the visits priced from
   their codes under each plan's fee schedule (issue 12: target under 100 ms from the Plan objects).
2. compare_plans on 100,000 plans: time and peak memory (tracemalloc, in a separate run).
3. import-cms on a synthetic 1,000,000-row benefits file built from the real string corpus in
   ../shared/data: rows per second and the peak memory of the importing process (target: under 1 GiB).

Run: .venv/bin/python scripts/bench_compare.py [--quick] [--rows N] [--rows-per-plan N]
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coverage import CarePlan, CopayTiming, Course, PayerType, Plan, estimate  # noqa: E402
from coverage.catalog.cms_import.plan_attributes import COLUMNS as PLAN_ATTRIBUTE_COLUMNS  # noqa: E402
from coverage.engine.plan_ranking import compare_plans  # noqa: E402
from coverage.engine.plan_table import PlanTable  # noqa: E402
from coverage.fees.course_pricing import FeeSources  # noqa: E402
from coverage.fees.pfs_files import load_medicare_fee_schedule  # noqa: E402

SHARED_DATA = ROOT.parent / "shared" / "data"
CARE = CarePlan(  # OT 2 a week + PT 3 a week for 12 weeks: 60 visits
    start_date=date(2026, 5, 4),
    ot=Course(visits_per_week=2, weeks=12, visit_rate="101.24", eval_rate="100.60"),
    pt=Course(visits_per_week=3, weeks=12, visit_rate="84.75", eval_rate="98.01", self_pay_rate="75.00"),
)

PRICED_CARE = CarePlan(  # the same visits, billed as codes and priced under each plan's fee schedule
    start_date=date(2026, 5, 4),
    ot=Course(visits_per_week=2, weeks=12, services="97530x2,97535", eval_services="97166"),
    pt=Course(visits_per_week=3, weeks=12, services="97110x2,97140", eval_services="97162", self_pay_rate="75.00"),
)
FEE_SETTINGS = ("", "medicare", "medicare:110", "medicare:125", "medicare:87.5")


def _money(rng: random.Random, high: int) -> Decimal:
    return Decimal(rng.randrange(0, high * 100)) / 100


def synthetic_plans(count: int, seed: int = 5) -> list[Plan]:
    """``count`` plans spread over every rule switch, reproducibly."""
    rng = random.Random(seed)
    plans = []
    for i in range(count):
        limit = lambda high: None if rng.random() < 0.4 else rng.randrange(0, high)  # noqa: E731
        plans.append(
            Plan(
                plan_id=f"bench-{i}",
                plan_name=f"Benchmark plan {i}",
                payer_type=rng.choice([p for p in PayerType if p is not PayerType.SELF_PAY] * 9 + [PayerType.SELF_PAY]),
                plan_year_start=rng.choice(["01-01", "01-01", "07-01", "10-01"]),
                deductible=_money(rng, 5000),
                oop_max=None if rng.random() < 0.2 else _money(rng, 9000) + 500,
                deductible_applies=rng.random() < 0.8,
                copay_timing=rng.choice(list(CopayTiming)),
                ot_copay=_money(rng, 60),
                pt_copay=_money(rng, 60),
                ot_coinsurance_pct=Decimal(rng.choice([0, 10, 20, 30, 50])),
                pt_coinsurance_pct=Decimal(rng.choice([0, 10, 20, 30, 50])),
                ot_visit_limit=limit(40),
                pt_visit_limit=limit(40),
                combined_visit_limit=limit(60),
                same_day_counts_once=rng.random() < 0.3,
                one_copay_per_day=rng.random() < 0.3,
            )
        )
    return plans


def median_ms(run: Callable[[], object], repeats: int) -> float:
    """The median wall time of ``run`` in milliseconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench_ten_thousand(quick: bool) -> None:
    """Measurement 1: 10,000 plans, against the reference engine."""
    plans = synthetic_plans(10_000)
    table = PlanTable.of(plans)
    visits = CARE.ot.visit_count + CARE.pt.visit_count  # type: ignore[union-attr]
    compare_plans(table, CARE)  # warm up
    vector = median_ms(lambda: compare_plans(table, CARE), 5 if quick else 15)
    from_plans = median_ms(lambda: compare_plans(plans, CARE), 3 if quick else 9)
    reference_plans = plans[:1000] if quick else plans
    reference = median_ms(lambda: [estimate(p, CARE) for p in reference_plans], 1 if quick else 3)
    reference *= len(plans) / len(reference_plans)
    frame = compare_plans(table, CARE).set_index("plan_id")
    for plan in plans[:200]:  # a spot check; tests/test_compare_plans.py proves equality
        assert frame.loc[plan.plan_id, "patient_total"] == estimate(plan, CARE).patient_total
    print(f"1. compare_plans, 10,000 plans x {visits} visits")
    print(f"   catalog as a PlanTable (built once):  median {vector:8.1f} ms   (target < 100 ms)")
    print(f"   from the Plan objects, table included: median {from_plans:8.1f} ms")
    print(f"   estimate() plan by plan{' (1,000, scaled)' if quick else ''}:      median {reference:8.1f} ms")
    ratio, ratio_plans = reference / vector, reference / from_plans
    print(f"   ratio reference / vectorised: {ratio:6.0f}x  (from the Plan objects: {ratio_plans:.0f}x)")
    bench_priced(plans, from_plans, quick)


def bench_priced(plans: list[Plan], typed_ms: float, quick: bool) -> None:
    """Measurement 1b: the same 10,000 plans with fee schedules, the visits priced from their codes."""
    fees = FeeSources(load_medicare_fee_schedule(), locality="10112-00")
    priced = [p.model_copy(update={"fee_schedule": FEE_SETTINGS[i % len(FEE_SETTINGS)]}) for i, p in enumerate(plans)]
    compare_plans(priced, PRICED_CARE, fees=fees)  # warm up
    elapsed = median_ms(lambda: compare_plans(priced, PRICED_CARE, fees=fees), 3 if quick else 9)
    frame = compare_plans(priced, PRICED_CARE, fees=fees).set_index("plan_id")
    for plan in priced[:200]:  # a spot check; tests/engine/test_compare_plans.py proves equality
        assert frame.loc[plan.plan_id, "patient_total"] == estimate(plan, PRICED_CARE, fees=fees).patient_total
    print(
        f"   with fee schedules ({len(FEE_SETTINGS)} settings), from the Plan objects: median {elapsed:8.1f} ms"
        f"   (target < 100 ms; {elapsed / typed_ms:.2f}x the typed rates)"
    )


def bench_hundred_thousand(quick: bool) -> None:
    """Measurement 2: 100,000 plans, time and peak memory."""
    plans = synthetic_plans(100_000)
    table = PlanTable.of(plans)
    elapsed = median_ms(lambda: compare_plans(table, CARE), 1 if quick else 3)
    tracemalloc.start()
    compare_plans(table, CARE)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print("2. compare_plans, 100,000 plans x 60 visits")
    print(f"   median {elapsed:8.1f} ms; peak memory allocated during the call {peak / 2**20:6.1f} MiB")


def _weighted(rows: list[dict[str, str]], column: str) -> tuple[list[str], list[int]]:
    picked = [row for row in rows if row["column"] == column]
    return [row["value"] for row in picked], [int(row["row_count"]) for row in picked]


def write_synthetic_benefits(folder: Path, rows: int, rows_per_plan: int, seed: int = 7) -> tuple[Path, Path]:
    """A Benefits and Cost Sharing PUF of ``rows`` rows and its Plan Attributes file, from the real corpus."""
    rng = random.Random(seed)
    with (SHARED_DATA / "cms_bencs_2014_2016_costshare_value_corpus.csv").open(encoding="utf-8", newline="") as f:
        corpus = list(csv.DictReader(f))
    with (SHARED_DATA / "cms_bencs_2014_2016_therapy_rows.csv").open(encoding="utf-8", newline="") as f:
        therapy = list(csv.DictReader(f))
    header = list(therapy[0])
    copays, copay_weights = _weighted(corpus, "CopayInnTier1")
    coins, coin_weights = _weighted(corpus, "CoinsInnTier1")
    real_rows = [row for row in therapy if row["IsCovered"]]
    # Each plan: its OT/PT row, then speech, habilitation and outpatient rehabilitation (about 5% of a
    # real file's rows, as in the 10,000-row sample), then other benefits the importer skips.
    names = [
        "Rehabilitative Occupational and Rehabilitative Physical Therapy",
        "Rehabilitative Speech Therapy",
        "Habilitation Services",
        "Outpatient Rehabilitation Services",
    ]
    benefits_path, plans_path = folder / "benefits.csv", folder / "plan_attributes.csv"
    with benefits_path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        for i in range(rows):
            plan, slot = divmod(i, rows_per_plan)
            row = dict(rng.choice(real_rows))  # real explanation, limit and deductible flag, kept together
            row["PlanId"] = f"{10000 + plan}TX{plan:07d}-01"
            row["BusinessYear"] = "2015"
            row["BenefitName"] = (
                names[slot] if slot < len(names) else "Primary Care Visit to Treat an Injury or Illness"
            )
            row["CopayInnTier1"] = rng.choices(copays, copay_weights)[0]
            row["CoinsInnTier1"] = rng.choices(coins, coin_weights)[0]
            writer.writerow([row[column] for column in header])
    plans = (rows + rows_per_plan - 1) // rows_per_plan
    with plans_path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["BusinessYear", *PLAN_ATTRIBUTE_COLUMNS])
        for p in range(plans):
            writer.writerow(
                [
                    "2015",
                    f"{10000 + p}TX{p:07d}-01",
                    f"Synthetic plan {p}",
                    f"${rng.randrange(0, 65) * 100:,} ",
                    "Not Applicable",
                    f"${rng.randrange(20, 66) * 100:,}",
                    "Not Applicable",
                ]
            )
    return benefits_path, plans_path


#: Runs the import in a fresh interpreter and reports that process's own peak resident memory: VmHWM of
#: /proc/self/status (ru_maxrss would include the benchmark's own memory, inherited across fork and exec).
_MEASURED_IMPORT = (
    "import sys\n"
    "from pathlib import Path\n"
    "from coverage.cli.main import main\n"
    "code = main(sys.argv[1:])\n"
    "status = Path('/proc/self/status').read_text().splitlines()\n"
    "peak = [line.split()[1] for line in status if line.startswith('VmHWM')]\n"
    "print('MAXRSS_KIB', peak[0] if peak else -1, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def bench_import(rows: int, rows_per_plan: int) -> None:
    """Measurement 3: a synthetic benefits file through import-cms, rows per second and peak memory."""
    if not SHARED_DATA.exists():
        print(f"3. import-cms: skipped, the shared data is not at {SHARED_DATA}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        benefits, plans = write_synthetic_benefits(folder, rows, rows_per_plan)
        size = benefits.stat().st_size
        start = time.perf_counter()
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                _MEASURED_IMPORT,
                "import-cms",
                "--benefits",
                str(benefits),
                "--plans",
                str(plans),
                "-o",
                str(folder / "catalog.csv"),
                "--quiet",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        elapsed = time.perf_counter() - start
    peak_kib = int(result.stderr.rsplit("MAXRSS_KIB", 1)[1].split()[0]) if "MAXRSS_KIB" in result.stderr else -1
    verdict = "under" if 0 <= peak_kib < 2**20 else "NOT under"
    print(
        f"3. import-cms, a synthetic benefits file of {rows:,} rows ({size / 2**20:,.0f} MiB, {rows_per_plan} a plan)"
    )
    print(f"   {elapsed:6.1f} s, {rows / elapsed:,.0f} rows/s (the whole process, start-up included)")
    print(f"   peak memory of the importing process {peak_kib / 1024:,.0f} MiB ({verdict} 1 GiB)")
    print(f"   exit code {result.returncode}: {result.stdout.strip()}")


def main() -> None:
    """Run the three measurements and print them."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repeats; reference on 1,000 plans, scaled")
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows of the synthetic benefits file")
    parser.add_argument(
        "--rows-per-plan", type=int, default=80, help="benefit rows a plan (1: every row a therapy row)"
    )
    args = parser.parse_args()
    bench_ten_thousand(args.quick)
    bench_hundred_thousand(args.quick)
    bench_import(args.rows, args.rows_per_plan)


if __name__ == "__main__":
    main()
