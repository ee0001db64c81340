"""docs/payer-rules.md and the engine agree: its worked examples are what estimate() computes (issue 14)."""

from __future__ import annotations

from decimal import Decimal

from coverage import CarePlan, estimate, medigap_plan_g
from tests.builders import care, course, plan, so_far
from tests.conftest import ROOT

DOC = (ROOT / "docs" / "payer-rules.md").read_text(encoding="utf-8")


def test_the_family_example_of_the_doc_is_what_the_engine_computes() -> None:
    """The child whose family deductible is met by the third visit: 280 in all, as the doc says."""
    family = plan(deductible="1500.00", family_deductible="3000.00", pt_coinsurance_pct="20")

    result = estimate(family, care(pt=course(1, 4, "100.00")), so_far(family_deductible_met="2750.00"))

    assert "280 in all" in DOC
    assert result.patient_total == Decimal("280.00")


def test_the_limiting_charge_and_plan_g_examples_of_the_doc_are_what_the_engine_computes() -> None:
    """Billed 150 % at a non-participating clinic: **33.25**; Plan G after a 257 deductible: 257.00 and 50.30."""
    medicare = plan(payer_type="medicare", deductible="257.00", pt_coinsurance_pct="20")
    billed = care(pt=course(1, 1, "100.00", billed_rate=Decimal("150.00")))
    non_participating = CarePlan.model_validate(billed.model_dump() | {"medicare_participation": "non_participating"})

    limiting = estimate(medicare, non_participating, so_far(deductible_met="257.00"))
    plan_g = estimate(medicare, care(pt=course(2, 3, "84.75")), secondary=medigap_plan_g(medicare))

    assert "**33.25**" in DOC
    assert limiting.patient_total == Decimal("33.25")
    assert "The patient pays 257.00, Plan G 50.30." in DOC
    assert (plan_g.patient_total, plan_g.total.secondary_pays) == (Decimal("257.00"), Decimal("50.30"))


def test_every_new_plans_csv_column_is_in_the_docs_table() -> None:
    """Each of the six issue 14 columns has its row in the doc's column table."""
    for column in (
        "family_deductible",
        "family_oop_max",
        "family_deductible_embedded",
        "evaluation_counts_toward_limit",
        "deductible_visits_count_toward_limit",
        "limit_counts",
    ):
        assert f"| `{column}` |" in DOC
