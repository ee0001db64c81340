"""When the visits fall: a course's dates, both courses merged, and plan years."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from coverage.engine.care import CarePlan
from coverage.engine.plans import DISCIPLINES, Discipline, parse_month_day


class ScheduledVisit(NamedTuple):
    """One visit on the calendar, before any cost is worked out."""

    date: date
    discipline: Discipline
    course_index: int  # 0-based position in its own course; visit number is index + 1


def visit_offset(index: int, visits_per_week: int) -> int:
    """Days from the start to visit ``index``: 7*(k div f) + ((k mod f)*7 div f).

    Two a week from a Monday gives Monday and Thursday; three gives Mon, Wed, Fri.
    """
    week, slot = divmod(index, visits_per_week)
    return 7 * week + (slot * 7) // visits_per_week


def schedule(care: CarePlan) -> tuple[ScheduledVisit, ...]:
    """Every visit of the plan of care in date order; on one date OT comes before PT.

    Sorted as plain (day number, therapy rank, index) tuples, then made into visits: the engine's
    every estimate starts here, and this is twice as quick as sorting the visits by a key.
    """
    start = care.start_date.toordinal()
    keys: list[tuple[int, int, int]] = []
    for rank, discipline in enumerate(DISCIPLINES):
        course = care.course(discipline)
        if course is not None:
            per_week = course.visits_per_week  # the offset is visit_offset's, inline
            keys += [
                (start + 7 * (k // per_week) + (k % per_week) * 7 // per_week, rank, k)
                for k in range(course.visit_count)
            ]
    keys.sort()
    day, new = date.fromordinal, tuple.__new__  # what ScheduledVisit() does, less its Python-level checks
    return tuple([new(ScheduledVisit, (day(ordinal), DISCIPLINES[rank], k)) for ordinal, rank, k in keys])


def plan_year_start_on_or_before(day: date, month_day: str) -> date:
    """The first day of the plan year that contains ``day``."""
    month, dom = parse_month_day(month_day)
    start = date(day.year, month, dom)
    return start if start <= day else date(day.year - 1, month, dom)


def next_plan_year_start(year_start: date) -> date:
    """The day after the plan year that began on ``year_start`` ends: the same month and day a year later."""
    return year_start.replace(year=year_start.year + 1)
