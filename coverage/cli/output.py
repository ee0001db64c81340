"""What the command line prints: text for people, JSON for scripts, a progress bar for long imports.

Money is printed exactly: "$1,234.50" in text, the string "1234.50" in JSON (a JSON
number would be a float to most readers).
"""

from __future__ import annotations

import csv
import json
import sys
import time
from collections.abc import Hashable, Mapping
from dataclasses import asdict
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

import pandas as pd

from coverage.catalog.cms_import import ImportReport
from coverage.cli import priced_output
from coverage.engine.billed_services import format_services
from coverage.engine.care import CarePlan, Course
from coverage.engine.course_estimate import VISIT_COLUMNS, Estimate
from coverage.engine.money import format_money
from coverage.engine.notices import format_day
from coverage.fees.estimate_range import EstimateRange
from coverage.fees.pfs import Locality
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


def _codes(course: Course) -> str:
    """`` (97110x2,97140; evaluation 97162)``: the codes a course's visits are priced from, else nothing."""
    parts = [format_services(course.services)] if course.services and course.visit_rate is None else []
    parts += [f"{code} {minutes} min" for code, minutes in course.minutes if course.visit_rate is None]
    if course.eval_services and course.eval_rate is None:
        parts.append(f"evaluation {format_services(course.eval_services)}")
    return f" ({'; '.join(parts)})" if parts else ""


def describe_care(care: CarePlan) -> str:
    """``'PT 2 a week for 8 weeks and OT 1 a week for 6 weeks, from 5 Jan 2026'``, with any codes billed."""
    courses = [
        f"{name} {course.visits_per_week} a week for {course.weeks} weeks{_codes(course)}"
        for name, course in (("PT", care.pt), ("OT", care.ot))
        if course is not None
    ]
    joint = care.co_treatment
    together = (
        f"; joint sessions of {joint.minutes} minutes (PT {joint.pt_minutes}, OT {joint.ot_minutes})" if joint else ""
    )
    return f"{' and '.join(courses)}, from {format_day(care.start_date)}{together}"


def estimate(result: Estimate, *, as_json: bool, spread: EstimateRange | None = None) -> None:
    """Print one plan's estimate: totals, milestones and every visit with the code lines it was priced from.

    ``spread``: the low / likely / high range, when the visit length is known but not the minutes per code.
    """
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
                "pricing": priced_output.pricing_json(result),
                "range": priced_output.range_json(spread),
                "front_desk": _front_desk(result),
                "notices": [
                    {"kind": n.kind.value, "date": n.date.isoformat(), "message": n.message} for n in result.notices
                ],
                "visits": [
                    {column: _plain(getattr(v, column)) for column in VISIT_COLUMNS}
                    | {"lines": priced_output.lines_json(v.lines)}
                    for v in result.visits
                ],
            }
        )
        return
    print(f"{plan.plan_name} ({plan.plan_id})")
    print(describe_care(result.care))
    priced_output.print_pricing(result)
    print()
    print(f"  You pay      {format_money(result.patient_total):>12}")
    print(f"  Plan pays    {format_money(result.plan_total):>12}")
    print(
        f"  Visits       {total.visits:>12}   ({total.covered_visits} covered, {total.not_covered_visits} not covered)"
    )
    priced_output.print_range(spread)
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
        priced_output.print_lines(v)


def _front_desk(result: Estimate) -> dict[str, object]:
    """The front desk's first-day figure: every visit on the first date, summed (issue 16)."""
    desk = front_desk(result)
    return {
        "first_day": desk.first_day.isoformat(),
        "first_day_therapies": desk.first_day_therapies,
        "collect_first_day": _plain(desk.collect_first_day),
        "first_day_visits": [f"{v.discipline} {v.visit_number}" for v in desk.first_day_visits],
    }


def _left_out_reason(row: Mapping[Hashable, Any]) -> str:
    """Why a plan has no rank: its visits cannot be priced, or the year-to-date figures are above it."""
    return str(row.get("pricing_problem") or row.get("year_to_date_problem") or "")


def comparison(
    ranking: pd.DataFrame, care: CarePlan, *, top: int, as_json: bool, locality: Locality | None = None
) -> None:
    """Print the plans ranked by what the patient pays (the cheapest ``top``, 0 for all) and those left out.

    ``locality``: where visits billed as codes were priced (None: every visit has a typed rate).
    """
    ranked = ranking[ranking["rank"].notna()]
    shown = ranked if top == 0 else ranked.head(top)
    left_out = ranking[ranking["rank"].isna()]
    records: list[dict[str, Any]] = [{str(k): v for k, v in row.items()} for row in shown.to_dict("records")]
    if as_json:
        rows = [{k: _plain(v) for k, v in row.items()} | {"why": why_it_costs(row)} for row in records]
        out = [
            {
                "plan_id": r["plan_id"],
                "year_to_date_problem": _plain(r["year_to_date_problem"]),
                "pricing_problem": _plain(r.get("pricing_problem")),
            }
            for r in left_out.to_dict("records")
        ]
        summary: dict[str, object] = {"care": describe_care(care), "priced_at": priced_output.locality_json(locality)}
        summary |= {"plans": rows, "left_out": out}
        _print_json(summary | {"plans_compared": len(ranked)})
        return
    print(f"Plans ranked by what the patient pays: {describe_care(care)}")
    priced_output.print_locality(locality)
    print(f"{len(ranked)} plans compared; the cheapest {len(shown)} shown.\n")
    for row in records:
        print(f"{row['rank']:>4}. {format_money(row['patient_total']):>11}  {row['plan_name']} ({row['plan_id']})")
        print(f"      plan pays {format_money(row['plan_total'])}; {why_it_costs(row)}")
    if len(left_out):
        print(f"\n{len(left_out)} plans left out, each with its reason:")
        for refused in left_out.head(PROBLEMS_LISTED).to_dict("records"):
            print(f"  - {refused['plan_id']}: {_left_out_reason(refused)}")


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
