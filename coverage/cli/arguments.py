"""The command line's arguments: what each option means, checked as it is read, with help and examples.

A value that cannot be used (``--pt 9x2``, ``--pt-rate abc``) is refused by argparse with a plain
message and exit code 2, before anything is computed.
"""

from __future__ import annotations

import argparse
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

from coverage.cli.code_options import NO_EVALUATION, add_code_options
from coverage.cli.fee_commands import (
    DEFAULT_CLINIC,
    DEFAULT_PLANS,
    add_import_pfs_parser,
    add_price_visit_parser,
    run_import_pfs,
    run_price_visit,
)
from coverage.cli.import_rates import add_import_rates_parser, run_import_rates
from coverage.cli.read_271 import add_read_271_parser, run_read_271
from coverage.engine.defaults import OT_EVAL_RATE, OT_VISIT_RATE, PT_EVAL_RATE, PT_VISIT_RATE
from coverage.engine.money import MoneyError, parse_money

MAX_AGE = 120

_EPILOG = """exit codes:
  0  done
  2  the command line is wrong (unknown option, missing or impossible value)
  3  the plans file cannot be used, or the plan id is not in it
  4  the figures or files cannot be used (year-to-date figures above the
     plan's deductible or maximum; a CMS file that cannot be read; a code,
     locality or fee schedule the visit cannot be priced from)

examples:
  python -m coverage estimate --plan-id ma-hmo --pt 2x8 --start 2026-01-05
  python -m coverage estimate --plan-id hdhp --pt 2x8 --ot 1x6 --start 2026-01-05 --deductible-met 400
  python -m coverage estimate --plan-id medicare-b-2026 --pt 2x8 --start 2026-01-05 \\
      --pt-services 97110x2,97140 --pt-eval-services 97162 --locality 10112-00
  python -m coverage compare --pt 2x8 --ot 1x6 --start 2026-01-05 --top 5
  python -m coverage compare --pt 3x12 --start 2026-03-02 --plans my_plans.csv --json > ranking.json
  python -m coverage import-cms --benefits Benefits_Cost_Sharing_PUF.csv --plans Plan_Attributes_PUF.csv -o catalog.csv
  python -m coverage import-cms --benefits B.csv --plans P.csv -o catalog.csv --rates Rate_PUF.csv --age 40 \\
      --rating-area "Rating Area 1"
"""


def _course_spec(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d+)\s*[xX]\s*(\d+)\s*", text)
    if not match or not 1 <= int(match.group(1)) <= 7 or not 1 <= int(match.group(2)) <= 52:
        raise argparse.ArgumentTypeError(f"'{text}': give visits a week x weeks, such as 2x8 (1-7 a week, 1-52 weeks)")
    return int(match.group(1)), int(match.group(2))


def _money(text: str) -> Decimal:
    try:
        return parse_money(text)
    except MoneyError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _money_or_none(text: str) -> Decimal | str:
    return NO_EVALUATION if text.strip().lower() == NO_EVALUATION else _money(text)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date as YYYY-MM-DD, such as 2026-01-05") from None


def _age(text: str) -> int:
    if not text.strip().isdigit() or not 0 <= int(text) <= MAX_AGE:
        raise argparse.ArgumentTypeError(f"write an age from 0 to {MAX_AGE}, not '{text}'")
    return int(text)


def _visits(text: str) -> int:
    if not re.fullmatch(r"[0-9]{1,3}", text.strip()):  # ASCII digits only; never Python's 4,300-digit limit
        raise argparse.ArgumentTypeError(f"'{text[:20]}' is not a number of visits from 0 to 999")
    return int(text)


_SO_FAR = (
    ("deductible_met", "AMOUNT", "deductible the patient has already paid"),
    ("oop_met", "AMOUNT", "out-of-pocket spending that counts toward the maximum"),
    ("ot_visits_used", "N", "OT visits the plan has already covered"),
    ("pt_visits_used", "N", "PT visits the plan has already covered"),
    ("other_pool_visits_used", "N", "visits of other therapies (speech, chiropractic) in a shared visit limit"),
    ("ot_threshold_used", "AMOUNT", "Medicare: OT allowed amounts already counted toward the KX threshold"),
    ("pt_threshold_used", "AMOUNT", "Medicare: PT allowed amounts already counted toward the KX threshold"),
    ("oon_deductible_met", "AMOUNT", "out-of-network deductible already paid, where the plan counts it apart"),
    ("oon_oop_met", "AMOUNT", "out-of-network spending toward that maximum, where the plan counts it apart"),
    ("family_deductible_met", "AMOUNT", "family plans: the deductible the whole family has paid, this patient's too"),
    ("family_oop_met", "AMOUNT", "family plans: what the whole family has paid toward the family maximum"),
)


