"""Hypothesis strategies for the domain, each bounded to realistic values."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import strategies as st

from coverage import Accumulators, CarePlan, CopayTiming, Course, PayerType, Plan

INSURED = [p for p in PayerType if p is not PayerType.SELF_PAY]


def money(max_value: str = "5000", min_value: str = "0") -> st.SearchStrategy[Decimal]:
    """Amounts with exactly two decimals between ``min_value`` and ``max_value``."""
    return st.decimals(min_value=Decimal(min_value), max_value=Decimal(max_value), places=2)


def percents() -> st.SearchStrategy[Decimal]:
    """Coinsurance percentages 0 to 100, often round, sometimes with cents."""
    return st.one_of(
        st.sampled_from([Decimal(p) for p in (0, 10, 20, 25, 30, 40, 50, 100)]),
        st.decimals(min_value=0, max_value=100, places=2),
    )


def limits(max_value: int = 40) -> st.SearchStrategy[int | None]:
    """A visit limit, or None for no limit."""
    return st.one_of(st.none(), st.integers(min_value=0, max_value=max_value))


@st.composite
def plans(draw: st.DrawFn, payer_types: list[PayerType] | None = None) -> Plan:
    """Any plan over every rule switch, with realistic amounts."""
    deductible = draw(money("4000"))
    return Plan(
        plan_id=draw(st.from_regex(r"[a-z][a-z0-9-]{0,11}", fullmatch=True)),
        plan_name="Generated plan",
        payer_type=draw(st.sampled_from(payer_types or list(PayerType))),
        plan_year_start=draw(st.sampled_from(["01-01", "07-01", "10-01", "03-15", "12-31"])),
        deductible=deductible,
        oop_max=draw(st.one_of(st.none(), money("9000"))),
        deductible_applies=draw(st.booleans()),
        copay_timing=draw(st.sampled_from(list(CopayTiming))),
        ot_copay=draw(money("80")),
        pt_copay=draw(money("80")),
        ot_coinsurance_pct=draw(percents()),
        pt_coinsurance_pct=draw(percents()),
        ot_visit_limit=draw(limits()),
        pt_visit_limit=draw(limits()),
        combined_visit_limit=draw(limits(60)),
        same_day_counts_once=draw(st.booleans()),
        one_copay_per_day=draw(st.booleans()),
        auth_after_visits=draw(limits(30)),
        referral_required=draw(st.booleans()),
        therapy_threshold=draw(st.one_of(st.none(), money("3000", "500"))),
    )


@st.composite
def courses(draw: st.DrawFn, max_weeks: int = 20) -> Course:
    """One discipline's course with realistic rates; sometimes an evaluation or a self-pay rate."""
    return Course(
        visits_per_week=draw(st.integers(1, 7)),
        weeks=draw(st.integers(1, max_weeks)),
        visit_rate=draw(money("400", "1")),
        eval_rate=draw(st.one_of(st.none(), money("500", "1"))),
        self_pay_rate=draw(st.one_of(st.none(), money("300", "1"))),
    )


@st.composite
def care_plans(draw: st.DrawFn, max_weeks: int = 20) -> CarePlan:
    """A plan of care with OT, PT or both, starting any day of 2025 to 2027."""
    ot, pt = draw(st.sampled_from([(True, False), (False, True), (True, True)]))
    return CarePlan(
        start_date=draw(st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31))),
        ot=draw(courses(max_weeks)) if ot else None,
        pt=draw(courses(max_weeks)) if pt else None,
    )


@st.composite
def accumulators_for(draw: st.DrawFn, plan: Plan) -> Accumulators:
    """Year-to-date figures the plan could have produced."""
    deductible_met = draw(money(str(plan.deductible)))
    oop_cap = plan.oop_max if plan.oop_max is not None else Decimal("9000")
    return Accumulators(
        deductible_met=deductible_met,
        oop_met=draw(money(str(oop_cap))),
        ot_visits_used=draw(st.integers(0, 40)),
        pt_visits_used=draw(st.integers(0, 40)),
        other_pool_visits_used=draw(st.integers(0, 20)),
        ot_threshold_used=draw(money("4000")),
        pt_threshold_used=draw(money("4000")),
    )


@st.composite
def scenarios(draw: st.DrawFn, max_weeks: int = 20) -> tuple[Plan, CarePlan, Accumulators]:
    """A plan, a plan of care and consistent year-to-date figures."""
    plan = draw(plans())
    return plan, draw(care_plans(max_weeks)), draw(accumulators_for(plan))


@st.composite
def catalogs(draw: st.DrawFn, max_plans: int = 6) -> list[Plan]:
    """A few plans over every rule switch, each with its own plan_id."""
    return draw(st.lists(plans(), min_size=1, max_size=max_plans, unique_by=lambda plan: plan.plan_id))


@st.composite
def catalog_scenarios(
    draw: st.DrawFn, max_plans: int = 6, max_weeks: int = 12
) -> tuple[list[Plan], CarePlan, Accumulators | None]:
    """A catalog, a plan of care and year-to-date figures that fit one of its plans (often not the others)."""
    catalog = draw(catalogs(max_plans))
    so_far = draw(st.one_of(st.none(), accumulators_for(draw(st.sampled_from(catalog)))))
    return catalog, draw(care_plans(max_weeks)), so_far
