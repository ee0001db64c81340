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

from coverage.catalog.clinic import Clinic, ClinicFileError, load_clinic
from coverage.catalog.cms_import import PufFileError, RateChoice, import_cms
from coverage.catalog.fee_sources import clinic_fee_sources
from coverage.catalog.loader import PlanFileError, load_plans
from coverage.cli import output as cli_output
from coverage.cli.arguments import build_parser
from coverage.cli.code_options import UsageError, co_treatment, course_fields
from coverage.engine.care import Accumulators, CarePlan, Course
from coverage.engine.course_estimate import YearToDateError, estimate
from coverage.engine.plan_ranking import compare_plans
from coverage.engine.validation import describe
from coverage.fees.course_pricing import FeeSources
from coverage.fees.estimate_range import estimate_range
from coverage.fees.problems import FeeScheduleError, FeeScheduleFileError, ServiceNotationError

OK, USAGE, BAD_PLANS, BAD_DATA = 0, 2, 3, 4
__all__ = ["BAD_DATA", "BAD_PLANS", "OK", "USAGE", "UsageError", "main"]


def _care(args: argparse.Namespace, clinic: Clinic) -> tuple[CarePlan, Accumulators]:
    courses = {}
    for name in ("pt", "ot"):
        spec = getattr(args, name)
        if spec is not None:
            per_week, weeks = spec
            courses[name] = Course(
                visits_per_week=per_week,
                weeks=weeks,
                self_pay_rate=getattr(args, f"{name}_self_pay"),
                **course_fields(args, name),
            )
    if not courses:
        raise UsageError("choose at least one therapy: --pt 2x8, --ot 1x6 or both")
    so_far = Accumulators(**{field: getattr(args, field) for field in Accumulators.model_fields})
    standing = {
        "medicare_participation": args.medicare_participation or clinic.medicare_participation,
        "accepts_medicaid": clinic.accepts_medicaid and not args.clinic_not_in_medicaid,
    }
    joint = co_treatment(args, courses)
    return CarePlan(start_date=args.start, co_treatment=joint, **standing, **courses), so_far


def _fees(args: argparse.Namespace, care: CarePlan, clinic: Clinic) -> FeeSources | None:
    """The fee sources when a visit is priced from its codes or a locality is given (checked now), else None."""
    if not care.priced_from_codes and args.locality is None:
        return None
    fees = clinic_fee_sources(args.plans, clinic, locality=args.locality)
    fees.medicare.locality(fees.locality)  # an unknown locality is refused before anything is costed
    return fees


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
    clinic = load_clinic(args.clinic)
    care, so_far = _care(args, clinic)
    plans = load_plans(args.plans)
    fees = _fees(args, care, clinic)
    if args.command == "estimate":
        plan = next((p for p in plans if p.plan_id == args.plan_id), None)
        if plan is None:
            known = ", ".join(p.plan_id for p in plans[:20]) + (", ..." if len(plans) > 20 else "")
            print(f"No plan '{args.plan_id}' in {args.plans.name}. Plan ids: {known}", file=sys.stderr)
            return BAD_PLANS
        spread = None if fees is None else estimate_range(plan, care, so_far, fees=fees)
        result = estimate(plan, care, so_far, fees=fees) if spread is None else spread.likely
        cli_output.estimate(result, as_json=args.json, spread=spread)
        return OK
    ranking = compare_plans(plans, care, so_far, fees=fees)
    where = None if fees is None else fees.medicare.locality(fees.locality)
    cli_output.comparison(ranking, care, top=args.top, as_json=args.json, locality=where)
    return OK if ranking["rank"].notna().any() or ranking.empty else BAD_DATA


#: What the command line refuses with a sentence and an exit code (see :func:`_refusal`), never a traceback.
_REFUSED = (
    UsageError,
    PlanFileError,
    FeeScheduleError,
    YearToDateError,
    PufFileError,
    ClinicFileError,
    ValidationError,
)


def _refusal(exc: Exception) -> tuple[int, str]:
    """The exit code and the sentence for a refused run (the most specific kind first)."""
    if isinstance(exc, (UsageError, ServiceNotationError)):  # service codes the options could not check alone
        return USAGE, f"python -m coverage: error: {exc}"
    if isinstance(exc, PlanFileError):
        return BAD_PLANS, f"The plans file cannot be used: {exc}"
    if isinstance(exc, FeeScheduleFileError):  # its sentence names the file and every problem in it
        return BAD_DATA, str(exc)
    if isinstance(exc, FeeScheduleError):  # a code, locality or schedule the visits cannot be priced from
        return BAD_DATA, f"The visits cannot be priced: {exc}"
    if isinstance(exc, ValidationError):  # e.g. a start in 2100
        return BAD_DATA, f"The figures cannot be used: {describe(exc)}"
    return BAD_DATA, str(exc)  # year-to-date figures, a CMS file, the clinic's settings


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage and the problem
        return int(exc.code or 0)
    try:
        return _run(args)
    except _REFUSED as exc:
        code, sentence = _refusal(exc)
        if code == USAGE:
            parser.print_usage(sys.stderr)
        print(sentence, file=sys.stderr)
        return code
    except BrokenPipeError:  # the reader stopped reading (| head): say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
