"""A link that reproduces an estimate: parsing, writing, and what a tampered link does."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings

from coverage import (
    Accumulators,
    CarePlan,
    CoordinationMethod,
    Course,
    EstimateRequest,
    Secondary,
    ShareLinkError,
    is_share_link,
    load_plans,
    medigap_plan_g,
    overview,
    parse_share_link,
    share_link_params,
)
from coverage.engine.defaults import PT_EVAL_RATE, PT_VISIT_RATE
from coverage.forms.request import OWN_PLAN, default_request
from coverage.forms.share_link import single_values
from tests.conftest import PLANS_CSV
from tests.strategies import estimate_requests, link_params, network_and_secondary_links

PLANS = load_plans(PLANS_CSV)
BY_ID = {plan.plan_id: plan for plan in PLANS}
TODAY = date(2026, 3, 4)  # a Wednesday: the default start is Monday 9 March 2026


def test_the_issues_example_link_gives_the_hmo_with_pt_twice_a_week_for_eight_weeks() -> None:
    """?plan=hmo-30-30&pt=2x8&start=2026-01-05 is that plan, PT 2 a week for 8 weeks at the default rates, OT off."""
    request = parse_share_link({"plan": "hmo-30-30", "pt": "2x8", "start": "2026-01-05"}, PLANS, today=TODAY)

    assert request.plan == BY_ID["hmo-30-30"]
    assert request.care == CarePlan(
        start_date=date(2026, 1, 5),
        pt=Course(visits_per_week=2, weeks=8, visit_rate=PT_VISIT_RATE, eval_rate=PT_EVAL_RATE),
    )
    assert request.accumulators == Accumulators()


def test_a_plans_csv_column_in_the_link_overrides_that_field_only() -> None:
    """deductible=250 and pt_visit_limit= (blank) change those two fields of the catalog plan and nothing else."""
    params = {"plan": "hmo-30-30", "pt": "1x4", "deductible": "250", "pt_visit_limit": ""}

    request = parse_share_link(params, PLANS, today=TODAY)

    changed = {"deductible": Decimal("250.00"), "pt_visit_limit": None}
    assert request.plan == BY_ID["hmo-30-30"].model_copy(update=changed)


def test_rates_and_year_to_date_fields_are_read_from_the_link() -> None:
    """ot=3x4 with its rates, a blank evaluation and year-to-date fields all land in the request."""
    params = {
        "plan": "ppo-pool-60",
        "ot": "3x4",
        "ot_rate": "110.5",
        "ot_eval": "",
        "ot_self_pay": "$95",
        "start": "2026-02-02",
        "deductible_met": "1,000.00",
        "other_pool_visits_used": "12",
    }

    request = parse_share_link(params, PLANS, today=TODAY)

    assert request.care == CarePlan(
        start_date=date(2026, 2, 2),
        ot=Course(visits_per_week=3, weeks=4, visit_rate="110.50", eval_rate=None, self_pay_rate="95.00"),
    )
    assert request.accumulators == Accumulators(deductible_met="1000.00", other_pool_visits_used=12)


def test_a_link_without_a_plan_uses_the_default_plan_and_without_a_start_the_next_monday() -> None:
    """?pt=2x8 alone is the default plan from the Monday on or after today."""
    request = parse_share_link({"pt": "2x8"}, PLANS, today=TODAY)

    assert request == default_request(PLANS, TODAY)
    assert request.care.start_date == date(2026, 3, 9)


def test_the_hand_entered_plan_is_written_as_its_own_value_with_every_changed_field() -> None:
    """A plan typed by hand links as plan=_own plus the fields that differ from the blank template."""
    request = parse_share_link(
        {"plan": OWN_PLAN, "pt": "2x8", "plan_name": "Acme Gold", "pt_copay": "30", "oop_max": "3000"},
        PLANS,
        today=TODAY,
    )

    params = share_link_params(request, PLANS)

    assert params["plan"] == "_own"
    assert {k: params[k] for k in ("plan_name", "pt_copay", "oop_max")} == {
        "plan_name": "Acme Gold",
        "pt_copay": "30.00",
        "oop_max": "3000.00",
    }
    assert "deductible" not in params  # unchanged from the template


def test_unknown_parameters_are_ignored() -> None:
    """Tracking tags a mail program adds (utm_source, fbclid) and plan_id do not spoil a link."""
    params = {"plan": "hmo-30-30", "pt": "2x8", "utm_source": "mail", "fbclid": "x", "plan_id": "other"}

    request = parse_share_link(params, PLANS, today=TODAY)

    assert request.plan.plan_id == "hmo-30-30"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"plan": "no-such-plan", "pt": "2x8"}, "plan: 'no-such-plan' is not in this plan list"),
        ({"pt": "2 x 8"}, "pt: write visits a week x weeks, such as 2x8, not '2 x 8'"),
        ({"pt": "9x8"}, "pt (visits a week): must be 7 or less"),
        ({"pt": "2x0"}, "pt (weeks): must be 1 or more"),
        ({"pt": "2x8", "start": "05/01/2026"}, "start: '05/01/2026' is not a date as YYYY-MM-DD"),
        ({"pt": "2x8", "start": "1999-12-31"}, "start: pick a date from 01 Jan 2000 to 31 Dec 2099"),
        ({"pt": "2x8", "deductible": "ten"}, "deductible: 'ten' is not an amount in dollars and cents, such as 95.00"),
        ({"pt": "2x8", "referral_required": "maybe"}, "referral_required: write true or false"),
        ({"pt": "2x8", "pt_visits_used": "2.5"}, "pt_visits_used: '2.5' is not a whole number"),
        ({"pt": "2x8", "payer_type": "hmo"}, "payer_type: must be one of"),
        ({"plan": "hmo-30-30"}, "care: turn on PT, OT or both"),
        ({"pt": "2x8", "notes": "x" * 501}, "notes: is longer than 500 characters"),
        (
            {"plan": "hmo-30-30", "pt": "2x8", "oop_met": "4000.01"},
            "oop_met: Out-of-pocket met ($4,000.01) is more than the plan's maximum ($4,000.00): "
            "type at most $4,000.00.",
        ),
    ],
)
def test_a_link_that_does_not_make_an_estimate_says_what_is_wrong(params: dict[str, str], message: str) -> None:
    """Each kind of tampering raises ShareLinkError naming the parameter and the problem."""
    with pytest.raises(ShareLinkError) as caught:
        parse_share_link(params, PLANS, today=TODAY)

    assert str(caught.value).startswith(message)


def test_an_empty_address_is_not_a_link_but_one_known_parameter_is() -> None:
    """The bare address shows the defaults without a notice; any share-link parameter makes it a link."""
    assert not is_share_link({})
    assert not is_share_link({"utm_source": "mail"})
    assert is_share_link({"pt": "2x8"})


@settings(max_examples=150)
@given(estimate_requests(PLANS))
def test_the_link_written_for_a_request_reads_back_as_the_same_request(request: EstimateRequest) -> None:
    """share_link_params then parse_share_link gives back exactly the request, for any plan, care and year."""
    params = share_link_params(request, PLANS)

    assert parse_share_link(params, PLANS, today=TODAY) == request


@settings(max_examples=200)
@given(link_params())
def test_any_query_string_gives_a_request_or_a_share_link_error(params: dict[str, str]) -> None:
    """Whatever a person or a program puts in the address, the parser answers a request or ShareLinkError."""
    try:
        answer: EstimateRequest | ShareLinkError = parse_share_link(params, PLANS, today=TODAY)
    except ShareLinkError as exc:
        answer = exc

    assert isinstance(answer, EstimateRequest) or str(answer)


# ---- out of network and a second insurance (issue 7)


def test_out_of_network_care_and_billed_charges_are_read_from_the_link() -> None:
    """in_network=false with pt_billed=150 and the plan's out-of-network terms land in the request."""
    params = {
        "plan": "ppo-pool-60",
        "pt": "2x8",
        "in_network": "false",
        "pt_billed": "150",
        "oon_covered": "true",
        "oon_pt_coinsurance_pct": "40",
        "oon_deductible": "500",
        "oon_deductible_met": "120.00",
    }

    request = parse_share_link(params, PLANS, today=TODAY)

    assert request.care.in_network is False
    assert request.care.pt is not None
    assert request.care.pt.billed_rate == Decimal("150.00")
    assert (request.plan.oon_covered, request.plan.oon_pt_coinsurance_pct) == (True, Decimal(40))
    assert request.accumulators.oon_deductible_met == Decimal("120.00")


