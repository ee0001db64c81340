"""The 271 codes the reader uses, with the words the front desk reads instead of the code.

Only the codes the reader acts on or names in a message are here; an unknown code is shown as
itself ("service type 9Z").
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

#: Service types the reader maps (EB03): PT, OT, physical medicine, speech therapy, the plan in general.
PHYSICAL_THERAPY, OCCUPATIONAL_THERAPY, PHYSICAL_MEDICINE, SPEECH_THERAPY, PLAN_COVERAGE = "PT", "AD", "AE", "AF", "30"
THERAPY_TYPES = frozenset({PHYSICAL_THERAPY, OCCUPATIONAL_THERAPY, PHYSICAL_MEDICINE, SPEECH_THERAPY})
READ_TYPES = THERAPY_TYPES | {PLAN_COVERAGE}

SERVICE_TYPES: Mapping[str, str] = MappingProxyType(
    {
        "PT": "PT", "AD": "OT", "AE": "Physical medicine", "AF": "Speech therapy", "30": "Plan", "1": "Medical care",
        "2": "Surgical", "3": "Consultation", "4": "Diagnostic X-ray", "5": "Diagnostic lab", "33": "Chiropractic",
        "35": "Dental care", "42": "Home health care", "45": "Hospice", "47": "Hospital", "48": "Hospital inpatient",
        "50": "Hospital outpatient", "86": "Emergency services", "88": "Pharmacy", "98": "Office visit",
        "A4": "Psychiatric", "AG": "Skilled nursing care", "AL": "Vision (optometry)",
        "BF": "Pulmonary rehabilitation", "BG": "Cardiac rehabilitation", "MH": "Mental health", "UC": "Urgent care",
    }
)  # fmt: skip

#: EB01, what the benefit line states.
ACTIVE = frozenset({"1", "2", "3", "4", "5"})
INACTIVE = frozenset({"6", "7", "8"})
CO_INSURANCE, CO_PAYMENT, DEDUCTIBLE, LIMITATIONS, OUT_OF_POCKET, NON_COVERED = "A", "B", "C", "F", "G", "I"
CANNOT_PROCESS = "V"
BENEFIT_CODES: Mapping[str, str] = MappingProxyType(
    {
        "1": "active coverage", "2": "active coverage (full risk capitation)", "3": "active coverage (capitated)",
        "4": "active coverage (capitated to the primary care physician)",
        "5": "active coverage (pending investigation)", "6": "inactive",
        "7": "inactive (pending eligibility update)", "8": "inactive (pending investigation)", "A": "co-insurance",
        "B": "co-payment", "C": "deductible", "CB": "coverage basis", "D": "benefit description", "E": "exclusions",
        "F": "limitations", "G": "out-of-pocket maximum", "H": "unlimited", "I": "not covered",
        "J": "cost containment", "K": "reserve", "L": "primary care provider", "M": "pre-existing condition",
        "MC": "managed care coordinator", "N": "services restricted to a provider", "O": "not a medical necessity",
        "P": "benefit disclaimer", "Q": "second surgical opinion required", "R": "other or additional payer",
        "S": "prior years' history", "T": "card reported lost or stolen", "U": "contact another entity for benefits",
        "V": "cannot process", "W": "other source of data", "X": "health care facility", "Y": "spend down",
    }
)  # fmt: skip

#: EB02 coverage levels read as the person's own figures, and as the family's.
INDIVIDUAL_LEVELS = frozenset({"", "IND", "EMP"})
FAMILY_LEVELS = frozenset({"FAM", "ESP", "ECH", "SPC"})

#: EB06 time periods: a figure per plan year, what is left of it, what is used so far.
PLAN_YEAR_PERIODS = frozenset({"", "21", "22", "23", "25"})
REMAINING, YEAR_TO_DATE, PER_VISIT = "29", "24", "27"
PERIODS: Mapping[str, str] = MappingProxyType(
    {
        "6": "hour", "7": "day", "13": "24 hours", "21": "year", "22": "service year", "23": "calendar year",
        "24": "year to date", "25": "contract", "26": "episode", "27": "visit", "28": "outlier", "29": "remaining",
        "30": "exceeded", "31": "not exceeded", "32": "lifetime", "33": "lifetime remaining", "34": "month",
        "35": "week", "36": "admission",
    }
)  # fmt: skip

#: EB09 / HSD01 quantity qualifiers.
VISITS, QUANTITY_USED, DAYS = "VS", "99", "DY"

#: AAA03: why the payer could not answer.
REJECT_REASONS: Mapping[str, str] = MappingProxyType(
    {
        "04": "authorized quantity exceeded", "15": "required application data missing", "33": "input errors",
        "35": "out of network", "41": "authorization or access restrictions", "42": "unable to respond now",
        "43": "invalid or missing provider identification", "44": "invalid or missing provider name",
        "45": "invalid or missing provider specialty", "46": "invalid or missing provider phone number",
        "47": "invalid or missing provider state", "48": "invalid or missing referring provider id",
        "49": "provider is not the primary care physician", "50": "provider ineligible for inquiries",
        "51": "provider not on file", "52": "service dates not within the provider's plan enrollment",
        "53": "inquired benefit inconsistent with provider type",
        "54": "inappropriate product or service id qualifier", "55": "inappropriate product or service id",
        "56": "inappropriate date", "57": "invalid or missing dates of service",
        "58": "invalid or missing date of birth", "60": "date of birth follows the dates of service",
        "61": "date of death precedes the dates of service",
        "62": "date of service not within the allowed inquiry period", "63": "date of service in the future",
        "64": "invalid or missing patient id", "65": "invalid or missing patient name",
        "66": "invalid or missing patient gender", "67": "patient not found", "68": "duplicate patient id",
        "69": "inconsistent with the patient's age", "70": "inconsistent with the patient's gender",
        "71": "date of birth does not match the payer's records", "72": "invalid member id",
        "73": "invalid or missing subscriber name", "74": "invalid or missing subscriber gender",
        "75": "subscriber not found", "76": "duplicate subscriber id", "77": "subscriber found, patient not found",
        "78": "subscriber not in the group or plan identified", "79": "invalid participant identification",
        "80": "no response received, transaction terminated", "97": "invalid or missing provider address",
        "T4": "payer name or identifier missing",
    }
)  # fmt: skip
#: AAA04: what to do next.
FOLLOW_UPS: Mapping[str, str] = MappingProxyType(
    {
        "C": "correct the request and send it again", "N": "do not send it again", "P": "send the original again",
        "R": "it may be sent again", "S": "do not send it again; the payer is asking a third party",
        "W": "wait 30 days and send it again", "X": "wait 10 days and send it again",
        "Y": "do not send it again; the payer will answer",
    }
)  # fmt: skip

#: The transaction sets people send by mistake, named so the refusal says what the file is.
TRANSACTION_SETS: Mapping[str, str] = MappingProxyType(
    {
        "270": "an eligibility inquiry (270)", "276": "a claim status inquiry (276)",
        "277": "a claim status response (277)", "278": "an authorization request (278)",
        "834": "an enrollment file (834)", "835": "a remittance advice (835)", "837": "a claim (837)",
        "999": "an acknowledgment (999)",
    }
)  # fmt: skip
VERSIONS = frozenset({"005010X279A1", "005010X279"})


def service_words(code: str) -> str:
    """``'AD'`` -> ``'OT'``; an unknown code -> ``'service type 9Z'``."""
    return SERVICE_TYPES.get(code, f"service type {code}")


def benefit_words(code: str) -> str:
    """``'B'`` -> ``'co-payment'``; an unknown EB01 -> ``'benefit code Z9'``."""
    return BENEFIT_CODES.get(code, f"benefit code {code}")


def period_words(code: str) -> str:
    """``'35'`` -> ``'week'``."""
    return PERIODS.get(code, f"period {code}")
