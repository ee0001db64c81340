"""What a patient or a front-desk person does on the estimate page, driven through AppTest.

Every expected figure comes from the engine (`coverage.engine.course_estimate`) on the same inputs.
"""

from __future__ import annotations

import os
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from coverage import Accumulators, CarePlan, Course, NoticeKind, Plan, estimate, parse_money
from coverage.engine.defaults import OT_EVAL_RATE, OT_VISIT_RATE
from coverage.views.explain import explain_visit
from tests.conftest import PLANS_CSV
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

OT_2X8 = Course(visits_per_week=2, weeks=8, visit_rate=OT_VISIT_RATE, eval_rate=OT_EVAL_RATE)


def test_picking_an_example_plan_and_a_course_shows_exactly_the_engines_total(app: AppTest) -> None:
    """Picking the HMO, PT 3 a week for 10 weeks and OT on, the total equals estimate() on the same inputs."""
    app.selectbox(key="plan").select("hmo-30-30").run()
    open_section(app, "show_plan_rules")
    app.number_input(key="pt_visits_per_week").set_value(3)
    app.number_input(key="pt_weeks").set_value(10)
    app.toggle(key="ot").set_value(True)

    app.run()

    care = CarePlan(start_date=START, pt=PT_2X8.model_copy(update={"visits_per_week": 3, "weeks": 10}), ot=OT_2X8)
    assert not app.exception
    assert app.text_input(key="deductible").value == "500.00"  # the plan's fields are filled in from the catalog
    assert shown_total(app) == estimate(PLANS["hmo-30-30"], care).patient_total


def test_the_default_estimate_is_medicare_pt_twice_a_week_for_eight_weeks(app: AppTest) -> None:
    """A first-time user sees Original Medicare and PT twice a week for 8 weeks at the default rates."""
    expected = estimate(PLANS["medicare-b-2026"], CarePlan(start_date=START, pt=PT_2X8))

    assert not app.exception
    assert app.selectbox(key="plan").value == "medicare-b-2026"
    assert shown_total(app) == expected.patient_total


def test_a_plan_entered_by_hand_is_estimated_from_the_numbers_typed(app: AppTest) -> None:
    """Choosing 'enter my plan's numbers' and typing them gives the engine's total for that plan."""
    app.selectbox(key="plan").select("_own").run()
    assert [i.value for i in app.info if "not typed in yet" in i.value]  # before typing: a reminder, not a bare $0
    for key, text in (
        ("deductible", "500"),
        ("oop_max", "$1,200.00"),
        ("pt_copay", "25"),
        ("pt_coinsurance_pct", "10"),
    ):
        app.text_input(key=key).set_value(text)
    app.number_input(key="combined_visit_limit").set_value(10)

    app.run()

    plan = Plan(
        plan_id="my-plan",
        plan_name="My plan",
        payer_type="commercial",
        deductible="500",
        oop_max="1200",
        pt_copay="25",
        pt_coinsurance_pct="10",
        combined_visit_limit=10,
    )
    expected = estimate(plan, CarePlan(start_date=START, pt=PT_2X8))
    assert not app.exception
    assert app.text_input(key="plan_name").value == "My plan"
    assert shown_total(app) == expected.patient_total
    assert not [i.value for i in app.info if "not typed in yet" in i.value]


def test_ot_only_against_ot_and_pt_shows_what_adding_pt_costs(app: AppTest) -> None:
    """OT alone shows the OT-only total; turning PT on shows both, and the side-by-side names the difference."""
    plan = PLANS["ot-costs-more"]
    app.selectbox(key="plan").select(plan.plan_id).run()
    app.toggle(key="ot").set_value(True)
    app.toggle(key="pt").set_value(False)
    app.run()
    ot_only = estimate(plan, CarePlan(start_date=START, ot=OT_2X8))
    shown_ot_only = shown_total(app)

    app.toggle(key="pt").set_value(True)
    app.run()

    both = estimate(plan, CarePlan(start_date=START, ot=OT_2X8, pt=PT_2X8))
    assert not app.exception
    assert shown_ot_only == ot_only.patient_total
    assert shown_total(app) == both.patient_total
    table = table_with(app, "Therapy")
    assert list(table["Therapy"]) == ["OT only", "PT only", "OT + PT"]
    assert parse_money(table["You pay"][0]) == ot_only.patient_total
    extra = both.patient_total - ot_only.patient_total
    assert any(plain(c.value) == f"Adding PT to OT adds ${extra:,.2f} to what you pay." for c in app.caption)


