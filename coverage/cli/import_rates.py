"""``python -m coverage import-rates``: the payer's published rates into the clinic's fee_schedules.csv.

A thin entry point: it reads the options, calls :func:`coverage.rates_import.import_rates`, writes
the rows with :func:`write_fee_schedule` and prints a summary. Exit codes: 0 when rows were
written (even with problems reported), 2 for a command line that cannot be used, 4 when no row
could be written or a file cannot be read (fee_schedules.csv is then unchanged).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from coverage.cli.output import ProgressBar
from coverage.rates_import import import_rates
from coverage.rates_import.fee_schedule_file import write_fee_schedule, write_problems
from coverage.rates_import.json_stream import is_url, no_network_message
from coverage.rates_import.parallel import SchedulerError
from coverage.rates_import.problems import FeeScheduleFileError, ImportResult, RatesFileError
from coverage.rates_import.rate_filter import ClinicProviders, ProviderIdError, RateFilter, parse_npi, parse_tin
from coverage.rates_import.therapy_codes import CodeListError, parse_code_list

OK, USAGE, BAD_DATA = 0, 2, 4
#: Problems printed on screen; all of them go to --problems.
PROBLEMS_SHOWN = 20
_SCHEDULE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")

_EPILOG = """exit codes:
  0  rows written (problems may have been reported)
  2  the command line is wrong
  4  no row could be written, a file cannot be read, or fee_schedules.csv would not pass its
     checks (it is then unchanged)

example:
  python -m coverage import-rates acme-ppo-in-network.json.gz --npi 1234567893 --tin 12-3456789 \\
      --schedule-id acme-ppo -o fee_schedules.csv --problems rate-problems.csv
"""


def _checked(parse: Any) -> Any:
    def read(text: str) -> Any:
        try:
            return parse(text)
        except (ProviderIdError, CodeListError) as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    return read


def _schedule_id(text: str) -> str:
    name = text.strip()
    if not _SCHEDULE_ID.fullmatch(name) or name.lower().startswith("medicare"):  # as fee_schedules.csv's reader
        raise argparse.ArgumentTypeError(
            f"'{text}' cannot be a schedule id: use letters, digits, '.', '_' or '-' (and do not start it with "
            "'medicare', which plans.csv uses for Medicare's own fee schedule)"
        )
    return name


def _workers(text: str) -> int:
    if not text.strip().isdigit() or not 1 <= int(text) <= 256:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of worker processes from 1 to 256")
    return int(text)


def _scheduler(text: str) -> str:
    if not re.fullmatch(r"[a-z]+://\S+", text.strip()):
        raise argparse.ArgumentTypeError(f"'{text}' is not a Dask scheduler address such as tcp://10.0.0.5:8786")
    return text.strip()


def add_import_rates_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``import-rates`` to ``subparsers`` (from ``add_subparsers``) and return its parser."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "import-rates",
        help="import a payer's published in-network rates into fee_schedules.csv",
        description="Read Transparency in Coverage in-network rates files (JSON or .json.gz, streamed) and "
        "write the clinic's therapy rates into its fee schedule file.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="in-network rates files (local paths)")
    parser.add_argument("--npi", action="append", type=_checked(parse_npi), default=[], help="a clinic NPI (repeat)")
    parser.add_argument("--tin", type=_checked(parse_tin), help="the clinic's tax id; with --npi both must match")
    parser.add_argument("--schedule-id", type=_schedule_id, required=True, metavar="ID", help="the schedule to fill")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="CSV", help="the fee_schedules.csv")
    parser.add_argument("--problems", type=Path, metavar="CSV", help="write every problem to this CSV")
    parser.add_argument(
        "--codes", type=_checked(parse_code_list), metavar="CODES", help="billing codes (default: PT, OT, speech)"
    )
    parser.add_argument("--workers", type=_workers, default=1, metavar="N", help="files read at once (default 1)")
    parser.add_argument("--scheduler", type=_scheduler, metavar="ADDRESS", help="a Dask scheduler, tcp://host:port")
    parser.add_argument(
        "--provider-file",
        action="append",
        type=Path,
        default=[],
        metavar="FILE",
        help="a downloaded provider reference file that a rates file names by URL (repeat)",
    )
    return parser


def import_rates_command(argv: Sequence[str]) -> int:
    """Run ``import-rates`` with ``argv`` (the arguments after the command's name); return the exit code."""
    parser = argparse.ArgumentParser(prog="python -m coverage")
    add_import_rates_parser(parser.add_subparsers(dest="command", required=True))
    try:
        args = parser.parse_args(["import-rates", *argv])
    except SystemExit as exc:  # argparse has printed the usage and the problem
        return int(exc.code or 0)
    return run_import_rates(args)


def run_import_rates(args: argparse.Namespace) -> int:
    """Run an import from parsed arguments (for a parser built with :func:`add_import_rates_parser`)."""
    urls = [name for name in args.files if is_url(name)]
    if urls:
        print(f"The rates cannot be imported: {no_network_message(urls[0])}.", file=sys.stderr)
        return BAD_DATA
    try:
        rate_filter = _rate_filter(args)
    except ProviderIdError as exc:
        print(f"python -m coverage import-rates: error: {exc}", file=sys.stderr)
        return USAGE
    try:
        result = import_rates(
            [Path(name) for name in args.files],
            rate_filter,
            workers=args.workers,
            scheduler=args.scheduler,
            progress=ProgressBar(sys.stderr),
        )
        if args.problems is not None:
            write_problems(args.problems, result.problems)
        if result.rows:
            write_fee_schedule(args.output, rate_filter.schedule_id, result.rows)
    except (RatesFileError, FeeScheduleFileError, SchedulerError) as exc:
        print(
            f"The rates cannot be imported: {exc}. {args.output.name} {_left_as_it_was(args.output)}.", file=sys.stderr
        )
        return BAD_DATA
    _report(result, args)
    return OK if result.rows else BAD_DATA


def _rate_filter(args: argparse.Namespace) -> RateFilter:
    clinic = ClinicProviders(npis=frozenset(args.npi), tin=args.tin)
    fields: dict[str, Any] = {"provider_files": tuple(args.provider_file)}
    if args.codes is not None:
        fields["codes"] = args.codes
    return RateFilter(clinic, args.schedule_id, run_date(), **fields)


def run_date() -> date:
    """Today on this machine's clock: prices that expired before it are left out."""
    return datetime.now().astimezone().date()


def _report(result: ImportResult, args: argparse.Namespace) -> None:
    for problem in result.problems[:PROBLEMS_SHOWN]:
        print(f"left out: {problem}", file=sys.stderr)
    if len(result.problems) > PROBLEMS_SHOWN:
        more = len(result.problems) - PROBLEMS_SHOWN
        where = f"; all are in {args.problems}" if args.problems else "; use --problems FILE to list them all"
        print(f"... and {more} more problems{where}", file=sys.stderr)
    written = (
        f"wrote {len(result.rows):,} rows for schedule {args.schedule_id} to {args.output}"
        if result.rows
        else f"no rate could be written: {args.output} {_left_as_it_was(args.output)}"
    )
    print(
        f"Read {result.files:,} file{'s' if result.files != 1 else ''} ({result.bytes_read / 1e6:,.1f} MB): "
        f"{result.entries_read:,} entries; {written}; {len(result.problems):,} problems."
    )


def _left_as_it_was(output: Path) -> str:
    return "is unchanged" if output.exists() else "was not created"
