"""A health plan's therapy benefit: one row of plans.csv.

Every rule a payer can set differently is a field here, so staff can enter what
the payer said on the phone. Field names equal the plans.csv column names.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator

from coverage.engine.money import ZERO, Money, Percent
from coverage.engine.pricing_settings import FeeScheduleSetting, UnitRule, parse_fee_schedule_setting
from coverage.engine.text import as_a_spreadsheet_sees_it, one_line

Discipline = Literal["OT", "PT"]
DISCIPLINES: tuple[Discipline, ...] = ("OT", "PT")

#: Visit counts and limits: whole visits, at most this many in a plan year.
MAX_VISITS = 999
_COUNT_TEXT = re.compile(r"[0-9]+")


def parse_visit_count(text: str) -> int:
    """A count of visits as a plans.csv cell or a person writes it: plain digits, ``20``; 0 to :data:`MAX_VISITS`.

    A sign (``+5``, ``-0``), decimals, spaces inside or digits of another script are refused, as money
    columns refuse them; so is a number too long for a plan year, in our words (never Python's digit limit).
    """
    cleaned = text.strip()
    if cleaned.startswith("-"):
        raise ValueError("must be 0 or more, written without a sign")
    if not _COUNT_TEXT.fullmatch(cleaned):
        raise ValueError(
            f"'{cleaned[:20]}{'…' if len(cleaned) > 20 else ''}' is not a whole number of visits: write digits "
            "only, such as 20 (no sign, no decimals)"
        )
    digits = cleaned.lstrip("0") or "0"
    if len(digits) > len(str(MAX_VISITS)) or int(digits) > MAX_VISITS:
        raise ValueError(f"must be {MAX_VISITS} or less")
    return int(digits)


def _count_field(value: object) -> object:
    return parse_visit_count(value) if isinstance(value, str) else value


VisitCount = Annotated[int, BeforeValidator(_count_field), Field(ge=0, le=MAX_VISITS, strict=False)]

_PLAN_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_MONTH_DAY = re.compile(r"^(\d{2})-(\d{2})$")
#: How people type a month and day: 7/1, 7-1, 07/01 (written back as 07-01).
_TYPED_MONTH_DAY = re.compile(r"^\s*(\d{1,2})\s*[-/]\s*(\d{1,2})\s*$")
#: A cell starting with one of these could run as a spreadsheet formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class PayerType(StrEnum):
    """Who pays: decides nothing by itself except that self_pay covers no visit."""

    COMMERCIAL = "commercial"
    MEDICARE = "medicare"
    MEDICARE_ADVANTAGE = "medicare_advantage"
    MEDICAID = "medicaid"
    SELF_PAY = "self_pay"


class CopayTiming(StrEnum):
    """Whether the copay is charged after the deductible is met or from the first visit."""

    AFTER_DEDUCTIBLE = "after_deductible"
    BEFORE_DEDUCTIBLE = "before_deductible"


class LimitCounting(StrEnum):
    """What a visit limit counts: visits, or days with a covered visit (an OT and a PT visit on one day: one)."""

    VISITS = "visits"
    DAYS = "days"


class Plan(BaseModel):
    """One plan's therapy benefit, exactly as a plans.csv row states it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    plan_id: str
    plan_name: str = Field(min_length=1, max_length=120)
    payer_type: PayerType
    plan_year_start: str = "01-01"
    deductible: Money = ZERO
    oop_max: Money | None = None
    deductible_applies: bool = True
    copay_timing: CopayTiming = CopayTiming.AFTER_DEDUCTIBLE
    ot_copay: Money = ZERO
    pt_copay: Money = ZERO
    ot_coinsurance_pct: Percent = Decimal(0)
    pt_coinsurance_pct: Percent = Decimal(0)
    ot_visit_limit: VisitCount | None = None
    pt_visit_limit: VisitCount | None = None
    combined_visit_limit: VisitCount | None = None
    same_day_counts_once: bool = False
    one_copay_per_day: bool = False
    auth_after_visits: VisitCount | None = None
    referral_required: bool = False
    therapy_threshold: Money | None = None
    notes: str = Field(default="", max_length=500)
    # Out-of-network terms: optional columns after `notes`. Blank = not covered out of network.
    oon_covered: bool = False
    oon_deductible: Money = ZERO
    oon_oop_max: Money | None = None
    oon_ot_copay: Money = ZERO
    oon_pt_copay: Money = ZERO
    oon_ot_coinsurance_pct: Percent = Decimal(0)
    oon_pt_coinsurance_pct: Percent = Decimal(0)
    oon_counts_toward_in_network: bool = False
    # A family plan's figures (optional; blank = the plan is self-only): see coverage.engine.year_state.
    family_deductible: Money | None = None
    family_oop_max: Money | None = None
    family_deductible_embedded: bool = True
    # What takes a place in a visit limit (optional): see coverage.engine.visit_limits.
    evaluation_counts_toward_limit: bool = True
    deductible_visits_count_toward_limit: bool = True
    limit_counts: LimitCounting = LimitCounting.VISITS
    monthly_premium: Money | None = None  # what the plan costs a month; None: not known
    # How a visit's allowed amount is priced from its codes (optional): see coverage.engine.pricing_settings.
    fee_schedule: str = ""
    unit_rule: UnitRule = UnitRule.MEDICARE

    @field_validator("plan_id")
    @classmethod
    def _plan_id_is_simple(cls, value: str) -> str:
        if not _PLAN_ID.match(value):
            raise ValueError("use 1 to 64 letters, digits, '-', '_' or '.', starting with a letter or digit")
        return value

    @field_validator("plan_name", "notes")
    @classmethod
    def _text_is_not_a_formula(cls, value: str) -> str:
        if value.startswith(FORMULA_STARTS):
            raise ValueError("must not start with = + - or @ (a spreadsheet could run it as a formula)")
        if as_a_spreadsheet_sees_it(value).startswith(FORMULA_STARTS):  # full-width U+FF1D, or U+200B then =
            raise ValueError(
                "must not start with a full-width = + - or @, or an invisible character before one: a spreadsheet "
                "reads it as a formula"
            )
        return one_line(value)

    @field_validator("fee_schedule")
    @classmethod
    def _fee_schedule_is_known_kind(cls, value: str) -> str:
        return str(parse_fee_schedule_setting(value))  # the FeeScheduleError is a ValueError, said in our words

    @field_validator("unit_rule", mode="before")
    @classmethod
    def _unit_rule_blank_is_medicare(cls, value: object) -> object:
        return value.strip().lower() or "medicare" if isinstance(value, str) else value

    @field_validator("plan_year_start")
    @classmethod
    def _plan_year_start_is_month_day(cls, value: str) -> str:
        typed = _TYPED_MONTH_DAY.match(value)
        if typed:  # "7/1" and "7-1" are written as the MM-DD plans.csv uses
            value = f"{int(typed.group(1)):02d}-{int(typed.group(2)):02d}"
        parse_month_day(value)
        return value

    @field_validator("family_deductible", "family_oop_max")
    @classmethod
    def _family_figure_covers_one_person(cls, value: Decimal | None, info: ValidationInfo) -> Decimal | None:
        own = info.data.get("deductible" if info.field_name == "family_deductible" else "oop_max")
        if value is not None and own is not None and value < own:
            what = "deductible" if info.field_name == "family_deductible" else "out-of-pocket maximum"
            raise ValueError(f"must be at least the {what} of one person ({own:,.2f})")
        return value

    @property
    def pricing(self) -> FeeScheduleSetting:
        """Where the plan's allowed amounts come from: typed on the page, Medicare's fee schedule, or the clinic's."""
        return parse_fee_schedule_setting(self.fee_schedule)

    @property
    def counts_days(self) -> bool:
        """True when the shared limit counts days: ``limit_counts`` days, or the older ``same_day_counts_once``."""
        return self.limit_counts is LimitCounting.DAYS or self.same_day_counts_once

    def copay(self, discipline: Discipline) -> Decimal:
        """The copay this plan charges for one visit of ``discipline``."""
        return self.ot_copay if discipline == "OT" else self.pt_copay

    def coinsurance_pct(self, discipline: Discipline) -> Decimal:
        """The coinsurance percentage for ``discipline``."""
        return self.ot_coinsurance_pct if discipline == "OT" else self.pt_coinsurance_pct

    def visit_limit(self, discipline: Discipline) -> int | None:
        """The per-discipline visit limit, or None when there is none."""
        return self.ot_visit_limit if discipline == "OT" else self.pt_visit_limit

    def out_of_network_terms(self) -> Plan:
        """The plan with its out-of-network deductible, maximum, copays and coinsurance in force.

        Visit limits, plan year, the deductible's order and every other rule stay as they are. The family
        figures are in-network ones, so out of network the plan is costed as self-only.
        """
        return self.model_copy(
            update={
                "deductible": self.oon_deductible,
                "oop_max": self.oon_oop_max,
                "family_deductible": None,
                "family_oop_max": None,
                "ot_copay": self.oon_ot_copay,
                "pt_copay": self.oon_pt_copay,
                "ot_coinsurance_pct": self.oon_ot_coinsurance_pct,
                "pt_coinsurance_pct": self.oon_pt_coinsurance_pct,
            }
        )

    def shares_no_cost(self) -> bool:
        """True when the patient owes nothing on a covered visit: no deductible, no copay, no coinsurance."""
        return (
            self.deductible == 0
            and self.ot_copay == self.pt_copay == 0
            and self.ot_coinsurance_pct == self.pt_coinsurance_pct == 0
        )

    @property
    def covers_visits(self) -> bool:
        """False for self-pay: such a plan pays for no visit."""
        return self.payer_type is not PayerType.SELF_PAY


def parse_month_day(value: str) -> tuple[int, int]:
    """``'07-01'`` -> ``(7, 1)``; a day that does not exist every year is refused."""
    match = _MONTH_DAY.match(value)
    if not match:
        raise ValueError("must be a month and day as MM-DD, such as 01-01 or 07-01")
    month, day = int(match.group(1)), int(match.group(2))
    try:
        date(2025, month, day)  # 2025 is not a leap year: 02-29 is refused
    except ValueError:
        raise ValueError(f"{value} is not a day that exists every year") from None
    return month, day
