"""Which response figures fill which estimate field: the plans.csv columns and the figures so far.

Each rule names a field, the figures that fill it, and how. Money is Decimal and visits int.

- In-network fields take figures stated in network (EB12 Y), for both (W) or with no network
  said; the ``oon_*`` fields take figures stated out of network (N) or for both (W).
- ``deductible``/``oop_max`` (and the family ones) come from the plan's lines (service type 30)
  and from PT, OT or physical medicine lines; PT's own fields from PT lines, else physical
  medicine (AE); OT's from OT (AD) lines.
- A remaining figure (EB06 29) gives met = amount minus left; a year-to-date one (24) is met as stated.
- Visits used = limit minus visits left, or as stated (24 year to date).
- The used visits of a shared limit (its limit minus its visits left) whose split between therapies is
  not given go to ``other_pool_visits_used``, less any PT and OT visits used the response gives:
  the engine counts ``pt_visits_used + ot_visits_used + other_pool_visits_used`` against
  ``combined_visit_limit``, so the sum is right, and no therapy's own limit or authorization count
  is charged with visits that may not be its own.
- ``auth_after_visits``: 0 for EB11 Y (from the first visit), N for a message "after N visits".
- ``oon_covered`` is true when a PT or OT co-payment or co-insurance is stated out of network (N).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

from coverage.eligibility import codes
from coverage.eligibility.benefits import SHARED_QUANTITIES, Figure, Level, Network, Quantity

_IN = frozenset({Network.IN, Network.BOTH, Network.UNSTATED})
_OUT = frozenset({Network.OUT, Network.BOTH})
_PLAN = (codes.PLAN_COVERAGE, codes.PHYSICAL_THERAPY, codes.OCCUPATIONAL_THERAPY, codes.PHYSICAL_MEDICINE)
_PT = (codes.PHYSICAL_THERAPY, codes.PHYSICAL_MEDICINE)  # PT's own first; physical medicine when PT says nothing
_OT = (codes.OCCUPATIONAL_THERAPY,)
_POOL = tuple(sorted(codes.THERAPY_TYPES))

#: Plan fields: (plans.csv column, quantity, level, service types in order of preference, networks).
_PLAN_RULES: tuple[tuple[str, Quantity, Level, tuple[str, ...], frozenset[Network]], ...] = (
    ("deductible", Quantity.DEDUCTIBLE, Level.INDIVIDUAL, _PLAN, _IN),
    ("oop_max", Quantity.OOP_MAX, Level.INDIVIDUAL, _PLAN, _IN),
    ("family_deductible", Quantity.DEDUCTIBLE, Level.FAMILY, _PLAN, _IN),
    ("family_oop_max", Quantity.OOP_MAX, Level.FAMILY, _PLAN, _IN),
    ("pt_copay", Quantity.COPAY, Level.INDIVIDUAL, _PT, _IN),
    ("ot_copay", Quantity.COPAY, Level.INDIVIDUAL, _OT, _IN),
    ("pt_coinsurance_pct", Quantity.COINSURANCE_PCT, Level.INDIVIDUAL, _PT, _IN),
    ("ot_coinsurance_pct", Quantity.COINSURANCE_PCT, Level.INDIVIDUAL, _OT, _IN),
    ("pt_visit_limit", Quantity.VISIT_LIMIT, Level.INDIVIDUAL, _PT, _IN),
    ("ot_visit_limit", Quantity.VISIT_LIMIT, Level.INDIVIDUAL, _OT, _IN),
    ("combined_visit_limit", Quantity.SHARED_VISIT_LIMIT, Level.INDIVIDUAL, _POOL, _IN),
    ("auth_after_visits", Quantity.AUTH_AFTER_VISITS, Level.INDIVIDUAL, (*_PT, *_OT), _IN),
    ("referral_required", Quantity.REFERRAL_REQUIRED, Level.INDIVIDUAL, (*_PT, *_OT), _IN),
    ("oon_deductible", Quantity.DEDUCTIBLE, Level.INDIVIDUAL, _PLAN, _OUT),
    ("oon_oop_max", Quantity.OOP_MAX, Level.INDIVIDUAL, _PLAN, _OUT),
    ("oon_pt_copay", Quantity.COPAY, Level.INDIVIDUAL, _PT, _OUT),
    ("oon_ot_copay", Quantity.COPAY, Level.INDIVIDUAL, _OT, _OUT),
    ("oon_pt_coinsurance_pct", Quantity.COINSURANCE_PCT, Level.INDIVIDUAL, _PT, _OUT),
    ("oon_ot_coinsurance_pct", Quantity.COINSURANCE_PCT, Level.INDIVIDUAL, _OT, _OUT),
)
#: What a figure so far is computed from: the amount, what is left of it, and what is met as stated.
_DEDUCTIBLE = (Quantity.DEDUCTIBLE, Quantity.DEDUCTIBLE_LEFT, Quantity.DEDUCTIBLE_MET)
_OOP = (Quantity.OOP_MAX, Quantity.OOP_LEFT, Quantity.OOP_MET)
_VISITS = (Quantity.VISIT_LIMIT, Quantity.VISITS_LEFT, Quantity.VISITS_USED)
#: Figures so far: (Accumulators field, amount/left/met quantities, level, service types, networks).
_SO_FAR_RULES: tuple[
    tuple[str, tuple[Quantity, Quantity, Quantity], Level, tuple[str, ...], frozenset[Network]], ...
] = (
    ("deductible_met", _DEDUCTIBLE, Level.INDIVIDUAL, _PLAN, _IN),
    ("oop_met", _OOP, Level.INDIVIDUAL, _PLAN, _IN),
    ("pt_visits_used", _VISITS, Level.INDIVIDUAL, _PT, _IN),
    ("ot_visits_used", _VISITS, Level.INDIVIDUAL, _OT, _IN),
    ("family_deductible_met", _DEDUCTIBLE, Level.FAMILY, _PLAN, _IN),
    ("family_oop_met", _OOP, Level.FAMILY, _PLAN, _IN),
    ("oon_deductible_met", _DEDUCTIBLE, Level.INDIVIDUAL, _PLAN, _OUT),
    ("oon_oop_met", _OOP, Level.INDIVIDUAL, _PLAN, _OUT),
)
POOL_FIELD = "other_pool_visits_used"


class Candidate(NamedTuple):
    """One value a field could take, where it came from, and the benefit lines (by position) it used."""

    field: str
    value: Decimal | int | bool
    source: str
    lines: frozenset[int]


def _chosen(figures: Iterable[Figure], quantity: Quantity, level: Level, types: tuple[str, ...],
            networks: frozenset[Network]) -> list[Figure]:  # fmt: skip
    """The figures of ``quantity`` for the first service type in ``types`` that has any."""
    found = [f for f in figures if f.quantity is quantity and f.level is level and f.network in networks]
    if types in (_PT, _OT):  # the therapy's own lines first; physical medicine only when PT's are silent
        for service_type in types:
            own = [f for f in found if f.service_type == service_type]
            if own:
                return own
        return []
    chosen = [f for f in found if f.service_type in types]
    if quantity in SHARED_QUANTITIES:  # a shared limit is one figure, however many therapies its line names
        return list({(f.line.position, f.message): f for f in reversed(chosen)}.values())[::-1]
    return chosen


def plan_candidates(figures: tuple[Figure, ...]) -> list[Candidate]:
    """Every value each plans.csv column could take from the response, with its source."""
    found = [
        Candidate(name, f.value, f.source, frozenset({f.line.position}))
        for name, quantity, level, types, networks in _PLAN_RULES
        for f in _chosen(figures, quantity, level, types, networks)
    ]
    out_of_network = [c for c in found if c.field.startswith(("oon_pt_", "oon_ot_")) and " out of network:" in c.source]
    found += [Candidate("oon_covered", True, c.source, c.lines) for c in out_of_network]
    return found


def so_far_candidates(figures: tuple[Figure, ...]) -> tuple[list[Candidate], list[str]]:
    """Every value each figure so far could take (met as stated, or amount minus left), and the problems."""
    found: list[Candidate] = []
    problems: list[str] = []
    for name, (amount_q, left_q, met_q), level, types, networks in _SO_FAR_RULES:
        found += [
            Candidate(name, f.value, f.source, frozenset({f.line.position}))
            for f in _chosen(figures, met_q, level, types, networks)
        ]
        amounts = _chosen(figures, amount_q, level, types, networks)
        for left in _chosen(figures, left_q, level, types, networks):
            for amount in _paired(amounts, left):
                found_or_problem = _difference(name, amount, left)
                if isinstance(found_or_problem, str):
                    problems.append(found_or_problem)
                else:
                    found.append(found_or_problem)
    return found, problems


def _paired(amounts: list[Figure], left: Figure) -> list[Figure]:
    """The amounts a remaining figure is taken from: the same service type and network, else the plan's."""
    same = [a for a in amounts if (a.service_type, a.network) == (left.service_type, left.network)]
    return same or [a for a in amounts if a.service_type == codes.PLAN_COVERAGE and a.network == left.network]


