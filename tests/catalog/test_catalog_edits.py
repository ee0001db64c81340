"""Issue 4: staff add, edit and retire plans; each change returns a new catalog and checks plan_ids."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from coverage.catalog.edits import CatalogEditError, add_plan, edit_plan, find_plan, retire_plan
from coverage.catalog.loader import load_plans
from coverage.catalog.rows import plan_from_cells, plan_to_row
from coverage.engine.plans import Plan
from coverage.engine.validation import field_problems
from tests.conftest import PLANS_CSV

CATALOG = load_plans(PLANS_CSV)
HDHP = find_plan(CATALOG, "hdhp")


def test_adding_a_plan_puts_it_at_the_end_and_leaves_the_old_list_alone() -> None:
    """A new plan goes last; the catalog passed in is unchanged."""
    new = HDHP.model_copy(update={"plan_id": "hdhp-2027"})

    added = add_plan(CATALOG, new)

    assert added == [*CATALOG, new]
    assert len(CATALOG) == len(load_plans(PLANS_CSV))


def test_adding_a_plan_with_a_used_plan_id_is_refused_on_that_field() -> None:
    """Two plans cannot share a plan_id: the message belongs to the plan_id field."""
    with pytest.raises(CatalogEditError, match="already used") as refused:
        add_plan(CATALOG, HDHP)

    assert refused.value.field == "plan_id"


def test_editing_a_plan_replaces_it_in_place() -> None:
    """The edited plan keeps its place in the catalog; the others stay as they were."""
    edited = HDHP.model_copy(update={"notes": "Verified by phone"})

    result = edit_plan(CATALOG, "hdhp", edited)

    assert [p.plan_id for p in result] == [p.plan_id for p in CATALOG]
    assert find_plan(result, "hdhp").notes == "Verified by phone"
    assert [p for p in result if p.plan_id != "hdhp"] == [p for p in CATALOG if p.plan_id != "hdhp"]


def test_editing_may_rename_a_plan_but_not_onto_another_plans_id() -> None:
    """A new plan_id is fine unless another plan already has it."""
    renamed = edit_plan(CATALOG, "hdhp", HDHP.model_copy(update={"plan_id": "hdhp-new"}))

    with pytest.raises(CatalogEditError, match="already used"):
        edit_plan(CATALOG, "hdhp", HDHP.model_copy(update={"plan_id": "ma-hmo"}))

    assert "hdhp-new" in [p.plan_id for p in renamed]
    assert "hdhp" not in [p.plan_id for p in renamed]


def test_editing_or_retiring_a_plan_that_is_gone_says_to_reload() -> None:
    """A plan a colleague removed cannot be edited or retired: the message says to reload."""
    with pytest.raises(CatalogEditError, match="reload"):
        edit_plan(CATALOG, "no-such-plan", HDHP)
    with pytest.raises(CatalogEditError, match="reload"):
        retire_plan(CATALOG, "no-such-plan")


def test_retiring_a_plan_takes_it_out_of_the_catalog() -> None:
    """A retired plan is no longer listed; every other plan is."""
    result = retire_plan(CATALOG, "hdhp")

    assert [p.plan_id for p in result] == [p.plan_id for p in CATALOG if p.plan_id != "hdhp"]


def test_the_last_plan_cannot_be_retired() -> None:
    """The app needs at least one plan, so the last one stays."""
    with pytest.raises(CatalogEditError, match="at least one plan"):
        retire_plan([HDHP], "hdhp")


def test_cells_typed_into_the_editor_are_read_like_a_csv_row() -> None:
    """Trimmed text, blanks meaning 'not set' and '$1,250' money make the same plan as its CSV row."""
    cells = plan_to_row(HDHP) | {"plan_name": f"  {HDHP.plan_name}  ", "deductible": "$3,300", "ot_visit_limit": " "}

    assert plan_from_cells(cells) == HDHP


@pytest.mark.parametrize(
    ("column", "typed", "message"),
    [
        ("deductible", "1e308", "not an amount"),  # absurd numbers are refused, not computed with
        ("deductible", "99999999999", "at most"),
        ("oop_max", "-5", "negative"),
        ("pt_coinsurance_pct", "250", "0 to 100"),
        ("ot_visit_limit", "1000000", "999 or less"),
        ("ot_visit_limit", "2.5", "whole number"),
        ("plan_name", "=HYPERLINK(1)", "formula"),
        ("plan_year_start", "02-30", "not a day that exists"),
        ("plan_year_start", "July 1", "MM-DD"),
    ],
)
def test_absurd_values_typed_into_a_field_get_a_message_for_that_field(column: str, typed: str, message: str) -> None:
    """Each bad value is refused with a plain message naming its field."""
    with pytest.raises(ValidationError) as refused:
        plan_from_cells(plan_to_row(HDHP) | {column: typed})

    problems = dict(field_problems(refused.value))
    assert list(problems) == [column]
    assert message in problems[column]


def test_a_plan_from_cells_is_an_ordinary_plan() -> None:
    """plan_from_cells returns a frozen Plan model."""
    assert isinstance(plan_from_cells(plan_to_row(HDHP)), Plan)
