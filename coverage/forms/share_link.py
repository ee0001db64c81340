"""A link that reproduces an estimate: the scenario in the URL's query parameters.

Parameters: ``plan`` (a plan_id, or ``_own`` for a plan entered by hand); any plans.csv
column (overrides that field of the plan; blank means "not set"); ``start``
(YYYY-MM-DD); ``in_network`` (true or false; absent: in network); ``medicare_participation``
(``participating`` or ``non_participating``) and ``accepts_medicaid`` (true or false), how the clinic
stands with Original Medicare and Medicaid (absent: participating, accepts); ``ot`` and ``pt`` as
``<visits per week>x<weeks>`` (absent or blank: that therapy is off); ``ot_rate``,
``pt_rate``, ``ot_eval``, ``pt_eval`` (blank: no evaluation), ``ot_self_pay``,
``pt_self_pay`` (blank: the visit's own rate), ``ot_billed``, ``pt_billed`` (the clinic's
billed charge; blank: the visit rate); the codes of visits priced from them, the locality and joint
sessions (``pt_services``, ``pt_eval_services``, ``locality``, ...: see :mod:`coverage.forms.link_pricing`);
any :class:`~coverage.engine.care.Accumulators` field; and
the second insurance: ``secondary`` (``_medigap_g``, ``_medicaid``, a plan_id or ``_own``),
``secondary_method`` and the ``secondary_*`` fields of
:data:`coverage.forms.fields.SECONDARY_KEYS`. Parameters the link does not give take
the first-time defaults; parameters it does not know (``utm_source``, ``plan_id``)
are ignored. Every value goes through the same checks as the form, so a link can
never produce an estimate the form would refuse.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from coverage.catalog.rows import cell_text
from coverage.engine.plans import DISCIPLINES, Plan
from coverage.forms.estimate_form import FormError, read_form
from coverage.forms.fields import (
    ACCUMULATOR_FIELDS,
    ACCUMULATOR_MONEY,
    CLINIC_KEYS,
    PLAN_COUNTS,
    PLAN_FIELDS,
    PLAN_SWITCHES,
    SECONDARY,
    SECONDARY_KEYS,
    SECONDARY_METHOD,
    course_key,
    form_values,
    secondary_form_values,
    secondary_keys_for,
)
from coverage.forms.link_pricing import PRICING_PARAMS, pricing_link_params, pricing_link_values
from coverage.forms.request import NO_SECONDARY, OWN_PLAN_TEMPLATE, EstimateRequest, base_plan, default_request

COURSE_PARAMS = tuple(f"{d.lower()}_{suffix}" for d in DISCIPLINES for suffix in ("rate", "eval", "self_pay", "billed"))
#: Every parameter a share link may carry.
LINK_PARAMS = frozenset(
    (
        "plan",
        "start",
        "in_network",
        *CLINIC_KEYS,
        "ot",
        "pt",
        *COURSE_PARAMS,
        *PLAN_FIELDS,
        *ACCUMULATOR_FIELDS,
        *SECONDARY_KEYS,
        *PRICING_PARAMS,
    )
)
#: No value in a link is longer than this (the longest field, a plan's notes, allows 500 characters).
MAX_VALUE_LENGTH = 500

_COURSE_SIZE = re.compile(r"([0-9]{1,2})[xX]([0-9]{1,3})")
_WHOLE_NUMBER = re.compile(r"[0-9]{1,6}")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SWITCH = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


#: Form keys that a link spells differently, for messages about a link.
_LINK_NAMES = {"start_date": "start"} | {
    course_key(d, field): f"{d.lower()} ({words})"
    for d in DISCIPLINES
    for field, words in (("visits_per_week", "visits a week"), ("weeks", "weeks"))
}


class ShareLinkError(ValueError):
    """A link whose parameters do not make an estimate: tampered with, cut short, or from another catalog."""


def is_share_link(params: Mapping[str, str]) -> bool:
    """True when ``params`` carry at least one share-link parameter (an empty address is not a link)."""
    return any(name in LINK_PARAMS for name in params)


def single_values(params: Mapping[str, Sequence[str]], known: frozenset[str] = LINK_PARAMS) -> dict[str, str]:
    """Each parameter's one value (``params``: every value an address gives each name, as a browser sends them).

    Raises :class:`ShareLinkError` when a parameter in ``known`` is given more than once
    (``plan=a&plan=b``): which one was meant cannot be told, so neither is taken (issue 16). Unknown
    parameters keep their last value, as they are ignored anyway.
    """
    repeated = [name for name, values in params.items() if name in known and len(values) > 1]
    if repeated:
        named = ", ".join(f"{name} ({len(params[name])} times)" for name in repeated)
        raise ShareLinkError(f"a link gives each value once, but it repeats {named}")
    return {name: values[-1] for name, values in params.items() if values}


def parse_share_link(params: Mapping[str, str], plans: Sequence[Plan], *, today: date) -> EstimateRequest:
    """The estimate request the link describes. Raises :class:`ShareLinkError` saying what is wrong."""
    for name, value in params.items():
        if name in LINK_PARAMS and len(value) > MAX_VALUE_LENGTH:
            raise ShareLinkError(f"{name}: is longer than {MAX_VALUE_LENGTH} characters")
    first = default_request(plans, today)
    choice = params.get("plan", first.plan_choice)
    plan = base_plan(choice, plans)
    if plan is None:
        raise ShareLinkError(f"plan: '{_shorten(choice)}' is not in this plan list")
    values = form_values(first.model_copy(update={"plan_choice": choice, "plan": plan}))
    for name in PLAN_FIELDS:
        if name in params:
            values[name] = _plan_value(name, params[name])
    if "start" in params:
        values["start_date"] = _day(params["start"])
    values |= _network_and_clinic(params)
    for discipline in DISCIPLINES:
        size = params.get(discipline.lower(), "").strip()
        values[discipline.lower()] = bool(size)
        if size:
            values[course_key(discipline, "visits_per_week")], values[course_key(discipline, "weeks")] = _size(
                discipline.lower(), size
            )
    values.update({name: params[name] for name in COURSE_PARAMS if name in params})
    pricing_link_values(params, values, lambda name, text: _count(name, text, blank=True))
    for name in ACCUMULATOR_FIELDS:
        if name in params:
            values[name] = params[name] if name in ACCUMULATOR_MONEY else _count(name, params[name], blank=False)
    values.update({name: params[name] for name in SECONDARY_KEYS if name in params})
    try:
        return read_form(values, plans)
    except FormError as exc:
        raise ShareLinkError("; ".join(f"{_LINK_NAMES.get(k, k)}: {message}" for k, message in exc.problems)) from None


def _network_and_clinic(params: Mapping[str, str]) -> dict[str, Any]:
    """The link's answers about the network and the clinic (Medicare participation, Medicaid), as form values."""
    values: dict[str, Any] = {}
    for name in ("in_network", "accepts_medicaid"):
        if name in params:
            values[name] = _switch(name, params[name])
    if "medicare_participation" in params:
        values["medicare_participation"] = params["medicare_participation"].strip()
    return values


