"""Import the payer's own negotiated rates (Transparency in Coverage in-network files) into fee schedules.

An in-network rates file lists, per billing code, what the plan pays each contracted provider.
:func:`import_rates` streams each file with the same pure per-file step (:func:`read_rates_file`,
here, on local worker processes or on a Dask cluster), keeps only the clinic's therapy prices,
and merges the files into fee schedule rows and problems; :func:`write_fee_schedule` writes
them into fee_schedules.csv. The command line is :mod:`coverage.cli.import_rates`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from coverage.rates_import.fee_schedule_file import FEE_SCHEDULE_COLUMNS, write_fee_schedule, write_problems
from coverage.rates_import.json_stream import Progress
from coverage.rates_import.merge import merge_file_rates
from coverage.rates_import.parallel import SchedulerError, read_all
from coverage.rates_import.problems import (
    FeeScheduleFileError,
    FeeScheduleRow,
    FileRates,
    ImportResult,
    RateProblem,
    RatesFileError,
)
from coverage.rates_import.rate_filter import ClinicProviders, RateFilter
from coverage.rates_import.rates_file import read_rates_file
from coverage.rates_import.therapy_codes import THERAPY_CODES

__all__ = [
    "FEE_SCHEDULE_COLUMNS",
    "THERAPY_CODES",
    "ClinicProviders",
    "FeeScheduleFileError",
    "FeeScheduleRow",
    "FileRates",
    "ImportResult",
    "RateFilter",
    "RateProblem",
    "RatesFileError",
    "SchedulerError",
    "import_rates",
    "read_rates_file",
    "write_fee_schedule",
    "write_problems",
]


def import_rates(
    paths: Sequence[Path],
    rate_filter: RateFilter,
    *,
    workers: int = 1,
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Read every file (``workers`` processes, or the Dask ``scheduler``) and merge them into rows and problems."""
    return merge_file_rates(
        read_all(paths, rate_filter, workers=workers, scheduler=scheduler, progress=progress), rate_filter.schedule_id
    )
