"""The estimate form: what a person typed, read with the domain's own checks, each problem under its field."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coverage import EstimateRequest, FormError, default_request, form_values, load_plans, read_form
from coverage.estimate_request import OWN_PLAN, OWN_PLAN_TEMPLATE, default_start
from coverage.form_fields import FORM_KEYS, plan_form_values
from tests.conftest import PLANS_CSV
from tests.strategies import estimate_requests

PLANS = load_plans(PLANS_CSV)
TODAY = date(2026, 1, 1)


def filled(**changes: Any) -> dict[str, Any]:
    """The default form (Original Medicare, PT 2 a week for 8 weeks) with ``changes`` typed over it."""
    return form_values(default_request(PLANS, TODAY)) | changes


def problems_of(values: dict[str, Any]) -> list[tuple[str, str]]:
    """The problems read_form reports for ``values``."""
    with pytest.raises(FormError) as caught:
        read_form(values, PLANS)
    return list(caught.value.problems)


def test_the_default_form_reads_back_as_the_default_request() -> None:
    """form_values then read_form gives the first-time request unchanged."""
    request = default_request(PLANS, TODAY)

    assert read_form(form_values(request), PLANS) == request


@settings(max_examples=100)
@given(estimate_requests(PLANS))
def test_any_request_survives_the_round_trip_through_the_form(request: EstimateRequest) -> None:
    """Every request the page can hold is read back exactly from the values it fills the form with."""
    assert read_form(form_values(request), PLANS) == request


def test_the_form_has_one_key_per_field_and_form_values_fills_every_one() -> None:
    """FORM_KEYS (what the page reads from session state) is exactly the set of keys form_values fills."""
    keys = list(form_values(default_request(PLANS, TODAY)))

    assert sorted(keys) == sorted(FORM_KEYS)
    # 28 plan fields (20 + 8 out-of-network), plan, start, 2 x 6 course, 9 year-to-date (7 + 2 out-of-network)
    assert len(set(FORM_KEYS)) == len(FORM_KEYS) == 51


def test_the_default_course_starts_on_the_next_monday() -> None:
    """Thursday 1 Jan 2026 gives Monday 5 Jan 2026; a Monday gives itself."""
    assert default_start(date(2026, 1, 1)) == date(2026, 1, 5)
    assert default_start(date(2026, 1, 5)) == date(2026, 1, 5)


def test_with_an_empty_catalog_the_default_is_a_plan_typed_by_hand() -> None:
    """No plans at all: the page starts on 'enter my plan's numbers' with the blank template."""
    request = default_request([], TODAY)

    assert request.plan_choice == OWN_PLAN
    assert request.plan == OWN_PLAN_TEMPLATE


def test_amounts_are_read_as_people_type_them() -> None:
    """'$1,250', ' 40 ' and '12.5' become 1250.00, 40.00 and 12.5 percent."""
    request = read_form(filled(deductible="$1,250", pt_copay=" 40 ", pt_coinsurance_pct="12.5"), PLANS)

    assert (request.plan.deductible, request.plan.pt_copay, request.plan.pt_coinsurance_pct) == (
        Decimal("1250.00"),
        Decimal("40.00"),
        Decimal("12.5"),
    )


def test_blank_optional_fields_mean_none() -> None:
    """A blank maximum, threshold, limit, evaluation or self-pay rate means the plan or course has none."""
    request = read_form(filled(oop_max="", therapy_threshold=" ", pt_visit_limit=None, pt_eval=""), PLANS)

    assert request.plan.oop_max is None
    assert request.plan.therapy_threshold is None
    assert request.plan.pt_visit_limit is None
    assert request.care.pt is not None
    assert request.care.pt.eval_rate is None


def test_a_therapy_that_is_off_is_not_checked() -> None:
    """OT off with nonsense in its fields still gives an estimate for PT alone."""
    request = read_form(filled(ot=False, ot_weeks=0, ot_rate="abc"), PLANS)

    assert request.care.ot is None


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"deductible": "12a"}, [("deductible", "'12a' is not an amount in dollars and cents, such as 95.00")]),
        ({"pt_rate": ""}, [("pt_rate", "enter an amount, such as 95.00")]),
        ({"pt_weeks": 0}, [("pt_weeks", "must be 1 or more")]),
        ({"pt_weeks": None}, [("pt_weeks", "enter a whole number")]),
        ({"pt_visits_per_week": 8}, [("pt_visits_per_week", "must be 7 or less")]),
        ({"ot_coinsurance_pct": "101"}, [("ot_coinsurance_pct", "must be a percentage from 0 to 100")]),
        (
            {"plan_name": "=HYPERLINK()"},
            [("plan_name", "must not start with = + - or @ (a spreadsheet could run it as a formula)")],
        ),
        ({"oop_met": ""}, [("oop_met", "enter 0 if none")]),
        ({"start_date": date(1999, 12, 31)}, [("start_date", "pick a date from 01 Jan 2000 to 31 Dec 2099")]),
        ({"pt": False}, [("care", "turn on PT, OT or both")]),
        ({"plan": "gone"}, [("plan", "is not in the plan list: pick a plan or enter your plan's numbers")]),
        (
            {"deductible_met": "283.01"},
            [("deductible_met", "Deductible met ($283.01) is more than the plan's deductible ($283.00).")],
        ),
    ],
)
def test_each_bad_field_gets_its_own_message(changes: dict[str, Any], expected: list[tuple[str, str]]) -> None:
    """A bad value is reported under the key of the field that holds it, in the domain's words."""
    assert problems_of(filled(**changes)) == expected


def test_every_bad_field_is_reported_at_once() -> None:
    """Four bad fields in the plan, the care and the year so far give four messages, not only the first."""
    problems = problems_of(filled(deductible="x", plan_year_start="13-01", pt_weeks=0, pt_visits_used=None))

    assert [key for key, _ in problems] == ["deductible", "plan_year_start", "pt_weeks", "pt_visits_used"]


def test_out_of_pocket_met_above_the_maximum_is_reported_under_its_own_field() -> None:
    """oop_met 4,000.01 on a plan whose maximum is 4,000.00: the message sits under oop_met, not deductible_met."""
    hmo = next(plan for plan in PLANS if plan.plan_id == "hmo-30-30")
    values = filled(plan="hmo-30-30", **plan_form_values(hmo), oop_met="4000.01")

    assert problems_of(values) == [
        ("oop_met", "Out-of-pocket met ($4,000.01) is more than the plan's maximum ($4,000.00).")
    ]


@settings(max_examples=150)
@given(
    st.dictionaries(
        st.sampled_from(sorted(filled())),
        st.one_of(st.text(max_size=12), st.none(), st.integers(-5, 2000), st.booleans()),
        max_size=8,
    )
)
def test_anything_typed_into_the_form_gives_a_request_or_form_problems(changes: dict[str, Any]) -> None:
    """Whatever the widgets hold, read_form answers with a request or FormError, never another exception."""
    try:
        answer: EstimateRequest | FormError = read_form(filled(**changes), PLANS)
    except FormError as exc:
        answer = exc

    assert isinstance(answer, EstimateRequest) or answer.problems
