"""The command line of fee schedules: ``price-visit`` for the front desk, ``import-pfs`` for a new CMS release.

Each command is an entry point: read the arguments, call the pure layer, print the answer, turn a
:class:`~coverage.fees.problems.FeeScheduleError` into its sentence and an exit code (``0`` done,
``2`` the command line is wrong, ``4`` a file or figure cannot be used). ``add_*_parser`` adds the
command to ``python -m coverage``'s subcommands; ``*_command(argv)`` runs it on its own.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from coverage.catalog.clinic import ClinicFileError, load_clinic
from coverage.catalog.fee_schedule_store import fee_schedules_path, load_fee_schedules
from coverage.cli.code_options import minutes_once, timed_minutes
from coverage.engine.billed_services import THERAPIES, code_label, parse_services
from coverage.engine.money import format_money
from coverage.engine.pricing_settings import UNIT_RULES, parse_fee_schedule_setting
from coverage.fees.clinic_schedule import ClinicFeeSchedules
from coverage.fees.day_pricing import DayPrice
from coverage.fees.pfs_files import SHIPPED_DIR, import_pfs, load_medicare_fee_schedule
from coverage.fees.problems import FeeScheduleError, FeeScheduleFileError, ServiceNotationError
from coverage.fees.visit_lookup import price_visit

OK, USAGE, BAD_DATA = 0, 2, 4
DEFAULT_PLANS = Path(__file__).resolve().parents[2] / "plans.csv"
DEFAULT_CLINIC = Path(__file__).resolve().parents[2] / "clinic.toml"
_PRICE_EPILOG = """examples:
  python -m coverage price-visit --locality 10112-00 --service 97110x2 --service 97140
  python -m coverage price-visit --locality 01182-18 --minutes 97530=38 --minutes 97535=15 --json
  python -m coverage price-visit --service 97110x2,97140 --assistant --fee-schedule medicare:110
  python -m coverage price-visit --service 97110x2,97140 --fee-schedule acme --plans clinic/plans.csv
