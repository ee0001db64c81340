"""Out-of-network care and a second insurance, worked by hand and checked for invariants (issue 7)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coverage import (
    PLAN_COLUMNS,
    CoordinationMethod,
    NoticeKind,
    Secondary,
    YearToDateError,
    estimate,
    medicaid_secondary,
    medigap_plan_g,
    parse_plans,
)
from coverage.catalog.loader import ALL_PLAN_COLUMNS
from tests.builders import care, course, money, plan, so_far
from tests.strategies import out_of_network, scenarios, secondaries

ONE_VISIT_1000 = care(pt=course(1, 1, "1000.00"))


def coinsurance_plan(pct: str, **fields: object) -> object:
    """A plan with only coinsurance, no deductible."""
    return plan(deductible_applies=False, pt_coinsurance_pct=pct, **fields)


@pytest.mark.parametrize(
    ("method", "primary_pct", "secondary_pct", "primary_pays", "secondary_pays", "patient_pays"),
    [
        # primary 40% pays 600, L = 400; secondary 20% would pay 800; traditional pays min(800, 400) = 400
        (CoordinationMethod.TRADITIONAL, "40", "20", "600.00", "400.00", "0.00"),
        # primary 20% pays 800, L = 200; secondary would pay 800; non-duplication pays 800 - 800 = 0
        (CoordinationMethod.NON_DUPLICATION, "20", "20", "800.00", "0.00", "200.00"),
        # primary 40% pays 600; secondary would pay 800; carve-out pays 800 - 600 = 200, patient 400 - 200
        (CoordinationMethod.CARVE_OUT, "40", "20", "600.00", "200.00", "200.00"),
        # primary 40% pays 600; secondary 50% would pay 500 < 600: non-duplication pays nothing
        (CoordinationMethod.NON_DUPLICATION, "40", "50", "600.00", "0.00", "400.00"),
        # traditional with a secondary that would pay 500: min(500, 400) = 400
        (CoordinationMethod.TRADITIONAL, "40", "50", "600.00", "400.00", "0.00"),
    ],
)
def test_each_coordination_method_pays_as_worked_out_by_hand(
    method: CoordinationMethod,
    primary_pct: str,
    secondary_pct: str,
    primary_pays: str,
    secondary_pays: str,
    patient_pays: str,
) -> None:
    """Traditional, non-duplication and carve-out split an allowed 1,000 as the public examples say."""
    second = Secondary(plan=coinsurance_plan(secondary_pct), method=method)

    (visit,) = estimate(coinsurance_plan(primary_pct), ONE_VISIT_1000, secondary=second).visits

    assert (visit.plan_pays, visit.secondary_pays, visit.patient_pays) == (
        D(primary_pays),
        D(secondary_pays),
        D(patient_pays),
    )
    assert visit.plan_pays + visit.secondary_pays + visit.patient_pays == visit.allowed


def test_out_of_network_the_patient_pays_coinsurance_plus_the_balance_bill() -> None:
    """Billed 2,000, allowed 1,000, 40 %: the plan pays 600, the patient 400 plus a 1,000 balance bill."""
    ppo = plan(oon_covered=True, oon_pt_coinsurance_pct="40", oon_oop_max="500.00")
    out = care(pt=course(1, 2, "1000.00", billed_rate=D("2000.00"))).model_copy(update={"in_network": False})

    result = estimate(ppo, out)

    # visit 1: 40% of 1000 = 400 (room 500 -> 100 left) + 1000 balance bill
    # visit 2: 40% = 400 capped at the 100 left; the balance bill counts toward nothing and is still 1000
    assert [v.plan_pays for v in result.visits] == money("600.00", "900.00")
    assert [v.balance_bill for v in result.visits] == money("1000.00", "1000.00")
    assert [v.patient_pays for v in result.visits] == money("1400.00", "1100.00")
    assert result.total.balance_bill == D("2000.00")


def test_a_plan_that_does_not_cover_out_of_network_care_leaves_every_visit_at_self_pay() -> None:
    """oon_covered false: out of network the plan pays nothing."""
    hmo = plan(pt_copay="20.00", deductible_applies=False)
    out = care(pt=course(1, 2, "90.00", self_pay_rate=D("70.00"))).model_copy(update={"in_network": False})

    result = estimate(hmo, out)

    assert [(v.covered, v.patient_pays, v.plan_pays) for v in result.visits] == [
        (False, D("70.00"), D("0.00")),
        (False, D("70.00"), D("0.00")),
    ]


@pytest.mark.parametrize(
    ("shared", "to_deductible"),
    [
        # one bucket: in-network met 400 of the 1000 out-of-network deductible -> 600 left: 100 + 100
        (True, ["100.00", "100.00"]),
        # separate buckets: out-of-network met 950 -> 50 left
        (False, ["50.00", "0.00"]),
    ],
)
def test_out_of_network_spending_uses_the_shared_or_the_separate_figures(
    shared: bool, to_deductible: list[str]
) -> None:
    """oon_counts_toward_in_network decides which figures so far the out-of-network deductible starts from."""
    ppo = plan(deductible="500.00", oon_covered=True, oon_deductible="1000.00", oon_counts_toward_in_network=shared)
    out = care(pt=course(1, 2, "100.00")).model_copy(update={"in_network": False})

    result = estimate(ppo, out, so_far(deductible_met="400.00", oon_deductible_met="950.00"))

    assert [v.to_deductible for v in result.visits] == money(*to_deductible)


def test_out_of_network_figures_above_the_out_of_network_deductible_are_refused() -> None:
    """Separate buckets: more out-of-network deductible met than the plan has is a YearToDateError."""
    ppo = plan(oon_covered=True, oon_deductible="100.00")
    out = care(pt=course(1, 1, "100.00")).model_copy(update={"in_network": False})

    with pytest.raises(YearToDateError, match="out-of-network deductible"):
        estimate(ppo, out, so_far(oon_deductible_met="150.00"))


def test_medigap_plan_g_pays_medicares_coinsurance_after_the_part_b_deductible() -> None:
    """Original Medicare + Plan G: the patient pays only the 283 deductible; Plan G pays each 20 %."""
    medicare = plan(payer_type="medicare", deductible="283.00", pt_coinsurance_pct="20")
    pt = care(pt=course(2, 3, "84.75"))

    result = estimate(medicare, pt, secondary=medigap_plan_g(medicare))

    # visits 1-3 all deductible (254.25); visit 4: 28.75 deductible, 20% of 56.00 = 11.20 paid by Plan G
    assert [v.patient_pays for v in result.visits] == money("84.75", "84.75", "84.75", "28.75", "0.00", "0.00")
    assert [v.secondary_pays for v in result.visits] == money("0.00", "0.00", "0.00", "11.20", "16.95", "16.95")
    assert result.patient_total == D("283.00")


def test_medigap_plan_g_starts_from_the_deductible_medicare_has_already_counted() -> None:
    """With the Part B deductible met, Plan G pays the whole 20 % from the first visit."""
    medicare = plan(payer_type="medicare", deductible="283.00", pt_coinsurance_pct="20")
    met = so_far(deductible_met="283.00")

    result = estimate(medicare, care(pt=course(1, 2, "84.75")), met, secondary=medigap_plan_g(medicare, met))

    assert result.patient_total == D("0.00")
    assert result.total.secondary_pays == D("33.90")  # 2 x 16.95


def test_medicaid_as_secondary_leaves_the_patient_nothing_on_covered_visits() -> None:
    """Medicaid pays what the primary leaves; visits past the primary's limit stay self-pay."""
    commercial = plan(deductible="500.00", pt_copay="30.00", pt_coinsurance_pct="20", pt_visit_limit=2)

    result = estimate(
        commercial, care(pt=course(1, 3, "100.00", self_pay_rate=D("60.00"))), secondary=medicaid_secondary()
    )

    assert [v.patient_pays for v in result.visits] == money("0.00", "0.00", "60.00")


