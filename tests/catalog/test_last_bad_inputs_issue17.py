"""Issue 17: the last inputs that got through without a message now get one naming the line and the column."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from app_pages.components.paths import PLANS_CSV_ENV
from coverage import PLAN_COLUMNS, PlanFileError, parse_plans
from coverage.engine.plans import FORMULA_STARTS, MAX_VISITS, parse_visit_count
from coverage.engine.text import as_a_spreadsheet_sees_it
from coverage.views.export import neutralise
from tests.conftest import PLANS_CSV
from tests.dashboard_helpers import APP

HEADER = ",".join(PLAN_COLUMNS)
COUNT_COLUMNS = ("ot_visit_limit", "pt_visit_limit", "combined_visit_limit", "auth_after_visits")


def _row(**cells: str) -> str:
    base = {"plan_id": "p1", "plan_name": "A plan", "payer_type": "commercial"} | cells
    return ",".join(base.get(column, "") for column in PLAN_COLUMNS)


def _only_problem(**cells: str) -> str:
    """The one problem the loader reports for a file whose second line has ``cells``, as the page words it."""
    with pytest.raises(PlanFileError) as caught:
        parse_plans(f"{HEADER}\n{_row()}\n{_row(plan_id='p2', **cells)}\n")
    (problem,) = caught.value.problems
    return str(problem)


@pytest.mark.parametrize(
    "text",
    [
        '＝HYPERLINK("http://x")',  # full-width equals sign
        "＋1",  # full-width plus
        "＠SUM(A1)",  # full-width at sign
        "－1",  # full-width hyphen-minus
        "\u200b=1+1",  # a zero-width space before =
        "\u2060+cmd",  # a word joiner before +
        "\ufeff@x",  # a byte-order mark before @
        "\u200e-2",  # a left-to-right mark before -
        "﹦1",  # the small equals sign: NFKC folds it to =
    ],
)
@pytest.mark.parametrize("column", ["plan_name", "notes"])
def test_text_a_spreadsheet_would_run_as_a_formula_is_refused_naming_line_and_column(column: str, text: str) -> None:
    """Full-width signs and invisible characters before a formula sign are read as a spreadsheet reads them."""
    assert _only_problem(**{column: text}).startswith(f"line 3, column {column}: must not start with a full-width")


def test_full_width_signs_inside_the_text_are_fine() -> None:
    """Only the first visible character matters: a full-width sign mid-name and 'Zoë' load as typed."""
    (_, plan) = parse_plans(f"{HEADER}\n{_row()}\n{_row(plan_id='p2', plan_name='Plan ＝ B', notes='Zoë')}\n")

    assert (plan.plan_name, plan.notes) == ("Plan ＝ B", "Zoë")


@settings(max_examples=60)
@given(st.sampled_from(FORMULA_STARTS[:4]), st.sampled_from(["\u200b", "\u200c", "\u2060", "\ufeff", "\u00ad"]))
def test_any_invisible_mark_before_a_formula_sign_is_seen_through(sign: str, mark: str) -> None:
    """A format character (category Cf) before = + - @ is stripped before the check, and the export quotes it."""
    assert as_a_spreadsheet_sees_it(mark + sign + "1").startswith(sign)
    assert neutralise(mark + sign + "1").startswith("'")


@pytest.mark.parametrize("column", COUNT_COLUMNS)
@pytest.mark.parametrize("text", ["+5", "5.0", "1_0", "٥", "1e2", "0x10"])
def test_a_count_with_a_sign_decimals_or_other_digits_is_refused_as_money_is(column: str, text: str) -> None:
    """Visit limits and the authorization count take digits only, as money columns refuse '+5'."""
    assert _only_problem(**{column: text}) == (
        f"line 3, column {column}: '{text}' is not a whole number of visits: write digits only, "
        "such as 20 (no sign, no decimals)"
    )


@pytest.mark.parametrize("column", COUNT_COLUMNS)
@pytest.mark.parametrize("text", ["-0", "-5"])
def test_a_count_with_a_minus_sign_is_refused_as_money_is(column: str, text: str) -> None:
    """'-0' was read as 0 in count columns while money columns refused it; now both say no sign."""
    assert _only_problem(**{column: text}) == f"line 3, column {column}: must be 0 or more, written without a sign"


@pytest.mark.parametrize("digits", [4, 4300, 4400, 10_000])
def test_a_count_thousands_of_digits_long_gets_our_own_words(digits: int) -> None:
    """A 4,400-digit limit: "must be 999 or less", never Python's or pydantic's digit-limit wording."""
    assert _only_problem(ot_visit_limit="9" * digits) == "line 3, column ot_visit_limit: must be 999 or less"


@pytest.mark.parametrize(("text", "count"), [("20", 20), (" 7 ", 7), ("0", 0), ("0005", 5), (str(MAX_VISITS), 999)])
def test_plain_counts_are_read_as_whole_visits(text: str, count: int) -> None:
    """Digits, with spaces around or leading zeros, are read as the count they show."""
    assert parse_visit_count(text) == count


def test_a_catalog_with_only_its_header_says_so_on_the_estimate_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """plans.csv with its header row alone: the estimate page says the plan list is empty, not just 'enter yours'."""
    empty = tmp_path / "plans.csv"
    empty.write_text(PLANS_CSV.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    monkeypatch.setenv(PLANS_CSV_ENV, str(empty))

    at = AppTest.from_file(APP, default_timeout=30).run()

    assert not at.exception
    assert any("plan list is empty" in str(info.value) for info in at.info)


def test_the_shipped_catalog_is_not_called_empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With plans in the catalog, no 'empty' notice."""
    shutil.copyfile(PLANS_CSV, tmp_path / "plans.csv")
    monkeypatch.setenv(PLANS_CSV_ENV, str(tmp_path / "plans.csv"))

    at = AppTest.from_file(APP, default_timeout=30).run()

    assert not any("plan list is empty" in str(info.value) for info in at.info)
