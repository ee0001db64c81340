"""The reader turns a 271 into the payer, the plan and each service type's figures, or refuses it in words."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from coverage.eligibility.benefits import Network, Quantity
from coverage.eligibility.errors import (
    EligibilityFileError,
    NoActiveCoverageError,
    NotAnEligibilityResponseError,
    RequestRejectedError,
)
from coverage.eligibility.reader import read_eligibility
from tests.eligibility.x12_builders import PUBLIC_271, fixture_text, isa

IN, OUT, BOTH = Network.IN, Network.OUT, Network.BOTH
INDIVIDUAL = "pt-ot-individual-in-network.271"
FAMILY = "ot-pt-family-dependent.271"
HMO = "pt-ot-hmo-authorization.271"
OON = "ot-out-of-network.271"


@pytest.mark.parametrize(
    ("fixture", "service_type", "network", "field", "expected"),
    [
        (INDIVIDUAL, "30", IN, "deductible", D("1500.00")),  # EB*C*IND*30*PR**23*1500
        (INDIVIDUAL, "30", IN, "deductible_left", D("1100.00")),  # EB06 29: remaining
        (INDIVIDUAL, "30", IN, "oop_left", D("3250.50")),
        (INDIVIDUAL, "PT", IN, "copay", D("30.00")),
        (INDIVIDUAL, "PT", IN, "coinsurance_pct", D(20)),  # EB08 .2 is 20 %
        (INDIVIDUAL, "AD", IN, "coinsurance_pct", D(0)),  # stated as 0: kept as 0, not left out
        (INDIVIDUAL, "PT", IN, "visit_limit", 20),  # EB09 VS, EB10 20, per calendar year
        (INDIVIDUAL, "PT", IN, "visits_left", 14),
        (INDIVIDUAL, "AD", IN, "visit_limit", 20),  # HSD*VS*20***22: 20 visits a service year
        (INDIVIDUAL, "AD", IN, "visits_left", 15),  # HSD*VS*15***29: 15 remaining
        (FAMILY, "30", IN, "deductible_met", D("250.00")),  # EB06 24: year to date is what is met
        (FAMILY, "30", IN, "family_deductible", D("3000.00")),  # EB02 FAM
        (FAMILY, "30", IN, "family_deductible_left", D("800.00")),
        (FAMILY, "30", IN, "family_oop_left", D("7125.25")),
        (FAMILY, "30", OUT, "deductible", D("2500.00")),  # EB12 N
        (FAMILY, "30", OUT, "oop_met", D("0.00")),
        (FAMILY, "PT", OUT, "coinsurance_pct", D(40)),
        (FAMILY, "AD", OUT, "copay", D("0.00")),
        (FAMILY, "PT", BOTH, "shared_visit_limit", 30),  # EB*F for PT^AD^AF with "COMBINED" in its message
        (FAMILY, "AF", BOTH, "shared_visits_left", 21),
        (HMO, "30", IN, "deductible", D("0.00")),
        (HMO, "PT", IN, "auth_after_visits", 12),  # "AFTER 12 VISITS" wins over the line's own EB11 Y
        (HMO, "AD", IN, "auth_after_visits", 0),  # EB11 Y: from the first visit
        (HMO, "PT", IN, "referral_required", True),
        (HMO, "AE", IN, "coinsurance_pct", D(10)),
        (OON, "30", BOTH, "deductible", D("750.00")),  # EB12 W: in and out of network
        (OON, "AD", OUT, "copay", D("60.00")),
    ],
)
def test_each_benefit_line_gives_its_figure_per_service_type_and_network(
    fixture: str, service_type: str, network: Network, field: str, expected: object
) -> None:
    """Deductibles, maximums, copays, coinsurance, visit limits and flags are read per service type and network."""
    services = read_eligibility(fixture_text(fixture)).service(service_type, network)

    assert services is not None
    assert getattr(services, field) == expected


def test_the_header_gives_payer_plan_dates_and_trace_number() -> None:
    """Payer (2100A), plan name (EB05 of the active line), plan dates (DTP 346/347), TRN and BHT date are read."""
    response = read_eligibility(fixture_text(INDIVIDUAL))

    assert (response.payer_name, response.payer_id, response.plan_name) == (
        "ACME HEALTH PLAN",
        "60054",
        "ACME CHOICE PPO 1500",
    )
    assert (response.coverage_start, response.coverage_end) == (date(2026, 1, 1), date(2026, 12, 31))
    assert (response.trace_number, response.response_date) == ("RVT-20260105-0001", date(2026, 1, 5))
    assert response.patient_is_dependent is False


def test_a_dependents_response_is_read_from_the_dependent_loops() -> None:
    """The child's benefits (2110D) are read; the plan dates come from DTP 291 as a range."""
    response = read_eligibility(fixture_text(FAMILY))

    assert response.patient_is_dependent is True
    assert (response.coverage_start, response.coverage_end) == (date(2026, 1, 1), date(2026, 12, 31))
    assert response.trace_number == "RVT-20260105-0002"


