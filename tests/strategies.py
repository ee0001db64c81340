"""Hypothesis strategies for the domain, each bounded to realistic values."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import strategies as st

from coverage import Accumulators, CarePlan, CopayTiming, Course, EstimateRequest, PayerType, Plan
from coverage.estimate_request import OWN_PLAN, OWN_PLAN_TEMPLATE
from coverage.share_link import LINK_PARAMS

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


# ---- the dashboard: estimate requests and share links


@st.composite
def estimate_requests(draw: st.DrawFn, catalog: list[Plan]) -> EstimateRequest:
    """A request as the estimate page makes it: a catalog plan (as is or changed) or a plan typed by hand."""
    choice = draw(st.sampled_from([OWN_PLAN, *(plan.plan_id for plan in catalog)]))
    base = OWN_PLAN_TEMPLATE if choice == OWN_PLAN else next(p for p in catalog if p.plan_id == choice)
    changed = draw(plans()).model_copy(update={"plan_id": base.plan_id})
    plan = draw(st.sampled_from([base, changed]))
    return EstimateRequest(
        plan_choice=choice, plan=plan, care=draw(care_plans(max_weeks=12)), accumulators=draw(accumulators_for(plan))
    )


#: Values a person or a program might put in a share link: plausible, borderline and hostile.
LINK_VALUES = [
    "",
    "0",
    "1",
    "30",
    "2x8",
    "7x52",
    "8x1",
    "1x53",
    "0x5",
    "2X8",
    "true",
    "false",
    "no",
    "maybe",
    "2026-01-05",
    "2099-12-31",
    "2100-01-01",
    "0001-01-01",
    "2026-02-30",
    "99.999",
    "1e3",
    "NaN",
    "Infinity",
    "-1",
    "$1,000.00",
    "10000000.01",
    "hmo-30-30",
    "_own",
    "medicare-b-2026",
    "after_deductible",
    "before_deductible",
    "self_pay",
    "13-01",
    "02-29",
    "07-01",
    "=1+1",
    "@SUM(A1)",
    "\u0661\u0662",  # Arabic-Indic digits, which int() and Decimal() also read
    "9" * 30,
]


def link_params() -> st.SearchStrategy[dict[str, str]]:
    """Any query string: share-link parameters and strangers, with plausible or arbitrary text values."""
    keys = st.one_of(st.sampled_from(sorted(LINK_PARAMS)), st.text(max_size=12))
    values = st.one_of(st.sampled_from(LINK_VALUES), st.text(max_size=40))
    return st.dictionaries(keys, values, max_size=14)