def _care_options(parser: argparse.ArgumentParser) -> None:
    care = parser.add_argument_group("the plan of care (at least one of --pt and --ot)")
    care.add_argument("--start", type=_day, required=True, metavar="YYYY-MM-DD", help="the date of the first visit")
    for name, label, rate, evaluation in (
        ("pt", "PT", PT_VISIT_RATE, PT_EVAL_RATE),
        ("ot", "OT", OT_VISIT_RATE, OT_EVAL_RATE),
    ):
        care.add_argument(
            f"--{name}", type=_course_spec, metavar="FxW", help=f"{label}: visits a week x weeks, e.g. 2x8"
        )
        care.add_argument(
            f"--{name}-rate",
            type=_money,
            metavar="AMOUNT",
            help=f"the plan's allowed amount for one {label} visit (default {rate}, Medicare's national fee; "
            f"with --{name}-services: priced from the codes)",
        )
        care.add_argument(
            f"--{name}-eval",
            type=_money_or_none,
            metavar="AMOUNT|none",
            help=f"the first {label} visit is an evaluation at this amount (default {evaluation}, or from its codes "
            "with codes); none: no evaluation",
        )
        care.add_argument(
            f"--{name}-self-pay",
            type=_money,
            metavar="AMOUNT",
            help=f"the price of one {label} visit the plan does not cover (default: its allowed amount)",
        )
    add_code_options(parser)
    so_far = parser.add_argument_group("so far this plan year, from the benefits call (all default to 0)")
    for field, kind, meaning in _SO_FAR:
        so_far.add_argument(
            f"--{field.replace('_', '-')}",
            dest=field,
            type=_money if kind == "AMOUNT" else _visits,
            default=Decimal(0) if kind == "AMOUNT" else 0,
            metavar=kind,
            help=meaning,
        )
    clinic = parser.add_argument_group("the clinic (default: clinic.toml's answers)")
    clinic.add_argument(
        "--medicare-participation",
        choices=("participating", "non_participating"),
        help="does the clinic participate with Original Medicare? non_participating: Medicare allows 95 %% of "
        "the fee and the clinic may bill up to the limiting charge (115 %% of that)",
    )
    clinic.add_argument(
        "--clinic-not-in-medicaid",
        action="store_true",
        help="the clinic does not accept Medicaid: a Medicaid plan (or Medicaid second) pays nothing",
    )
    clinic.add_argument(
        "--clinic", type=Path, default=DEFAULT_CLINIC, metavar="TOML", help="the clinic settings (default clinic.toml)"
    )
    parser.add_argument(
        "--plans",
        type=Path,
        default=DEFAULT_PLANS,
        metavar="CSV",
        help="the plans catalog (default: the shipped plans.csv)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON for scripts instead of text")


def build_parser() -> argparse.ArgumentParser:
    """The ``python -m coverage`` argument parser, with help a front-desk lead can follow."""
    parser = argparse.ArgumentParser(
        prog="python -m coverage",
        description="What a course of OT/PT will cost the patient, to the cent, under one plan or every plan.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    one = commands.add_parser(
        "estimate",
        help="cost a plan of care under one plan, visit by visit",
        usage="%(prog)s --plan-id ID --start YYYY-MM-DD --pt FxW and/or --ot FxW [options] (--help lists them)",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    one.add_argument("--plan-id", required=True, help="the plan_id of a plan in the catalog, e.g. medicare-b-2026")
    _care_options(one)
    every = commands.add_parser(
        "compare",
        help="rank every plan of the catalog by what the patient pays",
        usage="%(prog)s --start YYYY-MM-DD --pt FxW and/or --ot FxW [options] (--help lists them)",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    every.add_argument(
        "--top", type=_visits, default=20, metavar="N", help="show the N cheapest plans (default 20; 0 for all)"
    )
    _care_options(every)
    cms = commands.add_parser(
        "import-cms",
        help="make a plans catalog from the CMS marketplace Public Use Files",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cms.add_argument("--benefits", type=Path, required=True, metavar="CSV", help="the Benefits and Cost Sharing PUF")
    cms.add_argument("--plans", type=Path, required=True, metavar="CSV", help="the Plan Attributes PUF")
    cms.add_argument("-o", "--output", type=Path, required=True, metavar="CSV", help="where to write the catalog")
    cms.add_argument(
        "--problems", type=Path, metavar="CSV", help="also write every plan left out, and why, to this file"
    )
    rates = cms.add_argument_group("premiums (optional): a monthly_premium column from the Rate PUF")
    rates.add_argument("--rates", type=Path, metavar="CSV", help="the Rate PUF (needs --age and --rating-area)")
    rates.add_argument("--age", type=_age, metavar="N", help="the age whose rate is taken, 0 to 120, e.g. 40")
    rates.add_argument("--rating-area", metavar="TEXT", help='the RatingAreaId to take, e.g. "Rating Area 1"')
    cms.add_argument("--quiet", action="store_true", help="no progress bar")
    cms.add_argument("--json", action="store_true", help="print the summary as JSON")
    # Commands whose parser and runner live in a module of their own: each sets ``run`` as its default.
    add_price_visit_parser(commands).set_defaults(run=run_price_visit)
    add_import_pfs_parser(commands).set_defaults(run=run_import_pfs)
    add_import_rates_parser(commands).set_defaults(run=run_import_rates)
    add_read_271_parser(commands).set_defaults(run=run_read_271)
    return parser
