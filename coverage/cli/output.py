"""What the command line prints: text for people, JSON for scripts, a progress bar for long imports.

Money is printed exactly: "$1,234.50" in text, the string "1234.50" in JSON (a JSON
number would be a float to most readers).
"""

from __future__ import annotations

import csv
import json
import sys
import time
from dataclasses import asdict
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

import pandas as pd

from coverage.catalog.cms_import import ImportReport
from coverage.engine.care import CarePlan
from coverage.engine.course_estimate import VISIT_COLUMNS, Estimate
from coverage.engine.money import format_money
from coverage.engine.notices import format_day
from coverage.views.comparison_reasons import why_it_costs
from coverage.views.front_desk_panel import front_desk

PROBLEMS_LISTED = 20


def _plain(value: object) -> object:
    """A value as JSON can hold it exactly: Decimal and dates as text, missing as null."""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, date):
        return value.isoformat()
    if value is None or (not isinstance(value, (str, bool)) and pd.isna(value)):  # type: ignore[call-overload]
        return None
    if hasattr(value, "item"):  # a NumPy number
        return value.item()
    return value


def _print_json(data: object) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def describe_care(care: CarePlan) -> str:
    """``'PT 2 a week for 8 weeks and OT 1 a week for 6 weeks, from 5 Jan 2026'``."""
    courses = [
        f"{name} {course.visits_per_week} a week for {course.weeks} weeks"
        for name, course in (("PT", care.pt), ("OT", care.ot))
        if course is not None
    ]
    return f"{' and '.join(courses)}, from {format_day(care.start_date)}"


def estimate(result: Estimate, *, as_json: bool) -> None:
    """Print one plan's estimate: totals, milestones and every visit."""
    plan, total = result.plan, result.total
    if as_json:
        _print_json(
            {
                "plan_id": plan.plan_id,
                "plan_name": plan.plan_name,
                "care": describe_care(result.care),
                "patient_total": _plain(result.patient_total),
                "plan_total": _plain(result.plan_total),
                "visits_count": total.visits,
                "visits_not_covered": total.not_covered_visits,
                "front_desk": _front_desk(result),
                "notices": [
                    {"kind": n.kind.value, "date": n.date.isoformat(), "message": n.message} for n in result.notices
                ],
                "visits": [{column: _plain(getattr(v, column)) for column in VISIT_COLUMNS} for v in result.visits],
            }
        )
        return
    print(f"{plan.plan_name} ({plan.plan_id})")
    print(describe_care(result.care))
    print()
    print(f"  You pay      {format_money(result.patient_total):>12}")
    print(f"  Plan pays    {format_money(result.plan_total):>12}")
    print(
        f"  Visits       {total.visits:>12}   ({total.covered_visits} covered, {total.not_covered_visits} not covered)"
    )
    if result.notices:
        print("\nWhat happens on the way")
        for notice in result.notices:
            print(f"  - {notice.message}")
    print("\n  date         therapy  visit   allowed  covered   you pay  plan pays")
    for v in result.visits:
        print(
            f"  {v.date.isoformat()}   {v.discipline:<7}  {v.visit_number:>5}  {v.allowed:>8.2f}  "
            f"{'yes' if v.covered else 'NO':<7}  {v.patient_pays:>8.2f}  {v.plan_pays:>9.2f}"
        )


def _front_desk(result: Estimate) -> dict[str, object]:
    """The front desk's first-day figure: every visit on the first date, summed (issue 16)."""
    desk = front_desk(result)
    return {
        "first_day": desk.first_day.isoformat(),
        "first_day_therapies": desk.first_day_therapies,
        "collect_first_day": _plain(desk.collect_first_day),
        "first_day_visits": [f"{v.discipline} {v.visit_number}" for v in desk.first_day_visits],
    }


