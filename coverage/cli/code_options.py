"""The command line's visit as service codes: ``--pt-services 97110x2,97140``, minutes, locality, joint sessions.

A course given as codes (``--pt-services`` or ``--pt-minutes``) and no ``--pt-rate`` is priced from
its codes under each plan's ``fee_schedule``; a typed ``--pt-rate`` still wins. Its evaluation is
``--pt-eval AMOUNT`` when typed, else ``--pt-eval-services``, else (a course priced from its codes)
the default evaluation code (97162 for PT, 97166 for OT); ``--pt-eval none`` means no evaluation.
Notation that cannot be read is refused as argparse refuses any value: exit code 2, one line.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from coverage.engine.billed_services import Service, ServiceNotationError, parse_services
from coverage.engine.care import CoTreatment, Course
from coverage.engine.defaults import OT_EVAL_RATE, OT_VISIT_RATE, PT_EVAL_RATE, PT_VISIT_RATE, VISIT_CODES
from coverage.fees.unit_rules import MAX_MINUTES, TIMED_CODES

#: What ``--pt-eval none`` reads as: no evaluation at all (None is "not given").
NO_EVALUATION = "none"
_DEFAULTS = {"pt": (PT_VISIT_RATE, PT_EVAL_RATE, "PT"), "ot": (OT_VISIT_RATE, OT_EVAL_RATE, "OT")}


class UsageError(Exception):
    """A value on the command line that cannot be used (exit code 2)."""


def services_argument(text: str) -> tuple[Service, ...]:
    """``97110x2,97140`` as services; argparse's refusal naming the part that cannot be read."""
    try:
        services = parse_services(text)
    except ServiceNotationError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if not services:
        raise argparse.ArgumentTypeError("give at least one code, such as 97110x2,97140")
    return services


def timed_minutes(text: str) -> tuple[str, int]:
    """``97530=38``: a timed code and its minutes (0 to 360); argparse's refusal otherwise."""
    code, equals, minutes = (part.strip() for part in text.partition("="))
    if not equals or not re.fullmatch(r"[0-9]{1,3}", minutes):
        raise argparse.ArgumentTypeError(f"'{text}': give a timed code and its minutes, such as 97530=38")
    if code.upper() not in TIMED_CODES:
        raise argparse.ArgumentTypeError(f"'{text}': {code} is not a timed (15-minute) code; give it as a service")
    if int(minutes) > MAX_MINUTES:
        raise argparse.ArgumentTypeError(f"'{text}': give 0 to {MAX_MINUTES} minutes")
    return code.upper(), int(minutes)


def _share_minutes(text: str) -> int:
    if not re.fullmatch(r"[0-9]{1,3}", text.strip()) or int(text) > MAX_MINUTES:
        raise argparse.ArgumentTypeError(f"'{text[:20]}' is not a number of minutes from 0 to {MAX_MINUTES}")
    return int(text)


def _session_minutes(text: str) -> int:
    minutes = _share_minutes(text)
    if minutes == 0:
        raise argparse.ArgumentTypeError("a visit or session of 0 minutes bills nothing: give its length in minutes")
    return minutes


def add_code_options(parser: argparse.ArgumentParser) -> None:
    """Add the service-code options of ``estimate`` and ``compare``."""
    codes = parser.add_argument_group(
        "the visit as service codes, priced under each plan's fee_schedule (a typed --pt-rate / --ot-rate wins)"
    )
    for name, label, example, a in (("pt", "PT", "97110x2,97140", "a"), ("ot", "OT", "97530x2,97535", "an")):
        evaluation = VISIT_CODES[f"{label} evaluation"][0]
        codes.add_argument(
            f"--{name}-services",
            type=services_argument,
            metavar="CODES",
            help=f"{a} {label} visit's codes, e.g. {example}",
        )
        codes.add_argument(
            f"--{name}-eval-services",
            type=services_argument,
            metavar="CODES",
            help=f"the {label} evaluation's codes (default with codes: {evaluation})",
        )
        codes.add_argument(
            f"--{name}-minutes",
            type=timed_minutes,
            action="append",
            default=[],
            metavar="CODE=MIN",
            help=f"minutes of a timed {label} code a visit, e.g. {example[:5]}=25 (repeat per code)",
        )
        codes.add_argument(
            f"--{name}-visit-minutes",
            type=_session_minutes,
            metavar="MIN",
            help=f"{a} {label} visit's length, for a low / likely / high range when the minutes per code are not known",
        )
    codes.add_argument(
        "--locality",
        metavar="MAC-LOC",
        help="the Medicare locality, e.g. 10112-00 (default: clinic.toml's medicare_locality, else national)",
    )
    codes.add_argument(
        "--co-treatment", type=_session_minutes, metavar="MIN", help="joint PT+OT sessions of MIN minutes"
    )
    codes.add_argument(
        "--co-treatment-pt", type=_share_minutes, metavar="MIN", help="PT's share of a joint session's minutes"
    )


