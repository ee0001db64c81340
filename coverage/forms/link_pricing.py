"""How the share link carries visits priced from their codes, the locality and joint PT and OT sessions.

Parameters (each therapy ``pt`` or ``ot``):

* ``pt_services`` - a regular visit's codes in the notation ``97110x2,97140``. Given, and with no
  ``pt_rate`` (or a blank one), the visits are priced from their codes; a link that also gives a
  ``pt_rate`` keeps the typed rate (it always wins), as every link before codes did.
* ``pt_eval_services`` - the evaluation's codes (``97162``; blank: no evaluation; absent: the
  therapy's typical evaluation codes).
* ``pt_minutes`` - minutes per timed code, ``97110=25,97140=15``; ``pt_visit_minutes`` - a regular
  visit's length in minutes (for the low / likely / high range).
* ``locality`` - Medicare's locality as ``<MAC>-<locality>`` (``10112-00``; absent: the clinic's).
* ``co_treatment_minutes`` and ``co_treatment_pt_minutes`` - a joint PT and OT session's minutes and
  PT's share of them (absent: no joint sessions).

A link with none of these reads exactly as before codes existed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from coverage.engine.billed_services import format_services
from coverage.engine.care import CarePlan
from coverage.engine.plans import DISCIPLINES
from coverage.forms.fields import PRICING, course_key
from coverage.forms.visit_codes import CO_TREATMENT, FROM_CODES, LOCALITY, TYPED_RATE, format_minutes, pricing_of

#: The link's parameters of a course priced from its codes, of each therapy.
CODE_PARAMS = tuple(
    f"{d.lower()}_{suffix}" for d in DISCIPLINES for suffix in ("services", "eval_services", "minutes", "visit_minutes")
)
SESSION_PARAMS = ("co_treatment_minutes", "co_treatment_pt_minutes")
#: Every pricing parameter a share link may carry.
PRICING_PARAMS = (*CODE_PARAMS, LOCALITY, *SESSION_PARAMS)


def link_prices_from_codes(params: Mapping[str, str], name: str) -> bool:
    """Whether a link's ``name`` course (``pt``, ``ot``) is priced from its codes: codes and no typed rate."""
    return f"{name}_services" in params and not params.get(f"{name}_rate", "").strip()


def pricing_link_values(
    params: Mapping[str, str], values: dict[str, Any], count: Callable[[str, str], int | None]
) -> None:
    """Put the link's pricing parameters into the form ``values`` (``count`` reads a whole number or blank)."""
    for discipline in DISCIPLINES:
        name = discipline.lower()
        from_codes = link_prices_from_codes(params, name)
        values[f"{name}_{PRICING}"] = FROM_CODES if from_codes else TYPED_RATE
        for field in ("services", "eval_services", "minutes"):
            if course_key(discipline, field) in params:
                values[course_key(discipline, field)] = params[course_key(discipline, field)]
        if f"{name}_visit_minutes" in params:
            values[f"{name}_visit_minutes"] = count(f"{name}_visit_minutes", params[f"{name}_visit_minutes"])
        if from_codes:
            values[course_key(discipline, "visit_rate")] = values[course_key(discipline, "eval_rate")] = ""
    if LOCALITY in params:
        values[LOCALITY] = params[LOCALITY]
    if any(name in params for name in SESSION_PARAMS):
        values[CO_TREATMENT] = True
        for name in SESSION_PARAMS:
            values[name] = count(name, params.get(name, ""))


def pricing_link_params(care: CarePlan) -> dict[str, str]:
    """The pricing parameters that reproduce ``care``: the codes of each course priced from them, and so on."""
    params: dict[str, str] = {}
    for discipline in DISCIPLINES:
        course = care.course(discipline)
        if course is None or pricing_of(course) != FROM_CODES:
            continue
        name = discipline.lower()
        params[f"{name}_services"] = format_services(course.services)
        params[f"{name}_eval_services"] = format_services(course.eval_services)  # blank: none, not the default
        if course.minutes:
            params[f"{name}_minutes"] = format_minutes(course.minutes)
        if course.visit_minutes is not None:
            params[f"{name}_visit_minutes"] = str(course.visit_minutes)
    if care.medicare_locality:
        params[LOCALITY] = care.medicare_locality
    if care.co_treatment is not None:
        params["co_treatment_minutes"] = str(care.co_treatment.minutes)
        params["co_treatment_pt_minutes"] = str(care.co_treatment.pt_minutes)
    return params
