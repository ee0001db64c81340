"""The estimate form: what a person typed, read with the domain's own checks, each problem under its field."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coverage import (
    Accumulators,
    CoordinationMethod,
    EstimateRequest,
    FormError,
    Secondary,
    default_request,
    form_values,
    load_plans,
    medicaid_secondary,
    medigap_plan_g,
    overview,
    read_form,
)
from coverage.forms.fields import FORM_KEYS, SECONDARY_KEYS, plan_form_values, secondary_keys_for
from coverage.forms.request import OWN_PLAN, OWN_PLAN_TEMPLATE, OWN_SECONDARY_TEMPLATE, default_start
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
    # 37 plan fields (20 + 8 out-of-network + 3 family + 3 limit rules + the monthly premium + fee schedule and
    # unit rule), plan, start,
    # in_network, 2 clinic (Medicare participation, accepts Medicaid), 2 x 12 course (switch, pricing choice and
    # 10 fields: size 2, rates 4 with billed, codes 4: services, evaluation services, minutes, visit length),
    # 4 pricing of the plan of care (locality, joint sessions: switch, minutes, PT's minutes),
    # 11 year-to-date (7 + 2 out-of-network + 2 family), 10 second insurance (choice, method, 6 numbers, 2 so far)
    assert len(set(FORM_KEYS)) == len(FORM_KEYS) == 37 + 1 + 1 + 1 + 2 + 24 + 4 + 11 + 10


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
            [
                (
                    "deductible_met",
                    "Deductible met ($283.01) is more than the plan's deductible ($283.00): type at most $283.00.",
                )
            ],
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
        (
            "oop_met",
            "Out-of-pocket met ($4,000.01) is more than the plan's maximum ($4,000.00): type at most $4,000.00.",
        )
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


# ---- out of network and a second insurance (issue 7)

OON_PLAN = {"oon_covered": True, "oon_deductible": "1000.00", "oon_oop_max": "5000.00", "oon_pt_coinsurance_pct": "40"}


def test_the_clinics_network_and_billed_charges_are_read_into_the_plan_of_care() -> None:
    """in_network false and a PT billed charge of $150 land in the care; a blank billed charge means none."""
    request = read_form(filled(in_network=False, pt_billed="$150", ot=True, ot_billed=""), PLANS)

    assert request.care.in_network is False
    assert request.care.pt is not None
    assert request.care.pt.billed_rate == Decimal("150.00")
    assert request.care.ot is not None
    assert request.care.ot.billed_rate is None


def test_out_of_network_terms_typed_into_the_form_are_read_into_the_plan() -> None:
    """The out-of-network switch, deductible, maximum and coinsurance typed as text become the plan's oon fields."""
    request = read_form(filled(**OON_PLAN, oon_counts_toward_in_network=True), PLANS)

    assert request.plan.oon_covered is True
    assert (request.plan.oon_deductible, request.plan.oon_oop_max) == (Decimal("1000.00"), Decimal("5000.00"))
    assert request.plan.oon_pt_coinsurance_pct == Decimal(40)
    assert request.plan.oon_counts_toward_in_network is True


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"in_network": "maybe"}, [("in_network", "answer yes or no")]),
        ({"pt_billed": "12a"}, [("pt_billed", "'12a' is not an amount in dollars and cents, such as 95.00")]),
        ({"oon_deductible": "-1"}, [("oon_deductible", "must not be negative")]),
        ({"oon_pt_coinsurance_pct": "140"}, [("oon_pt_coinsurance_pct", "must be a percentage from 0 to 100")]),
        ({"oon_oop_met": ""}, [("oon_oop_met", "enter 0 if none")]),
        (
            {**OON_PLAN, "oon_deductible_met": "1000.01"},
            [
                (
                    "oon_deductible_met",
                    "Deductible met ($1,000.01) is more than the plan's out-of-network deductible ($1,000.00): "
                    "type at most $1,000.00.",
                )
            ],
        ),
        (
            {**OON_PLAN, "oon_oop_met": "5000.01"},
            [
                (
                    "oon_oop_met",
                    "Out-of-pocket met ($5,000.01) is more than the plan's out-of-network maximum ($5,000.00): "
                    "type at most $5,000.00.",
                )
            ],
        ),
        ({"secondary": "no-such-plan"}, [("secondary", "is not in the plan list: pick another second insurance")]),
        (
            {"secondary": "hmo-30-30", "secondary_method": "split"},
            [("secondary_method", "pick how the second plan pays")],
        ),
        (
            {"secondary": "_own", "secondary_deductible": "12a"},
            [("secondary_deductible", "'12a' is not an amount in dollars and cents, such as 95.00")],
        ),
        (
            {"secondary": "_own", "secondary_pt_coinsurance_pct": "-3"},
            [("secondary_pt_coinsurance_pct", "must be a percentage from 0 to 100")],
        ),
        ({"secondary": "_own", "secondary_oop_met": ""}, [("secondary_oop_met", "enter 0 if none")]),
        (
            {"secondary": "hmo-30-30", "secondary_deductible_met": "500.01"},
            [
                (
                    "secondary_deductible_met",
                    "Deductible met ($500.01) is more than the second plan's deductible ($500.00): "
                    "type at most $500.00.",
                )
            ],
        ),
        (
            {"secondary": "_own", "secondary_oop_max": "100", "secondary_oop_met": "100.01"},
            [
                (
                    "secondary_oop_met",
                    "Out-of-pocket met ($100.01) is more than the second plan's maximum ($100.00): "
                    "type at most $100.00.",
                )
            ],
        ),
        (
            {"payer_type": "commercial", "secondary": "_medigap_g"},  # the Medicare plan turned commercial
            [("secondary", "Medigap Plan G pays only after Original Medicare: pick that as your plan")],
        ),
    ],
)
def test_each_bad_network_or_second_insurance_field_gets_its_own_message(
    changes: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    """A bad value among the new fields is reported under the key of the field that holds it."""
    assert problems_of(filled(**changes)) == expected


def test_out_of_network_figures_are_not_checked_when_the_plan_keeps_one_deductible() -> None:
    """With in- and out-of-network spending in one deductible the separate figures are unused, so never wrong."""
    request = read_form(filled(**OON_PLAN, oon_counts_toward_in_network=True, oon_deductible_met="9999.00"), PLANS)

    assert request.accumulators.oon_deductible_met == Decimal("9999.00")


def test_no_second_insurance_reads_as_none() -> None:
    """The default form has no second insurance."""
    request = read_form(filled(), PLANS)

    assert (request.secondary_choice, request.secondary) == ("", None)


def test_medigap_plan_g_takes_the_first_plans_deductible_met() -> None:
    """Medigap Plan G after Original Medicare with $100 of the Part B deductible met is medigap_plan_g of that."""
    request = read_form(filled(secondary="_medigap_g", deductible_met="100.00", secondary_deductible_met="x"), PLANS)

    assert request.secondary_choice == "_medigap_g"
    assert request.secondary == medigap_plan_g(request.plan, Accumulators(deductible_met="100.00"))


def test_medicaid_as_secondary_is_the_preset() -> None:
    """Medicaid as secondary is coverage.medicaid_secondary(), whatever the hidden fields hold."""
    request = read_form(filled(secondary="_medicaid", secondary_method="nonsense"), PLANS)

    assert request.secondary == medicaid_secondary()


@pytest.mark.parametrize("method", list(CoordinationMethod))
def test_a_catalog_plan_as_secondary_keeps_its_terms_method_and_own_figures(method: CoordinationMethod) -> None:
    """The HMO as second plan, with each method and $200 of its deductible met; its hand-entry fields are ignored."""
    values = filled(
        secondary="hmo-30-30",
        secondary_method=method.value,
        secondary_deductible_met="200",
        secondary_oop_met="250.50",
        secondary_deductible="not read",
    )

    request = read_form(values, PLANS)

    hmo = next(plan for plan in PLANS if plan.plan_id == "hmo-30-30")
    so_far = Accumulators(deductible_met="200.00", oop_met="250.50")
    assert request.secondary == Secondary(plan=hmo, method=method, accumulators=so_far)


def test_a_second_plan_typed_by_hand_is_the_template_with_the_numbers_typed() -> None:
    """Deductible 250, maximum blank, PT copay 10 and OT coinsurance 15 % on top of the blank second plan."""
    values = filled(
        secondary="_own",
        secondary_method="carve_out",
        secondary_deductible="250",
        secondary_oop_max="",
        secondary_pt_copay="10",
        secondary_ot_coinsurance_pct="15",
    )

    request = read_form(values, PLANS)

    assert request.secondary == Secondary(
        plan=OWN_SECONDARY_TEMPLATE.model_copy(
            update={"deductible": Decimal("250.00"), "pt_copay": Decimal("10.00"), "ot_coinsurance_pct": Decimal(15)}
        ),
        method=CoordinationMethod.CARVE_OUT,
    )


@pytest.mark.parametrize(
    ("choice", "keys"),
    [
        ("", ["secondary"]),
        ("_medigap_g", ["secondary"]),
        ("_medicaid", ["secondary"]),
        ("hmo-30-30", ["secondary", "secondary_method", "secondary_deductible_met", "secondary_oop_met"]),
        ("_own", list(SECONDARY_KEYS)),
    ],
)
def test_each_second_insurance_choice_names_the_fields_that_apply(choice: str, keys: list[str]) -> None:
    """Presets have their terms built in; a listed plan adds its method and figures; a typed plan its numbers too."""
    assert sorted(secondary_keys_for(choice)) == sorted(keys)


@settings(max_examples=100)
@given(
    st.sampled_from(["", "_medigap_g", "_medicaid", "_own", "hmo-30-30", "medicare-b-2026", "self-pay", "x"]),
    st.dictionaries(
        st.sampled_from(
            [*SECONDARY_KEYS[1:], "in_network", "pt_billed", "oon_covered", "oon_deductible", "oon_deductible_met"]
        ),
        st.one_of(st.sampled_from(["0", "50", "283.00", "9999", "carve_out", "traditional", ""]), st.text(max_size=6)),
        max_size=6,
    ),
)
def test_a_form_with_a_second_insurance_that_reads_always_gives_an_overview(
    choice: str, changes: dict[str, Any]
) -> None:
    """Whatever the second-insurance and network fields hold, read_form refuses it or the page can show it."""
    try:
        request = read_form(filled(secondary=choice, **changes), PLANS)
    except FormError as exc:
        problems = exc.problems
        request = None

    view = overview(request, PLANS) if request is not None else None

    assert problems if view is None else view.estimate.secondary == view.request.secondary
