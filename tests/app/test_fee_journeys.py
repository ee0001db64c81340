"""Visits priced from their codes on the dashboard, driven through the router (Streamlit AppTest).

Every expected figure comes from the engine (`estimate`, `estimate_range`, `compare_plans`, `price_visit`) on the
same inputs, with the fee sources the page builds (`clinic_fee_sources` over plans.csv and clinic.toml).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app_pages.components import take_home
from app_pages.components.take_home import CLINIC_TOML
from coverage import CarePlan, Course, format_money, load_clinic, load_plans
from coverage.catalog.fee_sources import clinic_fee_sources
from coverage.engine.billed_services import parse_services
from coverage.engine.care import CoTreatment
from coverage.engine.course_estimate import estimate
from coverage.engine.plan_ranking import compare_plans
from coverage.fees.estimate_range import estimate_range
from coverage.fees.visit_lookup import price_visit
from coverage.forms.request import default_course
from tests.builders import clinic_toml
from tests.conftest import PLANS_CSV
from tests.dashboard_helpers import APP, PLANS, START, message_after, plain, reopened_from_link, shown_total

FEES = clinic_fee_sources(PLANS_CSV, load_clinic(CLINIC_TOML))
MEDICARE = PLANS["medicare-b-2026"]
PT_CODES = default_course("PT", from_codes=True)  # 97110x2,97140; evaluation 97162
COMPARE_PAGE = "app_pages/compare_plans.py"


def _from_codes(app: AppTest) -> AppTest:
    app.radio(key="pt_pricing").set_value("codes")
    return app.run()


def _how_priced(app: AppTest) -> list[str]:
    box = app.container(key="how_priced")
    return [plain(e.value) for e in (*box.markdown, *box.caption, *box.warning)]


def test_a_pt_course_priced_from_its_codes_shows_each_codes_line_and_the_source(app: AppTest) -> None:
    """PT from 97110x2,97140 / 97162: the engine's total, a line per code with how it was priced, the source."""
    _from_codes(app)

    expected = estimate(MEDICARE, CarePlan(start_date=START, pt=PT_CODES), fees=FEES)
    said = _how_priced(app)
    assert not app.exception
    assert shown_total(app) == expected.patient_total
    first_visit = next(v for v in expected.visits if not v.is_evaluation)
    assert f"PT regular visit (2): allowed amount **{format_money(first_visit.allowed)}**" in said
    assert any(line.how in text for line in first_visit.lines for text in said)
    assert any(text.startswith("97140 x1: ") for block in said for text in block.split("\n- "))
    assert any("Medicare's national amounts (no Medicare locality" in text for text in said)  # no clinic.toml locality


def test_changing_the_locality_changes_the_amount_to_the_engines(app: AppTest) -> None:
    """Typing Alabama's 10112-00 gives estimate() at that locality, a figure other than the national one."""
    _from_codes(app)
    national = shown_total(app)

    app.text_input(key="locality").set_value("10112-00").run()

    care = CarePlan(start_date=START, pt=PT_CODES, medicare_locality="10112-00")
    expected = estimate(MEDICARE, care, fees=FEES)
    assert not app.exception
    assert shown_total(app) == expected.patient_total != national
    assert any("ALABAMA (10112-00)" in text for text in _how_priced(app))


def test_the_state_picker_sets_the_locality(app: AppTest) -> None:
    """Picking Alabama, a state of one locality, puts 10112-00 under 'Locality used'."""
    _from_codes(app)

    app.selectbox(key="_locality_state").set_value("AL").run()

    assert not app.exception
    assert app.text_input(key="locality").value == "10112-00"


def test_a_locality_typed_from_another_state_moves_both_pickers_to_it(app: AppTest) -> None:
    """California picked, then Alabama's 10112-00 typed: the pickers show Alabama and 10112-00, not California's."""
    _from_codes(app)
    app.selectbox(key="_locality_state").set_value("CA").run()

    app.text_input(key="locality").set_value("10112-00").run()
    moved = (app.selectbox(key="_locality_state").value, app.selectbox(key="_locality_pick").value)
    app.text_input(key="locality").set_value("01182-18").run()  # back to California, a locality not the first

    assert not app.exception
    assert moved == ("AL", "10112-00")
    assert (app.selectbox(key="_locality_state").value, app.selectbox(key="_locality_pick").value) == (
        "CA",
        "01182-18",
    )
    assert app.text_input(key="locality").value == "01182-18"


