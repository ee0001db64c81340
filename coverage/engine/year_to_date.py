"""The figures so far this plan year that a plan cannot have produced, each said under its own field.

- the deductible met is at most the deductible (on an aggregate family plan, where the patient's own
  figure does not count, at most the family's met instead), and the out-of-pocket met at most the maximum;
- on a family plan: the family's figures at most the family amounts, and the patient's met at most the
  family's met (the family's figures include the patient's).
"""

from __future__ import annotations

from decimal import Decimal

from coverage.engine.care import Accumulators
from coverage.engine.money import format_money
from coverage.engine.plans import Plan


class YearToDateError(ValueError):
    """Figures so far this year that the plan makes impossible (e.g. more deductible met than it has)."""


def year_to_date_findings(
    plan: Plan, so_far: Accumulators, *, which: str = "the plan's", advise: bool = False
) -> list[tuple[str, str]]:
    """``[(Accumulators field, sentence), ...]`` for each figure ``plan`` cannot have produced.

    ``advise`` adds what to type instead ("type at most $283.00"), for a form where the figure is the
    thing to fix (not for a comparison, where the figure is right and the plan is simply not the patient's).
    """
    found: list[tuple[str, str]] = []

    def more_than(field: str, figure: str, met: Decimal, most: Decimal, name: str) -> None:
        advice = f": type at most {format_money(most)}" if advise else ""
        found.append(
            (field, f"{figure} ({format_money(met)}) is more than {which} {name} ({format_money(most)}){advice}.")
        )

    aggregate = plan.family_deductible is not None and not plan.family_deductible_embedded
    if so_far.deductible_met > plan.deductible and not aggregate:
        more_than("deductible_met", "Deductible met", so_far.deductible_met, plan.deductible, "deductible")
    if plan.oop_max is not None and so_far.oop_met > plan.oop_max:
        more_than("oop_met", "Out-of-pocket met", so_far.oop_met, plan.oop_max, "maximum")
    family = (
        ("deductible", plan.family_deductible, so_far.family_deductible_met, so_far.deductible_met),
        ("out-of-pocket maximum", plan.family_oop_max, so_far.family_oop_met, so_far.oop_met),
    )
    for name, amount, family_met, own_met in family:
        if amount is None:
            continue
        field = "family_deductible_met" if name == "deductible" else "family_oop_met"
        figure = "Family deductible met" if name == "deductible" else "Family out-of-pocket met"
        if family_met > amount:
            more_than(field, figure, family_met, amount, f"family {name}")
        elif own_met > family_met:
            advice = f": type at least {format_money(own_met)}" if advise else ""
            found.append(
                (
                    field,
                    f"{figure} ({format_money(family_met)}) is less than this patient's own ({format_money(own_met)}): "
                    f"the family's figure includes the patient's{advice}.",
                )
            )
    return found


def check_year_to_date(plan: Plan, so_far: Accumulators, *, which: str = "the plan's", advise: bool = False) -> None:
    """Refuse year-to-date figures the plan cannot have produced (:class:`YearToDateError`, every one said)."""
    found = year_to_date_findings(plan, so_far, which=which, advise=advise)
    if found:
        raise YearToDateError(" ".join(message for _, message in found))
