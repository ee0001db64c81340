"""``python -m coverage read-271 FILE [--json]``: what a 271 fills on the estimate form.

Text for people: each field with its value and the benefit lines it came from, the conflicts to
choose between, the lines not used and the problems. ``--json``: one object whose keys are the
plans.csv columns and ``Accumulators`` fields it fills (amounts as strings with two decimals,
visit counts as numbers, flags as true/false), plus ``unmapped`` and ``problems`` lists; a field
given with different values is not a key, it is a problem naming each value. The patient's name,
date of birth and member id are never printed. Exit codes: 0 read, 2 usage, 4 the file cannot be
used (the same contract as the other commands).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from coverage.eligibility.errors import EligibilityFileError
from coverage.eligibility.estimate_fill import EstimateFill, FieldValue
from coverage.eligibility.importer import read_271_file
from coverage.engine.notices import format_day

OK, USAGE, BAD_DATA = 0, 2, 4
_HELP = "read an eligibility response (X12 271) and print what it fills on the estimate form"


def _arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("file", type=Path, metavar="FILE", help="the 271 file (005010X279A1)")
    parser.add_argument("--json", action="store_true", help="print one JSON object for scripts")
    return parser


def add_read_271_parser(subparsers: Any) -> argparse.ArgumentParser:  # argparse's subparsers action has no public type
    """Add ``read-271`` to the command line's subcommands; the lead's cli calls :func:`run_read_271` for it."""
    parser: argparse.ArgumentParser = subparsers.add_parser("read-271", help=_HELP, description=_HELP)
    return _arguments(parser)


def read_271_command(argv: Sequence[str]) -> int:
    """Run ``read-271`` with ``argv`` (``FILE [--json]``); return the exit code."""
    parser = _arguments(argparse.ArgumentParser(prog="python -m coverage read-271", description=_HELP))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage and the problem
        return int(exc.code or 0)
    return run_read_271(args)


def run_read_271(args: argparse.Namespace) -> int:
    """Read ``args.file`` and print the result (``args.json``: as JSON); 4 with a sentence when it cannot be used."""
    try:
        fill = read_271_file(args.file)
    except EligibilityFileError as exc:
        print(f"The eligibility response cannot be used: {exc}", file=sys.stderr)
        return BAD_DATA
    if args.json:
        print(json.dumps(as_json(fill), indent=2, ensure_ascii=False))
    else:
        print("\n".join(as_text(fill)))
    return OK


def _plain(value: FieldValue) -> str | int | bool:
    return f"{value:.2f}" if isinstance(value, Decimal) else value


def as_json(fill: EstimateFill) -> dict[str, object]:
    """The JSON object: the filled fields by name, then ``unmapped`` and ``problems``."""
    conflicts = [
        f"{c}: " + " | ".join(f"{_plain(o.value)} from {'; '.join(o.sources)}" for o in c.options)
        for c in fill.conflicts
    ]
    return {
        **{f.name: _plain(f.value) for f in (*fill.plan, *fill.so_far)},
        "unmapped": [{"segments": list(u.line.segments), "reason": u.reason} for u in fill.unmapped],
        "problems": [*conflicts, *fill.problems],
    }


def as_text(fill: EstimateFill) -> list[str]:
    """The lines printed for people."""
    when = f", {format_day(fill.response_date)}" if fill.response_date else ""
    trace = f", trace number {fill.trace_number}" if fill.trace_number else ""
    lines = [f"Eligibility response (271) from {fill.payer_name}{when}{trace}"]
    if fill.plan_name or fill.coverage_start:
        dates = " to ".join(format_day(d) for d in (fill.coverage_start, fill.coverage_end) if d)
        lines.append(f"Plan: {fill.plan_name or 'not named'}" + (f", coverage {dates}" if dates else ""))
    for title, fields in (("Plan fields (plans.csv)", fill.plan), ("Figures so far", fill.so_far)):
        lines += ["", f"{title}:"] + [
            line
            for f in fields
            for line in (f"  {f.name} = {_plain(f.value)}", *(f"      from {s}" for s in f.sources))
        ]
        if not fields:
            lines.append("  none")
    if fill.conflicts:
        lines += ["", "Given twice with different values (choose one):"]
        for conflict in fill.conflicts:
            lines.append(f"  {conflict.name}:")
            lines += [f"      {_plain(o.value)} from {'; '.join(o.sources)}" for o in conflict.options]
    lines += ["", f"Not used ({len(fill.unmapped)} lines):"] + ([f"  {u}" for u in fill.unmapped] or ["  none"])
    if fill.problems:
        lines += ["", "Problems:"] + [f"  {p}" for p in fill.problems]
    return lines
