"""The notices of the payer rules: family figures, Medicare's limiting charge, Medicaid and Medigap Plan G.

The family deductible and maximum use the same kinds as the patient's own (``DEDUCTIBLE_MET``,
``OOP_MAX_REACHED`` and their "already" forms), so charts and comparisons treat them alike; only
the sentence differs.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from coverage.engine.money import ZERO, format_money
from coverage.engine.notices import Notice, NoticeKind, format_day, visit_label
from coverage.engine.participation import limiting_charge
from coverage.engine.plans import Discipline


def _said(  # noqa: PLR0917 - the order every notice function of the engine uses
    kind: NoticeKind, day: date, discipline: Discipline, number: int, message: str, amount: Decimal
) -> Notice:
    return Notice(kind=kind, date=day, discipline=discipline, visit_number=number, message=message, amount=amount)


def family_deductible_met(discipline: Discipline, number: int, day: date, family_deductible: Decimal) -> Notice:
    """The family's deductible is met at this visit: from here the patient pays only copays and coinsurance."""
    return _said(
        NoticeKind.DEDUCTIBLE_MET, day, discipline, number,
        f"The family deductible of {format_money(family_deductible)} is met at {visit_label(discipline, number, day)}: "
        "after that your covered visits cost only your copay and coinsurance.",
        family_deductible,
    )  # fmt: skip


def family_oop_max_reached(discipline: Discipline, number: int, day: date, family_oop_max: Decimal) -> Notice:
    """The family's out-of-pocket maximum is reached: the plan pays covered visits in full after this."""
    return _said(
        NoticeKind.OOP_MAX_REACHED, day, discipline, number,
        f"The family out-of-pocket maximum of {format_money(family_oop_max)} is reached at "
        f"{visit_label(discipline, number, day)}: after that the plan pays covered visits in full until the plan "
        "year ends.",
        family_oop_max,
    )  # fmt: skip


def family_deductible_already_met(discipline: Discipline, number: int, day: date, family_deductible: Decimal) -> Notice:
    """The family's figures so far already meet the family deductible."""
    return _said(
        NoticeKind.DEDUCTIBLE_ALREADY_MET, day, discipline, number,
        f"The family deductible of {format_money(family_deductible)} is already met this plan year: covered visits "
        "cost only your copay and coinsurance.",
        family_deductible,
    )  # fmt: skip


def family_oop_max_already_reached(discipline: Discipline, number: int, day: date, family_oop_max: Decimal) -> Notice:
    """The family's figures so far already reach the family out-of-pocket maximum."""
    return _said(
        NoticeKind.OOP_MAX_ALREADY_REACHED, day, discipline, number,
        f"The family out-of-pocket maximum of {format_money(family_oop_max)} is already reached this plan year: the "
        "plan pays covered visits in full until the plan year ends.",
        family_oop_max,
    )  # fmt: skip


def medicare_non_participating(
    discipline: Discipline, number: int, day: date, *, allowed: Decimal, limiting: Decimal, billed: Decimal | None
) -> Notice:
    """A clinic that does not participate with Medicare: 95 % allowed, billed up to the limiting charge."""
    charged = "it bills" if billed is not None and billed <= limiting else "the estimate takes it to bill"
    return _said(
        NoticeKind.MEDICARE_NON_PARTICIPATING, day, discipline, number,
        f"The clinic does not participate with Medicare: Medicare allows 95 % of its fee schedule amount "
        f"({format_money(allowed)} for {visit_label(discipline, number, day)}), and the clinic may bill you at most "
        f"the limiting charge, 115 % of that ({format_money(limiting)}); {charged} "
        f"{format_money(billed if billed is not None and billed <= limiting else limiting)}. You pay the part "
        "above the allowed amount (an excess charge) on top of your share.",
        limiting,
    )  # fmt: skip


def non_participation(
    discipline: Discipline, number: int, day: date, allowed: Decimal, billed: Decimal | None
) -> list[Notice]:
    """The first covered visit of a therapy at a non-participating clinic: what Medicare allows and may be billed."""
    most = limiting_charge(allowed)
    said = [medicare_non_participating(discipline, number, day, allowed=allowed, limiting=most, billed=billed)]
    if billed is not None and billed > most:
        said.append(limiting_charge_capped(discipline, number, day, billed=billed, limiting=most))
    return said


def limiting_charge_capped(
    discipline: Discipline, number: int, day: date, *, billed: Decimal, limiting: Decimal
) -> Notice:
    """A typed billed charge above Medicare's limiting charge: the estimate caps it, as Medicare's rules do."""
    return _said(
        NoticeKind.LIMITING_CHARGE_CAPPED, day, discipline, number,
        f"The billed charge of {format_money(billed)} is more than Medicare's limiting charge of "
        f"{format_money(limiting)} for {visit_label(discipline, number, day)}: a clinic that does not participate "
        "may not bill you more, so the estimate uses the limiting charge.",
        billed - limiting,
    )  # fmt: skip


def medicaid_not_accepted(discipline: Discipline, number: int, day: date, *, second: bool) -> Notice:
    """The clinic does not accept Medicaid, so Medicaid pays nothing (as the plan, or as the second insurance)."""
    then = (
        "your second insurance (Medicaid) pays nothing toward what your plan leaves you"
        if second
        else "Medicaid pays nothing and each visit is charged at its self-pay rate"
    )
    return _said(
        NoticeKind.MEDICAID_NOT_ACCEPTED, day, discipline, number,
        f"The clinic does not accept Medicaid: {then}. Ask the clinic before the first visit "
        f"({visit_label(discipline, number, day)}), or look for one that accepts Medicaid.",
        ZERO,
    )  # fmt: skip


def medigap_deductible(
    discipline: Discipline, number: int, day: date, *, deductible: Decimal, left: Decimal, year_start: date
) -> Notice:
    """Which Part B deductible Medigap Plan G leaves the patient: the Medicare plan's own, in its plan year."""
    return _said(
        NoticeKind.MEDIGAP_DEDUCTIBLE, day, discipline, number,
        f"Medigap Plan G pays everything Original Medicare leaves you except the Part B deductible: "
        f"{format_money(deductible)}, your Medicare plan's deductible for the plan year from "
        f"{format_day(year_start)}, of which {format_money(left)} is left. It pays any excess charge from the first "
        "visit. Check the deductible is this year's.",
        deductible,
    )  # fmt: skip
