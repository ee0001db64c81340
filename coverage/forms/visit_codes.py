"""A visit's codes as the form holds them: the notation text, minutes per timed code, the pricing choice.

Each therapy's visit is priced one of two ways, chosen under ``<d>_pricing``:

* :data:`FROM_CODES` - from the codes of a regular visit (``<d>_services``, the notation of
  :mod:`coverage.engine.billed_services`: ``97110x2,97140``) and of its evaluation
  (``<d>_eval_services``; blank: no evaluation) under the plan's fee schedule; optionally with the
  minutes of each timed code (``<d>_minutes``: ``97110=25,97140=15``) and the visit's length
  (``<d>_visit_minutes``, for a low / likely / high range). The typed rates are not used (blank).
* :data:`TYPED_RATE` - from the rates typed by hand (``<d>_rate``, ``<d>_eval``), as before codes
  existed; a typed rate always wins, so the codes are then not read.

The locality (``locality``: ``<MAC>-<locality>``; blank: the clinic's, else Medicare's national
amounts) and joint PT and OT sessions (``co_treatment``, ``co_treatment_minutes``,
``co_treatment_pt_minutes``) belong to the plan of care.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from coverage.engine.billed_services import ServiceNotationError, parse_services
from coverage.engine.care import Course
from coverage.engine.pricing_settings import LOCALITY_ID

FROM_CODES, TYPED_RATE = "codes", "rate"
PRICING_CHOICES = (FROM_CODES, TYPED_RATE)
#: The plan of care's keys of the form about pricing (besides each course's).
LOCALITY, CO_TREATMENT = "locality", "co_treatment"
CO_TREATMENT_KEYS = (CO_TREATMENT, "co_treatment_minutes", "co_treatment_pt_minutes")
#: The most minutes of one visit (six hours), as :class:`~coverage.engine.care.Course` takes them.
MAX_VISIT_MINUTES = 360
_MINUTES_PART = re.compile(r"\s*(?P<code>[0-9A-Za-z]{5})\s*=\s*(?P<minutes>[0-9]{1,3})\s*")


def pricing_of(course: Course) -> str:
    """How ``course`` is priced: from its codes when it has no typed visit rate, else the typed rate."""
    return FROM_CODES if course.visit_rate is None else TYPED_RATE


def parse_minutes(text: str) -> tuple[tuple[str, int], ...]:
    """``97110=25,97140=15`` as code and minutes pairs, in order; blank is none.

    Raises :class:`ServiceNotationError` naming the part that cannot be read or a code given twice.
    """
    if not text.strip():
        return ()
    pairs: dict[str, int] = {}
    for part in text.split(","):
        match = _MINUTES_PART.fullmatch(part)
        if match is None:
            raise ServiceNotationError(f"'{part.strip()}': write a timed code and its minutes, such as 97110=25")
        code, minutes = match["code"].upper(), int(match["minutes"])
        if minutes > MAX_VISIT_MINUTES:
            raise ServiceNotationError(f"{code}: {minutes} minutes is more than a visit's {MAX_VISIT_MINUTES}")
        if code in pairs:
            raise ServiceNotationError(f"{code} has minutes twice: give each code's minutes once")
        pairs[code] = minutes
    return tuple(pairs.items())


def format_minutes(pairs: Iterable[tuple[str, int]]) -> str:
    """The notation of code and minutes pairs: the inverse of :func:`parse_minutes`."""
    return ",".join(f"{code}={minutes}" for code, minutes in pairs)


def read_locality(text: str) -> str | None:
    """A typed locality ``10112-00``, or None for blank (the clinic's); ``ValueError`` for another shape."""
    value = text.strip()
    if not value:
        return None
    if not LOCALITY_ID.fullmatch(value):
        raise ValueError(f"'{value}' is not a Medicare locality as <MAC>-<locality>, such as 10112-00")
    return value


def codes_of(text: str) -> list[str]:
    """The codes the notation ``text`` names, in order (none when it cannot be read)."""
    try:
        return [service.code for service in parse_services(text)]
    except ServiceNotationError:
        return []


def with_codes(text: str, codes: Iterable[str]) -> str:
    """The notation for ``codes`` picked from a list, keeping the units (and modifiers) ``text`` gave them.

    A code newly picked gets one unit; a code no longer picked is dropped; the order is the picking order.
    ``text`` that cannot be read gives every picked code one unit.
    """
    try:
        kept = parse_services(text)
    except ServiceNotationError:
        kept = ()
    by_code = {service.code: service for service in kept}
    return ",".join(str(by_code[code]) if code in by_code else code for code in dict.fromkeys(codes))