def minutes_once(pairs: Sequence[tuple[str, int]], option: str) -> dict[str, int]:
    """The repeated ``option`` (``--minutes CODE=MIN``) as a mapping; a code given twice is refused, never dropped."""
    codes = [code for code, _ in pairs]
    twice = sorted({code for code in codes if codes.count(code) > 1})
    if twice:
        raise ServiceNotationError(f"{option} gives {', '.join(twice)} more than once: give each code once")
    return dict(pairs)


def course_fields(args: argparse.Namespace, name: str) -> dict[str, Any]:
    """What the ``--<name>-...`` options say of one course's visits, as :class:`Course` fields."""
    default_rate, default_eval, label = _DEFAULTS[name]
    services: tuple[Service, ...] = getattr(args, f"{name}_services") or ()
    eval_services: tuple[Service, ...] = getattr(args, f"{name}_eval_services") or ()
    minutes = tuple(minutes_once(getattr(args, f"{name}_minutes"), f"--{name}-minutes").items())
    rate: Decimal | None = getattr(args, f"{name}_rate")
    by_codes = rate is None and bool(services or minutes)
    if getattr(args, f"{name}_visit_minutes") is not None and not by_codes:
        raise UsageError(
            f"--{name}-visit-minutes ranges a visit priced from its codes: give --{name}-services without --{name}-rate"
        )
    typed_eval: Decimal | str | None = getattr(args, f"{name}_eval")
    if typed_eval == NO_EVALUATION and eval_services:
        raise UsageError(f"--{name}-eval none and --{name}-eval-services disagree: give one of them")
    if typed_eval is None and not eval_services:
        if by_codes:
            eval_services = parse_services(VISIT_CODES[f"{label} evaluation"][0])
        else:
            typed_eval = default_eval
    return {
        "visit_rate": rate if rate is not None or by_codes else default_rate,
        "eval_rate": typed_eval if isinstance(typed_eval, Decimal) else None,
        "services": services,
        "eval_services": () if typed_eval == NO_EVALUATION else eval_services,
        "minutes": tuple(minutes),
        "visit_minutes": getattr(args, f"{name}_visit_minutes"),
    }


def co_treatment(args: argparse.Namespace, courses: dict[str, Course]) -> CoTreatment | None:
    """The joint sessions ``--co-treatment MIN --co-treatment-pt MIN`` describe, or None."""
    if args.co_treatment is None and args.co_treatment_pt is None:
        return None
    if args.co_treatment is None or args.co_treatment_pt is None:
        raise UsageError("--co-treatment and --co-treatment-pt go together: the session's minutes and PT's share")
    if "pt" not in courses or "ot" not in courses:
        raise UsageError("joint sessions (--co-treatment) need both a PT and an OT course: give --pt and --ot")
    if args.co_treatment < 8:
        raise UsageError(f"a joint session of {args.co_treatment} minutes bills nothing: give 8 minutes or more")
    if args.co_treatment_pt > args.co_treatment:
        raise UsageError(f"PT's share ({args.co_treatment_pt} minutes) is more than the session ({args.co_treatment})")
    return CoTreatment(minutes=args.co_treatment, pt_minutes=args.co_treatment_pt)
