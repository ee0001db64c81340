"""The plain-text summary to paste into an email or a patient portal message (issue 6)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given, settings

from coverage import CarePlan, Plan, estimate, estimate_summary, format_money
from coverage.catalog.clinic import EXAMPLE_CLINIC
from coverage.engine.notices import format_day
from coverage.engine.plans import DISCIPLINES
from coverage.views.disclosure import disclosure
from coverage.views.summary import cost_runs
from tests.printout_scenarios import SCENARIOS, pooled_estimate, self_pay_estimate
from tests.strategies import care_plans, plans


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_the_summary_gives_the_total_each_therapys_total_and_the_dates(scenario: str) -> None:
    """The first figures are the engine's total over the first and last visit dates, then each therapy's."""
    result = SCENARIOS[scenario]()

    text = estimate_summary(result)

    first, last = result.visits[0].date, result.visits[-1].date
    assert f"You pay in total: {format_money(result.patient_total)} for {result.total.visits} visits " in text
    assert f"from {format_day(first)} to {format_day(last)}." in text
    for discipline in DISCIPLINES:
        totals = result.discipline_total(discipline)
        if totals is not None:
            assert f"- {discipline}: {format_money(totals.patient_pays)} for {totals.visits} visits" in text


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_the_summary_lists_every_milestone_with_its_date_and_the_disclosure(scenario: str) -> None:
    """Each notice appears as '- <date>: <sentence>', and each disclosure paragraph follows."""
    result = SCENARIOS[scenario]()

    text = estimate_summary(result)

    for notice in result.notices:
        assert f"- {format_day(notice.date)}: {notice.message}\n" in text
    for paragraph in disclosure(result):
        assert f"\n\n{paragraph}\n" in text


def test_the_summary_says_what_each_visit_costs_in_runs_of_equal_cost() -> None:
    """Consecutive visits of equal cost read as one line; visits outside the limit are marked not covered."""
    result = pooled_estimate()

    text = estimate_summary(result)

    pt = [v for v in result.visits if v.discipline == "PT"]
    outside = [v for v in pt if not v.covered]
    assert outside  # the pooled limit runs out during the course
    first, last = outside[0], outside[-1]
    assert (
        f"- PT visits {first.visit_number} to {last.visit_number} ({format_day(first.date)} to "
        f"{format_day(last.date)}): {format_money(first.patient_pays)} each (not covered: self-pay rate)"
    ) in text


def test_a_self_pay_summary_does_not_mention_a_plan_paying() -> None:
    """Without insurance there is no 'your plan pays' sentence, but the self-pay disclosure is there."""
    text = estimate_summary(self_pay_estimate())

    assert "Your plan pays" not in text
    assert "$400 or more above it" in text


def test_the_summary_is_signed_with_the_clinic_when_given() -> None:
    """With a clinic, the last line is its name and phone number."""
    text = estimate_summary(self_pay_estimate(), clinic=EXAMPLE_CLINIC)

    assert text.endswith(f"\n\n{EXAMPLE_CLINIC.name}, {EXAMPLE_CLINIC.phone}\n")


def test_the_summary_is_plain_text_without_markup() -> None:
    """No Markdown emphasis, headings or HTML tags: it pastes into any mail client as written."""
    text = estimate_summary(pooled_estimate(), clinic=EXAMPLE_CLINIC)

    assert not re.search(r"\*\*|^#|<[a-z]+>|__", text, flags=re.MULTILINE)


@settings(max_examples=100)
@given(plan=plans(), care=care_plans(max_weeks=12))
def test_the_runs_of_visit_costs_add_up_to_the_total(plan: Plan, care: CarePlan) -> None:
    """Every visit is in exactly one run, and each run's cost times its visits adds up to the patient's total."""
    result = estimate(plan, care)

    runs = [run for discipline in DISCIPLINES for run in cost_runs(result, discipline)]

    counted = sum(run.last.visit_number - run.first.visit_number + 1 for run in runs)
    assert counted == len(result.visits)
    total = sum((run.each * (run.last.visit_number - run.first.visit_number + 1) for run in runs), Decimal("0.00"))
    assert total == result.patient_total
