"""A visit as service codes with units, and the notation people type them in: ``97110x2,97140``.

The notation, one service per comma:

* ``CODE`` - five digits or capital letters (CPT ``97110``, HCPCS ``G0283``), one unit;
* ``CODExN`` - ``N`` units, 1 to :data:`MAX_UNITS` (``97110x2``; ``X`` works too);
* ``CODE-MOD`` or ``CODE-MODxN`` - with a two-character modifier (``97110-CQ``, ``97110-CQx2``).
  ``CQ`` and ``CO`` mark a service by a physical or occupational therapy assistant.

Letters may be typed in lower case; spaces around the parts are ignored. The same code and modifier
given twice are added into one service (CMS wants a timed code on one line per day), in the place
of its first mention. A part that cannot be read raises :class:`ServiceNotationError` naming it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

#: The therapies a day's services come from; the multiple procedure reduction spans all three.
Therapy = Literal["PT", "OT", "SLP"]
THERAPIES: tuple[Therapy, ...] = ("PT", "OT", "SLP")

#: At most this many units of one code in a day: six hours of 15-minute units.
MAX_UNITS = 24
#: Modifiers for a service furnished in whole or part by a PT assistant (CQ) or OT assistant (CO).
ASSISTANT_MODIFIERS: dict[str, Therapy] = {"CQ": "PT", "CO": "OT"}


class FeeScheduleError(ValueError):
    """A visit that cannot be priced from the chosen fee schedule (the message says why)."""


class ServiceNotationError(FeeScheduleError):
    """Service codes written in a way that cannot be read, such as ``97110y2``."""


#: A billing code (CPT, HCPCS) and a modifier, as written everywhere a code is read (``fullmatch``).
CODE = re.compile(r"[0-9A-Z]{5}")
MODIFIER = re.compile(r"[0-9A-Z]{2}")


class Service(BaseModel):
    """One billed service of a visit: a code, its units and its modifier (blank when none)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str = Field(pattern=r"^[0-9A-Z]{5}$")
    units: int = Field(default=1, ge=1, le=MAX_UNITS)
    modifier: str = Field(default="", pattern=r"^([0-9A-Z]{2})?$")

    @property
    def by_assistant(self) -> bool:
        """Whether the modifier says a therapy assistant furnished it (CQ or CO)."""
        return self.modifier in ASSISTANT_MODIFIERS

    def __str__(self) -> str:
        units = f"x{self.units}" if self.units != 1 else ""
        return f"{code_label(self.code, self.modifier)}{units}"


def code_label(code: str, modifier: str = "") -> str:
    """The code as billed: ``'97110'``, or ``'97110-CQ'`` with a modifier."""
    return f"{code}-{modifier}" if modifier else code


def _parts(part: str) -> tuple[str, str | None, str | None]:
    """Split ``97110-CQX2`` into code, modifier and units text (None when absent)."""
    head, dash, tail = part.partition("-")
    if dash:
        return (head, tail[:2], tail[3:]) if tail[2:3] == "X" else (head, tail, None)
    if head[5:6] == "X":
        return head[:5], None, head[6:]
    code, x, units = head.partition("X")
    return code, None, units if x else None


def parse_service(text: str) -> Service:
    """One service such as ``97110x2`` or ``97110-CQ``; raises :class:`ServiceNotationError` naming the bad part."""
    shown = text.strip()
    code, modifier, units = (piece.strip() if piece is not None else None for piece in _parts(shown.upper()))
    if not code or not CODE.fullmatch(code):
        raise ServiceNotationError(f"'{shown}': the code '{code}' is not five digits or letters, such as 97110")
    if modifier is not None and not MODIFIER.fullmatch(modifier):
        raise ServiceNotationError(f"'{shown}': the modifier '{modifier}' is not two digits or letters, such as CQ")
    if units is not None and (not units.isdigit() or not 1 <= int(units) <= MAX_UNITS):
        raise ServiceNotationError(f"'{shown}': the units '{units}' are not a whole number from 1 to {MAX_UNITS}")
    return Service(code=code, modifier=modifier or "", units=int(units) if units else 1)


def parse_services(text: str) -> tuple[Service, ...]:
    """The services of ``97110x2,97140``, in order; a blank text is no services.

    Raises :class:`ServiceNotationError` naming the first part that cannot be read, or when one
    code adds up to more than :data:`MAX_UNITS` units.
    """
    if not text.strip():
        return ()
    parts = text.split(",")
    if any(not part.strip() for part in parts):
        raise ServiceNotationError(f"'{text.strip()}' has an empty part between commas")
    return merge_services(parse_service(part) for part in parts)


def merge_services(services: Iterable[Service]) -> tuple[Service, ...]:
    """Add the units of repeated code-and-modifier pairs into their first mention."""
    merged: dict[tuple[str, str], int] = {}
    for service in services:
        key = (service.code, service.modifier)
        merged[key] = merged.get(key, 0) + service.units
        if merged[key] > MAX_UNITS:
            raise ServiceNotationError(f"{service.code} adds up to {merged[key]} units; at most {MAX_UNITS} a day")
    return tuple(Service(code=code, modifier=modifier, units=units) for (code, modifier), units in merged.items())


def format_services(services: Iterable[Service]) -> str:
    """The notation of ``services``: the inverse of :func:`parse_services`."""
    return ",".join(str(service) for service in services)


def with_assistant(services: Iterable[Service], therapy: Therapy) -> tuple[Service, ...]:
    """The services marked as furnished by ``therapy``'s assistant (CQ for PT, CO for OT).

    Speech-language pathology has no assistant modifier under Medicare, so it raises
    :class:`ServiceNotationError`; a service already carrying another modifier keeps it.
    """
    modifier = next((mod for mod, of in ASSISTANT_MODIFIERS.items() if of == therapy), None)
    if modifier is None:
        raise ServiceNotationError(f"Medicare has no assistant modifier for {therapy}: only CQ (PT) and CO (OT)")
    return tuple(s if s.modifier else s.model_copy(update={"modifier": modifier}) for s in services)
