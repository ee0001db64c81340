"""Milestones of a course, each dated and tied to a visit, in plain sentences."""

from __future__ import annotations

import datetime as dt
from datetime import date
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from coverage.engine.money import ZERO, format_money
from coverage.engine.plans import Discipline

#: Medicare's targeted medical review mark for each therapy bucket (42 U.S.C. 1395l(g)(7)):
#: $3,000 of allowed amounts a year, fixed in law through 2028; not a payer setting.
TARGETED_MEDICAL_REVIEW_MARK = Decimal("3000.00")


class NoticeKind(StrEnum):
    """What kind of milestone a notice marks."""

    REFERRAL_REQUIRED = "referral_required"
    SELF_PAY = "self_pay"
    PLAN_YEAR_RESET = "plan_year_reset"
    DEDUCTIBLE_ALREADY_MET = "deductible_already_met"
    OOP_MAX_ALREADY_REACHED = "oop_max_already_reached"
    DEDUCTIBLE_MET = "deductible_met"
    OOP_MAX_REACHED = "oop_max_reached"
    VISIT_LIMIT_REACHED = "visit_limit_reached"
    PRIOR_AUTHORIZATION = "prior_authorization"
    THERAPY_THRESHOLD = "therapy_threshold"
    MEDICAL_REVIEW = "targeted_medical_review"
    SECONDARY_DEDUCTIBLE_MET = "secondary_deductible_met"
    SECONDARY_OOP_MAX_REACHED = "secondary_oop_max_reached"
    SECONDARY_VISIT_LIMIT_REACHED = "secondary_visit_limit_reached"
    SECONDARY_PLAN_YEAR_RESET = "secondary_plan_year_reset"
    MEDICARE_NON_PARTICIPATING = "medicare_non_participating"  # these four: coverage.engine.payer_notices
    LIMITING_CHARGE_CAPPED = "limiting_charge_capped"
    MEDICAID_NOT_ACCEPTED = "medicaid_not_accepted"
    MEDIGAP_DEDUCTIBLE = "medigap_deductible"


class Notice(BaseModel):
    """One milestone: what happens, at which visit, on which date, in a plain sentence."""

    model_config = ConfigDict(frozen=True)

    kind: NoticeKind
    date: dt.date
    discipline: Discipline | None
    visit_number: int | None
    message: str
    visits_affected: int = 0
    amount: Decimal = ZERO


def format_day(day: date) -> str:
    """``date(2026, 1, 15)`` -> ``'15 Jan 2026'``."""
    return f"{day.day} {day:%b %Y}"


def visit_label(discipline: Discipline, number: int, day: date) -> str:
    """``'PT visit 4 on 15 Jan 2026'``."""
    return f"{discipline} visit {number} on {format_day(day)}"


def _notice(kind: NoticeKind, day: date, discipline: Discipline, number: int, message: str) -> Notice:
    return Notice(
        kind=kind,
        date=day,
        discipline=discipline,
        visit_number=number,
        message=message,
        visits_affected=0,
        amount=ZERO,
    )


def referral_required(discipline: Discipline, number: int, day: date) -> Notice:
    """The plan wants a doctor's referral before therapy starts."""
    return _notice(
        NoticeKind.REFERRAL_REQUIRED,
        day,
        discipline,
        number,
        "Your plan requires a referral from your doctor before the first visit "
        f"({visit_label(discipline, number, day)}).",
    )


def self_pay(discipline: Discipline, number: int, day: date, *, out_of_network: bool = False) -> Notice:
    """No insurance pays (self-pay, or a plan that pays nothing out of network): every visit is at its self-pay rate."""
    who = (
        "Your plan pays nothing for out-of-network therapy" if out_of_network else "No insurance pays for these visits"
    )
    return _notice(NoticeKind.SELF_PAY, day, discipline, number, f"{who}: each visit is charged at its self-pay rate.")


def plan_year_reset(discipline: Discipline, number: int, day: date, year_start: date) -> Notice:
    """A new plan year starts in the middle of the course."""
    return _notice(
        NoticeKind.PLAN_YEAR_RESET,
        day,
        discipline,
        number,
        f"A new plan year starts on {format_day(year_start)}: from {visit_label(discipline, number, day)} "
        "the deductible, out-of-pocket maximum, visit counts and therapy threshold start again from zero.",
    )


def oop_max_already_reached(discipline: Discipline, number: int, day: date, oop_max: Decimal) -> Notice:
    """The figures so far already reach the out-of-pocket maximum."""
    return _notice(
        NoticeKind.OOP_MAX_ALREADY_REACHED, day, discipline, number,
        f"Your out-of-pocket maximum of {format_money(oop_max)} is already reached this plan year: the plan "
        "pays covered visits in full until the plan year ends.",
    )  # fmt: skip


def deductible_already_met(discipline: Discipline, number: int, day: date, deductible: Decimal) -> Notice:
    """The figures so far already meet the deductible."""
    return _notice(
        NoticeKind.DEDUCTIBLE_ALREADY_MET, day, discipline, number,
        f"Your deductible of {format_money(deductible)} is already met this plan year: covered visits cost only "
        "your copay and coinsurance.",
    )  # fmt: skip


