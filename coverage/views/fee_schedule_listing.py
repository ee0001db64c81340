"""The clinic's fee schedules in a line each, for the catalog page: how many codes, where from, of when.

Where a schedule comes from is read from its rows' ``notes``. ``python -m coverage import-rates``
writes them as ``from <file>, last updated <date>, <plan>`` (several files: ``; `` between them,
``and N other files`` after the ones named; a rounded rate adds ``; the file gives 28.125, rounded
half up to the cent``; see :mod:`coverage.rates_import.merge`). Such a row's source is
``<plan> (<file>)`` and its date the file's ``last_updated_on`` (an ``unknown`` date is left
blank); a schedule's sources are listed once each, the first :data:`SOURCES_NAMED` by name. Any
other row was typed by the clinic: its source is the note when every typed row of the schedule
has the same one, else :data:`TYPED`, and it has no date.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

from coverage.fees.clinic_schedule import ClinicFeeSchedule, ClinicFeeSchedules

TYPED = "typed by the clinic"
#: A schedule's source names at most this many files and plans, then "and N more" (or "and other files"
#: when an importer's note already left files unnamed).
SOURCES_NAMED = 2
_ROUNDED = re.compile(r"; the file gives \S+, rounded half up to the cent$")
_OTHER_FILES = re.compile(r" and \d+ other files?$")
_NEXT_SOURCE = r"(?=; [^;]+?, last updated |$)"
_SOURCE = re.compile(r"(?:^|; )(?P<file>[^;]+?), last updated (?P<date>[^,;]+), (?P<plan>.+?)" + _NEXT_SOURCE)
_SOURCES = re.compile(r"[^;]+?, last updated [^,;]+, .+?(?:; [^;]+?, last updated [^,;]+, .+?)*")
_UNKNOWN_DATE = "unknown"


class ScheduleSummary(BaseModel):
    """One schedule as the catalog page lists it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    schedule_id: str
    #: How many billing codes have a rate (a code with several modifiers counts once).
    codes: int
    source: str
    #: The ``last_updated_on`` of the payer's file(s) it was imported from: ``2026-11-01``, or
    #: ``2026-10-01 to 2026-11-01`` for files of several dates; blank for rates typed by the clinic.
    date: str


def imported_sources(notes: str) -> list[tuple[str, str, str]] | None:
    """The (file, date, plan) of each file an imported row's note names; None for a note the importer did not write."""
    if not notes.startswith("from "):
        return None
    named = _OTHER_FILES.sub("", _ROUNDED.sub("", notes.removeprefix("from ")))
    if not _SOURCES.fullmatch(named):
        return None
    return [(m["file"], m["date"], m["plan"]) for m in _SOURCE.finditer(named)]


def fee_schedule_listing(schedules: ClinicFeeSchedules) -> list[ScheduleSummary]:
    """A summary per schedule, in the file's order."""
    return [_summary(schedule) for schedule in schedules.schedules.values()]


def _summary(schedule: ClinicFeeSchedule) -> ScheduleSummary:
    sources: dict[str, None] = {}
    dates: set[str] = set()
    typed_notes: dict[str, None] = {}
    unnamed_files = False
    for row in schedule.rows.values():
        found = imported_sources(row.notes)
        if found is None:
            typed_notes[row.notes] = None
            continue
        unnamed_files |= bool(_OTHER_FILES.search(_ROUNDED.sub("", row.notes)))
        for file, date, plan in found:
            sources[f"{plan} ({file})"] = None
            dates |= {date} - {_UNKNOWN_DATE}
    if typed_notes:
        sources[next(iter(typed_notes)) if len(typed_notes) == 1 and "" not in typed_notes else TYPED] = None
    named = list(sources)
    more = len(named) - SOURCES_NAMED
    source = "; ".join(named[:SOURCES_NAMED])
    source += " and other files" if unnamed_files else f" and {more} more" if more > 0 else ""
    ordered = sorted(dates)  # ISO dates (YYYY-MM-DD, as the schema gives them) sort by time
    date = "" if not ordered else ordered[0] if len(ordered) == 1 else f"{ordered[0]} to {ordered[-1]}"
    return ScheduleSummary(
        schedule_id=schedule.schedule_id,
        codes=len({code for code, _ in schedule.rows}),
        source=source,
        date=date,
    )