def share_link_params(request: EstimateRequest, plans: Sequence[Plan]) -> dict[str, str]:
    """The query parameters that reproduce ``request``: plan fields only where they differ from the catalog's."""
    params = {"plan": request.plan_choice}
    for discipline in DISCIPLINES:
        course = request.care.course(discipline)
        if course is not None:
            params[discipline.lower()] = f"{course.visits_per_week}x{course.weeks}"
    params["start"] = request.care.start_date.isoformat()
    if not request.care.in_network:
        params["in_network"] = "false"
    if request.care.medicare_participation != "participating":
        params["medicare_participation"] = request.care.medicare_participation.value
    if not request.care.accepts_medicaid:
        params["accepts_medicaid"] = "false"
    for discipline in DISCIPLINES:
        course = request.care.course(discipline)
        if course is not None:
            typed = course.visit_rate is not None  # else priced from its codes: no rate to write
            for field in ("visit_rate", "eval_rate", "self_pay_rate", "billed_rate"):
                value = getattr(course, field)
                if value is not None or (field == "eval_rate" and typed):  # a blank evaluation: "none", not the default
                    params[course_key(discipline, field)] = cell_text(value)
    params |= pricing_link_params(request.care)
    base = base_plan(request.plan_choice, plans) or OWN_PLAN_TEMPLATE
    params.update(
        {name: cell_text(getattr(request.plan, name)) for name in PLAN_FIELDS if _differs(request.plan, base, name)}
    )
    for name in ACCUMULATOR_FIELDS:
        if getattr(request.accumulators, name):
            params[name] = cell_text(getattr(request.accumulators, name))
    return params | _secondary_params(request)


def _secondary_params(request: EstimateRequest) -> dict[str, str]:
    """The second insurance: its choice and method, and the fields that apply where they differ from the blank form."""
    if request.secondary is None:
        return {}
    shown = secondary_form_values(request)
    blank = secondary_form_values(request.model_copy(update={"secondary_choice": NO_SECONDARY, "secondary": None}))
    return {
        key: str(shown[key])
        for key in secondary_keys_for(request.secondary_choice)
        if key in (SECONDARY, SECONDARY_METHOD) or shown[key] != blank[key]
    }


def _differs(plan: Plan, base: Plan, name: str) -> bool:
    return bool(getattr(plan, name) != getattr(base, name))


def _switch(name: str, text: str) -> bool:
    switch = _SWITCH.get(text.strip().lower())
    if switch is None:
        raise ShareLinkError(f"{name}: write true or false")
    return switch


def _plan_value(name: str, text: str) -> Any:
    if name in PLAN_SWITCHES:
        return _switch(name, text)
    if name in PLAN_COUNTS:
        return _count(name, text, blank=True)
    return text


def _count(name: str, text: str, *, blank: bool) -> int | None:
    if blank and not text.strip():
        return None
    if not _WHOLE_NUMBER.fullmatch(text.strip()):
        raise ShareLinkError(f"{name}: '{_shorten(text)}' is not a whole number")
    return int(text.strip())


def _size(name: str, text: str) -> tuple[int, int]:
    match = _COURSE_SIZE.fullmatch(text)
    if match is None:
        raise ShareLinkError(f"{name}: write visits a week x weeks, such as 2x8, not '{_shorten(text)}'")
    return int(match.group(1)), int(match.group(2))


def _day(text: str) -> date:
    try:
        if not _DAY.fullmatch(text.strip()):
            raise ValueError
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ShareLinkError(f"start: '{_shorten(text)}' is not a date as YYYY-MM-DD") from None


def _shorten(text: str) -> str:
    return text if len(text) <= 20 else text[:20] + "…"
