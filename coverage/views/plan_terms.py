"""An estimate's inputs in plain words, as (label, value) rows: the plan's rules, the year so far, the care.

Shared by the printed estimate and the plain-text summary, so both say the same thing the same way.
Every plans.csv column but the id and name is a row of :func:`plan_rules`, default values too: the
printout shows every rule the estimate used.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from coverage.catalog.rows import cell_text
from coverage.engine.care import Accumulators, Course
from coverage.engine.course_estimate import Estimate
from coverage.engine.money import format_money
from coverage.engine.notices import format_day
from coverage.engine.plan_fields import FIELDS, FieldKind, PlanField
from coverage.engine.plans import DISCIPLINES, Discipline, Plan, parse_month_day

Row = tuple[str, str]


def count_of(number: int, noun: str) -> str:
    """``count_of(1, "visit")`` -> ``'1 visit'``; ``count_of(3, "visit")`` -> ``'3 visits'``."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def rule_words(field: PlanField, value: object) -> str:
    """One plan setting's value as the printout says it, from the field's registry entry."""
    if value is None:
        return "none" if field.kind is FieldKind.MONEY else field.blank
    if isinstance(value, Decimal):
        shown = f"{value.normalize():f}%" if field.kind is FieldKind.PERCENT else format_money(value)
    elif field.kind is FieldKind.MONTH_DAY:
        month, day = parse_month_day(str(value))
        shown = f"{day} {date(2025, month, day):%B} each year"
    elif field.kind in {FieldKind.SWITCH, FieldKind.CHOICE}:
        shown = field.option_words(cell_text(value), printed=True)
    else:
        shown = str(value)
    return field.value_words.format(shown)


def plan_rules(plan: Plan) -> tuple[Row, ...]:
    """Every rule of ``plan`` the engine uses, in plain words, in plans.csv column order.

    The out-of-network terms are printed only for a plan that pays out of network; notes only when there are.
    """
    rows: list[Row] = []
    for field in FIELDS:
        value = getattr(plan, field.name)
        if field.name == "plan_id" or (field.name == "notes" and not value):
            continue
        if field.asked_when and not getattr(plan, field.asked_when):
            continue  # terms that apply only when their switch is on (the out-of-network terms)
        rows.append((field.printed, rule_words(field, value)))
    return tuple(rows)


def year_to_date(so_far: Accumulators) -> tuple[Row, ...]:
    """The figures so far this plan year that the estimate started from."""
    return (
        ("Deductible met", format_money(so_far.deductible_met)),
        ("Out-of-pocket met", format_money(so_far.oop_met)),
        ("OT visits used", str(so_far.ot_visits_used)),
        ("PT visits used", str(so_far.pt_visits_used)),
        ("Other visits sharing the combined limit", str(so_far.other_pool_visits_used)),
        ("OT allowed amounts toward the therapy threshold", format_money(so_far.ot_threshold_used)),
        ("PT allowed amounts toward the therapy threshold", format_money(so_far.pt_threshold_used)),
        *(
            (label, format_money(amount))
            for label, amount in (
                ("Out-of-network deductible met", so_far.oon_deductible_met),
                ("Out-of-network out-of-pocket met", so_far.oon_oop_met),
                ("Family deductible met", so_far.family_deductible_met),
                ("Family out-of-pocket met", so_far.family_oop_met),
            )
            if amount
        ),
    )


def network_and_secondary(result: Estimate) -> tuple[Row, ...]:
    """Whether the clinic is in network, and the second insurance with how it coordinates."""
    rows: list[Row] = [
        ("Clinic", "in the plan's network" if result.care.in_network else "out of the plan's network"),
    ]
    if result.secondary is None:
        rows.append(("Second insurance", "none"))
    else:
        method = result.secondary.method.value.replace("_", "-")
        rows.append(("Second insurance", f"{result.secondary.plan.plan_name} ({method} coordination)"))
        rows.append(("Second insurance pays", format_money(result.total.secondary_pays)))
    if result.total.balance_bill:
        rows.append(
            ("Balance bills (above the allowed amount; count toward nothing)", format_money(result.total.balance_bill))
        )
    return tuple(rows)


def course_sentence(discipline: Discipline, course: Course, result: Estimate) -> str:
    """``'PT: 2 visits a week for 8 weeks (16 visits), 5 Jan 2026 to 26 Feb 2026; visit $84.75; ...'``."""
    days = [v.date for v in result.visits if v.discipline == discipline]
    priced = result.prices.source if result.prices is not None else "its codes"
    rates = [
        f"visit {format_money(course.visit_rate)}" if course.visit_rate is not None else f"visit priced by {priced}"
    ]
    if course.eval_rate is not None:
        rates.append(f"evaluation (first visit) {format_money(course.eval_rate)}")
    if course.billed_rate is not None and not result.care.in_network:
        rates.append(f"clinic's billed charge {format_money(course.billed_rate)}")
    rates.append(
        "self-pay rate: each visit's own rate"
        if course.self_pay_rate is None
        else f"self-pay rate {format_money(course.self_pay_rate)}"
    )
    return (
        f"{discipline}: {count_of(course.visits_per_week, 'visit')} a week for {count_of(course.weeks, 'week')} "
        f"({count_of(course.visit_count, 'visit')}), "
        f"{format_day(days[0])} to {format_day(days[-1])}; " + "; ".join(rates)
    )


def care_plan(result: Estimate) -> tuple[str, ...]:
    """One sentence per course of the plan of care."""
    return tuple(
        course_sentence(discipline, course, result)
        for discipline in DISCIPLINES
        if (course := result.care.course(discipline)) is not None
    )
