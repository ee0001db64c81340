"""Combine the files of one run into fee schedule rows: one rate per code and modifier, or a conflict.

Two different dollar rates for the same code and modifier among the clinic's prices of the run
are a conflict: it is reported with every rate and the file it came from, and that code and
modifier get no row (never an average or a guess). The same rate listed twice, in one file or
in several, is one row. This runs on the machine that runs the command, after every file is read.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from coverage.engine.money import format_money
from coverage.rates_import.problems import FeeScheduleRow, FileRates, FoundRate, ImportResult, RateProblem

#: A row's note names at most this many source files ("... and 3 other files").
SOURCES_NAMED = 2


def merge_file_rates(results: Sequence[FileRates], schedule_id: str) -> ImportResult:
    """The rows and problems of a run, from the per-file results in the order the files were given."""
    seen: dict[tuple[str, str], dict[Decimal, list[tuple[FileRates, FoundRate]]]] = {}
    for result in results:
        for found in result.rates:
            seen.setdefault((found.code, found.modifier), {}).setdefault(found.rate, []).append((result, found))
    rows, conflicts = [], []
    for (code, modifier), by_rate in sorted(seen.items()):
        if len(by_rate) == 1:
            ((rate, sources),) = by_rate.items()
            rows.append(FeeScheduleRow(schedule_id, code, modifier, rate, _notes(sources)))
        else:
            conflicts.append(_conflict(code, modifier, by_rate))
    problems = [problem for result in results for problem in result.problems]
    return ImportResult(
        rows=tuple(rows),
        problems=tuple(problems + conflicts),
        entries_read=sum(r.entries_read for r in results),
        bytes_read=sum(r.bytes_read for r in results),
        files=len(results),
    )


def _notes(sources: list[tuple[FileRates, FoundRate]]) -> str:
    """``from a.json, last updated 2026-11-01, Acme PPO`` (+ other files, + the rounding)."""
    files = list(dict.fromkeys(result.source for result, _ in sources))
    named = "; ".join(files[:SOURCES_NAMED])
    more = len(files) - SOURCES_NAMED
    text = f"from {named}" + (f" and {more} other file{'s' if more > 1 else ''}" if more > 0 else "")
    rounded = next((found.rounded_from for _, found in sources if found.rounded_from is not None), None)
    if rounded is not None:
        text += f"; the file gives {rounded}, rounded half up to the cent"
    return text


def _conflict(code: str, modifier: str, by_rate: dict[Decimal, list[tuple[FileRates, FoundRate]]]) -> RateProblem:
    files = list(dict.fromkeys(result.file for sources in by_rate.values() for result, _ in sources))
    listed = ", ".join(
        f"{format_money(rate)} ({', '.join(dict.fromkeys(result.file for result, _ in sources))})"
        for rate, sources in sorted(by_rate.items())
    )
    message = f"{len(by_rate)} different rates for the clinic's providers: {listed}; left out, never averaged"
    return RateProblem(", ".join(files), code, modifier, message)
