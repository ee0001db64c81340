"""The estimate form: what a person typed, read into a plan, a plan of care, year-to-date figures and a second plan.

The dashboard keeps one value per form field (text for money, whole numbers for
counts, true/false for switches) under the field's key. :func:`read_form` turns
those values into an :class:`EstimateRequest` or raises :class:`FormError`
naming each field that is wrong, in the words of the domain's own checks.
:func:`coverage.forms.fields.form_values` is its inverse.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from coverage.engine.care import (
    EARLIEST_START,
    LATEST_START,
    Accumulators,
    CarePlan,
    CoTreatment,
    Course,
    MedicareParticipation,
)
from coverage.engine.plans import DISCIPLINES, Discipline, Plan
from coverage.engine.year_to_date import year_to_date_findings
from coverage.forms.field_reading import Problems, validated
from coverage.forms.fields import (
    ACCUMULATOR_FIELDS,
    CODE_FIELDS,
    COURSE_KEYS,
    PLAN_FIELDS,
    PRICING,
    RATE_FIELDS,
    course_key,
)
from coverage.forms.request import NO_SECONDARY, EstimateRequest, base_plan
from coverage.forms.secondary_form import read_secondary
from coverage.forms.visit_codes import CO_TREATMENT, FROM_CODES, LOCALITY, PRICING_CHOICES, TYPED_RATE, read_locality


class FormError(ValueError):
    """Fields of the form that cannot be used, each with a message for the person who typed it."""

    def __init__(self, problems: Sequence[tuple[str, str]]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(f"{key}: {message}" for key, message in self.problems))


def read_form(values: Mapping[str, Any], plans: Sequence[Plan]) -> EstimateRequest:
    """Read the form. Raises :class:`FormError` listing every field that is wrong."""
    problems: Problems = []
    plan = _read_plan(values, plans, problems)
    care = _read_care(values, problems)
    accumulators = validated(Accumulators, values, {name: name for name in ACCUMULATOR_FIELDS}, problems)
    if plan is not None and accumulators is not None:
        problems += year_to_date_problems(plan, accumulators)
    choice = str(values.get("secondary") or NO_SECONDARY)
    secondary = read_secondary(choice, values, plans, primary=plan, primary_so_far=accumulators, problems=problems)
    if problems or plan is None or care is None or accumulators is None:
        raise FormError(problems)
    return EstimateRequest(
        plan_choice=str(values["plan"]),
        plan=plan,
        care=care,
        accumulators=accumulators,
        secondary_choice=choice if secondary is not None else NO_SECONDARY,
        secondary=secondary,
    )


def year_to_date_problems(plan: Plan, so_far: Accumulators) -> Problems:
    """Figures so far that ``plan`` cannot have produced, each under its own field.

    The out-of-network figures are checked against the out-of-network terms when the plan keeps
    them apart (:mod:`coverage.engine.network`), since the in- and out-of-network estimates both use them.
    """
    problems: Problems = list(year_to_date_findings(plan, so_far, advise=True))
    if plan.covers_visits and plan.oon_covered and not plan.oon_counts_toward_in_network:
        out = Accumulators(deductible_met=so_far.oon_deductible_met, oop_met=so_far.oon_oop_met)
        found = year_to_date_findings(plan.out_of_network_terms(), out, which="the plan's out-of-network", advise=True)
        problems += [(f"oon_{field}", message) for field, message in found]
    return problems


def _read_plan(values: Mapping[str, Any], plans: Sequence[Plan], problems: Problems) -> Plan | None:
    base = base_plan(str(values.get("plan", "")), plans)
    if base is None:
        problems.append(("plan", "is not in the plan list: pick a plan or enter your plan's numbers"))
        return None
    keys = {name: name for name in ("plan_id", *PLAN_FIELDS)}
    return validated(Plan, {**values, "plan_id": base.plan_id}, keys, problems)


def _read_care(values: Mapping[str, Any], problems: Problems) -> CarePlan | None:
    start = values.get("start_date")
    if not isinstance(start, date) or not EARLIEST_START <= start <= LATEST_START:
        problems.append(("start_date", f"pick a date from {EARLIEST_START:%d %b %Y} to {LATEST_START:%d %b %Y}"))
        start = None
    in_network = values.get("in_network", True)
    if in_network is None:
        in_network = True  # a form that does not ask is in network
    if not isinstance(in_network, bool):
        problems.append(("in_network", "answer yes or no"))
    clinic = _read_clinic(values, problems)
    pricing = read_care_pricing(values, problems)
    courses: dict[str, Course | None] = {}
    complete = True
    for discipline in DISCIPLINES:
        courses[discipline.lower()] = None
        if values.get(discipline.lower()):
            courses[discipline.lower()] = course = read_course(discipline, values, problems)
            complete = complete and course is not None
    if complete and courses["ot"] is None and courses["pt"] is None:
        problems.append(("care", "turn on PT, OT or both"))
        return None
    if complete and pricing is not None and pricing["co_treatment"] is not None and None in courses.values():
        problems.append((CO_TREATMENT, "joint PT and OT sessions need both PT and OT turned on"))
        return None
    if not complete or start is None or not isinstance(in_network, bool) or clinic is None or pricing is None:
        return None
    return CarePlan(start_date=start, in_network=in_network, **clinic, **pricing, **courses)


def read_course(discipline: Discipline, values: Mapping[str, Any], problems: Problems) -> Course | None:
    """One therapy's course, priced as its ``<d>_pricing`` says (absent: the typed rate, as forms had it)."""
    pricing = values.get(f"{discipline.lower()}_{PRICING}") or TYPED_RATE
    if pricing not in PRICING_CHOICES:
        problems.append((f"{discipline.lower()}_{PRICING}", "pick: price from the codes, or a rate I type"))
        return None
    left_out = RATE_FIELDS if pricing == FROM_CODES else CODE_FIELDS
    keys = {field: course_key(discipline, field) for field in COURSE_KEYS if field not in left_out}
    if pricing == FROM_CODES and not any(str(values.get(keys[f]) or "").strip() for f in ("services", "minutes")):
        problems.append((keys["services"], "give the codes of a regular visit, such as 97110x2,97140"))
        return None
    return validated(Course, values, keys, problems)