def test_year_to_date_figures_change_the_result(app: AppTest) -> None:
    """Typing the deductible already met lowers the total to the engine's figure for those year-to-date numbers."""
    plan = PLANS["medicare-b-2026"]
    before = shown_total(app)
    open_section(app, "show_so_far")

    app.text_input(key="deductible_met").set_value("283.00")
    app.run()

    expected = estimate(plan, CarePlan(start_date=START, pt=PT_2X8), Accumulators(deductible_met="283.00"))
    assert not app.exception
    assert shown_total(app) == expected.patient_total < before


def test_visits_already_used_leave_visits_not_covered(app: AppTest) -> None:
    """With 25 of the HMO's 30 PT visits used, the page counts the visits past the limit as not covered."""
    plan = PLANS["hmo-30-30"]
    app.selectbox(key="plan").select(plan.plan_id).run()
    open_section(app, "show_so_far")

    app.number_input(key="pt_visits_used").set_value(25)
    app.run()

    expected = estimate(plan, CarePlan(start_date=START, pt=PT_2X8), Accumulators(pt_visits_used=25))
    assert not app.exception
    assert shown_total(app) == expected.patient_total
    uncovered = expected.total.not_covered_visits
    assert uncovered == 11  # 16 visits, 5 places left
    assert any(m.value == f"{uncovered} of 16" for m in app.metric)


def test_a_link_reproduces_the_estimate() -> None:
    """Opening the page with the issue's link shows that plan, that course and the engine's total."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params.update({"plan": "hmo-30-30", "pt": "2x8", "start": "2026-01-05", "pt_visits_used": "3"})

    at.run()

    expected = estimate(PLANS["hmo-30-30"], CarePlan(start_date=START, pt=PT_2X8), Accumulators(pt_visits_used=3))
    assert not at.exception
    assert not at.warning
    assert at.selectbox(key="plan").value == "hmo-30-30"
    assert at.session_state["pt_visits_used"] == 3
    assert shown_total(at) == expected.patient_total


def test_the_address_the_page_writes_reproduces_a_changed_estimate(app: AppTest) -> None:
    """After changes to the plan, the care and the year so far, the page's own link opens the same estimate."""
    app.selectbox(key="plan").select("ppo-pool-60").run()
    open_section(app, "show_plan_rules")
    open_section(app, "show_so_far")
    app.text_input(key="pt_coinsurance_pct").set_value("35")
    app.toggle(key="ot").set_value(True).run()
    app.text_input(key="ot_self_pay").set_value("90")
    app.text_input(key="oop_met").set_value("100.50")
    app.run()

    link, again = reopened_from_link(app)

    assert not again.exception
    assert not again.warning
    assert link["pt_coinsurance_pct"] == "35"
    assert shown_total(again) == shown_total(app)
    assert again.text_input(key="ot_self_pay").value == "90.00"
    assert again.session_state["oop_met"] == "100.50"


def test_a_link_from_another_page_in_the_same_session_replaces_the_estimate(app: AppTest) -> None:
    """When another page sends the person here with new parameters, the page shows that scenario, not the old one."""
    app.number_input(key="pt_weeks").set_value(4).run()

    app.query_params.clear()
    app.query_params.update({"plan": "copay-only", "ot": "1x6", "start": "2026-03-02"})
    app.run()

    care = CarePlan(start_date=date(2026, 3, 2), ot=OT_2X8.model_copy(update={"visits_per_week": 1, "weeks": 6}))
    assert not app.exception
    assert app.selectbox(key="plan").value == "copay-only"
    assert app.toggle(key="pt").value is False
    assert shown_total(app) == estimate(PLANS["copay-only"], care).patient_total