exit codes: 0 done, 2 the command line is wrong, 4 a code, locality or file cannot be used"""
_IMPORT_EPILOG = """example (the files of CMS's RVU zip for the year, from cms.gov):
  python -m coverage import-pfs --rvu PPRRVU2026_Jan.csv --gpci GPCI2026.csv --localities 26LOCCO.csv
exit codes: 0 done, 2 the command line is wrong, 4 a file cannot be read or lacks a column"""


def add_price_visit_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``price-visit`` to ``python -m coverage``; its ``run`` default is :func:`run_price_visit`."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "price-visit",
        help="the allowed amount of one visit from its service codes",
        description="The allowed amount of a visit's service codes from Medicare's fee schedule or the clinic's own.",
        epilog=_PRICE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--locality",
        help="Medicare locality <MAC>-<locality>, e.g. 10112-00 (default: clinic.toml's, else national)",
    )
    parser.add_argument(
        "--service", action="append", default=[], help="codes with units, e.g. 97110x2 or 97110x2,97140"
    )
    parser.add_argument(
        "--minutes", action="append", default=[], type=timed_minutes, help="a timed code's minutes: 97530=38"
    )
    parser.add_argument(
        "--unit-rule", choices=UNIT_RULES, default="medicare", help="minutes into units (default medicare)"
    )
    parser.add_argument("--therapy", choices=THERAPIES, default="PT", help="the therapy billing the visit (default PT)")
    parser.add_argument(
        "--assistant", action="store_true", help="furnished by a therapy assistant (CQ for PT, CO for OT)"
    )
    participation = parser.add_mutually_exclusive_group()
    participation.add_argument(
        "--non-participating",
        action="store_const",
        const=True,
        dest="non_participating",
        help="the clinic does not participate in Medicare (default: clinic.toml's medicare_participation)",
    )
    participation.add_argument(
        "--participating",
        action="store_const",
        const=False,
        dest="non_participating",
        help="the clinic participates in Medicare, whatever clinic.toml says",
    )
    parser.add_argument(
        "--clinic", type=Path, default=DEFAULT_CLINIC, metavar="TOML", help="the clinic settings (default clinic.toml)"
    )
    parser.add_argument("--fee-schedule", default="medicare", help="medicare, medicare:<percent> or a schedule id")
    parser.add_argument(
        "--plans",
        type=Path,
        default=DEFAULT_PLANS,
        metavar="CSV",
        help="the clinic's plans.csv: the fee_schedules.csv beside it holds the schedule ids (default: shipped)",
    )
    parser.add_argument(
        "--fee-schedules", type=Path, metavar="CSV", help="another fee_schedules.csv (default: the one beside --plans)"
    )
    parser.add_argument("--pfs", type=Path, default=SHIPPED_DIR, help="the folder import-pfs wrote (default: shipped)")
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")
    parser.set_defaults(run=run_price_visit)
    return parser


def _clinic_schedules(args: argparse.Namespace, setting_kind: str) -> ClinicFeeSchedules | None:
    """The clinic's schedules (only read for a schedule id): ``--fee-schedules``, else beside ``--plans``."""
    if setting_kind != "clinic":
        return None
    path: Path = args.fee_schedules or fee_schedules_path(args.plans)
    if not path.is_file():
        raise FeeScheduleError(f"there is no fee schedules file at {path}: give --plans or --fee-schedules")
    return load_fee_schedules(path)


def _print(day: DayPrice, *, as_json: bool) -> None:
    if as_json:
        lines = [
            {"code": x.code, "modifier": x.modifier, "units": x.units, "amount": f"{x.amount:.2f}"} for x in day.lines
        ]
        print(json.dumps({"allowed": f"{day.total:.2f}", "lines": lines}))
        return
    print(f"Priced from {day.schedule}")
    if day.national:
        print("No locality given: these are the national amounts (every GPCI 1); give --locality for the clinic's.")
    for x in day.lines:
        code = code_label(x.code, x.modifier)
        print(f"  {code:<9} x{x.units:<2} {format_money(x.amount):>10}   {x.how}")
    print(f"Allowed amount: {format_money(day.total)}")


def run_price_visit(args: argparse.Namespace) -> int:
    """Price the visit the parsed arguments describe and print it; return the exit code."""
    try:
        clinic = load_clinic(args.clinic)  # its locality and participation, unless the options say otherwise
        setting = parse_fee_schedule_setting(args.fee_schedule)
        if setting.kind == "typed":
            raise ServiceNotationError("--fee-schedule must name a fee schedule: medicare, medicare:110 or an id")
        day = price_visit(  # the core the dashboard's "Price a visit" panel shares (coverage/fees/visit_lookup.py)
            [service for text in args.service for service in parse_services(text)],
            medicare=load_medicare_fee_schedule(args.pfs),
            minutes=minutes_once(args.minutes, "--minutes"),
            unit_rule=args.unit_rule,
            therapy=args.therapy,
            assistant=args.assistant,
            non_participating=clinic.non_participating if args.non_participating is None else args.non_participating,
            fee_schedule=args.fee_schedule,
            locality=clinic.medicare_locality if args.locality is None else args.locality,
            clinic_schedules=_clinic_schedules(args, setting.kind),
        )
    except ServiceNotationError as exc:
        print(f"python -m coverage price-visit: error: {exc}", file=sys.stderr)
        return USAGE
    except (FeeScheduleFileError, ClinicFileError) as exc:  # its sentence names the file's problems
        print(exc, file=sys.stderr)
        return BAD_DATA
    except FeeScheduleError as exc:
        print(f"The visit cannot be priced: {exc}", file=sys.stderr)
        return BAD_DATA
    _print(day, as_json=args.json)
    return OK


def add_import_pfs_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``import-pfs`` to ``python -m coverage``; its ``run`` default is :func:`run_import_pfs`."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "import-pfs",
        help="load a newer Medicare Physician Fee Schedule release from CMS's files",
        description="Keep the therapy codes, GPCIs and county table of CMS's PFS files (the RVU zip from cms.gov).",
        epilog=_IMPORT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--rvu", type=Path, required=True, help="the relative value file, e.g. PPRRVU2026_Jan.csv")
    parser.add_argument("--gpci", type=Path, required=True, help="the GPCI file, e.g. GPCI2026.csv")
    parser.add_argument("--localities", type=Path, required=True, help="the locality-county file, e.g. 26LOCCO.csv")
    parser.add_argument("--output", type=Path, default=SHIPPED_DIR, help="where to write (default: the shipped folder)")
    parser.add_argument("--release", default="", help="the release's name, when the file's title lines lack it")
    parser.set_defaults(run=run_import_pfs)
    return parser


def run_import_pfs(args: argparse.Namespace) -> int:
    """Import the CMS files the parsed arguments name; return the exit code."""
    try:
        report = import_pfs(args.rvu, args.gpci, args.localities, args.output, release=args.release)
    except FeeScheduleError as exc:
        print(f"The CMS files cannot be imported: {exc}", file=sys.stderr)
        return BAD_DATA
    print(
        f"Imported {report.codes} therapy codes, {report.localities} localities and {report.county_areas} county rows "
        f"of {report.release} into {report.output}"
    )
    return OK


def _command(add: Any, argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m coverage")
    add(parser.add_subparsers(dest="command", required=True))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage and the problem
        return int(exc.code or 0)
    run: Any = args.run
    return int(run(args))


def price_visit_command(argv: Sequence[str]) -> int:
    """Run ``price-visit`` with ``argv`` (the words after ``price-visit``); return the exit code."""
    return _command(add_price_visit_parser, ["price-visit", *argv])


def import_pfs_command(argv: Sequence[str]) -> int:
    """Run ``import-pfs`` with ``argv`` (the words after ``import-pfs``); return the exit code."""
    return _command(add_import_pfs_parser, ["import-pfs", *argv])