def test_a_second_insurance_is_written_with_only_the_fields_that_apply() -> None:
    """A catalog plan as secondary writes its choice, method and non-zero figures, never the hand-entry fields."""
    params = {
        "plan": "hmo-30-30",
        "pt": "2x8",
        "secondary": "ppo-pool-60",
        "secondary_method": "carve_out",
        "secondary_deductible_met": "300",
        "secondary_deductible": "999",  # a typed-by-hand field: does not apply to a plan from the list
    }

    request = parse_share_link(params, PLANS, today=TODAY)
    written = share_link_params(request, PLANS)

    assert request.secondary == Secondary(
        plan=BY_ID["ppo-pool-60"],
        method=CoordinationMethod.CARVE_OUT,
        accumulators=Accumulators(deductible_met="300.00"),
    )
    assert {k: v for k, v in written.items() if k.startswith("secondary")} == {
        "secondary": "ppo-pool-60",
        "secondary_method": "carve_out",
        "secondary_deductible_met": "300.00",
    }


def test_a_preset_second_insurance_is_one_parameter() -> None:
    """Medigap Plan G after Original Medicare links as secondary=_medigap_g alone, and reads back the same."""
    request = parse_share_link(
        {"plan": "medicare-b-2026", "pt": "2x8", "secondary": "_medigap_g", "deductible_met": "50"}, PLANS, today=TODAY
    )

    written = share_link_params(request, PLANS)

    assert request.secondary == medigap_plan_g(request.plan, Accumulators(deductible_met="50.00"))
    assert [k for k in written if k.startswith("secondary")] == ["secondary"]
    assert parse_share_link(written, PLANS, today=TODAY) == request


