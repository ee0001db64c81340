"""The fields of the estimate form: their keys, and the values that show an estimate request in them.

The dashboard keeps one value per field under its key: text for amounts (as a person
types them), whole numbers for counts, true/false for switches, a date for the start.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from coverage.engine.billed_services import format_services
from coverage.engine.care import Accumulators, Course
from coverage.engine.plan_fields import FIELDS, FieldKind, names_of
from coverage.engine.plans import DISCIPLINES, Discipline, Plan
from coverage.engine.secondary import CoordinationMethod
from coverage.forms.request import (
    NO_SECONDARY,
    OWN_PLAN,
    OWN_SECONDARY_TEMPLATE,
    EstimateRequest,
    default_codes,
    default_course,
)
from coverage.forms.visit_codes import CO_TREATMENT_KEYS, LOCALITY, format_minutes, pricing_of

PLAN_MONEY = names_of(FieldKind.MONEY)
PLAN_OPTIONAL = names_of(FieldKind.MONEY, optional=True)  # blank means "none"
PLAN_PERCENT = names_of(FieldKind.PERCENT)
PLAN_COUNTS = names_of(FieldKind.COUNT)
PLAN_SWITCHES = names_of(FieldKind.SWITCH)
PLAN_TEXT = tuple(name for name in names_of(FieldKind.TEXT, FieldKind.MONTH_DAY) if name != "plan_id")
#: Every plan field on the form: all plans.csv columns except plan_id.
PLAN_FIELDS = tuple(field.name for field in FIELDS if field.name != "plan_id")
#: Each plan field in the words the estimate page's labels use (for "changed from the plan list").
PLAN_FIELD_LABELS = {field.name: field.words for field in FIELDS if field.name != "plan_id"}
#: Course field -> the suffix of its form key (``pt_rate``, ``ot_weeks``, ...).
COURSE_KEYS = {
    "visits_per_week": "visits_per_week",
    "weeks": "weeks",
    "visit_rate": "rate",
    "eval_rate": "eval",
    "self_pay_rate": "self_pay",
    "billed_rate": "billed",
    "services": "services",
    "eval_services": "eval_services",
    "minutes": "minutes",
    "visit_minutes": "visit_minutes",
}
#: The suffix of each course's pricing choice (``pt_pricing``: :data:`coverage.forms.visit_codes.PRICING_CHOICES`).
PRICING = "pricing"
#: Course fields read only when the visit is priced from its codes, and only when its rate is typed.
CODE_FIELDS = ("services", "eval_services", "minutes", "visit_minutes")
RATE_FIELDS = ("visit_rate", "eval_rate")
ACCUMULATOR_MONEY = (
    "deductible_met", "oop_met", "ot_threshold_used", "pt_threshold_used", "oon_deductible_met", "oon_oop_met",
    "family_deductible_met", "family_oop_met",
)  # fmt: skip
#: How the clinic stands with Original Medicare and Medicaid: fields of the plan of care, asked with the clinic.
CLINIC_KEYS = ("medicare_participation", "accepts_medicaid")
ACCUMULATOR_FIELDS = tuple(Accumulators.model_fields)
#: The second insurance: the picker, how it pays, and (for a plan from the list or typed by hand) its figures
#: so far this year; a plan typed by hand also has these few numbers. Each key is ``secondary_<field>``.
SECONDARY, SECONDARY_METHOD = "secondary", "secondary_method"
SECONDARY_PLAN_FIELDS = ("deductible", "oop_max", "pt_copay", "ot_copay", "pt_coinsurance_pct", "ot_coinsurance_pct")
SECONDARY_ACCUMULATOR_FIELDS = ("deductible_met", "oop_met")
SECONDARY_MONEY = tuple(f"secondary_{name}" for name in (*SECONDARY_PLAN_FIELDS[:4], *SECONDARY_ACCUMULATOR_FIELDS))
SECONDARY_PERCENT = ("secondary_pt_coinsurance_pct", "secondary_ot_coinsurance_pct")
SECONDARY_KEYS = (
    SECONDARY,
    SECONDARY_METHOD,
    *(f"secondary_{name}" for name in (*SECONDARY_PLAN_FIELDS, *SECONDARY_ACCUMULATOR_FIELDS)),
)
#: Every key of the form, as :func:`form_values` fills it and :func:`coverage.forms.estimate_form.read_form` reads it.
FORM_KEYS = (
    "plan",
    *PLAN_FIELDS,
    "start_date",
    "in_network",
    *CLINIC_KEYS,
    *(
        key
        for d in ("ot", "pt")
        for key in (d, f"{d}_{PRICING}", *(f"{d}_{suffix}" for suffix in COURSE_KEYS.values()))
    ),
    LOCALITY,
    *CO_TREATMENT_KEYS,
    *ACCUMULATOR_FIELDS,
    *SECONDARY_KEYS,
)


def secondary_keys_for(choice: str) -> tuple[str, ...]:
    """The second-insurance keys that apply to the picker's ``choice``; the form reads only these.

    None, Medigap Plan G and Medicaid have their terms built in (Medigap takes the first plan's
    deductible met); a plan from the list also has its coordination method and figures so far;
    a plan typed by hand also has its numbers.
    """
    if choice != OWN_PLAN and (choice == NO_SECONDARY or choice.startswith("_")):  # no plan_id starts with _
        return (SECONDARY,)
    so_far = tuple(f"secondary_{name}" for name in SECONDARY_ACCUMULATOR_FIELDS)
    numbers = tuple(f"secondary_{name}" for name in SECONDARY_PLAN_FIELDS) if choice == OWN_PLAN else ()
    return (SECONDARY, SECONDARY_METHOD, *numbers, *so_far)


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
    for name in names_of(FieldKind.CHOICE):  # payer_type, copay_timing, limit_counts: their cell text
        values[name] = getattr(plan, name).value
    return values


def form_values(request: EstimateRequest) -> dict[str, Any]:
    """Every form field filled in from ``request``; a therapy that is off shows its default course."""
    values: dict[str, Any] = {"plan": request.plan_choice, **plan_form_values(request.plan)}
    values["start_date"] = request.care.start_date
    values["in_network"] = request.care.in_network
    values["medicare_participation"] = request.care.medicare_participation.value
    values["accepts_medicaid"] = request.care.accepts_medicaid
    for discipline in DISCIPLINES:
        course = request.care.course(discipline)
        values[discipline.lower()] = course is not None
        values |= course_form_values(discipline, course or default_course(discipline))
    values |= care_pricing_values(request)
    for name in ACCUMULATOR_FIELDS:
        value = getattr(request.accumulators, name)
        values[name] = _text(value) if name in ACCUMULATOR_MONEY else value
    return values | secondary_form_values(request)


def course_form_values(discipline: Discipline, course: Course) -> dict[str, Any]:
    """One therapy's course fields showing ``course``: its pricing choice, then the fields of that choice.

    Priced from its codes, the rate fields are blank; with a typed rate, the code fields show the
    therapy's typical codes, ready for a switch to pricing from the codes.
    """
    pricing = pricing_of(course)
    values: dict[str, Any] = {f"{discipline.lower()}_{PRICING}": pricing}
    for field in COURSE_KEYS:
        value = getattr(course, field)
        if field.endswith("rate"):
            values[course_key(discipline, field)] = _text(value)
        elif field in ("services", "eval_services"):
            shown = format_services(value)
            if pricing != "codes":
                shown = default_codes(discipline, evaluation=field == "eval_services")
            values[course_key(discipline, field)] = shown
        elif field == "minutes":
            values[course_key(discipline, field)] = format_minutes(value)
        else:
            values[course_key(discipline, field)] = value
    return values


def care_pricing_values(request: EstimateRequest) -> dict[str, Any]:
    """The locality and the joint sessions of the plan of care (blank and off when it has none)."""
    care = request.care
    joint = care.co_treatment
    return {
        LOCALITY: care.medicare_locality or "",
        "co_treatment": joint is not None,
        "co_treatment_minutes": joint.minutes if joint is not None else None,
        "co_treatment_pt_minutes": joint.pt_minutes if joint is not None else None,
    }


def secondary_form_values(request: EstimateRequest) -> dict[str, Any]:
    """The second-insurance fields filled in from ``request``; fields that do not apply show the blank defaults."""
    second = request.secondary
    applies = secondary_keys_for(request.secondary_choice)
    plan = second.plan if second is not None and "secondary_deductible" in applies else OWN_SECONDARY_TEMPLATE
    so_far = second.accumulators if second is not None and "secondary_oop_met" in applies else Accumulators()
    method = second.method if second is not None and SECONDARY_METHOD in applies else CoordinationMethod.TRADITIONAL
    values: dict[str, Any] = {SECONDARY: request.secondary_choice, SECONDARY_METHOD: method.value}
    values |= {f"secondary_{name}": _text(getattr(plan, name)) for name in SECONDARY_PLAN_FIELDS}
    values |= {f"secondary_{name}": _text(getattr(so_far, name)) for name in SECONDARY_ACCUMULATOR_FIELDS}
    return values


def next_caller_values(request: EstimateRequest) -> dict[str, Any]:
    """The fields that describe one caller, blank: figures so far at zero and no second insurance.

    The plan, the care and the rules stay as they are: the front desk often answers the next caller
    about the same plan and course, and picks another plan when it is not.
    """
    blank = request.model_copy(
        update={"accumulators": Accumulators(), "secondary_choice": NO_SECONDARY, "secondary": None}
    )
    values = form_values(blank)
    return {key: values[key] for key in (*ACCUMULATOR_FIELDS, *SECONDARY_KEYS)}


def asks_billed_charge(values: Mapping[Any, Any]) -> bool:
    """Whether the form asks the clinic's billed charge: out of network, or at a non-participating clinic.

    That is, when the plan pays out of network or the clinic does not participate with Original Medicare.
    Only then is there a balance bill (or a Part B excess charge, capped at the limiting charge), in this
    estimate or in the out-of-network one shown beside it.
    """
    non_participating = (
        values.get("payer_type") == "medicare" and values.get("medicare_participation") == "non_participating"
    )
    return bool(values.get("oon_covered")) or non_participating
