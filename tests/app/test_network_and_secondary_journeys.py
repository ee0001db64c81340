"""Out of network and a second insurance on the estimate page, driven through AppTest (issue 7).

Every expected figure comes from the engine (`coverage.engine.course_estimate`, `compare_networks`) on the same inputs.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from streamlit.testing.v1 import AppTest

from coverage import (
    Accumulators,
    CarePlan,
    CoordinationMethod,
    Secondary,
    estimate,
    medigap_plan_g,
    parse_money,
)
from coverage.views.care_comparison import compare_networks
from tests.dashboard_helpers import (
    APP,
    PLANS,
    PT_2X8,
    START,
    message_after,
    open_results,
    open_section,
    plain,
    reopened_from_link,
    shown_total,
    table_with,
)

#: The PPO with out-of-network terms typed into the plan's rules: it pays 60 % after a 500.00 deductible.
OON_TERMS = {"oon_covered": True, "oon_deductible": Decimal("500.00"), "oon_pt_coinsurance_pct": Decimal(40)}


def shown_secondary(at: AppTest) -> Decimal:
    """What the second insurance pays as the page shows it inside the element keyed total_secondary."""
    return parse_money(at.container("total_secondary").metric[0].value)


def type_out_of_network_terms(at: AppTest) -> None:
    """Pick the PPO and type OON_TERMS into its rules: the plan pays out of network."""
    at.selectbox(key="plan").select("ppo-pool-60").run()
    open_section(at, "show_plan_rules")
    at.radio(key="oon_covered").set_value(True).run()
    at.text_input(key="oon_deductible").set_value("500")
    at.text_input(key="oon_pt_coinsurance_pct").set_value("40")
    at.run()


def test_out_of_network_with_a_billed_charge_shows_the_engines_total_with_the_balance_bill(app: AppTest) -> None:
    """PPO out of network, the clinic billing 150.00 a PT visit: the total is estimate()'s, balance bills in it."""
    type_out_of_network_terms(app)
    app.radio(key="in_network").set_value(False)
    app.text_input(key="pt_billed").set_value("150")

    app.run()

    plan = PLANS["ppo-pool-60"].model_copy(update=OON_TERMS)
    pt = PT_2X8.model_copy(update={"billed_rate": Decimal("150.00")})
    expected = estimate(plan, CarePlan(start_date=START, pt=pt, in_network=False))
    assert not app.exception
    assert expected.total.balance_bill > 0
    assert shown_total(app) == expected.patient_total
    open_results(app)
    table = table_with(app, "Balance bill")
    assert [parse_money(text) for text in table["Balance bill"]] == [v.balance_bill for v in expected.visits]
    bills = f"${expected.total.balance_bill:,.2f}"
    assert any(plain(c.value).startswith(f"What you pay includes {bills} of balance bills") for c in app.caption)


def test_medigap_plan_g_after_original_medicare_gives_the_engines_total(app: AppTest) -> None:
    """Original Medicare with 100.00 of the Part B deductible met and Medigap Plan G: estimate() with medigap_plan_g."""
    open_section(app, "show_so_far")
    app.text_input(key="deductible_met").set_value("100.00").run()
    open_section(app, "show_secondary")

    app.selectbox(key="secondary").select("_medigap_g").run()

    so_far = Accumulators(deductible_met="100.00")
    care = CarePlan(start_date=START, pt=PT_2X8)
    expected = estimate(
        PLANS["medicare-b-2026"], care, so_far, secondary=medigap_plan_g(PLANS["medicare-b-2026"], so_far)
    )
    assert not app.exception
    assert shown_total(app) == expected.patient_total == Decimal("183.00")  # only the 283 - 100 deductible left
    assert shown_secondary(app) == expected.total.secondary_pays
    open_results(app)
    table = table_with(app, "Second plan pays")
    assert [parse_money(text) for text in table["Second plan pays"]] == [v.secondary_pays for v in expected.visits]
    captions = [plain(c.value) for c in app.caption]
    assert "A visit's cost above is with your plan alone, before your second insurance pays." in captions


@pytest.mark.parametrize("method", list(CoordinationMethod))
def test_a_catalog_plan_as_second_insurance_pays_as_its_method_says(app: AppTest, method: CoordinationMethod) -> None:
    """The HMO first and the high-deductible plan second, its deductible met: the engine's total."""
    app.selectbox(key="plan").select("hmo-30-30").run()
    open_section(app, "show_secondary")
    app.selectbox(key="secondary").select("hdhp").run()
    app.radio(key="secondary_method").set_value(method.value)
    app.text_input(key="secondary_deductible_met").set_value("3300")

    app.run()

    second = Secondary(plan=PLANS["hdhp"], method=method, accumulators=Accumulators(deductible_met="3300"))
    expected = estimate(PLANS["hmo-30-30"], CarePlan(start_date=START, pt=PT_2X8), secondary=second)
    assert not app.exception
    assert shown_total(app) == expected.patient_total
    assert shown_secondary(app) == expected.total.secondary_pays


