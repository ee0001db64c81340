"""What a 271 fills on the estimate form: plans.csv columns and figures so far, each with its source.

:func:`estimate_fill` turns an :class:`Eligibility` into an :class:`EstimateFill`. A field the
response gives once (or several times with one value) is a :class:`FilledField` naming every
benefit line it came from; a field given with different values is a :class:`Conflict` listing each
value for staff to choose, never picked silently. The rules are in :mod:`~coverage.eligibility.fill_rules`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from coverage.eligibility.benefits import Eligibility, Member, UnmappedLine
from coverage.eligibility.fill_rules import Candidate, plan_candidates, pool_candidates, so_far_candidates

#: The plans.csv columns a 271 can fill, in the file's order (the family ones are issue 14's).
PLAN_COLUMNS = (
    "deductible", "oop_max", "ot_copay", "pt_copay", "ot_coinsurance_pct", "pt_coinsurance_pct", "ot_visit_limit",
    "pt_visit_limit", "combined_visit_limit", "auth_after_visits", "referral_required", "family_deductible",
    "family_oop_max", "oon_covered", "oon_deductible", "oon_oop_max", "oon_ot_copay", "oon_pt_copay",
    "oon_ot_coinsurance_pct", "oon_pt_coinsurance_pct",
)  # fmt: skip
#: The figures so far (Accumulators fields) a 271 can fill, in their order.
SO_FAR_FIELDS = (
    "deductible_met", "oop_met", "ot_visits_used", "pt_visits_used", "other_pool_visits_used",
    "oon_deductible_met", "oon_oop_met", "family_deductible_met", "family_oop_met",
)  # fmt: skip
#: Fields the engine does not have yet (issue 14, family deductibles): filled here, wired when it lands.
FAMILY_FIELDS = frozenset({"family_deductible", "family_oop_max", "family_deductible_met", "family_oop_met"})

_FROZEN = ConfigDict(frozen=True, extra="forbid")
FieldValue = Decimal | int | bool


class FilledField(BaseModel):
    """One field's value and every benefit line it came from, in plain words."""

    model_config = _FROZEN

    name: str
    value: FieldValue
    sources: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.name} = {self.value}: {' | '.join(self.sources)}"


class Conflict(BaseModel):
    """A field the response gives with different values: each value with its sources, for staff to choose."""

    model_config = _FROZEN

    name: str
    options: tuple[FilledField, ...]

    def __str__(self) -> str:
        values = " or ".join(str(option.value) for option in self.options)
        return f"{self.name}: the response gives {values}; choose one"


class EstimateFill(BaseModel):
    """The form's fields a 271 fills, the conflicts, and every line it did not use."""

    model_config = _FROZEN

    payer_name: str
    plan_name: str | None = None
    coverage_start: date | None = None
    coverage_end: date | None = None
    trace_number: str | None = None
    response_date: date | None = None
    member: Member = Field(default_factory=Member, repr=False, exclude=True)
    plan: tuple[FilledField, ...] = ()
    so_far: tuple[FilledField, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    unmapped: tuple[UnmappedLine, ...] = ()
    problems: tuple[str, ...] = ()

    def plan_values(self) -> dict[str, FieldValue]:
        """The plans.csv columns filled without conflict, by name."""
        return {f.name: f.value for f in self.plan}

    def so_far_values(self) -> dict[str, FieldValue]:
        """The figures so far filled without conflict, by Accumulators field name."""
        return {f.name: f.value for f in self.so_far}


def estimate_fill(response: Eligibility) -> EstimateFill:
    """The estimate form's fields from a read 271 (see :mod:`~coverage.eligibility.fill_rules` for the rules)."""
    plan_found = plan_candidates(response.figures)
    so_far_found, problems = so_far_candidates(response.figures)
    plan, plan_conflicts = _settle(plan_found, PLAN_COLUMNS)
    so_far, so_far_conflicts = _settle(so_far_found, SO_FAR_FIELDS)
    used = {f.name: f.value for f in so_far}
    pool_found, pool_problems = pool_candidates(
        response.figures, _visits(used.get("pt_visits_used")), _visits(used.get("ot_visits_used"))
    )
    pool, pool_conflicts = _settle(pool_found, SO_FAR_FIELDS)
    used_lines = {position for c in (*plan_found, *so_far_found, *pool_found) for position in c.lines}
    return EstimateFill(
        payer_name=response.payer_name,
        plan_name=response.plan_name,
        coverage_start=response.coverage_start,
        coverage_end=response.coverage_end,
        trace_number=response.trace_number,
        response_date=response.response_date,
        member=response.member,
        plan=plan,
        so_far=tuple(sorted((*so_far, *pool), key=lambda f: SO_FAR_FIELDS.index(f.name))),
        conflicts=(*plan_conflicts, *so_far_conflicts, *pool_conflicts),
        unmapped=(*response.unmapped, *_not_used(response, used_lines)),
        problems=(*response.problems, *problems, *pool_problems),
    )


def _settle(found: list[Candidate], order: tuple[str, ...]) -> tuple[tuple[FilledField, ...], tuple[Conflict, ...]]:
    """One field per name: its value with all sources, or a conflict when the values differ."""
    filled, conflicts = [], []
    for name in order:
        values: dict[FieldValue, list[str]] = {}
        for candidate in (c for c in found if c.field == name):
            sources = values.setdefault(candidate.value, [])
            if candidate.source not in sources:
                sources.append(candidate.source)
        options = tuple(FilledField(name=name, value=v, sources=tuple(s)) for v, s in values.items())
        if len(options) == 1:
            filled.append(options[0])
        elif options:
            conflicts.append(Conflict(name=name, options=options))
    return tuple(filled), tuple(conflicts)


def _visits(value: FieldValue | None) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _not_used(response: Eligibility, used_lines: set[int]) -> tuple[UnmappedLine, ...]:
    """Lines figures were read from that no estimate field takes (speech therapy, family out of network...)."""
    unused: dict[int, UnmappedLine] = {}
    for figure in response.figures:
        position = figure.line.position
        if position in used_lines:
            continue
        what = figure.what
        earlier = unused.get(position)
        reason = f"{earlier.reason}; {what}" if earlier and what not in earlier.reason else what
        unused[position] = UnmappedLine(line=figure.line, reason=reason if earlier else f"no estimate field for {what}")
    return tuple(unused.values())