def _difference(name: str, amount: Figure, left: Figure) -> Candidate | str:
    a, b = amount.value, left.value
    assert not isinstance(a, bool)  # amounts and visit counts, never flags
    assert not isinstance(b, bool)
    if b > a:
        return f"{name} is not filled: {b} remaining is more than the {a} stated ({left.line.text}; {amount.line.text})"
    return Candidate(
        name, a - b, f"{a} minus {b} remaining = {a - b}: {amount.source}; {left.source}",
        frozenset({amount.line.position, left.line.position}),
    )  # fmt: skip


def pool_candidates(
    figures: tuple[Figure, ...], pt_used: int | None, ot_used: int | None
) -> tuple[list[Candidate], list[str]]:
    """The shared limit's used visits not given per therapy, placed in ``other_pool_visits_used``."""
    limits = _chosen(figures, Quantity.SHARED_VISIT_LIMIT, Level.INDIVIDUAL, _POOL, _IN)
    lefts = _chosen(figures, Quantity.SHARED_VISITS_LEFT, Level.INDIVIDUAL, _POOL, _IN)
    found: list[Candidate] = []
    problems: list[str] = []
    split = (pt_used or 0) + (ot_used or 0)
    pairs: dict[tuple[int, int], tuple[Figure, Figure]] = {}
    for limit in limits:
        for left in lefts:
            pairs.setdefault((int(limit.value), int(left.value)), (limit, left))
    for (total, remaining), (limit, left) in pairs.items():
        used = total - remaining
        if remaining > total or used < split:
            problems.append(
                f"{POOL_FIELD} is not filled: {total} minus {remaining} remaining on the shared limit is less than "
                f"the {split} PT and OT visits used the response gives"
            )
            continue
        source = (
            f"{total} minus {remaining} remaining = {used} visits of the shared limit used, less {split} given for "
            f"PT and OT (the split is not given, so they are placed here): {limit.source}; {left.source}"
        )
        found.append(Candidate(POOL_FIELD, used - split, source, frozenset({limit.line.position, left.line.position})))
    return found, problems
