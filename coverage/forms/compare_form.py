"""The Compare plans page's form and its link: a plan of care, the year so far, how many plans, which order.

The page keeps one value per field under a ``cmp_`` key (text for money, whole numbers for counts);
:func:`read_compare_form` reads them into a :class:`CompareRequest` or raises
:class:`~coverage.forms.estimate_form.FormError` naming each wrong field, and
:func:`compare_form_values` is its inverse. The address carries the same request
(:func:`compare_link_params`, :func:`parse_compare_link`) with the estimate link's parameter names
(``start``, ``pt=2x8``, ``pt_rate``, ``pt_eval``, ``pt_self_pay``, or for visits priced from their codes
``pt_services`` and ``pt_eval_services``, the OT ones, ``deductible_met``,
``oop_met``, ``pt_visits_used``, ``ot_visits_used``, ``other_pool_visits_used``) and two of its own:
``top`` (how many plans are listed) and ``order`` (``course`` or ``year``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from coverage.catalog.rows import cell_text
from coverage.engine.billed_services import ServiceNotationError, format_services, parse_services
from coverage.engine.care import EARLIEST_START, LATEST_START, Accumulators, CarePlan
from coverage.engine.money import MoneyError, parse_money
from coverage.engine.plans import DISCIPLINES
from coverage.engine.validation import field_problems
from coverage.engine.year_cost import RankOrder
from coverage.forms.estimate_form import FormError
from coverage.forms.link_pricing import link_prices_from_codes, pricing_link_params
from coverage.forms.request import default_codes, default_course, default_start
from coverage.forms.share_link import ShareLinkError
from coverage.forms.visit_codes import FROM_CODES, TYPED_RATE, pricing_of, read_locality

MAX_TOP = 100
_COURSE = {"visits_per_week": "per_week", "weeks": "weeks", "visit_rate": "rate", "eval_rate": "eval"}
_COURSE |= {"self_pay_rate": "self_pay", "services": "services", "eval_services": "eval_services"}
#: Read only when the visits are priced from their codes (``cmp_pt_pricing``), and only when the rate is typed.
_CODES, _RATES = ("services", "eval_services"), ("visit_rate", "eval_rate")
_SO_FAR_MONEY = ("deductible_met", "oop_met")
_SO_FAR_COUNTS = ("pt_visits_used", "ot_visits_used", "other_pool_visits_used")
_SIZE = re.compile(r"([0-9]{1,2})[xX]([0-9]{1,3})")
#: Every parameter a compare link may carry.
COMPARE_PARAMS = frozenset(
    (
        "start",
        "top",
        "order",
        *(d.lower() for d in DISCIPLINES),
        *(f"{d.lower()}_{s}" for d in DISCIPLINES for s in ("rate", "eval", "self_pay", "services", "eval_services")),
        *_SO_FAR_MONEY,
        *_SO_FAR_COUNTS,
    )
)


class CompareRequest(BaseModel):
    """What the Compare plans page ranks: the care, the figures so far, how many plans to list, in which order."""

    model_config = ConfigDict(frozen=True)

    care: CarePlan
    so_far: Accumulators = Accumulators()
    top: int = Field(default=10, ge=1, le=MAX_TOP)
    order: RankOrder = RankOrder.COURSE


def default_compare_request(today: date) -> CompareRequest:
    """The estimate page's first course: next Monday, PT twice a week for 8 weeks at the default rates."""
    return CompareRequest(care=CarePlan(start_date=default_start(today), pt=default_course("PT")))


def key(name: str) -> str:
    """The page's session-state key for field ``name``: ``cmp_start``, ``cmp_pt_rate``, ``cmp_top``."""
    return f"cmp_{name}"


