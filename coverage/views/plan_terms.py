"""An estimate's inputs in plain words, as (label, value) rows: the plan's rules, the year so far, the care.

Shared by the printed estimate and the plain-text summary, so both say the same thing the same way.
Every plans.csv column but the id and name is a row of :func:`plan_rules`, default values too: the
printout shows every rule the estimate used.
"""

from __future__ import annotations

from datetime import date

from coverage.engine.care import Accumulators, Course
from coverage.engine.course_estimate import Estimate
from coverage.engine.money import format_money
from coverage.engine.notices import format_day
from coverage.engine.plans import DISCIPLINES, CopayTiming, Discipline, PayerType, Plan, parse_month_day

Row = tuple[str, str]

_PAYERS = {
    PayerType.COMMERCIAL: "Commercial insurance",
    PayerType.MEDICARE: "Original Medicare",
    PayerType.MEDICARE_ADVANTAGE: "Medicare Advantage",
    PayerType.MEDICAID: "Medicaid",
    PayerType.SELF_PAY: "Self-pay (no insurance)",
}


def _limit(value: int | None) -> str:
    return "no limit" if value is None else f"{value} visits a plan year"


def count_of(number: int, noun: str) -> str:
    """``count_of(1, "visit")`` -> ``'1 visit'``; ``count_of(3, "visit")`` -> ``'3 visits'``."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _yes_no(value: bool, yes: str, no: str) -> str:
    return yes if value else no


def plan_rules(plan: Plan) -> tuple[Row, ...]:
    """Every rule of ``plan`` the engine uses, in plain words."""
    month, day = parse_month_day(plan.plan_year_start)
    rows: list[Row] = [
        ("Plan", plan.plan_name),
        ("Payer type", _PAYERS[plan.payer_type]),
        ("Plan year starts", f"{day} {date(2025, month, day):%B} each year"),
        ("Deductible", format_money(plan.deductible)),
        ("Therapy goes toward the deductible", _yes_no(plan.deductible_applies, "yes", "no (deductible waived)")),
        (
            "Copay timing",
            _yes_no(
                plan.copay_timing is CopayTiming.BEFORE_DEDUCTIBLE,
                "copay charged from the first visit, before the deductible",
                "copay charged once the deductible is met",
            ),
        ),
    ]
    for discipline in DISCIPLINES:
        rows.append((f"{discipline} copay", format_money(plan.copay(discipline))))
        rows.append((f"{discipline} coinsurance", f"{plan.coinsurance_pct(discipline).normalize():f}%"))
    rows += [
        ("Out-of-pocket maximum", "none" if plan.oop_max is None else format_money(plan.oop_max)),
        ("OT visit limit", _limit(plan.ot_visit_limit)),
        ("PT visit limit", _limit(plan.pt_visit_limit)),
        ("Combined visit limit (OT, PT and others sharing it)", _limit(plan.combined_visit_limit)),
        (
            "OT and PT on the same day",
            _yes_no(plan.same_day_counts_once, "count as one visit of the combined limit", "count as two visits"),
        ),
        (
            "Copays per day",
            _yes_no(plan.one_copay_per_day, "one copay a day across OT and PT", "one copay per therapy visit"),
        ),
        (
            "Prior authorization",
            "not needed"
            if plan.auth_after_visits is None
            else f"needed after {plan.auth_after_visits} visits of a therapy in a plan year",
        ),
        ("Referral from a doctor", _yes_no(plan.referral_required, "required", "not required")),
        (
            "Medicare therapy threshold (KX)",
            "none" if plan.therapy_threshold is None else f"{format_money(plan.therapy_threshold)} per therapy a year",
        ),
    ]
    rows += _out_of_network_rules(plan)
    if plan.notes:
        rows.append(("Notes", plan.notes))
    return tuple(rows)


def _out_of_network_rules(plan: Plan) -> list[Row]:
    if not plan.oon_covered:
        return [("Out-of-network therapy", "not covered: the plan pays nothing out of network")]
    rows: list[Row] = [
        ("Out-of-network therapy", "covered on the out-of-network terms below"),
        ("Out-of-network deductible", format_money(plan.oon_deductible)),
        ("Out-of-network maximum", "none" if plan.oon_oop_max is None else format_money(plan.oon_oop_max)),
    ]
    out = plan.out_of_network_terms()
    for discipline in DISCIPLINES:
        rows.append((f"Out-of-network {discipline} copay", format_money(out.copay(discipline))))
        rows.append((f"Out-of-network {discipline} coinsurance", f"{out.coinsurance_pct(discipline).normalize():f}%"))
    rows.append(
        (
            "In- and out-of-network spending",
            _yes_no(plan.oon_counts_toward_in_network, "fill one deductible and one maximum", "are counted apart"),
        )
    )
    return rows


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
    rates = [f"visit {format_money(course.visit_rate)}"]
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
