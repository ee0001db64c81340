"""When the visits fall."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from coverage.engine.schedule import plan_year_start_on_or_before, schedule, visit_offset
from tests.builders import MONDAY, care, course


@pytest.mark.parametrize(
    ("per_week", "offsets"),
    [
        (1, [0, 7, 14]),
        (2, [0, 3, 7, 10]),  # 1*7 div 2 = 3: Monday and Thursday
        (3, [0, 2, 4, 7]),  # 7 div 3 = 2, 14 div 3 = 4: Mon, Wed, Fri
        (5, [0, 1, 2, 4, 5, 7]),  # 7/5=1, 14/5=2, 21/5=4, 28/5=5
        (7, [0, 1, 2, 3, 4, 5, 6, 7]),
    ],
)
def test_visits_are_spread_over_the_week_by_the_schedule_formula(per_week: int, offsets: list[int]) -> None:
    """Visit k falls 7*(k div f) + ((k mod f)*7 div f) days after the start."""
    got = [visit_offset(k, per_week) for k in range(len(offsets))]

    assert got == offsets


def test_twice_a_week_from_a_monday_gives_mondays_and_thursdays() -> None:
    """A 2x2 course starting Monday 5 Jan 2026 meets on 5, 8, 12 and 15 Jan."""
    visits = schedule(care(pt=course(2, 2, "80")))

    assert [v.date for v in visits] == [date(2026, 1, d) for d in (5, 8, 12, 15)]
    assert [v.date.strftime("%a") for v in visits] == ["Mon", "Thu", "Mon", "Thu"]


def test_both_courses_merge_in_date_order_with_ot_first_on_a_shared_day() -> None:
    """OT 1x2 and PT 2x1 on a Monday start: OT then PT on Monday, PT Thursday, OT next Monday."""
    visits = schedule(care(ot=course(1, 2, "90"), pt=course(2, 1, "80")))

    assert [(v.date - MONDAY, v.discipline) for v in visits] == [
        (timedelta(0), "OT"),
        (timedelta(0), "PT"),
        (timedelta(3), "PT"),
        (timedelta(7), "OT"),
    ]


@pytest.mark.parametrize(
    ("day", "month_day", "start"),
    [
        (date(2026, 3, 1), "01-01", date(2026, 1, 1)),
        (date(2026, 1, 1), "01-01", date(2026, 1, 1)),
        (date(2026, 6, 30), "07-01", date(2025, 7, 1)),  # before 1 July: last year's plan year
        (date(2026, 7, 1), "07-01", date(2026, 7, 1)),
        (date(2028, 2, 29), "03-01", date(2027, 3, 1)),  # leap day belongs to the year that began 1 March 2027
    ],
)
def test_the_plan_year_is_the_one_that_began_on_or_before_the_day(day: date, month_day: str, start: date) -> None:
    """A day belongs to the plan year whose start is the latest one not after it."""
    assert plan_year_start_on_or_before(day, month_day) == start


@settings(max_examples=80)
@given(
    start=st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
    ot=st.none() | st.tuples(st.integers(1, 7), st.integers(1, 20)),
    pt=st.none() | st.tuples(st.integers(1, 7), st.integers(1, 20)),
)
def test_the_schedule_is_every_course_visit_at_its_offset_in_date_order_ot_first(
    start: date, ot: tuple[int, int] | None, pt: tuple[int, int] | None
) -> None:
    """Each course's visit k falls visit_offset(k) days after the start; by date, OT before PT on a day."""
    assume(ot is not None or pt is not None)
    plan_of_care = care(
        start,
        ot=None if ot is None else course(*ot, "90"),
        pt=None if pt is None else course(*pt, "80"),
    )
    expected = sorted(
        (start + timedelta(days=visit_offset(k, per_week)), rank, discipline, k)
        for rank, (discipline, shape) in enumerate((("OT", ot), ("PT", pt)))
        if shape is not None
        for per_week in (shape[0],)
        for k in range(shape[0] * shape[1])
    )

    got = schedule(plan_of_care)

    assert [(v.date, v.discipline, v.course_index) for v in got] == [(d, name, k) for d, _, name, k in expected]
