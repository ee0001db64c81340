"""The facade the estimate page calls: one request in, everything the page shows out."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from coverage import compare_care, default_request, estimate, load_plans, overview, parse_share_link, visits_csv
from coverage.forms.fields import PLAN_FIELD_LABELS, PLAN_FIELDS
from coverage.views.care_comparison import compare_networks
from tests.conftest import PLANS_CSV

PLANS = load_plans(PLANS_CSV)
TODAY = date(2026, 1, 1)


def test_the_overview_holds_the_engines_estimate_and_comparison() -> None:
    """The estimate and the side-by-side are exactly what estimate() and compare_care() return."""
    request = parse_share_link({"plan": "hmo-30-30", "pt": "2x8", "ot": "1x6"}, PLANS, today=TODAY)

    view = overview(request, PLANS)

    assert view.estimate == estimate(request.plan, request.care, request.accumulators)
    assert view.comparison == compare_care(request.plan, request.care, request.accumulators)
    assert view.csv == visits_csv(view.estimate)
    assert parse_share_link(view.share_link, PLANS, today=TODAY) == request


def test_fields_changed_from_the_catalog_are_listed() -> None:
    """A catalog plan with its deductible and PT copay changed lists those two fields, in plans.csv order."""
    request = default_request(PLANS, TODAY)
    changed = request.plan.model_copy(update={"pt_copay": Decimal("10.00"), "deductible": Decimal("100.00")})

    view = overview(request.model_copy(update={"plan": changed}), PLANS)

    assert view.changed_fields == ("deductible", "pt_copay")


def test_a_plan_typed_by_hand_lists_no_changes() -> None:
    """Nothing is 'changed from the catalog' for a plan that is not from the catalog."""
    request = default_request([], TODAY)

    assert overview(request, PLANS).changed_fields == ()


def test_the_overview_costs_the_second_insurance_and_sets_the_networks_side_by_side() -> None:
    """Out of network with a second plan: the estimate, PT/OT scenarios and network side-by-side all include it."""
    params = {
        "plan": "ppo-pool-60",
        "pt": "2x8",
        "ot": "1x6",
        "in_network": "false",
        "pt_billed": "120",
        "oon_covered": "true",
        "oon_pt_coinsurance_pct": "40",
        "oon_ot_coinsurance_pct": "40",
        "secondary": "_medicaid",
    }
    request = parse_share_link(params, PLANS, today=TODAY)
    plan, care, so_far, second = request.plan, request.care, request.accumulators, request.secondary

    view = overview(request, PLANS)

    assert view.estimate == estimate(plan, care, so_far, secondary=second)
    assert view.comparison == compare_care(plan, care, so_far, secondary=second)
    assert view.networks == compare_networks(plan, care, so_far, secondary=second)
    assert view.networks is not None
    assert view.networks["Out of network"] == view.estimate
    out, inside = view.networks["Out of network"].patient_total, view.networks["In network"].patient_total
    assert view.out_of_network_extra() == out - inside
    assert parse_share_link(view.share_link, PLANS, today=TODAY) == request


def test_a_plan_without_out_of_network_terms_has_no_network_side_by_side() -> None:
    """The shipped HMO states no out-of-network terms, so there is nothing to set beside the in-network figures."""
    request = parse_share_link({"plan": "hmo-30-30", "pt": "2x8"}, PLANS, today=TODAY)

    view = overview(request, PLANS)

    assert view.networks is None
    assert view.out_of_network_extra() is None


def test_every_plan_field_has_plain_words_for_the_changed_fields_caption() -> None:
    """Each plan field the page can change has a label with no underscore, so no column name reaches a patient."""
    assert set(PLAN_FIELD_LABELS) == set(PLAN_FIELDS)
    assert not [label for label in PLAN_FIELD_LABELS.values() if "_" in label]


def test_a_plan_typed_by_hand_still_blank_gets_a_reminder_until_a_number_is_typed() -> None:
    """'Enter my plan's numbers' with nothing typed says the plan would pay in full; one copay typed ends it."""
    blank = default_request([], TODAY)  # no catalog: the plan typed by hand, all zeros
    typed = blank.model_copy(update={"plan": blank.plan.model_copy(update={"pt_copay": Decimal("25.00")})})

    (reminder,) = overview(blank, []).reminders
    assert reminder.startswith("Your plan's numbers are not typed in yet")
    assert overview(typed, []).reminders == ()