def comparison(ranking: pd.DataFrame, care: CarePlan, *, top: int, as_json: bool) -> None:
    """Print the plans ranked by what the patient pays (the cheapest ``top``, 0 for all) and those left out."""
    ranked = ranking[ranking["rank"].notna()]
    shown = ranked if top == 0 else ranked.head(top)
    left_out = ranking[ranking["rank"].isna()]
    records: list[dict[str, Any]] = [{str(k): v for k, v in row.items()} for row in shown.to_dict("records")]
    if as_json:
        rows = [{k: _plain(v) for k, v in row.items()} | {"why": why_it_costs(row)} for row in records]
        out = [
            {"plan_id": r["plan_id"], "year_to_date_problem": r["year_to_date_problem"]}
            for r in left_out.to_dict("records")
        ]
        _print_json({"care": describe_care(care), "plans": rows, "left_out": out, "plans_compared": len(ranked)})
        return
    print(f"Plans ranked by what the patient pays: {describe_care(care)}")
    print(f"{len(ranked)} plans compared; the cheapest {len(shown)} shown.\n")
    for row in records:
        print(f"{row['rank']:>4}. {format_money(row['patient_total']):>11}  {row['plan_name']} ({row['plan_id']})")
        print(f"      plan pays {format_money(row['plan_total'])}; {why_it_costs(row)}")
    if len(left_out):
        print(f"\n{len(left_out)} plans left out: the year-to-date figures are above what they allow.")
        for plan_id, problem in left_out.head(PROBLEMS_LISTED)[["plan_id", "year_to_date_problem"]].itertuples(False):
            print(f"  - {plan_id}: {problem}")


def import_report(report: ImportReport, output: Path, problems_file: Path | None, *, as_json: bool) -> None:
    """Summarise an import on stdout; list the first problems on stderr and all of them in ``problems_file``."""
    if problems_file is not None:
        with problems_file.open("w", encoding="utf-8", newline="") as text:
            writer = csv.writer(text, lineterminator="\n")
            writer.writerow(["file", "line", "plan_id", "column", "value", "problem"])
            writer.writerows(
                [p.file, p.line or "", p.plan_id or "", p.column or "", p.value or "", p.message]
                for p in report.problems
            )
    if as_json:
        _print_json(
            {
                "catalog": str(output),
                "plans_written": report.plans_written,
                "plans_left_out": report.plans_left_out,
                "benefit_rows": report.benefit_rows,
                "problems": [asdict(p) for p in report.problems],
                "family_left_blank": [asdict(p) for p in report.family_left_blank],
            }
        )
        return
    for problem in report.family_left_blank[:PROBLEMS_LISTED]:
        print(f"written as self-only (family figures left blank): {problem}", file=sys.stderr)
    for problem in report.problems[:PROBLEMS_LISTED]:
        print(f"{'premium blank' if problem.premium_only else 'left out'}: {problem}", file=sys.stderr)
    if len(report.problems) > PROBLEMS_LISTED:
        more = len(report.problems) - PROBLEMS_LISTED
        where = f"; all are in {problems_file}" if problems_file else "; use --problems FILE to list them all"
        print(f"... and {more} more problems{where}", file=sys.stderr)
    print(
        f"Wrote {report.plans_written:,} plans to {output} from {report.benefit_rows:,} benefit rows; "
        f"{report.plans_left_out:,} plans left out."
    )


class ProgressBar:
    """A one-line progress bar on a terminal (redrawn at most 10 times a second), or a line per 10 % elsewhere."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.live = stream.isatty()
        self.last_drawn = 0.0
        self.last_step: dict[str, int] = {}

    def __call__(self, name: str, done: int, total: int) -> None:
        """Show that ``done`` of ``total`` bytes of ``name`` are read."""
        share = done / total if total else 1.0
        if self.live:
            now = time.monotonic()
            if now - self.last_drawn < 0.1 and done < total:
                return
            self.last_drawn = now
            filled = int(share * 30)
            end = "\n" if done >= total else ""
            bar = "#" * filled + "." * (30 - filled)
            self.stream.write(f"\r{name[:30]:<30} [{bar}] {share:4.0%} {done / 1e6:,.1f}/{total / 1e6:,.1f} MB{end}")
        else:
            step = int(share * 10)
            if self.last_step.get(name) == step:
                return
            self.last_step[name] = step
            self.stream.write(f"{name}: {share:.0%} read\n")
        self.stream.flush()