def test_a_catalog_with_the_out_of_network_columns_loads() -> None:
    """A file with all 29 columns loads; the out-of-network terms come through."""
    header = ",".join(ALL_PLAN_COLUMNS)
    cells = {
        "plan_id": "ppo",
        "plan_name": "PPO",
        "payer_type": "commercial",
        "oon_covered": "true",
        "oon_deductible": "2000.00",
        "oon_pt_coinsurance_pct": "40",
    }
    line = ",".join(cells.get(c, "") for c in ALL_PLAN_COLUMNS)

    (ppo,) = parse_plans(f"{header}\n{line}\n")

    assert (ppo.oon_covered, ppo.oon_deductible, ppo.oon_pt_coinsurance_pct) == (True, D("2000.00"), D("40"))


def test_a_catalog_with_only_some_out_of_network_columns_takes_the_defaults_for_the_others() -> None:
    """Optional columns may come one by one (issue 11): an absent one takes its default."""
    header = ",".join((*PLAN_COLUMNS, "oon_covered"))
    line = "ppo,PPO,commercial" + "," * (len(PLAN_COLUMNS) - 3) + ",true"

    (ppo,) = parse_plans(f"{header}\n{line}\n")

    assert (ppo.oon_covered, ppo.oon_deductible, ppo.oon_oop_max) == (True, D("0.00"), None)


