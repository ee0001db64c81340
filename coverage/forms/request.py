"""What an estimate is made from, and the one a first-time user starts with."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from pydantic import BaseModel, ConfigDict, model_validator

from coverage.engine import defaults
from coverage.engine.billed_services import Service, format_services, merge_services
from coverage.engine.care import Accumulators, CarePlan, Course
from coverage.engine.plans import Discipline, PayerType, Plan
from coverage.engine.secondary import Secondary

#: The plan picker's value for "enter my plan's numbers" (never a valid plan_id, so no clash).
OWN_PLAN = "_own"
#: The plan a person enters by hand starts from these numbers.
OWN_PLAN_TEMPLATE = Plan(plan_id="my-plan", plan_name="My plan", payer_type=PayerType.COMMERCIAL)
#: The second-insurance picker's values besides a catalog plan_id and OWN_PLAN (none is a valid plan_id).
NO_SECONDARY, MEDIGAP_G, MEDICAID = "", "_medigap_g", "_medicaid"
#: A second plan entered by hand starts from these numbers.
OWN_SECONDARY_TEMPLATE = Plan(plan_id="my-second-plan", plan_name="My second plan", payer_type=PayerType.COMMERCIAL)
#: Start dates the form accepts: wide enough for any real course, narrow enough for safe date arithmetic.


class EstimateRequest(BaseModel):
    """Everything an estimate is made from: which plan was picked, its rules, the care, the year so far."""

    model_config = ConfigDict(frozen=True)

    plan_choice: str  # a catalog plan_id, or OWN_PLAN
    plan: Plan
    care: CarePlan
    accumulators: Accumulators
    secondary_choice: str = NO_SECONDARY  # MEDIGAP_G, MEDICAID, a catalog plan_id or OWN_PLAN when there is one
    secondary: Secondary | None = None

    @model_validator(mode="after")
    def _second_insurance_is_named(self) -> EstimateRequest:
        if (self.secondary_choice == NO_SECONDARY) != (self.secondary is None):
            raise ValueError("a second insurance needs both its choice and its terms")
        return self


def default_codes(discipline: Discipline, *, evaluation: bool = False) -> str:
    """The notation of a typical visit's codes (:data:`coverage.engine.defaults.VISIT_CODES`): PT ``97110x2,97140``."""
    kind = f"{discipline} {'evaluation' if evaluation else 'visit'}"
    return format_services(merge_services(Service(code=code) for code in defaults.VISIT_CODES[kind]))


def default_course(discipline: Discipline, *, from_codes: bool = False) -> Course:
    """A first-time user's course: twice a week for 8 weeks at Medicare's national rates.

    ``from_codes``: the same visits priced from their codes instead (PT ``97110x2,97140``, evaluation
    ``97162``; OT ``97530x2,97535``, evaluation ``97166``), with no typed rate.
    """
    if from_codes:
        return Course(
            visits_per_week=2,
            weeks=8,
            services=default_codes(discipline),
            eval_services=default_codes(discipline, evaluation=True),
        )
    if discipline == "PT":
        return Course(visits_per_week=2, weeks=8, visit_rate=defaults.PT_VISIT_RATE, eval_rate=defaults.PT_EVAL_RATE)
    return Course(visits_per_week=2, weeks=8, visit_rate=defaults.OT_VISIT_RATE, eval_rate=defaults.OT_EVAL_RATE)


def default_start(today: date) -> date:
    """The first Monday on or after ``today``: a course usually starts at the beginning of a week."""
    return today + timedelta(days=(7 - today.weekday()) % 7)


def base_plan(choice: str, plans: Sequence[Plan]) -> Plan | None:
    """The plan the picker's ``choice`` names (the template for OWN_PLAN), or None if it is not in ``plans``."""
    if choice == OWN_PLAN:
        return OWN_PLAN_TEMPLATE
    return next((plan for plan in plans if plan.plan_id == choice), None)


def default_request(plans: Sequence[Plan], today: date, *, clinic_locality: str = "") -> EstimateRequest:
    """The first estimate a person sees: the default plan, PT twice a week for 8 weeks from next Monday.

    How the first visits are priced (the choice, also in docs/dashboard.md): when the clinic has set
    its Medicare locality (``clinic_locality``, clinic.toml's ``medicare_locality``), from the
    visits' real codes at that locality, the multiple procedure reduction included, which is what a
    first-time patient expects the clinic to be paid; without one, from the typed national rates
    (:mod:`coverage.engine.defaults`), since codes priced without a locality would be national
    amounts too. A link without codes (:mod:`coverage.forms.share_link`) and the command line start
    from the typed rates, as they always did (they call this without ``clinic_locality``).
    """
    plan = base_plan(defaults.DEFAULT_PLAN_ID, plans) or (plans[0] if plans else OWN_PLAN_TEMPLATE)
    choice = plan.plan_id if plans else OWN_PLAN
    care = CarePlan(start_date=default_start(today), pt=default_course("PT", from_codes=bool(clinic_locality.strip())))
    return EstimateRequest(plan_choice=choice, plan=plan, care=care, accumulators=Accumulators())
