"""The front desk's record of a benefits verification: proof of what the payer said, and to whom.

A payer's quote is not a guarantee, so staff note every call: when, how, who they spoke to and the
call's reference number. The record is printed on the staff copy of the estimate only.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from coverage.engine.notices import format_day
from coverage.engine.text import OneLine

_INITIALS = re.compile(r"^[A-Za-z]{1,4}$")


class VerificationMethod(StrEnum):
    """How the benefits were verified."""

    PHONE = "phone"
    PORTAL = "portal"


class Verification(BaseModel):
    """One benefits verification: date, method, the payer's representative, reference number, staff initials."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    call_date: dt.date
    method: VerificationMethod
    representative: OneLine = Field(default="", max_length=80)
    reference_number: OneLine = Field(min_length=1, max_length=60)
    staff_initials: str

    @field_validator("staff_initials")
    @classmethod
    def _initials_are_letters(cls, value: str) -> str:
        if not _INITIALS.match(value):
            raise ValueError("must be 1 to 4 letters, such as KM")
        return value.upper()

    @model_validator(mode="after")
    def _a_call_has_a_person(self) -> Verification:
        if self.method is VerificationMethod.PHONE and not self.representative:
            raise ValueError("for a phone call, enter the name of the payer's representative")
        return self

    def sentence(self) -> str:
        """The record in one sentence, as printed on the staff copy."""
        how = (
            f"by phone with {self.representative}"
            if self.method is VerificationMethod.PHONE
            else "on the payer's portal" + (f" ({self.representative})" if self.representative else "")
        )
        return (
            f"Benefits verified {how} on {format_day(self.call_date)}, reference number {self.reference_number}, "
            f"by staff member {self.staff_initials}."
        )