def test_in_network_is_written_only_when_the_clinic_is_out_of_network() -> None:
    """The usual in-network case keeps links short; out of network the link says in_network=false."""
    inside = parse_share_link({"pt": "2x8"}, PLANS, today=TODAY)
    outside = parse_share_link({"pt": "2x8", "in_network": "no"}, PLANS, today=TODAY)

    assert "in_network" not in share_link_params(inside, PLANS)
    assert share_link_params(outside, PLANS)["in_network"] == "false"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"pt": "2x8", "in_network": "perhaps"}, "in_network: write true or false"),
        ({"pt": "2x8", "pt_billed": "lots"}, "pt_billed: 'lots' is not an amount in dollars and cents, such as 95.00"),
        ({"pt": "2x8", "secondary": "gone"}, "secondary: is not in the plan list: pick another second insurance"),
        ({"pt": "2x8", "secondary": "hmo-30-30", "secondary_method": "both"}, "secondary_method: pick how the"),
        ({"pt": "2x8", "secondary": "_own", "secondary_ot_copay": "=1+1"}, "secondary_ot_copay: '=1+1' is not an"),
        (
            {"pt": "2x8", "secondary": "hmo-30-30", "secondary_oop_met": "4000.01"},
            "secondary_oop_met: Out-of-pocket met ($4,000.01) is more than the second plan's maximum ($4,000.00): "
            "type at most $4,000.00.",
        ),
        (
            {"plan": "hmo-30-30", "pt": "2x8", "secondary": "_medigap_g"},
            "secondary: Medigap Plan G pays only after Original Medicare",
        ),
        (
            {"pt": "2x8", "oon_covered": "true", "oon_deductible": "100", "oon_deductible_met": "100.01"},
            "oon_deductible_met: Deductible met ($100.01) is more than the plan's out-of-network deductible ($100.00): "
            "type at most $100.00.",
        ),
    ],
)
def test_a_tampered_network_or_second_insurance_parameter_says_what_is_wrong(
    params: dict[str, str], message: str
) -> None:
    """Each bad new parameter raises ShareLinkError naming it, as any other parameter does."""
    with pytest.raises(ShareLinkError) as caught:
        parse_share_link(params, PLANS, today=TODAY)

    assert str(caught.value).startswith(message)


@settings(max_examples=200)
@given(network_and_secondary_links(PLANS))
def test_any_network_or_second_insurance_link_gives_an_estimate_the_page_can_show_or_an_error(
    params: dict[str, str],
) -> None:
    """Whatever the new parameters hold, the link is refused in words or overview() works it out without error."""
    try:
        request: EstimateRequest | None = parse_share_link(params, PLANS, today=TODAY)
    except ShareLinkError as exc:
        request, refusal = None, str(exc)

    view = overview(request, PLANS) if request is not None else None

    assert refusal if view is None else parse_share_link(view.share_link, PLANS, today=TODAY) == view.request


def test_a_repeated_link_parameter_is_refused_and_an_unknown_one_is_not() -> None:
    """plan=a&plan=b cannot say which plan was meant; a repeated utm_source is not the link's business (issue 16)."""
    with pytest.raises(ShareLinkError, match=r"repeats plan \(2 times\)"):
        single_values({"plan": ["ma-hmo", "hdhp"], "pt": ["2x8"]})

    assert single_values({"plan": ["ma-hmo"], "utm_source": ["a", "b"]}) == {"plan": "ma-hmo", "utm_source": "b"}