@pytest.mark.parametrize(
    "link",
    [
        {"plan": "no-such-plan", "pt": "2x8"},  # a plan this clinic does not have
        {"plan": "hmo-30-30", "pt": "9x99"},  # more visits a week than there are days
        {"plan": "hmo-30-30", "pt": "2x8", "deductible": "=cmd|' /C calc'!A0"},  # a formula for a money field
        {"plan": "hmo-30-30", "pt": "2x8", "start": "2026-02-30"},  # a day that does not exist
        {"plan": "medicare-b-2026", "pt": "2x8", "deductible_met": "999.00"},  # more deductible met than there is
        {"plan": "hmo-30-30"},  # no therapy at all
    ],
)
def test_a_tampered_link_falls_back_to_the_defaults_with_a_notice(link: dict[str, str]) -> None:
    """A link that does not make an estimate shows the standard example and says the link could not be used."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params.update(link)

    at.run()

    assert not at.exception
    assert len(at.warning) == 1
    assert "This link could not be used" in plain(at.warning[0].value)
    assert at.selectbox(key="plan").value == "medicare-b-2026"
    start = at.date_input(key="start_date").value
    assert shown_total(at) == estimate(PLANS["medicare-b-2026"], CarePlan(start_date=start, pt=PT_2X8)).patient_total


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ((None, "text_input", "pt_rate"), "9O.00", "'9O.00' is not an amount in dollars and cents, such as 95.00"),
        (("show_plan_rules", "text_input", "deductible"), "-5", "must not be negative"),
        ((None, "number_input", "pt_weeks"), 0, "must be 1 or more"),
        ((None, "number_input", "pt_visits_per_week"), 8, "must be 7 or less"),
        (("show_plan_rules", "text_input", "pt_coinsurance_pct"), "120", "must be a percentage from 0 to 100"),
        (("show_plan_rules", "text_input", "plan_year_start"), "02-30", "02-30 is not a day that exists every year"),
        (
            ("show_so_far", "text_input", "deductible_met"),
            "300",
            "Deductible met ($300.00) is more than the plan's deductible ($283.00): type at most $283.00.",
        ),
    ],
)
def test_bad_input_shows_a_message_next_to_the_field(
    app: AppTest, field: tuple[str | None, str, str], value: object, message: str
) -> None:
    """A letter in a money field, zero weeks or more deductible met than the plan has: a message under the field."""
    section, kind, key = field  # the expander it sits in, the widget type, its key
    if section:
        open_section(app, section)
    getattr(app, kind)(key=key).set_value(value)

    app.run()

    assert not app.exception
    assert message_after(app, key) == message
    with pytest.raises(KeyError):
        app.container("total_patient")


def test_the_summary_above_the_results_names_the_fields_to_fix(app: AppTest) -> None:
    """With a bad PT visit rate and zero OT weeks, the summary lists both by name, not by key."""
    app.toggle(key="ot").set_value(True).run()
    app.text_input(key="pt_rate").set_value("abc")
    app.number_input(key="ot_weeks").set_value(0)

    app.run()

    summaries = [plain(e.value) for e in app.error if e.value.startswith("Some fields")]
    assert not app.exception
    assert summaries == [
        "Some fields need a fix before the estimate can be worked out (PT Visit rate, OT Weeks): "
        "see the message under each."
    ]


def test_a_problem_in_a_closed_section_opens_it_with_the_message(app: AppTest) -> None:
    """Deductible met 300 suits the HMO (500) but not Medicare (283): switching opens the closed section.

    The message then sits under the deductible-met field.
    """
    app.selectbox(key="plan").select("hmo-30-30").run()
    open_section(app, "show_so_far")
    app.text_input(key="deductible_met").set_value("300").run()
    app.session_state["show_so_far"] = False
    app.run()
    assert "deductible_met" not in [field.key for field in app.text_input]  # closed: the field is not drawn

    app.selectbox(key="plan").select("medicare-b-2026").run()

    assert not app.exception
    assert app.session_state["show_so_far"] is True
    assert message_after(app, "deductible_met") == (
        "Deductible met ($300.00) is more than the plan's deductible ($283.00): type at most $283.00."
    )


def test_fixing_a_bad_field_brings_the_estimate_back(app: AppTest) -> None:
    """After a message, typing a good amount shows the estimate again, with no message left."""
    app.text_input(key="pt_rate").set_value("abc").run()

    app.text_input(key="pt_rate").set_value("90").run()

    care = CarePlan(start_date=START, pt=PT_2X8.model_copy(update={"visit_rate": Decimal("90.00")}))
    assert not app.exception
    assert message_after(app, "pt_rate") is None
    assert shown_total(app) == estimate(PLANS["medicare-b-2026"], care).patient_total


def test_a_session_catalog_is_offered_instead_of_plans_csv() -> None:
    """Plans another page left in st.session_state['uploaded_plans'] are the ones the picker offers."""
    mine = PLANS["copay-only"].model_copy(update={"plan_id": "clinic-upload", "plan_name": "Uploaded plan"})
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["uploaded_plans"] = [mine]

    at.run()

    assert not at.exception
    assert at.selectbox(key="plan").options == [
        "Uploaded plan · Commercial (employer or marketplace)",
        "Enter my plan's numbers",
    ]
    assert at.selectbox(key="plan").value == "clinic-upload"


def test_a_broken_plans_file_leaves_the_hand_entered_plan_working(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """When plans.csv cannot be read the page says so and still estimates a plan typed by hand."""
    broken = tmp_path / "plans.csv"
    broken.write_text("not,a,plans,file\n", encoding="utf-8")
    monkeypatch.setenv("COVERAGE_PLANS_CSV", str(broken))
    at = AppTest.from_file(APP, default_timeout=30)

    at.run()

    assert not at.exception
    assert any("plan list could not be read" in plain(e.value) for e in at.error)
    assert at.selectbox(key="plan").value == "_own"
    assert at.container("total_patient")


def test_a_catalog_saved_again_within_one_clock_tick_is_read_again(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A save that keeps the file's size and modification time (a new file put in place) still shows the new plans."""
    catalog = tmp_path / "plans.csv"
    text = PLANS_CSV.read_text(encoding="utf-8")
    catalog.write_text(text, encoding="utf-8")
    monkeypatch.setenv("COVERAGE_PLANS_CSV", str(catalog))
    at = AppTest.from_file(APP, default_timeout=30).run()
    before = catalog.stat().st_mtime_ns

    saved = tmp_path / "plans.csv.new"  # as the catalog store saves: a whole new file, then a rename
    saved.write_text(text.replace("Example: HMO with 30", "Example: HMO with 31"), encoding="utf-8")
    saved.replace(catalog)
    os.utime(catalog, ns=(before, before))  # the same size and the same time: only the file itself is new
    at.run()

    assert not at.exception
    assert "Example: HMO with 31" in at.selectbox(key="plan").format_func("hmo-30-30")