def read_care_pricing(values: Mapping[str, Any], problems: Problems) -> dict[str, Any] | None:
    """The plan of care's locality and joint sessions; a form that does not ask has neither."""
    read: dict[str, Any] = {"medicare_locality": None, "co_treatment": None}
    try:
        read["medicare_locality"] = read_locality(str(values.get(LOCALITY) or ""))
    except ValueError as exc:
        problems.append((LOCALITY, str(exc)))
        return None
    if values.get(CO_TREATMENT):
        keys = {"minutes": "co_treatment_minutes", "pt_minutes": "co_treatment_pt_minutes"}
        before = len(problems)
        read["co_treatment"] = joint = validated(CoTreatment, values, keys, problems)
        # The one whole-session check (PT's share fits the session) is said under PT's share.
        problems[before:] = [("co_treatment_pt_minutes" if k == "input" else k, m) for k, m in problems[before:]]
        if joint is None:
            return None
    return read


def _read_clinic(values: Mapping[str, Any], problems: Problems) -> dict[str, Any] | None:
    """How the clinic stands with Medicare and Medicaid; a form that does not ask takes the defaults."""
    participation = values.get("medicare_participation") or MedicareParticipation.PARTICIPATING
    accepts = values.get("accepts_medicaid", True)
    ok = True
    if participation not in set(MedicareParticipation):
        problems.append(("medicare_participation", "answer participating or non_participating"))
        ok = False
    if not isinstance(accepts if accepts is not None else True, bool):
        problems.append(("accepts_medicaid", "answer yes or no"))
        ok = False
    if not ok:
        return None
    return {"medicare_participation": MedicareParticipation(participation), "accepts_medicaid": accepts is not False}
