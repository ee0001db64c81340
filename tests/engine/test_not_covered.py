"""Why a visit is not covered: one vocabulary (issue 11) that both engines carry and one function words."""

from __future__ import annotations

from datetime import date

import pytest

from coverage import CarePlan, Course, Plan, compare_plans, estimate
from coverage.engine.not_covered import NotCovered, WhyNotCovered, words

PT_1X4 = CarePlan(start_date=date(2026, 1, 5), pt=Course(visits_per_week=1, weeks=4, visit_rate="100.00"))


@pytest.mark.parametrize(
    ("plan", "why"),
    [
        (
            Plan(plan_id="own", plan_name="Own", payer_type="commercial", pt_visit_limit=3),
            WhyNotCovered(reason=NotCovered.OWN_LIMIT, discipline="PT", limit=3),
        ),
        (
            Plan(plan_id="pool", plan_name="Pool", payer_type="commercial", combined_visit_limit=2),
            WhyNotCovered(reason=NotCovered.SHARED_LIMIT, limit=2),
        ),
        (Plan(plan_id="self", plan_name="Self", payer_type="self_pay"), WhyNotCovered(reason=NotCovered.NO_INSURANCE)),
    ],
)
def test_both_engines_give_the_first_refused_visit_the_same_reason(plan: Plan, why: WhyNotCovered) -> None:
    """estimate()'s first refused visit and compare_plans's row carry the same reason and the same words."""
    refused = next(v for v in estimate(plan, PT_1X4).visits if not v.covered)

    row = compare_plans([plan], PT_1X4).iloc[0]

    assert refused.not_covered == why
    assert row["not_covered"] is why.reason
    assert row["not_covered_reason"] == refused.not_covered_reason == words(why)


def test_every_reason_has_words_of_its_own() -> None:
    """No two kinds of reason read the same, so a reader can always tell them apart."""
    worded = {words(WhyNotCovered(reason=r, discipline="PT", limit=20)) for r in NotCovered}

    assert len(worded) == len(NotCovered)


def test_a_visit_that_is_covered_has_no_reason() -> None:
    """A covered visit carries neither a reason nor words."""
    visit = estimate(Plan(plan_id="p", plan_name="P", payer_type="commercial"), PT_1X4).visits[0]

    assert (visit.covered, visit.not_covered, visit.not_covered_reason) == (True, None, None)
