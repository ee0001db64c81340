"""The second insurance on the estimate form: the picker's choice and its fields, read into a Secondary.

The choices: none; Medigap Plan G after Original Medicare; Medicaid as secondary; a plan from
the clinic's list (by plan_id); or a plan typed by hand (a few numbers on top of
:data:`~coverage.forms.request.OWN_SECONDARY_TEMPLATE`). A plan from the list or typed by hand
also has its coordination method and its own figures so far this year; the presets have theirs
built in (:mod:`coverage.engine.secondary`). Only the fields that apply to the choice are read
(:func:`coverage.forms.fields.secondary_keys_for`), so a field the page does not show never blocks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from coverage.engine.care import Accumulators
from coverage.engine.course_estimate import YearToDateError, check_year_to_date
from coverage.engine.plans import PayerType, Plan
from coverage.engine.secondary import CoordinationMethod, Secondary, medicaid_secondary, medigap_plan_g
from coverage.forms.field_reading import Problems, validated
from coverage.forms.fields import SECONDARY_ACCUMULATOR_FIELDS, SECONDARY_METHOD, SECONDARY_PLAN_FIELDS
from coverage.forms.request import MEDICAID, MEDIGAP_G, NO_SECONDARY, OWN_PLAN, OWN_SECONDARY_TEMPLATE

WHICH = "the second plan's"


def read_secondary(
    choice: str,
    values: Mapping[str, Any],
    plans: Sequence[Plan],
    *,
    primary: Plan | None,
    primary_so_far: Accumulators | None,
    problems: Problems,
) -> Secondary | None:
    """The second insurance the form describes, or None for none (or when a field is wrong: see ``problems``)."""
    if choice == NO_SECONDARY:
        return None
    if choice == MEDICAID:
        return medicaid_secondary()
    if choice == MEDIGAP_G:
        if primary is not None and primary.payer_type is not PayerType.MEDICARE:
            problems.append(("secondary", "Medigap Plan G pays only after Original Medicare: pick that as your plan"))
            return None
        return None if primary is None else medigap_plan_g(primary, primary_so_far)
    plan = _second_plan(choice, values, plans, problems)
    method = _method(values.get(SECONDARY_METHOD), problems)
    keys = {name: f"secondary_{name}" for name in SECONDARY_ACCUMULATOR_FIELDS}
    so_far = validated(Accumulators, values, keys, problems)
    if plan is None or method is None or so_far is None:
        return None
    before = len(problems)
    for name in SECONDARY_ACCUMULATOR_FIELDS:  # each checked alone, so the message sits by its own field
        try:
            figures = Accumulators.model_validate({name: getattr(so_far, name)})
            check_year_to_date(plan, figures, which=WHICH, advise=True)
        except YearToDateError as exc:
            problems.append((f"secondary_{name}", str(exc)))
    return None if len(problems) > before else Secondary(plan=plan, method=method, accumulators=so_far)


def _second_plan(choice: str, values: Mapping[str, Any], plans: Sequence[Plan], problems: Problems) -> Plan | None:
    if choice == OWN_PLAN:
        keys = {name: f"secondary_{name}" for name in SECONDARY_PLAN_FIELDS}
        return validated(Plan, {**_template_values(), **values}, {**_TEMPLATE_KEYS, **keys}, problems)
    plan = next((plan for plan in plans if plan.plan_id == choice), None)
    if plan is None:
        problems.append(("secondary", "is not in the plan list: pick another second insurance"))
    return plan


#: The template's other fields, under keys no form field uses, so only the typed numbers change.
_TEMPLATE_KEYS = {name: f"_secondary_template_{name}" for name in ("plan_id", "plan_name", "payer_type")}


def _template_values() -> dict[str, Any]:
    return {key: getattr(OWN_SECONDARY_TEMPLATE, name) for name, key in _TEMPLATE_KEYS.items()}


def _method(value: Any, problems: Problems) -> CoordinationMethod | None:
    try:
        return CoordinationMethod(value)
    except ValueError:
        problems.append((SECONDARY_METHOD, "pick how the second plan pays"))
        return None
