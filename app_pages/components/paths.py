"""Where the app finds the clinic's plan catalog: the one place that decides it.

The catalog is ``plans.csv`` at the repository's root unless the environment variable
``COVERAGE_PLANS_CSV`` names another file (a clinic keeping its catalog elsewhere, or a test
pointing the app at a temporary copy).
"""

from __future__ import annotations

import os
from pathlib import Path

PLANS_CSV_ENV = "COVERAGE_PLANS_CSV"
DEFAULT_PLANS_CSV = Path(__file__).resolve().parents[2] / "plans.csv"


def plans_csv_path() -> Path:
    """The clinic catalog's path, read from the environment on every call."""
    return Path(os.environ.get(PLANS_CSV_ENV) or DEFAULT_PLANS_CSV)
