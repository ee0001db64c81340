"""How the visits priced from their codes are said on the estimate page: lines, source, published rates, range."""

from __future__ import annotations

from datetime import date

from coverage import CarePlan, load_plans
from coverage.catalog.clinic import EXAMPLE_CLINIC
from coverage.catalog.fee_sources import clinic_fee_sources
from coverage.engine.course_estimate import estimate
from coverage.fees.clinic_schedule import parse_fee_schedules_csv
from coverage.fees.course_pricing import FeeSources
from coverage.forms.request import default_course, default_request
from coverage.views.page_overview import overview
from coverage.views.visit_prices import price_source, priced_visits, published_rates
from tests.conftest import PLANS_CSV

PLANS = load_plans(PLANS_CSV)
BY_ID = {plan.plan_id: plan for plan in PLANS}
FEES = clinic_fee_sources(PLANS_CSV, EXAMPLE_CLINIC)  # the example clinic sets no locality
START = date(2026, 1, 5)
BOTH = CarePlan(start_date=START, pt=default_course("PT", from_codes=True), ot=default_course("OT", from_codes=True))
IMPORTED = (
    "schedule_id,code,modifier,rate,notes\n"
    'acme-2026,97110,,40.00,"from acme.json.gz, last updated 2026-11-01, Acme PPO"\n'
    'acme-2026,97140,,38.00,"from acme.json.gz, last updated 2026-11-01, Acme PPO; the file gives 38.004, rounded"\n'
    "typed,97110,,35.00,contract of 2025\n"
)


def test_each_therapy_shows_its_evaluation_and_regular_visit_with_the_engines_lines() -> None:
    """PT and OT from their codes: four kinds of visit, PT first and evaluations first, each with the engine's lines."""
    result = estimate(BY_ID["medicare-b-2026"], BOTH, fees=FEES)

    shown = priced_visits(result)

    assert [kind.title for kind in shown] == [
        "PT evaluation (1)",
        "PT regular visit (2)",
        "OT evaluation (1)",
        "OT regular visit (2)",
    ]
    second_pt = next(v for v in result.visits if v.discipline == "PT" and v.visit_number == 2)
    assert shown[1].allowed == second_pt.allowed
    assert [(line.code, line.units, line.amount, line.how) for line in shown[1].lines] == [
        (x.code, x.units, x.amount, x.how) for x in second_pt.lines
    ]


def test_the_source_says_when_medicares_national_amounts_were_used() -> None:
    """No locality: 'Medicare's national amounts (no ... locality ...)'; with one, its name; typed: nothing."""
    national = estimate(BY_ID["medicare-b-2026"], BOTH, fees=FEES)
    local = estimate(BY_ID["medicare-b-2026"], BOTH.model_copy(update={"medicare_locality": "10112-00"}), fees=FEES)
    typed = estimate(BY_ID["medicare-b-2026"], CarePlan(start_date=START, pt=default_course("PT")))

    assert str(price_source(national)).startswith(
        "Medicare's national amounts (no Medicare locality was set, so every GPCI is 1). Priced from"
    )
    assert str(price_source(local)).startswith("Allowed amounts from Medicare's fee schedule, ALABAMA (10112-00)")
    assert price_source(typed) is None


def test_a_schedule_imported_from_a_payers_published_rates_is_named_with_its_date() -> None:
    """Notes 'from acme.json.gz, last updated 2026-11-01, Acme PPO' give Acme PPO's published rates of that date."""
    schedules = parse_fee_schedules_csv(IMPORTED)
    acme = BY_ID["hmo-30-30"].model_copy(update={"fee_schedule": "acme-2026"})
    typed_in = BY_ID["hmo-30-30"].model_copy(update={"fee_schedule": "typed"})

    assert published_rates(acme, schedules) == "Allowed amounts from Acme PPO's published rates of 2026-11-01."
    assert published_rates(typed_in, schedules) is None  # a contract typed by hand: no payer file behind it
    assert published_rates(BY_ID["hmo-30-30"], schedules) is None  # the plan names no schedule


def test_the_overview_shows_the_likely_estimate_and_the_range_and_the_published_rates() -> None:
    """A 45-minute PT visit: the overview's estimate is the range's likely one; an imported schedule is named."""
    fees = FeeSources(FEES.medicare, parse_fee_schedules_csv(IMPORTED))
    plan = BY_ID["hmo-30-30"].model_copy(update={"fee_schedule": "acme-2026"})
    pt = default_course("PT", from_codes=True).model_copy(update={"visit_minutes": 45, "eval_services": ()})
    request = default_request(PLANS, START).model_copy(
        update={"plan_choice": "hmo-30-30", "plan": plan, "care": CarePlan(start_date=START, pt=pt)}
    )

    view = overview(request, PLANS, fees=fees)

    assert view.range is not None
    assert view.estimate == view.range.likely
    assert view.range.low.patient_total <= view.estimate.patient_total <= view.range.high.patient_total
    assert view.published_rates == "Allowed amounts from Acme PPO's published rates of 2026-11-01."