@given(scenarios(), secondaries())
def test_a_secondary_plan_never_makes_the_patient_pay_more(scenario: tuple, second: Secondary) -> None:
    """With any secondary, every visit costs the patient at most what it costs without one."""
    alone, both = estimate(*scenario), estimate(*scenario, secondary=second)

    for without, with_second in zip(alone.visits, both.visits, strict=True):
        assert D(0) <= with_second.patient_pays <= without.patient_pays
    assert both.total.plan_pays == alone.total.plan_pays


@given(scenarios().flatmap(lambda s: st.tuples(out_of_network(s), st.one_of(st.none(), secondaries()))))
def test_primary_secondary_and_patient_add_up_to_allowed_plus_balance_bill(drawn: tuple) -> None:
    """On every covered visit: primary + secondary + patient = allowed + balance bill; nothing negative."""
    (oon_plan, oon_care, oon_so_far), second = drawn

    result = estimate(oon_plan, oon_care, oon_so_far, secondary=second)

    for visit in result.visits:
        assert min(visit.plan_pays, visit.secondary_pays, visit.patient_pays, visit.balance_bill) >= 0
        if visit.covered:
            assert visit.plan_pays + visit.secondary_pays + visit.patient_pays == visit.allowed + visit.balance_bill


def test_a_course_in_network_has_no_balance_bill_even_with_a_billed_rate() -> None:
    """The billed rate matters only out of network."""
    result = estimate(plan(), care(date(2026, 3, 2), pt=course(1, 1, "100.00", billed_rate=D("250.00"))))

    assert result.visits[0].balance_bill == D("0.00")


def test_in_and_out_of_network_are_set_side_by_side_only_when_the_plan_states_both() -> None:
    """compare_networks gives both estimates for a plan with out-of-network terms, None otherwise."""
    from coverage.views.care_comparison import IN_NETWORK, OUT_OF_NETWORK, compare_networks

    ppo = plan(pt_coinsurance_pct="20", oon_covered=True, oon_pt_coinsurance_pct="40")
    pt = care(pt=course(1, 1, "100.00", billed_rate=D("150.00")))

    both = compare_networks(ppo, pt)

    assert compare_networks(plan(), pt) is None
    assert both is not None
    # in: 20% of 100 = 20; out: 40% of 100 = 40 + 50 balance bill = 90
    assert (both[IN_NETWORK].patient_total, both[OUT_OF_NETWORK].patient_total) == (D("20.00"), D("90.00"))


