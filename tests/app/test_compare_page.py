"""The Compare plans page, driven like a user would (Streamlit AppTest)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from app_pages.components.estimate_link import estimate_query, estimate_url
from coverage import Accumulators, CarePlan, Course, Plan, format_money, load_plans
from coverage.engine.plan_ranking import compare_plans, in_order
from coverage.engine.year_cost import RankOrder
from coverage.forms.request import default_course, default_request
from tests.conftest import PLANS_CSV
from tests.dashboard_helpers import APP, plain

COMPARE_PAGE = "app_pages/compare_plans.py"


def _page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    at.switch_page(COMPARE_PAGE).run()  # through the router, as a person gets there
    assert not at.exception
    return at


def _table_top(at: AppTest) -> tuple[str, str]:
    table = at.table[0].value
    return plain(str(table["Plan"].iloc[0])), plain(str(table["Patient pays"].iloc[0]))


def test_the_page_ranks_the_catalog_like_compare_plans_for_its_default_care_plan() -> None:
    """Opening the page: the top row is the cheapest plan of compare_plans on the page's own inputs."""
    at = _page()

    start = at.date_input(key="cmp_start").value
    care = CarePlan(
        start_date=start,
        pt=Course(visits_per_week=2, weeks=8, visit_rate="84.75", eval_rate="98.01"),
    )
    expected = compare_plans(load_plans(PLANS_CSV), care).iloc[0]
    assert _table_top(at) == (expected["plan_name"], format_money(expected["patient_total"]))
    assert at.metric[0].value == format_money(expected["patient_total"])


def test_adding_ot_and_figures_so_far_changes_the_ranking_to_match_the_engine() -> None:
    """Turning OT on and typing a deductible met: the top row follows compare_plans on the new inputs."""
    at = _page()

    at.toggle(key="cmp_ot_on").set_value(True)
    at.number_input(key="cmp_pt_weeks").set_value(12)
    at.text_input(key="cmp_deductible_met").input("250")
    at.number_input(key="cmp_pt_visits_used").set_value(5)
    at.switch_page(COMPARE_PAGE).run()

    assert not at.exception
    care = CarePlan(
        start_date=at.date_input(key="cmp_start").value,
        pt=Course(visits_per_week=2, weeks=12, visit_rate="84.75", eval_rate="98.01"),
        ot=Course(visits_per_week=2, weeks=8, visit_rate="101.24", eval_rate="100.60"),  # the estimate page's OT
    )
    so_far = Accumulators(deductible_met=Decimal("250.00"), pt_visits_used=5)
    expected = compare_plans(load_plans(PLANS_CSV), care, so_far)
    assert _table_top(at) == (expected["plan_name"].iloc[0], format_money(expected["patient_total"].iloc[0]))
    assert any("3 plans left out" in e.label for e in at.expander)  # three have no deductible: 250 met is too much


def test_a_mistyped_amount_is_named_instead_of_ranking() -> None:
    """'abc' as the PT visit amount: a plain error, no table, no traceback."""
    at = _page()

    at.text_input(key="cmp_pt_rate").input("abc")
    at.switch_page(COMPARE_PAGE).run()

    assert not at.exception
    assert "is not an amount" in at.error[0].value  # under the field
    assert "(PT Visit rate)" in at.error[-1].value  # and named in the summary
    assert not at.table


def test_an_uploaded_catalog_is_the_one_compared() -> None:
    """With uploaded_plans in the session, only those plans are ranked."""
    at = AppTest.from_file(APP, default_timeout=30).run()
    uploaded = [p for p in load_plans(PLANS_CSV) if p.plan_id in {"hdhp", "ma-hmo"}]
    at.session_state["uploaded_plans"] = uploaded

    at.switch_page(COMPARE_PAGE).run()

    assert not at.exception
    assert {plain(name) for name in at.table[0].value["Plan"]} == {p.plan_name for p in uploaded}


def test_the_estimate_link_carries_the_plan_the_care_plan_and_the_figures_so_far() -> None:
    """The link's query parameters are the estimate page's contract: plan, start, FxW, rates, figures."""
    care = CarePlan(
        start_date=date(2026, 1, 5),
        pt=Course(visits_per_week=2, weeks=8, visit_rate="84.75", eval_rate="98.01", self_pay_rate="70"),
    )

    url = estimate_url("hdhp", care, Accumulators(deductible_met="400", pt_visits_used=3))

    query = {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}
    assert url.startswith("./?")
    assert query == {
        "plan": "hdhp",
        "start": "2026-01-05",
        "pt": "2x8",
        "pt_rate": "84.75",
        "pt_eval": "98.01",
        "pt_self_pay": "70.00",
        "deductible_met": "400.00",
        "pt_visits_used": "3",
    }
    assert "ot" not in estimate_query("hdhp", care)  # no OT course: the parameter is absent


def test_a_plan_name_with_dollar_signs_is_shown_as_written() -> None:
    """A CMS plan name such as 'Gold $25/$50 PPO' is escaped so Markdown does not read it as LaTeX."""
    at = AppTest.from_file(APP, default_timeout=30).run()
    plan = load_plans(PLANS_CSV)[0].model_copy(update={"plan_name": "Gold $25/$50 PPO"})
    at.session_state["uploaded_plans"] = [plan]

    at.switch_page(COMPARE_PAGE).run()

    assert not at.exception
    assert at.container("cmp_best").markdown[0].value == "Gold \\$25/\\$50 PPO"


