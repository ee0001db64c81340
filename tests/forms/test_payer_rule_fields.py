"""The family figures, the limit rules and the clinic's answers on the form and in a share link (issue 14)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from coverage import load_plans
from coverage.forms.estimate_form import FormError, read_form
from coverage.forms.fields import form_values
from coverage.forms.request import default_request
from coverage.forms.share_link import parse_share_link, share_link_params
from tests.conftest import PLANS_CSV

PLANS = load_plans(PLANS_CSV)
TODAY = date(2026, 1, 2)
FAMILY = {"family_deductible": "6600.00", "family_oop_max": "16000.00", "plan": "hdhp"}  # the HDHP: 3,300 / 8,000


def _filled(**changes: Any) -> dict[str, Any]:
    hdhp = next(plan for plan in PLANS if plan.plan_id == "hdhp")
    first = default_request(PLANS, TODAY)
    return form_values(first.model_copy(update={"plan_choice": "hdhp", "plan": hdhp})) | changes


def test_a_link_with_family_figures_limit_rules_and_the_clinic_reads_back_the_same() -> None:
    """Family plan, days, no evaluation, a non-participating clinic not in Medicaid: link -> request -> link."""
    params = {
        **FAMILY,
        "pt": "2x8",
        "start": "2026-01-05",
        "family_deductible_embedded": "false",
        "limit_counts": "days",
        "evaluation_counts_toward_limit": "false",
        "family_deductible_met": "1200",
        "deductible_met": "400",
        "medicare_participation": "non_participating",
        "accepts_medicaid": "false",
    }

    request = parse_share_link(params, PLANS, today=TODAY)

    assert (request.plan.family_deductible, request.plan.family_deductible_embedded) == (6600, False)
    assert (request.plan.limit_counts.value, request.plan.evaluation_counts_toward_limit) == ("days", False)
    assert request.accumulators.family_deductible_met == 1200
    assert (request.care.medicare_participation.value, request.care.accepts_medicaid) == ("non_participating", False)
    again = share_link_params(request, PLANS)
    assert parse_share_link(again, PLANS, today=TODAY) == request
    assert again["medicare_participation"] == "non_participating"
    assert again["accepts_medicaid"] == "false"


@pytest.mark.parametrize(
    ("typed", "key", "words"),
    [
        ({"family_deductible_met": "7000.00"}, "family_deductible_met", "type at most $6,600.00"),
        (
            {"deductible_met": "500.00", "family_deductible_met": "100.00"},
            "family_deductible_met",
            "type at least $500.00",
        ),
        ({"family_deductible": "100.00"}, "family_deductible", "must be at least the deductible of one person"),
        ({"medicare_participation": "sometimes"}, "medicare_participation", "participating or non_participating"),
    ],
)
def test_family_figures_and_clinic_answers_that_cannot_be_used_are_said_under_their_field(
    typed: dict[str, str], key: str, words: str
) -> None:
    """Each problem sits under the field to fix, with what to type."""
    with pytest.raises(FormError) as caught:
        read_form(_filled(**(FAMILY | typed)), PLANS)

    problems = dict(caught.value.problems)
    assert words in problems[key]