def test_a_saved_catalog_keeps_out_of_network_terms_and_the_plain_header_when_there_are_none() -> None:
    """plans_to_csv writes an oon_* column only when a plan sets it, and the plans read back unchanged."""
    from coverage.catalog.rows import plans_to_csv

    plain = plan(plan_id="plain")
    with_oon = plan(plan_id="ppo", oon_covered=True, oon_deductible="1500.00", oon_pt_coinsurance_pct="40")

    plain_text, both_text = plans_to_csv([plain]), plans_to_csv([plain, with_oon])

    assert plain_text.splitlines()[0] == ",".join(PLAN_COLUMNS)
    set_here = ("oon_covered", "oon_deductible", "oon_pt_coinsurance_pct")
    assert both_text.splitlines()[0] == ",".join((*PLAN_COLUMNS, *set_here))
    assert parse_plans(both_text) == [plain, with_oon]


def test_out_of_network_on_a_plan_that_pays_nothing_there_says_so_rather_than_no_insurance() -> None:
    """The notice and each visit's reason name the plan's out-of-network rule, not a lack of insurance."""
    from coverage import NoticeKind

    out = care(pt=course(1, 1, "90.00")).model_copy(update={"in_network": False})

    result = estimate(plan(), out)

    (said,) = [n.message for n in result.notices if n.kind is NoticeKind.SELF_PAY]
    assert said.startswith("Your plan pays nothing for out-of-network therapy")
    assert result.visits[0].not_covered_reason == "the plan pays nothing for out-of-network therapy"


def test_visits_the_primary_does_not_cover_do_not_use_up_the_secondarys_deductible() -> None:
    """Adding OT that the primary refuses never lowers what PT costs with a secondary (audit finding)."""
    primary = plan(ot_visit_limit=0, pt_coinsurance_pct="20")
    second = Secondary(plan=plan(deductible="300.00"), method=CoordinationMethod.TRADITIONAL)
    pt_only = care(pt=course(1, 4, "100.00"))
    both = care(pt=course(1, 4, "100.00"), ot=course(1, 4, "100.00"))

    alone, with_ot = estimate(primary, pt_only, secondary=second), estimate(primary, both, secondary=second)

    # PT: the primary pays 80 of 100, leaving 20; as primary the secondary's 300 deductible takes PT
    # visits 1-3 whole (it would pay 0), then it would pay 100 on visit 4: traditional pays min(100, 20) = 20.
    # The refused OT visits (same days, before PT) must not eat that deductible.
    pt_costs = [v.patient_pays for v in with_ot.visits if v.discipline == "PT"]
    assert pt_costs == [v.patient_pays for v in alone.visits] == money("20.00", "20.00", "20.00", "0.00")
    assert with_ot.patient_total == alone.patient_total + 4 * D("100.00")  # the OT visits at self-pay


def test_out_of_network_a_visit_the_plan_does_not_cover_costs_the_clinics_billed_charge() -> None:
    """Past the limit out of network, without a self-pay rate, the patient pays the billed charge (audit finding)."""
    ppo = plan(pt_visit_limit=1, oon_covered=True, oon_pt_coinsurance_pct="40")
    out = care(pt=course(1, 2, "1000.00", billed_rate=D("2000.00"))).model_copy(update={"in_network": False})

    result = estimate(ppo, out)

    # visit 1: 40% of 1000 = 400 + 1000 balance bill; visit 2 is past the limit: the clinic's 2000
    assert [v.patient_pays for v in result.visits] == money("1400.00", "2000.00")


def test_shared_buckets_refuse_in_network_figures_the_plan_cannot_have() -> None:
    """Out of network with one shared bucket, more deductible met than the plan has is still refused (audit finding)."""
    ppo = plan(deductible="500.00", oon_covered=True, oon_deductible="2000.00", oon_counts_toward_in_network=True)
    out = care(pt=course(1, 1, "100.00")).model_copy(update={"in_network": False})

    with pytest.raises(YearToDateError, match=r"Deductible met \(\$1,500.00\) is more than the plan's deductible"):
        estimate(ppo, out, so_far(deductible_met="1500.00"))


