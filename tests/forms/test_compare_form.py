"""Issue 16: the Compare plans form and its link read back what they write, and say what is wrong."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coverage import Accumulators, CarePlan, Course, ShareLinkError
from coverage.engine.year_cost import RankOrder
from coverage.forms.compare_form import (
    CompareRequest,
    compare_form_values,
    compare_link_params,
    parse_compare_link,
    read_compare_form,
)
from coverage.forms.estimate_form import FormError

TODAY = date(2026, 1, 1)


@st.composite
def compare_requests(draw: st.DrawFn) -> CompareRequest:
    """Any request the page can hold: PT, OT or both, optional evaluation and self-pay rates, small figures so far."""
    money = st.decimals(min_value=0, max_value=5_000, places=2)

    def course() -> Course | None:
        if not draw(st.booleans()):
            return None
        return Course(
            visits_per_week=draw(st.integers(1, 7)),
            weeks=draw(st.integers(1, 52)),
            visit_rate=draw(money),
            eval_rate=draw(st.none() | money),
            self_pay_rate=draw(st.none() | money),
        )

    pt, ot = course(), course()
    if pt is None and ot is None:
        pt = Course(visits_per_week=2, weeks=8, visit_rate="84.75")
    start = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
    so_far = Accumulators(deductible_met=draw(money), oop_met=draw(money), pt_visits_used=draw(st.integers(0, 999)))
    locality = draw(st.sampled_from([None, "10112-00", "06102-99"]))
    return CompareRequest(
        care=CarePlan(start_date=start, pt=pt, ot=ot, medicare_locality=locality),
        so_far=so_far,
        top=draw(st.integers(1, 100)),
        order=draw(st.sampled_from(RankOrder)),
    )


@settings(max_examples=80)
@given(compare_requests())
def test_any_request_survives_the_form_and_the_link(request: CompareRequest) -> None:
    """What the page shows and what its address says are each read back as the same request."""
    assert read_compare_form(compare_form_values(request)) == request
    assert parse_compare_link(compare_link_params(request), TODAY) == request


def test_the_link_uses_the_estimate_links_names() -> None:
    """PT 2x8 from 5 Jan 2026 with 3 PT visits used: start, pt, pt_rate, pt_eval, pt_visits_used, top."""
    request = CompareRequest(
        care=CarePlan(start_date=date(2026, 1, 5), pt=Course(visits_per_week=2, weeks=8, visit_rate="84.75")),
        so_far=Accumulators(pt_visits_used=3),
    )

    assert compare_link_params(request) == {
        "start": "2026-01-05",
        "pt": "2x8",
        "pt_rate": "84.75",
        "pt_eval": "",  # blank: no evaluation
        "pt_visits_used": "3",
        "top": "10",
    }


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"pt": "9x2"}, "pt_per_week: must be 7 or less"),
        ({"pt": "two"}, "pt: write visits a week x weeks"),
        ({"pt_visits_used": "999999"}, "pt_visits_used: must be 999 or less"),
        ({"order": "cheapest"}, "order: must be one of 'course' or 'year'"),
        ({"start": "5 Jan"}, "start: write a date as YYYY-MM-DD"),
        ({"pt_rate": "abc"}, "pt_rate: 'abc' is not an amount"),
        ({"locality": "Alabama"}, "locality: 'Alabama' is not a Medicare locality as <MAC>-<locality>"),
    ],
)
def test_a_link_that_cannot_be_used_says_why_in_its_own_names(params: dict[str, str], message: str) -> None:
    """Each wrong value is named by its link parameter."""
    with pytest.raises(ShareLinkError, match=message):
        parse_compare_link(params, TODAY)


def test_a_locality_rides_in_the_link_and_prices_the_codes_there() -> None:
    """PT from codes at 10112-00: the link says locality=10112-00 and reads back to the same plan of care."""
    course = Course(visits_per_week=2, weeks=8, services="97110x2,97140", eval_services="97162")
    request = CompareRequest(care=CarePlan(start_date=date(2026, 1, 5), pt=course, medicare_locality="10112-00"))

    link = compare_link_params(request)

    assert (link["locality"], link["pt_services"]) == ("10112-00", "97110x2,97140")
    assert parse_compare_link(link, TODAY).care.medicare_locality == "10112-00"


def test_a_form_with_no_therapy_asks_for_one() -> None:
    """PT and OT both off: one problem, under the care."""
    values = compare_form_values(parse_compare_link({}, TODAY)) | {"cmp_pt_on": False}

    with pytest.raises(FormError) as refused:
        read_compare_form(values)

    assert refused.value.problems == (("cmp_care", "turn on PT, OT or both to compare plans"),)
