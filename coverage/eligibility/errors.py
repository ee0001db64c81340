"""What can be wrong with an eligibility response, each named in the front desk's words.

Every message is a sentence staff can act on. None of them quotes the patient's name, date of birth
or member id: the messages may be shown, logged or printed.
"""

from __future__ import annotations


class EligibilityFileError(ValueError):
    """An eligibility response (X12 271) that cannot be imported; the message says why."""


class NotAnEligibilityResponseError(EligibilityFileError):
    """The file is not an X12 271 eligibility response of version 005010X279A1."""


class ResponseStructureError(EligibilityFileError):
    """The file starts like X12 but its segments cannot be read as a 271 (envelope broken, loops lost)."""


class RequestRejectedError(EligibilityFileError):
    """The payer answered with an AAA segment: it could not find or check the patient or the clinic."""


class NoActiveCoverageError(EligibilityFileError):
    """The response says the patient has no active coverage (inactive, or no active line at all)."""
