"""The verification record names the eligibility response (271) the figures came from: its date and trace number."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from coverage import Verification, estimate_pdf
from coverage.forms.verification import EligibilityResponse
from tests.printout_scenarios import pdf_text, pooled_estimate

RESPONSE = EligibilityResponse(
    payer_name="ACME HEALTH PLAN", response_date=date(2026, 1, 5), trace_number="RVT-20260105-0001"
)


def test_a_record_from_the_271_alone_names_its_date_and_trace_number() -> None:
    """Method 'eligibility response': no call, no reference number; the sentence names the response."""
    record = Verification(
        call_date=date(2026, 1, 5), method="eligibility_response", eligibility_response=RESPONSE, staff_initials="km"
    )

    assert record.sentence() == (
        "Benefits verified on 5 Jan 2026 from ACME HEALTH PLAN's eligibility response (271) of 5 Jan 2026, "
        "trace number RVT-20260105-0001, by staff member KM."
    )


def test_a_phone_call_with_an_imported_271_names_both_the_call_and_the_response() -> None:
    """The call's reference number and the 271's trace number sit side by side."""
    record = Verification(
        call_date=date(2026, 1, 6),
        method="phone",
        representative="Dana",
        reference_number="R-1",
        eligibility_response=RESPONSE,
        staff_initials="JR",
    )

    assert record.sentence() == (
        "Benefits verified by phone with Dana on 6 Jan 2026, reference number R-1, by staff member JR. "
        "The figures were imported from ACME HEALTH PLAN's eligibility response (271) of 5 Jan 2026, "
        "trace number RVT-20260105-0001."
    )


def test_with_the_271_the_calls_reference_number_may_be_left_out() -> None:
    """A portal check recorded with its 271 needs no reference number of its own."""
    record = Verification(
        call_date=date(2026, 1, 5), method="portal", eligibility_response=RESPONSE, staff_initials="KM"
    )

    assert "reference number" not in record.sentence()
    assert "trace number RVT-20260105-0001" in record.sentence()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"method": "eligibility_response"}, "import the eligibility response"),  # no 271 to name
        ({"method": "portal"}, "reference_number"),  # neither a reference number nor a 271
    ],
)
def test_a_record_needs_a_reference_number_or_a_271(fields: dict[str, str], message: str) -> None:
    """Without a 271, a blank reference number is refused; the 271 method without a 271 is too."""
    with pytest.raises(ValidationError, match=message):
        Verification(call_date=date(2026, 1, 5), staff_initials="KM", **fields)  # type: ignore[arg-type]


def test_a_response_without_a_trace_number_says_so() -> None:
    """A 271 with no TRN is named by its date, 'without a trace number'."""
    assert EligibilityResponse(response_date=date(2026, 1, 5)).words() == (
        "the payer's eligibility response (271) of 5 Jan 2026, without a trace number"
    )


def test_the_staff_copy_prints_the_271s_date_and_trace_number() -> None:
    """The staff copy's verification paragraph carries the trace number; the patient copy does not."""
    record = Verification(
        call_date=date(2026, 1, 5), method="eligibility_response", eligibility_response=RESPONSE, staff_initials="KM"
    )

    staff = pdf_text(estimate_pdf(pooled_estimate(), verification=record, issued=date(2026, 1, 5)))
    patient = pdf_text(estimate_pdf(pooled_estimate(), issued=date(2026, 1, 5)))

    assert "eligibility response (271) of 5 Jan 2026, trace number RVT-20260105-0001" in staff
    assert "RVT-20260105-0001" not in patient
