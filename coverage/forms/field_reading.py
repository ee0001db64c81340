"""Reading one group of form fields into a model, each problem kept under the key of its field.

Shared by :mod:`coverage.forms.estimate_form` (the plan, the care, the year so far) and
:mod:`coverage.forms.secondary_form` (the second insurance).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from coverage.engine.billed_services import parse_services
from coverage.engine.money import parse_money, to_percent
from coverage.engine.validation import field_problems
from coverage.forms.fields import (
    ACCUMULATOR_FIELDS,
    ACCUMULATOR_MONEY,
    PLAN_COUNTS,
    PLAN_MONEY,
    PLAN_OPTIONAL,
    PLAN_PERCENT,
    PLAN_TEXT,
    SECONDARY_MONEY,
    SECONDARY_PERCENT,
)
from coverage.forms.visit_codes import parse_minutes

Model = TypeVar("Model", bound=BaseModel)
Problems = list[tuple[str, str]]

_OPTIONAL = (*PLAN_OPTIONAL, "secondary_oop_max")  # blank means "none"
_YEAR_TO_DATE = (*ACCUMULATOR_FIELDS, "secondary_deductible_met", "secondary_oop_met")  # blank: "enter 0"
_PERCENT = (*PLAN_PERCENT, *SECONDARY_PERCENT)
_AMOUNTS = (*PLAN_MONEY, *_PERCENT, *ACCUMULATOR_MONEY, *SECONDARY_MONEY)
_COURSE_AMOUNTS = ("_rate", "_eval", "_self_pay", "_billed")
_COURSE_BLANK_MEANS_NONE = ("_eval", "_self_pay", "_billed", "_visit_minutes")
#: Minutes per timed code (``pt_minutes``), read from their notation like the services (``pt_services``).
_TIMED_MINUTES = ("ot_minutes", "pt_minutes")
_SESSION_MINUTES = ("co_treatment_minutes", "co_treatment_pt_minutes")


def validated(
    model: type[Model], values: Mapping[str, Any], keys: Mapping[str, str], problems: Problems
) -> Model | None:
    """``model`` from the form ``keys`` (model field -> form key), or None with each problem under its key.

    Money and percentages are read from text with the money module, so a letter gets that module's message.
    """
    fields: dict[str, Any] = {}
    failed: set[str] = set()
    for field, key in keys.items():
        try:
            fields[field] = read_value(key, values.get(key))
        except ValueError as exc:  # MoneyError, PercentError, or a blank required field
            problems.append((key, str(exc)))
            failed.add(key)
    try:
        model_object = model.model_validate(fields)
    except ValidationError as exc:  # the fields that failed above are left out, so report the others only
        more = [(keys.get(field, field), message) for field, message in field_problems(exc)]
        # A whole-model problem ("give the visit rate, or ...") follows from a field already reported.
        shown = set(keys.values())
        problems.extend((key, message) for key, message in more if key not in failed and (key in shown or not failed))
        return None
    return None if failed else model_object


def read_value(key: str, value: Any) -> Any:
    """One form value as its model wants it: text amounts to Decimal, blank optional fields to None.

    A visit's services and minutes are read from their notation: :class:`ServiceNotationError` (a
    ``ValueError``) says which part cannot be read.
    """
    if key.endswith("_services"):
        return parse_services(str(value or ""))
    if key in _TIMED_MINUTES:
        return parse_minutes(str(value or ""))
    if value is None or (isinstance(value, str) and not value.strip()):
        if key in _OPTIONAL or key in PLAN_COUNTS or key.endswith(_COURSE_BLANK_MEANS_NONE):
            return None
        if key in PLAN_TEXT:
            return "" if key == "notes" else value
        if key in _YEAR_TO_DATE:
            raise ValueError("enter 0 if none")
        if _is_amount(key):
            raise ValueError("enter an amount, such as 95.00")
        if key in _SESSION_MINUTES:
            raise ValueError("enter the minutes, such as 60")
        raise ValueError("enter a whole number" if key.endswith(("_visits_per_week", "_weeks")) else "is required")
    if isinstance(value, str) and _is_amount(key):
        return to_percent(value) if key in _PERCENT else parse_money(value)
    return value


def _is_amount(key: str) -> bool:
    return key in _AMOUNTS or key.endswith(_COURSE_AMOUNTS)