def compare_form_values(request: CompareRequest) -> dict[str, Any]:
    """The value of every ``cmp_`` field that shows ``request`` (a course that is off keeps its defaults)."""
    values: dict[str, Any] = {key("start"): request.care.start_date, key("top"): request.top}
    values[key("order")] = request.order.value
    values[key("locality")] = request.care.medicare_locality or ""
    for discipline in DISCIPLINES:
        course = request.care.course(discipline) or default_course(discipline)
        name = discipline.lower()
        values[key(f"{name}_on")] = request.care.course(discipline) is not None
        values[key(f"{name}_pricing")] = pricing = pricing_of(course)
        for field, suffix in _COURSE.items():
            value = getattr(course, field)
            if field in _CODES:
                typical = default_codes(discipline, evaluation=field == "eval_services")
                values[key(f"{name}_{suffix}")] = format_services(value) if pricing == FROM_CODES else typical
            else:
                values[key(f"{name}_{suffix}")] = value if isinstance(value, int) else cell_text(value)
    for name in _SO_FAR_MONEY:
        values[key(name)] = f"{getattr(request.so_far, name):.2f}"
    for name in _SO_FAR_COUNTS:
        values[key(name)] = getattr(request.so_far, name)
    return values


def read_compare_form(values: Mapping[str, Any]) -> CompareRequest:
    """The request the ``cmp_`` fields describe. Raises :class:`FormError` with a message under each wrong key."""
    problems: list[tuple[str, str]] = []
    start = values.get(key("start"))
    if not isinstance(start, date) or not EARLIEST_START <= start <= LATEST_START:
        problems.append((key("start"), f"pick a date from {EARLIEST_START:%d %b %Y} to {LATEST_START:%d %b %Y}"))
    courses = {
        d.lower(): _course(d.lower(), values, problems) for d in DISCIPLINES if values.get(key(f"{d.lower()}_on"))
    }
    if not courses:
        problems.append((key("care"), "turn on PT, OT or both to compare plans"))
    locality = None
    try:
        locality = read_locality(str(values.get(key("locality")) or ""))
    except ValueError as exc:
        problems.append((key("locality"), str(exc)))
    so_far: dict[str, Any] = {name: _money(key(name), values.get(key(name)), problems) for name in _SO_FAR_MONEY}
    so_far |= {name: values.get(key(name)) or 0 for name in _SO_FAR_COUNTS}
    fields = {"so_far": so_far, "top": values.get(key("top")), "order": values.get(key("order")) or "course"}
    if problems:
        raise FormError(problems)
    try:
        care = {"start_date": start, "medicare_locality": locality, **courses}
        return CompareRequest.model_validate({"care": care, **fields})
    except ValidationError as exc:
        raise FormError([(_key_of(where), message) for where, message in field_problems(exc)]) from None


def _key_of(where: str) -> str:
    """``so_far.pt_visits_used`` -> ``cmp_pt_visits_used``; ``care.pt.weeks`` -> ``cmp_pt_weeks``."""
    parts = where.split(".")
    if parts[0] == "care" and len(parts) == 3:  # care, discipline, field
        return key(f"{parts[1]}_{_COURSE.get(parts[2], parts[2])}")
    return key(parts[-1])


def _money(field: str, text: Any, problems: list[tuple[str, str]], *, blank: bool = False) -> Any:
    if blank and not str(text or "").strip():
        return None
    try:
        return parse_money(str(text or ""))
    except MoneyError as exc:
        problems.append((field, str(exc)))
        return None


def _course(name: str, values: Mapping[str, Any], problems: list[tuple[str, str]]) -> dict[str, Any]:
    """One course's fields as :class:`Course` takes them (amounts read from text; blank extras are none)."""
    read: dict[str, Any] = {}
    from_codes = values.get(key(f"{name}_pricing")) == FROM_CODES
    for field, suffix in _COURSE.items():
        value = values.get(key(f"{name}_{suffix}"))
        if field in (_RATES if from_codes else _CODES):
            continue
        if field in ("visits_per_week", "weeks"):
            read[field] = value
        elif field in _CODES:
            try:
                read[field] = parse_services(str(value or ""))
            except ServiceNotationError as exc:
                problems.append((key(f"{name}_{suffix}"), str(exc)))
        else:
            read[field] = _money(key(f"{name}_{suffix}"), value, problems, blank=field != "visit_rate")
    if from_codes and not read.get("services") and key(f"{name}_services") not in dict(problems):
        problems.append((key(f"{name}_services"), "give the codes of a regular visit, such as 97110x2,97140"))
    return read


