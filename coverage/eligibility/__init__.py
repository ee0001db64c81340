"""Reading a payer's eligibility response (X12 271, version 005010X279A1) into the estimate's figures.

A small tokenizer (:mod:`~coverage.eligibility.x12_text`) and the guide's loops written as data
(:mod:`~coverage.eligibility.loop_table`) give a tree of loops (:mod:`~coverage.eligibility.loop_tree`);
:func:`read_eligibility` reads it into an :class:`Eligibility`, :func:`estimate_fill` maps that onto
the estimate form's fields, and :func:`fill_from_271` does both from an upload's bytes or pasted text.
"""

from coverage.eligibility.benefits import Eligibility, Member, Network, ServiceBenefits
from coverage.eligibility.errors import (
    EligibilityFileError,
    NoActiveCoverageError,
    NotAnEligibilityResponseError,
    RequestRejectedError,
    ResponseStructureError,
)
from coverage.eligibility.estimate_fill import Conflict, EstimateFill, FilledField, estimate_fill
from coverage.eligibility.importer import fill_from_271
from coverage.eligibility.reader import read_eligibility

__all__ = [
    "Conflict",
    "Eligibility",
    "EligibilityFileError",
    "EstimateFill",
    "FilledField",
    "Member",
    "Network",
    "NoActiveCoverageError",
    "NotAnEligibilityResponseError",
    "RequestRejectedError",
    "ResponseStructureError",
    "ServiceBenefits",
    "estimate_fill",
    "fill_from_271",
    "read_eligibility",
]