def test_a_figure_given_twice_with_different_values_is_kept_twice_and_named() -> None:
    """Two PT copays (40 in the office, 45 in the hospital clinic) leave the field empty and list both figures."""
    response = read_eligibility(fixture_text(HMO))

    pt = response.service("PT", IN)
    copays = [f.value for f in response.figures if f.quantity is Quantity.COPAY and f.service_type == "PT"]

    assert pt is not None
    assert pt.copay is None
    assert pt.disagreements == ("copay",)
    assert copays == [D("40.00"), D("45.00")]


@pytest.mark.parametrize(
    ("fixture", "unmapped"),
    [
        (INDIVIDUAL, ["EB*B*IND*98*PR**27*20*****Y: co-payment for Office visit: not therapy or the plan in general"]),
        (
            OON,
            [
                "EB*F*IND*PT^AD*PR**22***VS*60**Y: the visit limit names PT and OT together without saying whether "
                "they share it",
                "EB*F*IND*AD*PR**23***DY*30**Y: a limit counted in days, not visits",
                "EB*G*IND*30*PR**32*1000000*****Y: a figure per lifetime, not per plan year",
            ],
        ),
        (HMO, []),
    ],
)
def test_every_line_nothing_was_read_from_is_listed_with_its_segments_and_why(
    fixture: str, unmapped: list[str]
) -> None:
    """Lines for other services, in days, per lifetime or ambiguous are never dropped: each is listed."""
    assert [str(u) for u in read_eligibility(fixture_text(fixture)).unmapped] == unmapped


def test_a_speech_copay_is_read_but_not_listed_as_unmapped_here_only_in_the_estimate_mapping() -> None:
    """Speech therapy (AF) figures are read per service type; the estimate form has no field for them."""
    services = read_eligibility(fixture_text(OON)).service("AF", IN)

    assert services is not None
    assert services.copay == D("20.00")


def test_an_ambiguous_limit_is_also_a_problem_to_ask_the_payer_about() -> None:
    """A limit naming PT and OT without "combined" or "each" is listed under problems for staff to ask."""
    problems = read_eligibility(fixture_text(OON)).problems

    assert problems == (
        "Ask the payer: the visit limit names PT and OT together without saying whether they share it: "
        "EB*F*IND*PT^AD*PR**22***VS*60**Y",
    )


def test_a_source_says_the_figure_and_line_in_plain_words() -> None:
    """A figure names its service type, what it is and its network, then the segments it came from."""
    response = read_eligibility(fixture_text(INDIVIDUAL))

    sources = [f.source for f in response.figures if f.service_type == "PT" and f.quantity is Quantity.COPAY]

    assert sources == ["PT co-payment, in network: EB*B*IND*PT*PR**27*30*****Y + MSG*COPAY APPLIES PER DATE OF SERVICE"]


def test_a_figure_read_from_a_message_says_so() -> None:
    """The pooled limit's message figure says "read from the message" and quotes it."""
    response = read_eligibility(fixture_text(FAMILY))

    from_message = [f.source for f in response.figures if f.message is not None and f.service_type == "PT"]

    assert from_message == [
        "Shared visit limit, in and out of network: read from the message: "
        "'PT/OT/ST COMBINED 30 VISITS PER CALENDAR YEAR' (EB|F|IND|PT{AD{AF|PR||||||||W)"
    ]