def compare_link_params(request: CompareRequest) -> dict[str, str]:
    """The query parameters that reproduce ``request`` (figures so far only where not zero)."""
    params = {"start": request.care.start_date.isoformat()}
    for discipline in DISCIPLINES:
        course = request.care.course(discipline)
        if course is None:
            continue
        name = discipline.lower()
        params[name] = f"{course.visits_per_week}x{course.weeks}"
        if pricing_of(course) != FROM_CODES:  # codes: see pricing_link_params below
            params[f"{name}_rate"] = cell_text(course.visit_rate)
            params[f"{name}_eval"] = cell_text(course.eval_rate)  # blank: no evaluation, not the default one
        if course.self_pay_rate is not None:
            params[f"{name}_self_pay"] = cell_text(course.self_pay_rate)
    params |= {
        name: cell_text(getattr(request.so_far, name)) for name in _SO_FAR_MONEY if getattr(request.so_far, name)
    }
    params |= {name: str(getattr(request.so_far, name)) for name in _SO_FAR_COUNTS if getattr(request.so_far, name)}
    params |= pricing_link_params(request.care)  # the codes and the locality, in the estimate link's names
    params["top"] = str(request.top)
    if request.order is not RankOrder.COURSE:
        params["order"] = request.order.value
    return params


def parse_compare_link(params: Mapping[str, str], today: date) -> CompareRequest:
    """The request a compare link describes; absent parameters take the first-time values.

    Raises :class:`ShareLinkError` saying, in the link's own names, what cannot be used.
    """
    values = compare_form_values(default_compare_request(today))
    if "start" in params:
        try:
            values[key("start")] = date.fromisoformat(params["start"].strip())
        except ValueError:
            raise ShareLinkError("start: write a date as YYYY-MM-DD") from None
    _link_courses(params, values)
    values |= {key(name): params[name] for name in _SO_FAR_MONEY if name in params}
    for name in (*_SO_FAR_COUNTS, "top"):
        if name in params:
            if not params[name].strip().isdigit() or len(params[name].strip()) > 6:
                raise ShareLinkError(f"{name}: write a whole number")
            values[key(name)] = int(params[name])
    if "order" in params:
        values[key("order")] = params["order"]
    if "locality" in params:
        values[key("locality")] = params["locality"]
    try:
        return read_compare_form(values)
    except FormError as exc:
        raise ShareLinkError("; ".join(f"{k.removeprefix('cmp_')}: {m}" for k, m in exc.problems)) from None


def _link_courses(params: Mapping[str, str], values: dict[str, Any]) -> None:
    """Put the link's courses in ``values``: ``pt=2x8`` and its rates; naming one therapy turns the other off."""
    names_a_course = any(d.lower() in params for d in DISCIPLINES)  # then a therapy it does not name is off
    for discipline in DISCIPLINES:
        name = discipline.lower()
        size = params.get(name, "").strip()
        if names_a_course:
            values[key(f"{name}_on")] = bool(size)
        if size:
            match = _SIZE.fullmatch(size)
            if match is None:
                raise ShareLinkError(f"{name}: write visits a week x weeks, such as 2x8")
            values[key(f"{name}_per_week")], values[key(f"{name}_weeks")] = int(match[1]), int(match[2])
        for suffix in ("rate", "eval", "self_pay", "services", "eval_services"):
            if f"{name}_{suffix}" in params:
                values[key(f"{name}_{suffix}")] = params[f"{name}_{suffix}"]
        from_codes = link_prices_from_codes(params, name)
        values[key(f"{name}_pricing")] = FROM_CODES if from_codes else TYPED_RATE
