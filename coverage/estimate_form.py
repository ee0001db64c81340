"""The estimate form: what a person typed, read into a plan, a plan of care and year-to-date figures.

The dashboard keeps one value per form field (text for money, whole numbers for
counts, true/false for switches) under the field's key. :func:`read_form` turns
those values into an :class:`EstimateRequest` or raises :class:`FormError`
naming each field that is wrong, in the words of the domain's own checks.
:func:`coverage.form_fields.form_values` is its inverse.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from coverage.care import Accumulators, CarePlan, Course
from coverage.estimate import YearToDateError, check_year_to_date
from coverage.estimate_request import EARLIEST_START, LATEST_START, EstimateRequest, base_plan
from coverage.form_fields import (
    ACCUMULATOR_FIELDS,
    ACCUMULATOR_MONEY,
    COURSE_KEYS,
    PLAN_COUNTS,
    PLAN_FIELDS,
    PLAN_MONEY,
    PLAN_OPTIONAL,
    PLAN_PERCENT,
    PLAN_TEXT,
    course_key,
)
from coverage.money import parse_money, to_percent
from coverage.plans import DISCIPLINES, Plan
from coverage.validation import field_problems

Model = TypeVar("Model", bound=BaseModel)


class FormError(ValueError):
    """Fields of the form that cannot be used, each with a message for the person who typed it."""

    def __init__(self, problems: Sequence[tuple[str, str]]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(f"{key}: {message}" for key, message in self.problems))


def read_form(values: Mapping[str, Any], plans: Sequence[Plan]) -> EstimateRequest:
    """Read the form. Raises :class:`FormError` listing every field that is wrong."""
    problems: list[tuple[str, str]] = []
    plan = _read_plan(values, plans, problems)
    care = _read_care(values, problems)
    accumulators = _validated(Accumulators, values, {name: name for name in ACCUMULATOR_FIELDS}, problems)
    if plan is not None and accumulators is not None:
        for name in ("deductible_met", "oop_met"):  # each checked alone, so the message sits by its own field
            try:
                check_year_to_date(plan, Accumulators.model_validate({name: getattr(accumulators, name)}))
            except YearToDateError as exc:
                problems.append((name, str(exc)))
    if problems or plan is None or care is None or accumulators is None:
        raise FormError(problems)
    return EstimateRequest(plan_choice=str(values["plan"]), plan=plan, care=care, accumulators=accumulators)


def _read_plan(values: Mapping[str, Any], plans: Sequence[Plan], problems: list[tuple[str, str]]) -> Plan | None:
    base = base_plan(str(values.get("plan", "")), plans)
    if base is None:
        problems.append(("plan", "is not in the plan list: pick a plan or enter your plan's numbers"))
        return None
    keys = {name: name for name in ("plan_id", *PLAN_FIELDS)}
    return _validated(Plan, {**values, "plan_id": base.plan_id}, keys, problems)


def _read_care(values: Mapping[str, Any], problems: list[tuple[str, str]]) -> CarePlan | None:
    start = values.get("start_date")
    if not isinstance(start, date) or not EARLIEST_START <= start <= LATEST_START:
        problems.append(("start_date", f"pick a date from {EARLIEST_START:%d %b %Y} to {LATEST_START:%d %b %Y}"))
        start = None
    courses: dict[str, Course | None] = {}
    complete = True
    for discipline in DISCIPLINES:
        courses[discipline.lower()] = None
        if values.get(discipline.lower()):
            keys = {field: course_key(discipline, field) for field in COURSE_KEYS}
            courses[discipline.lower()] = course = _validated(Course, values, keys, problems)
            complete = complete and course is not None
    if complete and courses["ot"] is None and courses["pt"] is None:
        problems.append(("care", "turn on PT, OT or both"))
        return None
    if not complete or start is None:
        return None
    return CarePlan(start_date=start, **courses)


def _validated(
    model: type[Model], values: Mapping[str, Any], keys: Mapping[str, str], problems: list[tuple[str, str]]
) -> Model | None:
    """``model`` from the form ``keys`` (model field -> form key), or None with each problem under its key.

    Money and percentages are read from text with the money module, so a letter gets that module's message.
    """
    fields: dict[str, Any] = {}
    failed: set[str] = set()
    for field, key in keys.items():
        try:
            fields[field] = _read_value(key, values.get(key))
        except ValueError as exc:  # MoneyError, PercentError, or a blank required field
            problems.append((key, str(exc)))
            failed.add(key)
    try:
        model_object = model.model_validate(fields)
    except ValidationError as exc:  # the fields that failed above are left out, so report the others only
        more = [(keys.get(field, field), message) for field, message in field_problems(exc)]
        problems.extend((key, message) for key, message in more if key not in failed)
        return None
    return None if failed else model_object


def _read_value(key: str, value: Any) -> Any:
    """One form value as its model wants it: text amounts to Decimal, blank optional fields to None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if key in PLAN_OPTIONAL or key in PLAN_COUNTS or key.endswith(("_eval", "_self_pay")):
            return None
        if key in PLAN_TEXT:
            return "" if key == "notes" else value
        if key in ACCUMULATOR_FIELDS:
            raise ValueError("enter 0 if none")
        if _is_amount(key):
            raise ValueError("enter an amount, such as 95.00")
        raise ValueError("enter a whole number" if key.endswith(("_visits_per_week", "_weeks")) else "is required")
    if isinstance(value, str) and _is_amount(key):
        return to_percent(value) if key in PLAN_PERCENT else parse_money(value)
    return value


def _is_amount(key: str) -> bool:
    return key in PLAN_MONEY or key in PLAN_PERCENT or key in ACCUMULATOR_MONEY or key.endswith(_COURSE_AMOUNTS)


_COURSE_AMOUNTS = ("_rate", "_eval", "_self_pay")