def test_a_bad_code_shows_a_message_under_its_field_and_no_traceback(app: AppTest) -> None:
    """97110y2 gets the notation's own sentence under the codes; 97010 (bundled) says it cannot be priced, and where."""
    _from_codes(app)

    app.text_input(key="pt_services").set_value("97110y2").run()
    said = message_after(app, "pt_services")
    app.text_input(key="pt_services").set_value("97010").run()

    assert not app.exception
    assert said == "'97110y2': the code '97110Y2' is not five digits or letters, such as 97110"
    assert any("The visits cannot be priced" in plain(e.value) and "97010" in plain(e.value) for e in app.error)
    assert any("(how the visits are priced): see the message" in plain(e.value) for e in app.error)  # the summary


def test_a_visits_length_without_minutes_shows_a_low_likely_high_range(app: AppTest) -> None:
    """A 45-minute visit: estimate_range's low and high around its likely total, which is the headline."""
    _from_codes(app)

    app.number_input(key="pt_visit_minutes").set_value(45).run()

    care = CarePlan(start_date=START, pt=PT_CODES.model_copy(update={"visit_minutes": 45}))
    ranged = estimate_range(MEDICARE, care, fees=FEES)
    assert ranged is not None
    box = app.container(key="price_range")
    assert not app.exception
    assert shown_total(app) == ranged.likely.patient_total
    low, high = format_money(ranged.low.patient_total), format_money(ranged.high.patient_total)
    assert plain(box.markdown[0].value).startswith(f"**You pay from {low} to {high}**")


def test_a_link_to_a_course_priced_from_codes_reproduces_it(app: AppTest) -> None:
    """The page's link carries the codes and the locality; opening it shows the same total."""
    _from_codes(app)
    app.text_input(key="locality").set_value("10112-00").run()

    link, again = reopened_from_link(app)

    assert (link["pt_services"], link["pt_eval_services"], link["locality"]) == ("97110x2,97140", "97162", "10112-00")
    assert "pt_rate" not in link
    assert not again.exception
    assert shown_total(again) == shown_total(app)


def test_the_price_a_visit_panel_shows_the_engines_allowed_amount_and_lines(app: AppTest) -> None:
    """97530x2,97535 for OT at 10112-00 in the panel: price_visit()'s allowed amount and one row per line."""
    app.session_state["show_price_visit"] = True
    app.run()
    app.text_input(key="pv_services").set_value("97530x2,97535")
    app.text_input(key="pv_locality").set_value("10112-00")
    app.radio(key="pv_therapy").set_value("OT")
    app.run()

    day = price_visit(parse_services("97530x2,97535"), medicare=FEES.medicare, therapy="OT", locality="10112-00")
    box = app.container(key="pv_result")
    assert not app.exception
    assert box.metric[0].value == format_money(day.total)
    assert list(box.table[0].value["Code"]) == [line.code for line in day.lines]