def test_out_of_network_terms_all_zero_get_a_reminder() -> None:
    """Out of network on a plan that pays there but has no out-of-network numbers: a reminder; in network: none."""
    request = parse_share_link({"plan": "hmo-30-30", "pt": "2x8", "oon_covered": "true"}, PLANS, today=TODAY)
    outside = request.model_copy(update={"care": request.care.model_copy(update={"in_network": False})})

    assert overview(request, PLANS).reminders == ()
    (reminder,) = overview(outside, PLANS).reminders
    assert reminder.startswith("The out-of-network deductible, copays and coinsurance are all zero")


def test_a_catalog_plan_gets_no_reminder_even_when_it_pays_in_full() -> None:
    """A plan picked from the list is taken as the clinic entered it: no reminder, even with no cost sharing."""
    link = {"plan": "medicaid-style", "pt": "2x8", "pt_copay": "0", "ot_copay": "0"}  # its $3 copays waived
    request = parse_share_link(link, PLANS, today=TODAY)

    assert request.plan.shares_no_cost()
    assert overview(request, PLANS).reminders == ()


def test_no_reminder_where_its_sentence_would_be_false() -> None:
    """A blank plan typed by hand gets no 'pays each visit it covers in full' out of network, where it pays nothing."""
    blank = default_request([], TODAY)
    outside = blank.model_copy(update={"care": blank.care.model_copy(update={"in_network": False})})

    assert estimate(outside.plan, outside.care).plan_total == 0  # out of network the blank plan pays nothing
    assert overview(outside, []).reminders == ()


def test_with_a_visit_limit_typed_the_reminder_still_holds_for_the_visits_covered() -> None:
    """A blank plan with a 10-visit PT limit pays the 10 visits it covers in full, as the reminder says."""
    blank = default_request([], TODAY)
    limited = blank.model_copy(update={"plan": blank.plan.model_copy(update={"pt_visit_limit": 10})})

    view = overview(limited, [])

    assert "pays each visit it covers in full" in view.reminders[0]
    assert all(v.patient_pays == 0 for v in view.estimate.visits if v.covered)
    assert view.estimate.total.not_covered_visits == 6  # 16 visits, 10 covered


def test_a_second_plan_typed_by_hand_still_blank_gets_a_reminder() -> None:
    """A second plan typed by hand with nothing typed pays all the first plan leaves; the page says to type it."""
    link = {"plan": "hmo-30-30", "pt": "2x8", "secondary": "_own"}
    request = parse_share_link(link, PLANS, today=TODAY)
    typed = parse_share_link(link | {"secondary_pt_copay": "10"}, PLANS, today=TODAY)

    (reminder,) = overview(request, PLANS).reminders
    assert reminder.startswith("Your second plan's numbers are not typed in yet")
    assert overview(request, PLANS).estimate.patient_total == 0  # what the sentence says: it pays all that is left
    assert overview(typed, PLANS).reminders == ()


def test_figures_so_far_that_would_count_toward_a_later_plan_year_are_pointed_out() -> None:
    """On 25 Nov 2026 a course from 4 Jan 2027 with 350.00 deductible met: that figure would count toward 2027."""
    today = date(2026, 11, 25)
    request = parse_share_link(
        {"plan": "hmo-30-30", "pt": "3x8", "start": "2027-01-04", "deductible_met": "350"}, PLANS, today=today
    )
    this_year = parse_share_link(
        {"plan": "hmo-30-30", "pt": "3x8", "start": "2026-11-30", "deductible_met": "350"}, PLANS, today=today
    )
    none_typed = parse_share_link({"plan": "hmo-30-30", "pt": "3x8", "start": "2027-01-04"}, PLANS, today=today)

    (reminder,) = overview(request, PLANS, today=today).reminders
    assert reminder.startswith("The first visit is in the plan year that starts on 1 Jan 2027")
    assert overview(this_year, PLANS, today=today).reminders == ()
    assert overview(none_typed, PLANS, today=today).reminders == ()
    assert overview(request, PLANS).reminders == ()  # without today nothing is assumed