def test_the_second_insurances_own_deductible_is_a_dated_notice() -> None:
    """Plan G's deductible is met with Medicare's, at PT visit 4, and the notice names Plan G and the date."""
    medicare = plan(payer_type="medicare", deductible="283.00", pt_coinsurance_pct="20")
    pt = care(pt=course(2, 3, "84.75"))

    result = estimate(medicare, pt, secondary=medigap_plan_g(medicare))

    # 3 x 84.75 = 254.25, so the 283.00 deductible is met at visit 4 (Thu 15 Jan: visits on Mon 5, Thu 8,
    # Mon 12, Thu 15) for both plans.
    (own,) = [n for n in result.notices if n.kind is NoticeKind.SECONDARY_DEDUCTIBLE_MET]
    assert (own.discipline, own.visit_number, own.date) == ("PT", 4, date(2026, 1, 15))
    assert own.message == (
        "Your second insurance (Medigap Plan G) has its deductible met at PT visit 4 on 15 Jan 2026; "
        "before that, in its plan year, it pays nothing toward what your plan leaves you."
    )
    kinds = [n.kind for n in result.notices]
    assert kinds.index(NoticeKind.DEDUCTIBLE_MET) < kinds.index(NoticeKind.SECONDARY_DEDUCTIBLE_MET)


def test_the_second_insurances_own_maximum_is_a_dated_notice_after_which_the_patient_pays_nothing() -> None:
    """A secondary with a 250 maximum reaches it at PT visit 3; the covered visits after it cost nothing."""
    primary = plan(pt_coinsurance_pct="50")
    second = Secondary(
        plan=plan(plan_name="Spouse's plan", deductible="200.00", oop_max="250.00", pt_coinsurance_pct="50"),
        method=CoordinationMethod.TRADITIONAL,
    )

    result = estimate(primary, care(pt=course(1, 5, "200.00")), secondary=second)

    # Primary pays 100 of each 200 visit, leaving 100. As primary the secondary's patient would pay:
    # visit 1: 200 deductible (200 of 250 used); visit 2: 50 % of 200 = 100, capped at the 50 left: maximum reached.
    # Traditional: it pays min(what it would pay, 100): visit 1 min(0, 100) = 0; visit 2 min(150, 100) = 100; then 100.
    assert [v.patient_pays for v in result.visits] == money("100.00", "0.00", "0.00", "0.00", "0.00")
    said = {n.kind: n for n in result.notices}
    assert said[NoticeKind.SECONDARY_DEDUCTIBLE_MET].visit_number == 1
    reached = said[NoticeKind.SECONDARY_OOP_MAX_REACHED]
    assert (reached.visit_number, reached.date) == (2, date(2026, 1, 12))
    assert "Spouse's plan" in reached.message
    assert "$250.00" in reached.message


def test_a_second_insurance_with_nothing_to_meet_adds_no_notice() -> None:
    """Medicaid as secondary has no deductible or maximum, so the notices are the primary's alone."""
    commercial = plan(deductible="500.00", pt_copay="30.00")
    pt = care(pt=course(1, 3, "100.00"))

    alone = estimate(commercial, pt)
    result = estimate(commercial, pt, secondary=medicaid_secondary())

    assert result.notices == alone.notices