def test_how_was_this_visit_figured_shows_the_chosen_visits_arithmetic(app: AppTest) -> None:
    """Picking visit 4 lists the same sentences explain_visit gives for it, with $ escaped for Markdown."""
    open_results(app)
    app.selectbox(key="explain_visit").set_value("PT 4")

    app.run()

    result = estimate(PLANS["medicare-b-2026"], CarePlan(start_date=START, pt=PT_2X8))
    shown = [m.value for m in app.markdown if "the plan's allowed amount is" in plain(m.value)]
    assert not app.exception
    assert len(shown) == 1
    assert "\\$" in shown[0]
    assert plain(shown[0]) == "\n".join(f"- {line}" for line in explain_visit(result, 3))


def test_fields_changed_from_the_plan_list_are_named_in_the_pages_words(app: AppTest) -> None:
    """Changing the out-of-pocket maximum and the PT copay says so in plain words, not column names."""
    open_section(app, "show_plan_rules")
    app.text_input(key="oop_max").input("5000.00")
    app.text_input(key="pt_copay").input("15.00")
    app.run()

    captions = [plain(c.value) for c in app.caption if c.value.startswith("Changed from the plan list")]
    assert not app.exception
    assert captions == ["Changed from the plan list for this estimate: out-of-pocket maximum, PT copay."]


def test_figures_so_far_typed_for_a_course_in_next_plan_year_get_a_reminder() -> None:
    """A link for a course starting next plan year with a deductible met: the page says those figures count there."""
    next_year = date.today().year + 1
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params.update({"plan": "hmo-30-30", "pt": "3x8", "start": f"{next_year}-01-04", "deductible_met": "350"})
    at.run()

    reminders = [plain(i.value) for i in at.info if "So far this year" in plain(i.value)]
    assert not at.exception
    assert reminders
    assert reminders[0].startswith(f"The first visit is in the plan year that starts on 1 Jan {next_year}")


def test_headline_labels_say_what_the_figure_is_for_the_plan_picked(app: AppTest) -> None:
    """Medicare: 'once the deductible is met' and no maximum; deductible waived: the copay and coinsurance."""
    labels = {m.label: m.value for m in app.metric}
    assert labels["PT visit once the deductible is met"] == "$16.95"  # 20 % of 84.75, rounded half up
    assert labels["Out-of-pocket maximum"] == "none"  # Original Medicare has no maximum: not "nothing left"

    app.selectbox(key="plan").select("copay-only").run()

    labels = {m.label: m.value for m in app.metric}
    assert not app.exception
    assert "A PT visit's copay and coinsurance" in labels
    assert labels["Deductible for therapy"] == "none"
    assert "PT visit once the deductible is met" not in labels


