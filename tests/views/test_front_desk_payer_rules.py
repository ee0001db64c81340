"""The front desk on a family plan and under the visit-limit rules (issue 14)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from coverage import Accumulators, CarePlan, Course, estimate, front_desk
from tests.builders import plan

PT = Course(visits_per_week=1, weeks=4, visit_rate="100.00")
START = date(2026, 1, 5)


def test_the_desk_shows_the_deductible_and_room_left_for_the_patient_in_the_family() -> None:
    """Own 1,500 left but the family only 250 (embedded); own room 3,000, family room 500: the smaller of each."""
    family = plan(deductible="1500.00", family_deductible="3000.00", oop_max="3000.00", family_oop_max="6000.00")
    so_far = Accumulators(family_deductible_met="2750.00", family_oop_met="5500.00")

    desk = front_desk(estimate(family, CarePlan(start_date=START, pt=PT), so_far))

    assert (desk.deductible_left, desk.oop_left) == (Decimal("250.00"), Decimal("500.00"))


def test_the_desk_says_what_does_not_count_toward_the_limit() -> None:
    """Days, no evaluation, no visits under the deductible: the desk reads the three rules beside visits left."""
    rules = plan(
        combined_visit_limit=20,
        limit_counts="days",
        evaluation_counts_toward_limit=False,
        deductible_visits_count_toward_limit=False,
    )

    desk = front_desk(estimate(rules, CarePlan(start_date=START, pt=PT), Accumulators(pt_visits_used=4)))

    assert desk.pool_visits_left == 16  # 20 - 4 places taken
    assert desk.limit_counting == (
        "the shared limit counts days: a PT and an OT visit on one day use one place",
        "the evaluation does not count",
        "a visit paid entirely toward the deductible does not count",
    )
    assert front_desk(estimate(plan(), CarePlan(start_date=START, pt=PT))).limit_counting == ()


@pytest.mark.parametrize(
    ("counts", "words"),
    [
        ("visits", "PT 8; PT and OT together 16"),  # PT 12 - 4 used; shared 20 - 4
        ("days", "PT 8; PT and OT together 16 visit days"),  # the same places, counted as days
    ],
)
def test_visits_left_name_the_shared_limits_days(counts: str, words: str) -> None:
    """The desk's visits-left line gives each therapy asked for, then the shared limit, in days when it counts days."""
    rules = plan(pt_visit_limit=12, combined_visit_limit=20, limit_counts=counts)

    desk = front_desk(estimate(rules, CarePlan(start_date=START, pt=PT), Accumulators(pt_visits_used=4)))

    assert desk.visits_left_words(["PT"]) == words
    assert desk.visits_left_words(["OT", "PT"]).startswith("PT 8; OT no limit; PT and OT together 16")