_HEAD = isa() + "GS*HB*S*R*20260105*0930*7*X*005010X279A1~ST*271*0001*005010X279A1~BHT*0022*11*R1*20260105*0930~"
_SOURCE = "HL*1**20*1~NM1*PR*2*ACME*****PI*1~HL*2*1*21*1~NM1*1P*2*CLINIC*****XX*1~"
_SUBSCRIBER = "HL*3*2*22*0~NM1*IL*1*DOE*JANE****MI*W1~"


def _response(body: str) -> str:
    return _HEAD + _SOURCE + body + "SE*99*0001~GE*1*7~IEA*1*000000101~"


@pytest.mark.parametrize(
    ("text", "error", "sentence"),
    [
        ("%PDF-1.7", NotAnEligibilityResponseError, "does not start with an ISA segment"),
        (
            isa()
            + "GS*HC*S*R*20260105*0930*7*X*005010X222A1~ST*837*0001*005010X222A1~SE*2*0001~GE*1*7~IEA*1*000000101~",
            NotAnEligibilityResponseError,
            "This file is a claim (837), not a 271 eligibility response.",
        ),
        (
            _response(_SUBSCRIBER + "EB*1**30~").replace("005010X279A1", "004010X092A1"),
            NotAnEligibilityResponseError,
            "version 004010X092A1; only version 005010X279A1",
        ),
        (
            fixture_text("rejected-invalid-member-id.271"),
            RequestRejectedError,
            "invalid member id (AAA 72, about the subscriber); correct the request and send it again.",
        ),
        (
            _response("HL*3*2*22*0~NM1*IL*1*DOE*JANE****MI*W1~AAA*Y**75*N~"),
            RequestRejectedError,
            "subscriber not found (AAA 75, about the subscriber); do not send it again.",
        ),
        (
            (PUBLIC_271 / "subscriber-health-benefit-check-error.271").read_text(encoding="utf-8"),
            RequestRejectedError,
            "provider ineligible for inquiries (AAA 50, about the clinic, as the information receiver)",
        ),
        (fixture_text("inactive-coverage.271"), NoActiveCoverageError, "coverage as inactive (EB*6)"),
        (_response(_SUBSCRIBER + "EB*V~"), NoActiveCoverageError, "cannot process the request (EB*V)"),
        (_response(_SUBSCRIBER + "EB*B**PT***27*20~"), NoActiveCoverageError, "no active coverage"),
        (_response(_SUBSCRIBER), NoActiveCoverageError, "no benefit lines"),
        (
            _response(_SUBSCRIBER + "EB*1**30~HL*4*2*22*0~NM1*IL*1*ROE*RAY****MI*W2~EB*1**30~"),
            EligibilityFileError,
            "the benefits of 2 people; import one patient's response at a time.",
        ),
    ],
)
def test_a_file_that_cannot_be_imported_gets_a_sentence(text: str, error: type[Exception], sentence: str) -> None:
    """Not X12, not a 271, the wrong version, a rejection, no active coverage or two patients: each is said."""
    with pytest.raises(error) as raised:
        read_eligibility(text)

    assert sentence in str(raised.value)


def test_a_rejection_of_one_benefit_is_listed_and_the_rest_read() -> None:
    """An AAA under one EB (2110C) lists that line and a problem; the plan's other lines are still read."""
    response = read_eligibility(_response(_SUBSCRIBER + "EB*1**30~EB*B**PT***27*20~AAA*Y**53*C~EB*B**AD***27*25~"))

    ot = response.service("AD", Network.UNSTATED)

    assert (
        response.problems[-1]
        == "The payer could not answer for PT: inquired benefit inconsistent with provider type (AAA 53)."
    )
    assert [u.line.text for u in response.unmapped] == ["EB*B**PT***27*20"]
    assert ot is not None
    assert ot.copay == D("25.00")
