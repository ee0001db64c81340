"""Read a limitation line (EB01 ``F``) in visits: the limit, the visits left, the visits used.

The number is EB10 when EB09 is ``VS`` (visits) or ``99`` (quantity used), or HSD02 when HSD01 is
``VS``. Its period decides what it is: per plan year (EB06/HSD05 blank, 21, 22, 23, 25) the limit,
29 the visits remaining, 24 (or EB09 ``99``) the visits used. Days, weeks and months are not a
plan year's visits and are not read. A line naming several therapies is read as shared only when a
message on it says so ("combined", "total"), as each therapy's own when it says "each"; otherwise
the reader does not guess and the line is reported.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from coverage.eligibility import codes, messages
from coverage.eligibility.benefits import BenefitLine, Figure, Network, Quantity
from coverage.eligibility.loop_tree import Loop
from coverage.engine.plans import MAX_VISITS

_OWN = {"limit": Quantity.VISIT_LIMIT, "left": Quantity.VISITS_LEFT, "used": Quantity.VISITS_USED}
_SHARED = {"limit": Quantity.SHARED_VISIT_LIMIT, "left": Quantity.SHARED_VISITS_LEFT}
_UNITS = frozenset({"", codes.VISITS, "YR"})


class LineNotReadError(Exception):
    """A benefit line whose figures cannot be read without guessing; the message says why."""


class AmbiguousLimitError(LineNotReadError):
    """A visit limit naming several therapies without saying whether they share it: staff must ask."""


def visit_figures(
    loop: Loop, line: BenefitLine, therapies: list[str], network: Network
) -> tuple[tuple[Figure, ...], tuple[str, ...]]:
    """The visit figures of a limitation loop for ``therapies``, and the problems to report.

    Raises :class:`LineNotReadError` (caught by the line reader as "nothing read") for days, dollar
    limits and periods that are not a plan year, :class:`AmbiguousLimitError` for a limit of several
    therapies that does not say whether they share it.
    """
    counts = _counts(loop)
    if not counts or not therapies:
        return (), ()
    if len(therapies) > 1:
        shared = any(messages.says_combined(m) for m in line.messages)
        each = any(messages.says_each(m) for m in line.messages)
        if shared == each:
            named = " and ".join(codes.service_words(t) for t in therapies)
            raise AmbiguousLimitError(f"the visit limit names {named} together without saying whether they share it")
        if shared:
            return _make(counts, _SHARED, therapies, network, line), ()
    return _make(counts, _OWN, therapies, network, line), ()


def _make(
    counts: list[tuple[str, int]], names: dict[str, Quantity], therapies: list[str], network: Network, line: BenefitLine
) -> tuple[Figure, ...]:
    figures = []
    for kind, visits in counts:
        if kind not in names:
            raise LineNotReadError("visits used of a shared limit are read from the limit and what is left")
        figures += [
            Figure(quantity=names[kind], service_type=t, network=network, value=visits, line=line) for t in therapies
        ]
    return tuple(figures)


def _counts(loop: Loop) -> list[tuple[str, int]]:
    """(``limit`` | ``left`` | ``used``, visits) for EB09/EB10 and each HSD of the loop."""
    eb = loop.segments[0]
    found: list[tuple[str, int]] = []
    qualifier = eb.element(9)
    if qualifier in {codes.VISITS, codes.QUANTITY_USED}:
        kind = "used" if qualifier == codes.QUANTITY_USED else _kind(eb.element(6))
        found.append((kind, _visits(eb.element(10))))
    elif qualifier:
        raise LineNotReadError(f"a limit counted in {_unit(qualifier)}, not visits")
    for hsd in loop.all("HSD"):
        if hsd.element(1) != codes.VISITS:
            raise LineNotReadError(f"a limit counted in {_unit(hsd.element(1))}, not visits")
        if hsd.element(3) not in _UNITS:
            raise LineNotReadError(f"a limit per {hsd.element(4) or 1} {_unit(hsd.element(3))}, not per plan year")
        found.append((_kind(hsd.element(5)), _visits(hsd.element(2))))
    if not found and eb.element(7):
        raise LineNotReadError("a dollar limit: the plans file has visit limits only")
    return found


def _kind(period: str) -> str:
    if period in codes.PLAN_YEAR_PERIODS:
        return "limit"
    if period == codes.REMAINING:
        return "left"
    if period == codes.YEAR_TO_DATE:
        return "used"
    raise LineNotReadError(f"a visit limit per {codes.period_words(period)}, not per plan year")


def _visits(text: str) -> int:
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = Decimal(-1)
    if not number.is_finite() or number != number.to_integral_value() or not 0 <= number <= MAX_VISITS:
        raise LineNotReadError(f"the number of visits {text!r} is not a whole number from 0 to {MAX_VISITS}")
    return int(number)


def _unit(code: str) -> str:
    return {"DY": "days", "DA": "days", "HS": "hours", "WK": "weeks", "MO": "months", "YR": "years"}.get(
        code, f"units {code!r}"
    )