def test_the_page_starts_from_the_estimate_pages_first_course() -> None:
    """Same first visit (the next Monday), same PT and OT courses and rates as a first-time estimate."""
    at = _page()
    first = default_request(load_plans(PLANS_CSV), date.today())

    assert at.date_input(key="cmp_start").value == first.care.start_date
    for name in ("pt", "ot"):
        course = default_course(name.upper())  # type: ignore[arg-type]
        # OT is off at first, so its fields are read from where the page keeps them.
        assert at.session_state[f"cmp_{name}_per_week"] == course.visits_per_week
        assert at.session_state[f"cmp_{name}_weeks"] == course.weeks
        assert at.session_state[f"cmp_{name}_rate"] == str(course.visit_rate)


def test_the_page_compares_the_catalog_the_clinic_points_the_app_at(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """With COVERAGE_PLANS_CSV naming another file, that file's plans are the ones ranked."""
    lines = PLANS_CSV.read_text(encoding="utf-8").splitlines()
    mine = tmp_path / "plans.csv"
    mine.write_text("\n".join([lines[0], *[line for line in lines[1:] if line.startswith("hdhp,")]]) + "\n")
    monkeypatch.setenv("COVERAGE_PLANS_CSV", str(mine))

    at = _page()

    assert "Compared 1 plan from the clinic's catalog." in " ".join(c.value for c in at.caption)
    assert _table_top(at)[0] == load_plans(mine)[0].plan_name


def test_an_empty_catalog_says_so_instead_of_blaming_the_figures(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A catalog file with only its header: the page says there is no plan, not that the figures are too high."""
    empty = tmp_path / "plans.csv"
    empty.write_text(PLANS_CSV.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    monkeypatch.setenv("COVERAGE_PLANS_CSV", str(empty))

    at = _page()

    assert [i.value for i in at.info] == ["There are no plans to compare: the clinic's catalog holds none."]
    assert not at.warning


def _with_premiums() -> list[Plan]:
    """The shipped plans, three with a monthly premium: HDHP 250, PPO 520, MA HMO 0 (a $0 premium plan)."""
    premiums = {"hdhp": Decimal("250.00"), "ppo-pool-60": Decimal("520.00"), "ma-hmo": Decimal("0.00")}
    return [p.model_copy(update={"monthly_premium": premiums.get(p.plan_id)}) for p in load_plans(PLANS_CSV)]


def test_with_premiums_the_plans_can_be_ordered_by_a_plan_year_premiums_included() -> None:
    """Premiums known for three plans: a column adds 12 of them to the course, and the order switches to it."""
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.session_state["uploaded_plans"] = plans = _with_premiums()
    at.switch_page(COMPARE_PAGE).run()
    care = CarePlan(start_date=at.date_input(key="cmp_start").value, pt=default_course("PT"))

    at.radio(key="cmp_order").set_value("year").run()

    expected = in_order(compare_plans(plans, care), RankOrder.YEAR)
    table = at.table[0].value
    assert not at.exception
    assert [plain(name) for name in table["Plan"].head(3)] == list(expected["plan_name"].head(3))
    assert plain(table["Premiums + this course"].iloc[0]) == format_money(expected["year_total"].iloc[0])
    assert plain(table["Premiums + this course"].iloc[-1]) == "not known"  # no premium in plans.csv
    assert at.query_params["order"] == "year"


def test_the_address_carries_the_comparison_and_opening_it_shows_the_same_ranking() -> None:
    """PT 3x10, OT on, 5 PT visits used: the address says so, and a fresh page opened on it ranks the same."""
    at = _page()
    at.number_input(key="cmp_pt_per_week").set_value(3)
    at.number_input(key="cmp_pt_weeks").set_value(10)
    at.toggle(key="cmp_ot_on").set_value(True)
    at.number_input(key="cmp_pt_visits_used").set_value(5)
    at.switch_page(COMPARE_PAGE).run()
    link = dict(at.query_params)

    again = AppTest.from_file(APP, default_timeout=30)
    again.query_params.update(link)
    again.run()
    again.switch_page(COMPARE_PAGE).run()

    assert link["pt"] == "3x10"
    assert link["ot"] == "2x8"
    assert link["pt_visits_used"] == "5"
    assert not again.exception
    assert _table_top(again) == _table_top(at)
    assert again.number_input(key="cmp_pt_visits_used").value == 5


def test_the_picture_of_patient_and_plan_totals_is_drawn_when_opened() -> None:
    """The bar chart is not drawn until its section is opened; then it has two bars' worth of data per plan."""
    at = _page()
    closed = len(at.get("vega_lite_chart"))

    at.session_state["cmp_show_chart"] = True
    at.run()

    assert not at.exception
    assert closed == 0
    assert len(at.get("vega_lite_chart")) == 1


def test_a_count_out_of_range_on_the_compare_page_says_the_limit() -> None:
    """999999 PT visits used is refused in words under the field, and no ranking is shown (issue 16)."""
    at = _page()

    at.number_input(key="cmp_pt_visits_used").set_value(999_999)
    at.switch_page(COMPARE_PAGE).run()

    assert not at.exception
    assert "must be 999 or less" in [plain(e.value) for e in at.error]
    assert not at.table
