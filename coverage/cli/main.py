"""The command line: ``python -m coverage COMMAND`` (estimate, compare, the importers, price-visit, read-271).

An entry point like the app: it reads the arguments, calls one domain function and
prints the answer (text for people, ``--json`` for scripts). The exit codes
(``OK``, ``USAGE``, ``BAD_PLANS``, ``BAD_DATA``, listed in every ``--help``) are a
contract scripts can rely on; 1 is only ever an unexpected error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from pydantic import ValidationError

from coverage.catalog.clinic import ClinicFileError, load_clinic
from coverage.catalog.cms_import import PufFileError, RateChoice, import_cms
from coverage.catalog.loader import PlanFileError, load_plans
from coverage.cli import output as cli_output
from coverage.cli.arguments import build_parser
from coverage.engine.care import Accumulators, CarePlan, Course
from coverage.engine.course_estimate import YearToDateError, estimate
from coverage.engine.plan_ranking import compare_plans
from coverage.engine.validation import describe

OK, USAGE, BAD_PLANS, BAD_DATA = 0, 2, 3, 4


class UsageError(Exception):
    """A value on the command line that cannot be used (exit code 2)."""


def _care(args: argparse.Namespace) -> tuple[CarePlan, Accumulators]:
    courses = {}
    for name in ("pt", "ot"):
        spec = getattr(args, name)
        if spec is not None:
            per_week, weeks = spec
            courses[name] = Course(
                visits_per_week=per_week,
                weeks=weeks,
                visit_rate=getattr(args, f"{name}_rate"),
                eval_rate=getattr(args, f"{name}_eval"),
                self_pay_rate=getattr(args, f"{name}_self_pay"),
            )
    if not courses:
        raise UsageError("choose at least one therapy: --pt 2x8, --ot 1x6 or both")
    so_far = Accumulators(**{field: getattr(args, field) for field in Accumulators.model_fields})
    clinic = load_clinic(args.clinic)
    standing = {
        "medicare_participation": args.medicare_participation or clinic.medicare_participation,
        "accepts_medicaid": clinic.accepts_medicaid and not args.clinic_not_in_medicaid,
    }
    return CarePlan(start_date=args.start, **standing, **courses), so_far


def _rates(args: argparse.Namespace) -> RateChoice | None:
    """The Rate PUF choice of ``import-cms``: all of --rates, --age and --rating-area, or none of them."""
    given = [args.rates is not None, args.age is not None, args.rating_area is not None]
    if not any(given):
        return None
    if not all(given):
        raise UsageError("--rates, --age and --rating-area go together: give all three")
    return RateChoice(args.rates, args.age, args.rating_area)


def _run(args: argparse.Namespace) -> int:
    run: Callable[[argparse.Namespace], int] | None = getattr(args, "run", None)
    if run is not None:  # price-visit, import-pfs, import-rates, read-271
        return run(args)
    if args.command == "import-cms":
        progress = None if args.quiet else cli_output.ProgressBar(sys.stderr)
        report = import_cms(args.benefits, args.plans, args.output, progress=progress, rates=_rates(args))
        cli_output.import_report(report, args.output, args.problems, as_json=args.json)
        return OK
    care, so_far = _care(args)
    plans = load_plans(args.plans)
    if args.command == "estimate":
        plan = next((p for p in plans if p.plan_id == args.plan_id), None)
        if plan is None:
            known = ", ".join(p.plan_id for p in plans[:20]) + (", ..." if len(plans) > 20 else "")
            print(f"No plan '{args.plan_id}' in {args.plans.name}. Plan ids: {known}", file=sys.stderr)
            return BAD_PLANS
        cli_output.estimate(estimate(plan, care, so_far), as_json=args.json)
        return OK
    ranking = compare_plans(plans, care, so_far)
    cli_output.comparison(ranking, care, top=args.top, as_json=args.json)
    return OK if ranking["rank"].notna().any() or ranking.empty else BAD_DATA


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage and the problem
        return int(exc.code or 0)
    try:
        return _run(args)
    except UsageError as exc:
        parser.print_usage(sys.stderr)
        print(f"python -m coverage: error: {exc}", file=sys.stderr)
        return USAGE
    except PlanFileError as exc:
        print(f"The plans file cannot be used: {exc}", file=sys.stderr)
        return BAD_PLANS
    except (YearToDateError, PufFileError, ClinicFileError, ValidationError) as exc:  # e.g. a start in 2100
        print(
            f"The figures cannot be used: {describe(exc)}" if isinstance(exc, ValidationError) else exc, file=sys.stderr
        )
        return BAD_DATA
    except BrokenPipeError:  # the reader stopped reading (| head): say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