def test_the_three_methods_give_different_totals_on_the_catalog_pair() -> None:
    """The pair above tells the methods apart: traditional pays more than non-duplication, which equals carve-out.

    Past the HMO's deductible a PT visit of 84.75 leaves the 40.00 copay; the second plan would pay 90 % = 76.28.
    Traditional pays min(76.28, 40.00) = 40.00; non-duplication 76.28 - 44.75 = 31.53.
    """
    care = CarePlan(start_date=START, pt=PT_2X8)
    totals = {
        method: estimate(
            PLANS["hmo-30-30"],
            care,
            secondary=Secondary(plan=PLANS["hdhp"], method=method, accumulators=Accumulators(deductible_met="3300")),
        ).patient_total
        for method in CoordinationMethod
    }

    assert totals[CoordinationMethod.TRADITIONAL] < totals[CoordinationMethod.NON_DUPLICATION]
    assert totals[CoordinationMethod.NON_DUPLICATION] == totals[CoordinationMethod.CARVE_OUT]


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("secondary_pt_copay", "12a", "'12a' is not an amount in dollars and cents, such as 95.00"),
        ("secondary_deductible", "-5", "must not be negative"),
        ("secondary_ot_coinsurance_pct", "120", "must be a percentage from 0 to 100"),
        (
            "secondary_deductible_met",
            "50",
            "Deductible met ($50.00) is more than the second plan's deductible ($0.00): type at most $0.00.",
        ),
    ],
)
def test_a_bad_amount_in_a_second_insurance_field_gets_a_message_beside_it(
    app: AppTest, key: str, value: str, message: str
) -> None:
    """A second plan typed by hand with a bad amount: the message sits under that field and the results wait."""
    open_section(app, "show_secondary")
    app.selectbox(key="secondary").select("_own").run()

    app.text_input(key=key).set_value(value).run()

    assert not app.exception
    assert message_after(app, key) == message
    with pytest.raises(KeyError):
        app.container("total_patient")


def test_a_link_with_the_network_and_second_insurance_parameters_reproduces_the_estimate() -> None:
    """A link out of network with a billed charge, out-of-network terms and figures, and a second plan."""
    link = {
        "plan": "ppo-pool-60",
        "pt": "2x8",
        "start": "2026-01-05",
        "in_network": "false",
        "pt_billed": "150.00",
        "oon_covered": "true",
        "oon_deductible": "500.00",
        "oon_pt_coinsurance_pct": "40",
        "oon_deductible_met": "120.00",
        "secondary": "hmo-30-30",
        "secondary_method": "non_duplication",
        "secondary_deductible_met": "200.00",
    }
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params.update(link)

    at.run()

    plan = PLANS["ppo-pool-60"].model_copy(update=OON_TERMS)
    care = CarePlan(start_date=START, pt=PT_2X8.model_copy(update={"billed_rate": Decimal("150.00")}), in_network=False)
    second = Secondary(
        plan=PLANS["hmo-30-30"],
        method=CoordinationMethod.NON_DUPLICATION,
        accumulators=Accumulators(deductible_met="200.00"),
    )
    expected = estimate(plan, care, Accumulators(oon_deductible_met="120.00"), secondary=second)
    assert not at.exception
    assert not at.warning
    assert shown_total(at) == expected.patient_total
    assert shown_secondary(at) == expected.total.secondary_pays
    assert at.session_state["show_secondary"] is True  # the section with the second insurance is open
    assert at.selectbox(key="secondary").value == "hmo-30-30"
    assert link.items() <= dict(at.query_params).items()  # the page writes the same parameters back (and the rates)


def test_the_address_the_page_writes_reproduces_a_second_plan_typed_by_hand(app: AppTest) -> None:
    """Out of network with a second plan typed by hand: the page's own link opens the same estimate."""
    app.radio(key="in_network").set_value(False).run()
    open_section(app, "show_secondary")
    app.selectbox(key="secondary").select("_own").run()
    app.radio(key="secondary_method").set_value("carve_out")
    app.text_input(key="secondary_pt_coinsurance_pct").set_value("10")
    app.text_input(key="secondary_oop_max").set_value("250")
    app.run()

    link, again = reopened_from_link(app)

    assert not again.exception
    assert not again.warning
    assert (link["in_network"], link["secondary"], link["secondary_oop_max"]) == ("false", "_own", "250.00")
    assert shown_total(again) == shown_total(app)
    assert again.text_input(key="secondary_pt_coinsurance_pct").value == "10"