def test_the_price_a_visit_panel_starts_from_the_clinics_locality_and_participation(
    app: AppTest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A non-participating clinic at 01182-18 in clinic.toml: the panel starts there, at 95 % of Medicare."""
    clinic = clinic_toml(tmp_path, locality="01182-18", participation="non_participating")
    monkeypatch.setattr(take_home, "CLINIC_TOML", clinic)
    app.session_state["show_price_visit"] = True
    app.run()

    day = price_visit(parse_services("97110x2,97140"), medicare=FEES.medicare, locality="01182-18")
    non_par = price_visit(
        parse_services("97110x2,97140"), medicare=FEES.medicare, locality="01182-18", non_participating=True
    )
    assert not app.exception
    assert app.text_input(key="pv_locality").value == "01182-18"
    assert app.checkbox(key="pv_non_participating").value is True
    assert app.container(key="pv_result").metric[0].value == format_money(non_par.total)
    assert non_par.total < day.total  # the 95 % is taken, so the panel's figure is not the participating one


def test_the_price_a_visit_panel_says_what_is_wrong_with_a_code(app: AppTest) -> None:
    """A look-up of 97110x99 says the units are out of range, in words."""
    app.session_state["show_price_visit"] = True
    app.run()

    app.text_input(key="pv_services").set_value("97110x99").run()

    assert not app.exception
    assert any("This visit cannot be priced" in plain(e.value) and "'99'" in plain(e.value) for e in app.error)


def test_the_compare_page_ranks_a_course_priced_from_codes_like_compare_plans() -> None:
    """PT from its codes on Compare plans: the cheapest plan's figure is compare_plans' with the same fee sources."""
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.switch_page(COMPARE_PAGE).run()
    at.radio(key="cmp_pt_pricing").set_value("codes").run()

    care = CarePlan(start_date=at.date_input(key="cmp_start").value, pt=PT_CODES)
    expected = compare_plans(load_plans(PLANS_CSV), care, fees=FEES)
    assert not at.exception
    assert at.metric[0].value == format_money(expected["patient_total"].iloc[0])


def test_the_compare_page_prices_the_codes_at_the_locality_typed() -> None:
    """Locality 10112-00 on Compare plans: each listed plan costs what compare_plans says there; a bad one is named."""
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.switch_page(COMPARE_PAGE).run()
    at.radio(key="cmp_pt_pricing").set_value("codes").run()
    at.text_input(key="cmp_locality").set_value("10112-00").run()

    care = CarePlan(start_date=at.date_input(key="cmp_start").value, pt=PT_CODES, medicare_locality="10112-00")
    expected = compare_plans(load_plans(PLANS_CSV), care, fees=FEES).set_index("plan_name")["patient_total"]
    national = compare_plans(load_plans(PLANS_CSV), care.model_copy(update={"medicare_locality": None}), fees=FEES)
    shown = at.table[0].value
    medicare = MEDICARE.plan_name
    assert not at.exception
    assert {plain(str(n)): plain(str(t)) for n, t in zip(shown["Plan"], shown["Patient pays"], strict=True)} == {
        plain(str(n)): format_money(expected[plain(str(n))]) for n in shown["Plan"]
    }
    assert medicare in {plain(str(n)) for n in shown["Plan"]}
    assert expected[medicare] != national.set_index("plan_name")["patient_total"][medicare]
    at.text_input(key="cmp_locality").set_value("Alabama").run()
    assert any("is not a Medicare locality" in plain(e.value) for e in (*at.error, *at.caption, *at.info))


def test_the_compare_page_lists_a_plan_whose_codes_cannot_be_priced_with_the_reason() -> None:
    """A plan naming a fee schedule the clinic does not have is left out with the pricing problem, not a traceback."""
    plans = load_plans(PLANS_CSV)
    unknown = plans[0].model_copy(update={"plan_id": "acme-ppo", "plan_name": "Acme PPO", "fee_schedule": "acme"})
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["uploaded_plans"] = [*plans, unknown]
    at.run()
    at.switch_page(COMPARE_PAGE).run()
    at.radio(key="cmp_pt_pricing").set_value("codes").run()

    left_out = next(e for e in at.expander if "left out" in e.label)
    assert not at.exception
    assert "cannot be priced" in left_out.label
    assert any(plain(m.value).startswith("acme-ppo: No fee schedule 'acme'") for m in left_out.markdown)


def test_a_typed_rate_still_wins_on_the_page(app: AppTest) -> None:
    """Back to 'a rate I type' with 90.00: the engine's total with that typed rate, no 'how was this priced'."""
    _from_codes(app)
    app.radio(key="pt_pricing").set_value("rate").run()

    app.text_input(key="pt_rate").set_value("90").run()

    typed = Course(visits_per_week=2, weeks=8, visit_rate="90", eval_rate="98.01")
    assert not app.exception
    assert shown_total(app) == estimate(MEDICARE, CarePlan(start_date=START, pt=typed)).patient_total
    assert not [m for m in app.markdown if "How was this priced?" in m.value]


def test_joint_pt_and_ot_sessions_start_at_sixty_minutes_split_evenly_and_match_the_engine(app: AppTest) -> None:
    """PT and OT from their codes, joint sessions on: 60 minutes split 30/30 gives estimate() with that split."""
    _from_codes(app)
    app.toggle(key="ot").set_value(True).run()
    app.radio(key="ot_pricing").set_value("codes").run()

    app.checkbox(key="co_treatment").check().run()

    care = CarePlan(
        start_date=START,
        pt=PT_CODES,
        ot=default_course("OT", from_codes=True),
        co_treatment=CoTreatment(minutes=60, pt_minutes=30),
    )
    assert not app.exception
    assert (app.session_state["co_treatment_minutes"], app.session_state["co_treatment_pt_minutes"]) == (60, 30)
    assert shown_total(app) == estimate(MEDICARE, care, fees=FEES).patient_total