def test_the_visit_picked_to_explain_stays_that_visit_when_the_visit_list_changes(app: AppTest) -> None:
    """PT visit 1 is picked; turning OT on (OT visits now come first) still explains PT visit 1, as the picker says.

    Picked means chosen by the person: PT 2 first, then PT 1 (a picker left alone follows the first visit, issue 16).
    """
    open_results(app)
    app.selectbox(key="explain_visit").set_value("PT 2").run()
    app.selectbox(key="explain_visit").set_value("PT 1").run()
    app.toggle(key="ot").set_value(True).run()

    result = estimate(PLANS["medicare-b-2026"], CarePlan(start_date=START, pt=PT_2X8, ot=OT_2X8))
    pt_1 = next(i for i, v in enumerate(result.visits) if (v.discipline, v.visit_number) == ("PT", 1))
    shown = [m.value for m in app.markdown if "the plan's allowed amount is" in plain(m.value)]
    assert not app.exception
    assert pt_1 != 0  # OT visit 1 is first in the list now, so a picker holding a position would drift
    assert app.selectbox(key="explain_visit").value == "PT 1"
    assert plain(shown[0]) == "\n".join(f"- {line}" for line in explain_visit(result, pt_1))


def test_notices_read_as_sentences_with_dates_and_escaped_dollars(app: AppTest) -> None:
    """Each engine notice is on the page as written, and no dollar sign is left to start Markdown maths."""
    result = estimate(PLANS["medicare-b-2026"], CarePlan(start_date=START, pt=PT_2X8))

    texts = [m.value for m in app.markdown]

    for notice in result.notices:
        assert any(f"- {notice.message}" in plain(text) for text in texts)
    assert not [text for text in texts if re.search(r"(?<!\\)\$", text)]


def test_the_visit_table_lists_every_visit_and_the_csv_can_be_downloaded(app: AppTest) -> None:
    """The table has one row per visit with money formatted, and the CSV download button is there."""
    result = estimate(PLANS["medicare-b-2026"], CarePlan(start_date=START, pt=PT_2X8))

    open_results(app)
    table = table_with(app, "Covered")

    assert len(table) == len(result.visits)
    assert [parse_money(text) for text in table["You pay"]] == [v.patient_pays for v in result.visits]
    assert app.get("download_button")


def test_next_caller_clears_what_one_patient_said_and_keeps_the_plan_and_the_therapy(app: AppTest) -> None:
    """After a call: figures so far, the second insurance and the printout name go; plan and course stay."""
    app.selectbox(key="plan").select("hmo-30-30").run()
    open_section(app, "show_so_far")
    app.text_input(key="deductible_met").set_value("120.50").run()
    open_section(app, "show_secondary")
    app.selectbox(key="secondary").select("_medicaid").run()
    app.session_state["take_home_patient_name"] = "Ann Example"
    app.number_input(key="pt_weeks").set_value(10).run()

    app.button(key="next_caller").click().run()

    expected = estimate(PLANS["hmo-30-30"], CarePlan(start_date=START, pt=PT_2X8.model_copy(update={"weeks": 10})))
    assert not app.exception
    assert app.session_state["deductible_met"] == "0.00"
    assert app.session_state["secondary"] == ""
    assert "take_home_patient_name" not in app.session_state
    assert app.selectbox(key="plan").value == "hmo-30-30"
    assert shown_total(app) == expected.patient_total


def test_the_front_desk_panel_lists_what_to_arrange_and_only_the_therapies_on(app: AppTest) -> None:
    """Medicare Advantage HMO, PT only: a referral and an authorization to arrange; no OT count while OT is off."""
    app.selectbox(key="plan").select("ma-hmo").run()

    result = estimate(PLANS["ma-hmo"], CarePlan(start_date=START, pt=PT_2X8))
    asks = [
        n.message for n in result.notices if n.kind in {NoticeKind.REFERRAL_REQUIRED, NoticeKind.PRIOR_AUTHORIZATION}
    ]
    desk = [plain(m.value) for m in app.container("front_desk").markdown]
    assert not app.exception
    assert len(asks) == 2  # the referral before visit 1, the authorization after 12 PT visits
    assert "To arrange: " + " ".join(asks) in desk
    assert "Visits left this plan year: PT no limit; PT and OT together no limit" in desk


def test_the_visit_picker_marks_the_visits_the_plan_does_not_cover(app: AppTest) -> None:
    """HMO with 25 of 30 PT visits used: visit 6 onward read '(not covered)' in the picker, visit 5 does not."""
    app.selectbox(key="plan").select("hmo-30-30").run()
    open_section(app, "show_so_far")
    app.number_input(key="pt_visits_used").set_value(25).run()

    open_results(app)
    picker = app.selectbox(key="explain_visit")
    assert not app.exception
    assert not picker.format_func("PT 5").endswith("(not covered)")
    assert picker.format_func("PT 6").endswith("(not covered)")  # 25 used + 5 covered = the 30-visit limit