@pytest.mark.parametrize(
    "link",
    [
        {"plan": "hmo-30-30", "pt": "2x8", "in_network": "maybe"},
        {"plan": "hmo-30-30", "pt": "2x8", "pt_billed": "=1+1"},
        {"plan": "hmo-30-30", "pt": "2x8", "secondary": "no-such-plan"},
        {"plan": "hmo-30-30", "pt": "2x8", "secondary": "ppo-pool-60", "secondary_method": "both"},
        {"plan": "hmo-30-30", "pt": "2x8", "secondary": "_own", "secondary_deductible": "ten"},
    ],
)
def test_a_tampered_network_or_second_insurance_parameter_falls_back_with_a_notice(link: dict[str, str]) -> None:
    """A bad new parameter shows the standard example and says the link could not be used, like any other."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params.update(link)

    at.run()

    assert not at.exception
    assert len(at.warning) == 1
    assert "This link could not be used" in plain(at.warning[0].value)
    start = at.date_input(key="start_date").value
    assert shown_total(at) == estimate(PLANS["medicare-b-2026"], CarePlan(start_date=start, pt=PT_2X8)).patient_total


def test_in_and_out_of_network_side_by_side_appear_only_for_a_plan_with_out_of_network_terms(app: AppTest) -> None:
    """The PPO as listed has no out-of-network terms: no side by side; once typed in, the engine's two totals.

    The clinic bills 150.00 a visit, so out of network adds balance bills even while this estimate is in network.
    """
    app.selectbox(key="plan").select("ppo-pool-60").run()
    without = [d for d in app.dataframe if "Clinic" in d.value.columns]
    billed_before = [field.key for field in app.text_input if field.key == "pt_billed"]

    type_out_of_network_terms(app)
    app.text_input(key="pt_billed").set_value("150").run()

    plan = PLANS["ppo-pool-60"].model_copy(update=OON_TERMS)
    pt = PT_2X8.model_copy(update={"billed_rate": Decimal("150.00")})
    networks = compare_networks(plan, CarePlan(start_date=START, pt=pt))
    assert networks is not None
    table = table_with(app, "Clinic")
    assert not app.exception
    assert without == []
    assert billed_before == []  # the billed charge is asked only once the plan pays out of network
    assert list(table["Clinic"]) == ["In network", "Out of network"]
    assert [parse_money(text) for text in table["You pay"]] == [e.patient_total for e in networks.values()]
    assert [parse_money(text) for text in table["Plan pays"]] == [e.plan_total for e in networks.values()]
    assert [parse_money(text) for text in table["Balance bills"]] == [e.total.balance_bill for e in networks.values()]
    extra = networks["Out of network"].patient_total - networks["In network"].patient_total
    bills = networks["Out of network"].total.balance_bill
    assert extra > 0
    sentence = (
        f"Out of network you pay ${extra:,.2f} more than in network, ${bills:,.2f} of it in balance bills. "
        "The estimate above is the in-network one."
    )
    assert any(plain(c.value) == sentence for c in app.caption)


def test_a_second_plan_gone_from_the_list_gets_a_message_and_the_picker_starts_again(app: AppTest) -> None:
    """A second plan no longer in the plan list: a message under the picker, which shows none; then the estimate."""
    app.session_state["secondary"] = "retired-plan"

    app.run()

    assert not app.exception
    assert message_after(app, "secondary") == "is not in the plan list: pick another second insurance"
    assert app.selectbox(key="secondary").value == ""
    app.run()
    assert shown_total(app) == estimate(PLANS["medicare-b-2026"], CarePlan(start_date=START, pt=PT_2X8)).patient_total


def test_out_of_network_on_a_plan_that_pays_nothing_there_tells_the_desk_what_to_collect(app: AppTest) -> None:
    """The HMO as listed pays nothing out of network: the desk panel says what to collect and where to fix it."""
    app.selectbox(key="plan").select("hmo-30-30").run()
    app.radio(key="in_network").set_value(False).run()

    desk = [plain(m.value) for m in app.container("front_desk").markdown]
    hint = [plain(c.value) for c in app.container("front_desk").caption]
    said = [m for m in app.markdown if "Your plan pays nothing for out-of-network therapy" in plain(m.value)]
    assert not app.exception
    assert "No visit is covered: collect each visit's self-pay rate." in desk
    assert hint[0].startswith("If the plan does pay for out-of-network therapy, say so under Your plan's rules")
    assert len(said) == 1  # the reason is said once, under What to know


def test_self_pay_out_of_network_gets_no_advice_about_out_of_network_terms(app: AppTest) -> None:
    """With no insurance, saying the plan pays out of network would change nothing, so the desk panel does not ask."""
    app.selectbox(key="plan").select("self-pay").run()
    app.radio(key="in_network").set_value(False).run()

    desk = [plain(m.value) for m in app.container("front_desk").markdown]
    assert not app.exception
    assert "No visit is covered: collect each visit's self-pay rate." in desk
    assert not app.container("front_desk").caption