def deductible_met(discipline: Discipline, number: int, day: date) -> Notice:
    """The deductible is fully met at this visit."""
    return _notice(
        NoticeKind.DEDUCTIBLE_MET,
        day,
        discipline,
        number,
        f"Your deductible is met at {visit_label(discipline, number, day)}.",
    )


def oop_max_reached(discipline: Discipline, number: int, day: date, oop_max: Decimal) -> Notice:
    """The out-of-pocket maximum is reached: covered visits cost nothing after this."""
    return _notice(
        NoticeKind.OOP_MAX_REACHED,
        day,
        discipline,
        number,
        f"Your out-of-pocket maximum of {format_money(oop_max)} is reached at {visit_label(discipline, number, day)}: "
        "after that the plan pays covered visits in full until the plan year ends.",
    )


def visit_limit_reached(
    discipline: Discipline, number: int, day: date, *, limit_name: str, limit: int, visits: int, cost: Decimal
) -> Notice:
    """A visit limit runs out: how many visits fall outside it and what they cost.

    ``limit_name`` says what the limit counts: ``PT visits``, ``combined therapy visit days``.
    """
    plural = "visit is" if visits == 1 else "visits are"
    notice = _notice(
        NoticeKind.VISIT_LIMIT_REACHED,
        day,
        discipline,
        number,
        f"Your {limit} {limit_name} run out: from {visit_label(discipline, number, day)}, "
        f"{visits} {plural} not covered and cost {format_money(cost)} at the self-pay rate.",
    )
    return notice.model_copy(update={"visits_affected": visits, "amount": cost})


def prior_authorization(discipline: Discipline, number: int, day: date, after: int) -> Notice:
    """The plan wants an authorization before this visit."""
    return _notice(
        NoticeKind.PRIOR_AUTHORIZATION,
        day,
        discipline,
        number,
        f"Prior authorization needed before {visit_label(discipline, number, day)} "
        f"(your plan asks for it after {after} {discipline} visits in a plan year).",
    )


def therapy_threshold(discipline: Discipline, number: int, day: date, threshold: Decimal) -> Notice:
    """Medicare's KX threshold is passed: claims need the KX modifier from here."""
    return _notice(
        NoticeKind.THERAPY_THRESHOLD,
        day,
        discipline,
        number,
        f"Medicare needs the KX modifier from {visit_label(discipline, number, day)}: this year's {discipline} "
        f"allowed amounts pass the {format_money(threshold)} therapy threshold. The therapist adds it to each "
        "claim to confirm the care is still medically necessary; with it, Medicare keeps paying as before.",
    )


def medical_review(discipline: Discipline, number: int, day: date) -> Notice:
    """The $3,000 targeted medical review mark is passed."""
    return _notice(
        NoticeKind.MEDICAL_REVIEW,
        day,
        discipline,
        number,
        f"This year's {discipline} allowed amounts pass {format_money(TARGETED_MEDICAL_REVIEW_MARK)} at "
        f"{visit_label(discipline, number, day)}: Medicare may review these claims (targeted medical review); "
        "the therapist may be asked to send your records.",
    )


def secondary_deductible_met(discipline: Discipline, number: int, day: date, name: str) -> Notice:
    """The second insurance's own deductible is fully met at this visit; before it, it paid nothing."""
    return _notice(
        NoticeKind.SECONDARY_DEDUCTIBLE_MET,
        day,
        discipline,
        number,
        f"Your second insurance ({name}) has its deductible met at {visit_label(discipline, number, day)}; "
        "before that, in its plan year, it pays nothing toward what your plan leaves you.",
    )


def secondary_oop_max_reached(discipline: Discipline, number: int, day: date, name: str, oop_max: Decimal) -> Notice:
    """The second insurance's own out-of-pocket maximum is reached: it pays the patient's whole share after this."""
    return _notice(
        NoticeKind.SECONDARY_OOP_MAX_REACHED,
        day,
        discipline,
        number,
        f"Your second insurance ({name}) reaches its own out-of-pocket maximum of {format_money(oop_max)} at "
        f"{visit_label(discipline, number, day)}: after that, until its plan year ends, it pays your whole share "
        "of each visit both plans cover (a balance bill aside).",
    )


def secondary_visit_limit_reached(discipline: Discipline, number: int, day: date, name: str, visits: int) -> Notice:
    """The second insurance's own visit limit runs out: it pays nothing toward the visits past it."""
    plural = "visit" if visits == 1 else "visits"
    notice = _notice(
        NoticeKind.SECONDARY_VISIT_LIMIT_REACHED,
        day,
        discipline,
        number,
        f"Your second insurance ({name}) reaches its own visit limit at {visit_label(discipline, number, day)}: "
        f"it pays nothing toward {visits} {plural} from then on (your plan still pays its part of each).",
    )
    return notice.model_copy(update={"visits_affected": visits})


def secondary_plan_year_reset(discipline: Discipline, number: int, day: date, name: str) -> Notice:
    """The second insurance starts a new plan year in the middle of the course."""
    return _notice(
        NoticeKind.SECONDARY_PLAN_YEAR_RESET,
        day,
        discipline,
        number,
        f"Your second insurance ({name}) starts a new plan year: from {visit_label(discipline, number, day)} its "
        "deductible, out-of-pocket maximum and visit counts start again from zero.",
    )
