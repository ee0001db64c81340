"""Visits priced from their codes on the estimate form and in its link: the codes, minutes, locality, joint sessions."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from coverage import (
    CarePlan,
    Course,
    FormError,
    default_request,
    form_values,
    load_plans,
    parse_share_link,
    read_form,
    share_link_params,
)
from coverage.engine.billed_services import Service
from coverage.engine.care import CoTreatment
from coverage.engine.defaults import PT_EVAL_RATE, PT_VISIT_RATE
from coverage.forms.request import default_course
from coverage.forms.visit_codes import parse_minutes, with_codes
from tests.conftest import PLANS_CSV

PLANS = load_plans(PLANS_CSV)
TODAY = date(2026, 1, 1)  # the default start is Monday 5 Jan 2026


def from_codes(**changes: Any) -> dict[str, Any]:
    """The default form with PT priced from its codes, and ``changes`` typed over it."""
    return form_values(default_request(PLANS, TODAY)) | {"pt_pricing": "codes"} | changes


def problems_of(values: dict[str, Any]) -> list[tuple[str, str]]:
    """The problems read_form reports for ``values``."""
    with pytest.raises(FormError) as caught:
        read_form(values, PLANS)
    return list(caught.value.problems)


def test_a_course_priced_from_its_codes_reads_the_codes_minutes_and_length_and_no_rate() -> None:
    """Codes 97110x2,97140, evaluation 97162, 97110 for 25 minutes, a 45-minute visit: that course, rates blank."""
    values = from_codes(
        pt_services="97110x2, 97140", pt_eval_services="97162", pt_minutes="97110=25", pt_visit_minutes=45
    )

    course = read_form(values, PLANS).care.pt

    assert course == Course(
        visits_per_week=2,
        weeks=8,
        services=(Service(code="97110", units=2), Service(code="97140")),
        eval_services=(Service(code="97162"),),
        minutes=(("97110", 25),),
        visit_minutes=45,
    )


def test_the_default_form_shows_the_typical_codes_beside_the_typed_rates() -> None:
    """A typed-rate course fills the code fields with the therapy's typical codes, ready for a switch."""
    values = form_values(default_request(PLANS, TODAY))

    assert (values["pt_pricing"], values["pt_rate"], values["pt_services"]) == ("rate", "84.75", "97110x2,97140")
    assert (values["pt_eval_services"], values["ot_services"], values["ot_eval_services"]) == (
        "97162",
        "97530x2,97535",
        "97166",
    )


def test_a_typed_rate_wins_and_the_code_fields_are_then_not_read() -> None:
    """With 'a rate I type' chosen, unreadable codes do not matter: the typed rate prices the visit."""
    values = form_values(default_request(PLANS, TODAY)) | {"pt_services": "97110y2", "pt_minutes": "lots"}

    course = read_form(values, PLANS).care.pt

    assert course == Course(visits_per_week=2, weeks=8, visit_rate=PT_VISIT_RATE, eval_rate=PT_EVAL_RATE)


