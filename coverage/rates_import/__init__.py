"""Import the payer's own negotiated rates (Transparency in Coverage in-network files) into fee schedules.

An in-network rates file lists, per billing code, what the plan pays each contracted provider.
:func:`read_rates_file` streams one file and keeps only the clinic's therapy prices.
"""

from __future__ import annotations

from coverage.rates_import.problems import FeeScheduleRow, FileRates, RateProblem, RatesFileError
from coverage.rates_import.rate_filter import ClinicProviders, RateFilter
from coverage.rates_import.rates_file import read_rates_file
from coverage.rates_import.therapy_codes import THERAPY_CODES

__all__ = [
    "THERAPY_CODES",
    "ClinicProviders",
    "FeeScheduleRow",
    "FileRates",
    "RateFilter",
    "RateProblem",
    "RatesFileError",
    "read_rates_file",
]
