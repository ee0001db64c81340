"""Properties of the payer rules over every new column, checked with Hypothesis (issue 14)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from coverage import Accumulators, CarePlan, Plan, Secondary, estimate, medicaid_secondary, medigap_plan_g
from coverage.engine.plan_ranking import compare_plans
from coverage.engine.plans import LimitCounting, PayerType
from tests.strategies import accumulators_for, care_plans, money, out_of_network, plans, secondaries


@st.composite
def family_plans(draw: st.DrawFn) -> Plan:
    """A plan that always has a family deductible and maximum, over every other rule switch."""
    plan = draw(plans())
    return plan.model_copy(
        update={
            "family_deductible": draw(money("9000", str(plan.deductible))),
            "family_oop_max": draw(money("18000", str(plan.oop_max or 0))),
        }
    )


@settings(max_examples=150)
@given(family_plans(), care_plans(max_weeks=10), st.data())
def test_on_an_embedded_plan_family_figures_never_make_the_course_cost_more(
    plan: Plan, care: CarePlan, data: st.DataObject
) -> None:
    """Embedded, limit switches at their defaults: with the family's figures the patient pays at most as much."""
    embedded = plan.model_copy(
        update={
            "family_deductible_embedded": True,
            "evaluation_counts_toward_limit": True,
            "deductible_visits_count_toward_limit": True,
            "limit_counts": LimitCounting.VISITS,
        }
    )
    alone = embedded.model_copy(update={"family_deductible": None, "family_oop_max": None})
    so_far = data.draw(accumulators_for(embedded))

    assert estimate(embedded, care, so_far).patient_total <= estimate(alone, care, so_far).patient_total


@st.composite
def any_estimate(draw: st.DrawFn) -> tuple[Plan, CarePlan, Accumulators, Secondary | None]:
    """A plan, a plan of care at any clinic, figures so far, sometimes out of network, sometimes a second plan."""
    plan = draw(plans())
    care = draw(care_plans(max_weeks=8, clinic=True))
    so_far = draw(accumulators_for(plan))
    if draw(st.booleans()):
        plan, moved, so_far = draw(out_of_network((plan, care, so_far)))
        care = CarePlan.model_validate(
            moved.model_dump() | care.model_dump(include={"medicare_participation", "accepts_medicaid"})
        )
    presets = [medicaid_secondary()] + ([medigap_plan_g(plan, so_far)] if plan.payer_type is PayerType.MEDICARE else [])
    second = draw(st.one_of(st.none(), st.sampled_from(presets), secondaries()))
    return plan, care, so_far, second


@settings(max_examples=150)
@given(any_estimate())
def test_patient_plan_and_second_plan_pay_the_allowed_amount_and_the_balance_bill(
    scenario: tuple[Plan, CarePlan, Accumulators, Secondary | None],
) -> None:
    """On every covered visit: patient + plan + secondary == allowed + balance bill, and nothing is negative."""
    plan, care, so_far, second = scenario

    result = estimate(plan, care, so_far, secondary=second)

    for visit in result.visits:
        if visit.covered:
            assert visit.patient_pays + visit.plan_pays + visit.secondary_pays == visit.allowed + visit.balance_bill
        assert min(visit.patient_pays, visit.plan_pays, visit.secondary_pays, visit.balance_bill) >= 0


@st.composite
def catalogs_with_every_new_column(draw: st.DrawFn) -> tuple[list[Plan], CarePlan, Accumulators]:
    """A few family plans with the limit switches drawn, one plan's figures so far, and any clinic."""
    catalog = draw(st.lists(family_plans(), min_size=1, max_size=5, unique_by=lambda plan: plan.plan_id))
    medicare = [p.model_copy(update={"payer_type": PayerType.MEDICARE}) for p in catalog[:1]]
    medicaid = [
        p.model_copy(update={"payer_type": PayerType.MEDICAID, "plan_id": p.plan_id + "-m"}) for p in catalog[:1]
    ]
    everything = [*catalog, *(p.model_copy(update={"plan_id": p.plan_id + "-x"}) for p in medicare), *medicaid]
    so_far = draw(accumulators_for(draw(st.sampled_from(everything))))
    return everything, draw(care_plans(max_weeks=8, clinic=True)), so_far


@settings(max_examples=100)
@given(catalogs_with_every_new_column())
def test_compare_plans_equals_estimate_with_every_new_column(
    scenario: tuple[list[Plan], CarePlan, Accumulators],
) -> None:
    """Family figures, the limit switches, Medicare participation and Medicaid: the same totals to the cent."""
    catalog, care, so_far = scenario

    rows = {row["plan_id"]: row for row in compare_plans(catalog, care, so_far).to_dict("records")}

    for plan in catalog:
        row = rows[plan.plan_id]
        if row["year_to_date_problem"] is not None:
            continue
        result = estimate(plan, care, so_far)
        assert (row["patient_total"], row["plan_total"]) == (result.patient_total, result.plan_total), plan
        assert row["visits_not_covered"] == result.total.not_covered_visits