def test_the_second_insurances_own_visit_limit_is_a_dated_notice() -> None:
    """A second plan covering 2 PT visits stops paying at PT visit 3; the notice says so and counts the visits."""
    primary = plan(pt_coinsurance_pct="20")
    second = Secondary(plan=plan(plan_name="Spouse's plan", pt_visit_limit=2), method=CoordinationMethod.TRADITIONAL)

    result = estimate(primary, care(pt=course(1, 4, "100.00")), secondary=second)

    # The primary pays 80 of each 100 visit, leaving 20. As primary the second plan pays 100 on visits 1-2
    # (no deductible, no coinsurance), then nothing past its 2 visits: it pays min(100, 20) = 20, 20, 0, 0.
    assert [v.secondary_pays for v in result.visits] == money("20.00", "20.00", "0.00", "0.00")
    assert [v.patient_pays for v in result.visits] == money("0.00", "0.00", "20.00", "20.00")
    (limit,) = [n for n in result.notices if n.kind is NoticeKind.SECONDARY_VISIT_LIMIT_REACHED]
    assert (limit.visit_number, limit.date, limit.visits_affected) == (3, date(2026, 1, 19), 2)  # Mondays 5, 12, 19
    assert limit.message == (
        "Your second insurance (Spouse's plan) reaches its own visit limit at PT visit 3 on 19 Jan 2026: it pays "
        "nothing toward 2 visits from then on (your plan still pays its part of each)."
    )


def test_under_non_duplication_the_second_plan_pays_nothing_until_its_deductible_is_met() -> None:
    """The deductible notice's 'before that it pays nothing' holds under non-duplication, worked by hand."""
    primary = plan(deductible_applies=False, pt_coinsurance_pct="20")
    second = Secondary(plan=plan(deductible="150.00"), method=CoordinationMethod.NON_DUPLICATION)

    result = estimate(primary, care(pt=course(1, 4, "100.00")), secondary=second)

    # The primary pays 80 of each 100, leaving 20. As primary the second plan would pay 0 (100 to its
    # deductible), then 50 (the last 50 of it), then 100 and 100. Non-duplication pays what that adds above
    # the primary's 80, at most the 20 left: max(0 - 80, 0) = 0, max(50 - 80, 0) = 0, then 20 and 20.
    assert [v.secondary_pays for v in result.visits] == money("0.00", "0.00", "20.00", "20.00")
    (met,) = [n for n in result.notices if n.kind is NoticeKind.SECONDARY_DEDUCTIBLE_MET]
    assert met.visit_number == 2
    assert "before that, in its plan year, it pays nothing" in met.message


def test_a_new_plan_year_of_the_second_plan_is_a_notice_before_its_deductible_is_met_again() -> None:
    """A second plan whose year starts on 1 July: its reset is said, then its deductible is met again in July."""
    primary = plan(deductible_applies=False, pt_coinsurance_pct="20")
    second = Secondary(
        plan=plan(plan_name="Spouse's plan", plan_year_start="07-01", deductible="150.00"),
        method=CoordinationMethod.TRADITIONAL,
    )
    # Weekly PT at 100 on Mondays from 22 Jun 2026: 22 Jun, 29 Jun, 6 Jul, 13 Jul. The primary leaves 20 a visit.
    # Second plan, year to 30 Jun: visit 1 puts 100 to its deductible (pays 0); visit 2: 50 more, then it would
    # pay 50, so min(50, 20) = 20. New year on 1 Jul: visit 3 puts 100 to the deductible again (0); visit 4: 20.
    result = estimate(primary, care(date(2026, 6, 22), pt=course(1, 4, "100.00")), secondary=second)

    assert [v.secondary_pays for v in result.visits] == money("0.00", "20.00", "0.00", "20.00")
    said = [(n.kind, n.visit_number) for n in result.notices if n.kind.value.startswith("secondary_")]
    assert said == [
        (NoticeKind.SECONDARY_DEDUCTIBLE_MET, 2),
        (NoticeKind.SECONDARY_PLAN_YEAR_RESET, 3),
        (NoticeKind.SECONDARY_DEDUCTIBLE_MET, 4),
    ]
    reset = next(n for n in result.notices if n.kind is NoticeKind.SECONDARY_PLAN_YEAR_RESET)
    assert reset.message == (
        "Your second insurance (Spouse's plan) starts a new plan year: from PT visit 3 on 6 Jul 2026 its deductible, "
        "out-of-pocket maximum and visit counts start again from zero."
    )
