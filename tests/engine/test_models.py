"""The models refuse bad input with messages a front-desk person understands."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from coverage import Accumulators, CarePlan, Course, Plan
from coverage.engine.validation import describe

VALID_PLAN: dict[str, Any] = {"plan_id": "p1", "plan_name": "A plan", "payer_type": "commercial"}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("deductible", "-1.00", "must not be negative"),
        ("deductible", "10.005", "more than two decimal places"),
        ("oop_max", "ten", "is not an amount"),
        ("pt_copay", 12.5, "not a float"),
        ("ot_coinsurance_pct", "101", "percentage from 0 to 100"),
        ("pt_coinsurance_pct", "-5", "percentage from 0 to 100"),
        ("pt_visit_limit", "-1", "must be 0 or more"),
        ("combined_visit_limit", "2.5", "whole number"),
        ("payer_type", "insurer", "must be one of"),
        ("copay_timing", "whenever", "must be one of"),
        ("plan_year_start", "13-01", "not a day that exists"),
        ("plan_year_start", "02-29", "not a day that exists"),
        ("plan_year_start", "July", "MM-DD"),
        ("plan_id", "has space", "letters, digits"),
        ("plan_name", "=HYPERLINK(1)", "formula"),
        ("same_day_counts_once", "maybe", "true or false"),
    ],
)
def test_a_plan_with_a_bad_field_is_refused_naming_the_field(field: str, value: object, message: str) -> None:
    """Negative money, fractions of cents, bad percentages, limits, types and dates are refused, not clamped."""
    with pytest.raises(ValidationError) as caught:
        Plan(**(VALID_PLAN | {field: value}))

    assert describe(caught.value).startswith(f"{field}: ")
    assert message in describe(caught.value)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"visits_per_week": 0}, "visits_per_week: must be 1 or more"),
        ({"visits_per_week": 8}, "visits_per_week: must be 7 or less"),
        ({"weeks": 0}, "weeks: must be 1 or more"),
        ({"weeks": 53}, "weeks: must be 52 or less"),
        ({"visit_rate": "-80"}, "visit_rate: must not be negative"),
    ],
)
def test_a_course_outside_one_to_seven_visits_a_week_or_one_to_52_weeks_is_refused(
    fields: dict[str, Any], message: str
) -> None:
    """Course sizes and rates are checked with plain messages."""
    with pytest.raises(ValidationError) as caught:
        Course(**({"visits_per_week": 2, "weeks": 8, "visit_rate": "84.75"} | fields))

    assert message in describe(caught.value)


def test_a_plan_of_care_needs_at_least_one_therapy() -> None:
    """A care plan with neither OT nor PT is refused."""
    with pytest.raises(ValidationError, match="at least one therapy"):
        CarePlan(start_date=date(2026, 1, 5))


def test_year_to_date_figures_default_to_zero_and_refuse_negative_visits() -> None:
    """Accumulators start at zero; negative visits used are refused."""
    assert Accumulators().deductible_met == 0
    with pytest.raises(ValidationError) as caught:
        Accumulators(pt_visits_used=-1)
    assert describe(caught.value) == "pt_visits_used: must be 0 or more"


def test_models_are_frozen() -> None:
    """Results are computed, never mutated."""
    plan = Plan(**VALID_PLAN)

    with pytest.raises(ValidationError, match="frozen"):
        plan.deductible = 5  # type: ignore[misc]


def test_a_start_date_outside_2000_to_2099_is_refused_in_words() -> None:
    """A first visit in year 9999 is a ValidationError with a plain message, never a calendar overflow."""
    with pytest.raises(ValidationError, match="pick a date from 01 Jan 2000 to 31 Dec 2099"):
        CarePlan(start_date=date(9999, 12, 1), pt=Course(visits_per_week=1, weeks=1, visit_rate="1.00"))


@pytest.mark.parametrize(
    ("typed", "kept"), [("7/1", "07-01"), ("7-1", "07-01"), ("07/01", "07-01"), ("12-31", "12-31")]
)
def test_a_plan_year_start_typed_as_people_write_it_is_kept_as_mm_dd(typed: str, kept: str) -> None:
    """'7/1' and '7-1' are the 1st of July, kept as 07-01, the form plans.csv uses."""
    assert Plan(plan_id="p", plan_name="P", payer_type="commercial", plan_year_start=typed).plan_year_start == kept


@pytest.mark.parametrize("typed", ["13/1", "2/29", "7/1/2026", "July 1"])
def test_a_plan_year_start_that_is_not_a_yearly_day_is_refused(typed: str) -> None:
    """A month 13, 29 February (not in every year), a full date or words are refused with a message."""
    with pytest.raises(ValidationError):
        Plan(plan_id="p", plan_name="P", payer_type="commercial", plan_year_start=typed)
