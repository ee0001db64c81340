"""The front desk's record of a benefits verification: proof of what the payer said, and to whom.

A payer's quote is not a guarantee, so staff note every check: when, how, who they spoke to and the
call's reference number. When the figures were imported from the payer's eligibility response (an
X12 271), the record names that response by its date and trace number (TRN), alongside the call's
reference number or instead of it. The record is printed on the staff copy of the estimate only.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from coverage.engine.notices import format_day
from coverage.engine.text import OneLine

_INITIALS = re.compile(r"^[A-Za-z]{1,4}$")


class VerificationMethod(StrEnum):
    """How the benefits were verified."""

    PHONE = "phone"
    PORTAL = "portal"
    ELIGIBILITY_RESPONSE = "eligibility_response"  # the payer's 271, imported on the estimate page


class EligibilityResponse(BaseModel):
    """The payer's eligibility response (271) the figures came from: who sent it, its date and trace number."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    payer_name: OneLine = Field(default="", max_length=80)
    response_date: dt.date | None = None
    trace_number: OneLine = Field(default="", max_length=50)

    def words(self) -> str:
        """``"ACME HEALTH PLAN's eligibility response (271) of 5 Jan 2026, trace number RVT-1"``."""
        who = f"{self.payer_name}'s" if self.payer_name else "the payer's"
        when = f" of {format_day(self.response_date)}" if self.response_date else ""
        trace = f", trace number {self.trace_number}" if self.trace_number else ", without a trace number"
        return f"{who} eligibility response (271){when}{trace}"


class Verification(BaseModel):
    """One benefits verification: date, method, representative, reference number or 271, staff initials."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    call_date: dt.date
    method: VerificationMethod
    representative: OneLine = Field(default="", max_length=80)
    eligibility_response: EligibilityResponse | None = None
    reference_number: OneLine = Field(default="", max_length=60, validate_default=True)
    staff_initials: str

    @field_validator("reference_number")
    @classmethod
    def _a_reference_or_a_271(cls, value: str, info: ValidationInfo) -> str:
        if not value and info.data.get("eligibility_response") is None:
            raise ValueError("enter the call's reference number (or import the eligibility response, 271)")
        return value

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
        if self.method is VerificationMethod.ELIGIBILITY_RESPONSE and self.eligibility_response is None:
            raise ValueError("import the eligibility response (271) on the estimate page first")
        return self

    def sentence(self) -> str:
        """The record in one sentence, as printed on the staff copy."""
        response = self.eligibility_response
        reference = f", reference number {self.reference_number}" if self.reference_number else ""
        day, staff = format_day(self.call_date), f"by staff member {self.staff_initials}"
        if self.method is VerificationMethod.ELIGIBILITY_RESPONSE and response is not None:
            return f"Benefits verified on {day} from {response.words()}{reference}, {staff}."
        if self.method is VerificationMethod.PHONE:
            how = f"by phone with {self.representative}"
        else:
            how = "on the payer's portal" + (f" ({self.representative})" if self.representative else "")
        imported = f" The figures were imported from {response.words()}." if response is not None else ""
        return f"Benefits verified {how} on {day}{reference}, {staff}.{imported}"