def test_priced_from_codes_the_typed_rates_are_not_read() -> None:
    """With 'price from the codes' chosen, a letter left in the rate fields does not stop the estimate."""
    course = read_form(from_codes(pt_rate="abc", pt_eval="x"), PLANS).care.pt

    assert course is not None
    assert (course.visit_rate, course.eval_rate) == (None, None)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"pt_services": "97110y2"},
            [("pt_services", "'97110y2': the code '97110Y2' is not five digits or letters, such as 97110")],
        ),
        (
            {"pt_services": "97110x30"},
            [("pt_services", "'97110x30': the units '30' are not a whole number from 1 to 24")],
        ),
        ({"pt_eval_services": "97162,,"}, [("pt_eval_services", "'97162,,' has an empty part between commas")]),
        (
            {"pt_minutes": "97110:25"},
            [("pt_minutes", "'97110:25': write a timed code and its minutes, such as 97110=25")],
        ),
        ({"pt_minutes": "97110=400"}, [("pt_minutes", "97110: 400 minutes is more than a visit's 360")]),
        (
            {"pt_services": " ", "pt_minutes": ""},
            [("pt_services", "give the codes of a regular visit, such as 97110x2,97140")],
        ),
        ({"pt_visit_minutes": 0}, [("pt_visit_minutes", "must be 1 or more")]),
        ({"pt_pricing": "guess"}, [("pt_pricing", "pick: price from the codes, or a rate I type")]),
        (
            {"locality": "Alabama"},
            [("locality", "'Alabama' is not a Medicare locality as <MAC>-<locality>, such as 10112-00")],
        ),
    ],
)
def test_bad_codes_get_their_own_message_under_their_field(
    changes: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    """Bad notation is a message under its key in the engine's own words (ServiceNotationError), never a traceback."""
    assert problems_of(from_codes(**changes)) == expected


def test_the_locality_and_joint_sessions_are_read_into_the_plan_of_care() -> None:
    """Locality 10112-00 and joint sessions of 60 minutes, 30 of them PT's, land in the care; blank is neither."""
    both = from_codes(ot=True, locality=" 10112-00 ", co_treatment=True)
    both |= {"co_treatment_minutes": 60, "co_treatment_pt_minutes": 30}

    care = read_form(both, PLANS).care
    plain = read_form(from_codes(), PLANS).care

    assert (care.medicare_locality, care.co_treatment) == ("10112-00", CoTreatment(minutes=60, pt_minutes=30))
    assert (plain.medicare_locality, plain.co_treatment) == (None, None)


def test_joint_sessions_need_both_therapies_and_their_minutes() -> None:
    """Joint sessions with OT off, or without PT's share, are refused under their own fields."""
    one = from_codes(co_treatment=True, co_treatment_minutes=60, co_treatment_pt_minutes=30)
    no_share = from_codes(ot=True, co_treatment=True, co_treatment_minutes=60, co_treatment_pt_minutes=None)
    too_much = from_codes(ot=True, co_treatment=True, co_treatment_minutes=60, co_treatment_pt_minutes=70)

    assert problems_of(one) == [("co_treatment", "joint PT and OT sessions need both PT and OT turned on")]
    assert problems_of(no_share) == [("co_treatment_pt_minutes", "enter the minutes, such as 60")]
    assert problems_of(too_much) == [
        ("co_treatment_pt_minutes", "PT's share (70 minutes) is more than the session (60)")
    ]


def test_a_course_priced_from_codes_links_as_exactly_its_codes_and_the_locality() -> None:
    """PT 97110x2,97140 / 97162 and OT 97530x2,97535 / 97166 at 10112-00: the five link keys, no rate keys."""
    care = CarePlan(
        start_date=date(2026, 1, 5),
        pt=default_course("PT", from_codes=True),
        ot=default_course("OT", from_codes=True),
        medicare_locality="10112-00",
    )
    request = default_request(PLANS, TODAY).model_copy(update={"care": care})

    params = share_link_params(request, PLANS)

    assert {k: v for k, v in params.items() if k not in ("plan", "pt", "ot", "start")} == {
        "pt_services": "97110x2,97140",
        "pt_eval_services": "97162",
        "ot_services": "97530x2,97535",
        "ot_eval_services": "97166",
        "locality": "10112-00",
    }
    assert parse_share_link(params, PLANS, today=TODAY) == request


def test_an_old_link_without_codes_reads_as_before_and_a_typed_rate_in_a_link_wins() -> None:
    """?pt=2x8 is the typed default; pt_rate with pt_services keeps the rate; pt_services alone prices from codes."""
    old = parse_share_link({"pt": "2x8"}, PLANS, today=TODAY).care.pt
    typed = parse_share_link({"pt": "2x8", "pt_rate": "90", "pt_services": "97110"}, PLANS, today=TODAY).care.pt
    codes = parse_share_link({"pt": "2x8", "pt_services": "97110x3"}, PLANS, today=TODAY).care.pt

    assert old == default_course("PT")
    assert typed == Course(visits_per_week=2, weeks=8, visit_rate="90.00", eval_rate=PT_EVAL_RATE)
    assert codes == Course(
        visits_per_week=2, weeks=8, services="97110x3", eval_services="97162"
    )  # absent evaluation codes: the typical ones


def test_joint_sessions_minutes_and_visit_length_travel_in_the_link() -> None:
    """Minutes per code, a visit length and joint sessions are written and read back."""
    care = CarePlan(
        start_date=date(2026, 1, 5),
        pt=Course(visits_per_week=2, weeks=8, services="97110", minutes={"97140": 20}, visit_minutes=45),
        ot=default_course("OT", from_codes=True),
        co_treatment=CoTreatment(minutes=60, pt_minutes=25),
    )
    request = default_request(PLANS, TODAY).model_copy(update={"care": care})

    params = share_link_params(request, PLANS)

    assert {k: params[k] for k in ("pt_minutes", "pt_visit_minutes", "co_treatment_minutes")} == {
        "pt_minutes": "97140=20",
        "pt_visit_minutes": "45",
        "co_treatment_minutes": "60",
    }
    assert parse_share_link(params, PLANS, today=TODAY) == request


def test_a_bad_code_in_a_link_is_refused_in_words() -> None:
    """pt_services=97110y2 gives ShareLinkError naming the parameter and the part."""
    with pytest.raises(ValueError, match=r"^pt_services: '97110y2': the code"):
        parse_share_link({"pt": "2x8", "pt_services": "97110y2"}, PLANS, today=TODAY)


def test_with_a_clinic_locality_the_first_estimate_prices_from_the_codes() -> None:
    """clinic.toml's medicare_locality set: the first course is PT's typical codes; unset: the typed national rates."""
    at_clinic = default_request(PLANS, TODAY, clinic_locality="06102-99").care.pt
    national = default_request(PLANS, TODAY).care.pt

    assert at_clinic == Course(visits_per_week=2, weeks=8, services="97110x2,97140", eval_services="97162")
    assert national == Course(visits_per_week=2, weeks=8, visit_rate=PT_VISIT_RATE, eval_rate=PT_EVAL_RATE)


def test_picking_codes_from_the_list_keeps_the_units_already_typed() -> None:
    """97110x2,97140 with 97530 picked and 97140 dropped gives 97110x2,97530; unreadable text gives 1 unit each."""
    assert with_codes("97110x2,97140", ["97110", "97530"]) == "97110x2,97530"
    assert with_codes("97110y2", ["97110"]) == "97110"
    assert parse_minutes("97110 = 25, 97140=15") == (("97110", 25), ("97140", 15))
