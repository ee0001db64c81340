"""The fields of the estimate form: their keys, and the values that show an estimate request in them.

The dashboard keeps one value per field under its key: text for amounts (as a person
types them), whole numbers for counts, true/false for switches, a date for the start.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from coverage.care import Accumulators
from coverage.estimate_request import EstimateRequest, default_course
from coverage.plans import DISCIPLINES, Discipline, Plan

PLAN_MONEY = (
    "deductible", "oop_max", "ot_copay", "pt_copay", "therapy_threshold",
    "oon_deductible", "oon_oop_max", "oon_ot_copay", "oon_pt_copay",
)  # fmt: skip
PLAN_OPTIONAL = ("oop_max", "therapy_threshold", "oon_oop_max")  # blank means "none"
PLAN_PERCENT = ("ot_coinsurance_pct", "pt_coinsurance_pct", "oon_ot_coinsurance_pct", "oon_pt_coinsurance_pct")
PLAN_COUNTS = ("ot_visit_limit", "pt_visit_limit", "combined_visit_limit", "auth_after_visits")
PLAN_SWITCHES = (
    "deductible_applies", "same_day_counts_once", "one_copay_per_day", "referral_required",
    "oon_covered", "oon_counts_toward_in_network",
)  # fmt: skip
PLAN_TEXT = ("plan_name", "plan_year_start", "notes")
#: Every plan field on the form: all plans.csv columns except plan_id.
PLAN_FIELDS = tuple(name for name in Plan.model_fields if name != "plan_id")
#: Course field -> the suffix of its form key (``pt_rate``, ``ot_weeks``, ...).
COURSE_KEYS = {
    "visits_per_week": "visits_per_week",
    "weeks": "weeks",
    "visit_rate": "rate",
    "eval_rate": "eval",
    "self_pay_rate": "self_pay",
}
ACCUMULATOR_MONEY = (
    "deductible_met", "oop_met", "ot_threshold_used", "pt_threshold_used", "oon_deductible_met", "oon_oop_met",
)  # fmt: skip
ACCUMULATOR_FIELDS = tuple(Accumulators.model_fields)
#: Every key of the form, as :func:`form_values` fills it and :func:`coverage.estimate_form.read_form` reads it.
FORM_KEYS = (
    "plan",
    *PLAN_FIELDS,
    "start_date",
    *(key for d in ("ot", "pt") for key in (d, *(f"{d}_{suffix}" for suffix in COURSE_KEYS.values()))),
    *ACCUMULATOR_FIELDS,
)


def course_key(discipline: Discipline, field: str) -> str:
    """The form key of one course field: ``course_key("PT", "visit_rate") == "pt_rate"``."""
    return f"{discipline.lower()}_{COURSE_KEYS[field]}"


def _text(amount: Decimal | None) -> str:
    return "" if amount is None else format(amount, "f")


def plan_form_values(plan: Plan) -> dict[str, Any]:
    """The plan fields of the form, filled in from ``plan``."""
    values: dict[str, Any] = {}
    for name in PLAN_FIELDS:
        value = getattr(plan, name)
        values[name] = _text(value) if name in PLAN_MONEY or name in PLAN_PERCENT else value
    values["payer_type"] = plan.payer_type.value
    values["copay_timing"] = plan.copay_timing.value
    return values


def form_values(request: EstimateRequest) -> dict[str, Any]:
    """Every form field filled in from ``request``; a therapy that is off shows its default course."""
    values: dict[str, Any] = {"plan": request.plan_choice, **plan_form_values(request.plan)}
    values["start_date"] = request.care.start_date
    for discipline in DISCIPLINES:
        course = request.care.course(discipline)
        values[discipline.lower()] = course is not None
        shown = course or default_course(discipline)
        for field in COURSE_KEYS:
            value = getattr(shown, field)
            values[course_key(discipline, field)] = _text(value) if field.endswith("rate") else value
    for name in ACCUMULATOR_FIELDS:
        value = getattr(request.accumulators, name)
        values[name] = _text(value) if name in ACCUMULATOR_MONEY else value
    return values
