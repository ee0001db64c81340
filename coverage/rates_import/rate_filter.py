"""Which prices of a rates file are the clinic's: its providers, the codes it bills, the run date.

``--npi`` alone matches a provider group listing one of the NPIs under any tax id; ``--tin``
alone matches every group with that tax id; both together need one group with that tax id that
lists one of the NPIs. A group listed as a TIN-level contract (``"npi": [0]``) therefore
matches ``--tin`` alone but not ``--npi``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from coverage.rates_import.therapy_codes import THERAPY_CODES

_NPI = re.compile(r"[1-9][0-9]{9}")
_TIN = re.compile(r"[0-9]{9}")


class ProviderIdError(ValueError):
    """An NPI or tax id on the command line that is not one."""


def parse_npi(text: str) -> str:
    """A National Provider Identifier: ten digits, not starting with 0."""
    npi = text.strip()
    if not _NPI.fullmatch(npi):
        raise ProviderIdError(f"'{text}' is not an NPI: give the provider's 10-digit National Provider Identifier")
    return npi


def parse_tin(text: str) -> str:
    """A tax id (EIN) as its nine digits: ``12-3456789`` and ``123456789`` are the same."""
    tin = tin_digits(text)
    if not _TIN.fullmatch(tin):
        raise ProviderIdError(f"'{text}' is not a tax id: give the clinic's 9-digit EIN, such as 12-3456789")
    return tin


def tin_digits(value: object) -> str:
    """A tax id as a file writes it (``"12-3456789"``, ``123456789``) reduced to its digits."""
    return "".join(ch for ch in str(value) if ch.isdigit())


@dataclass(frozen=True)
class ClinicProviders:
    """The clinic as the files name it: its NPIs and/or its tax id (at least one of them)."""

    npis: frozenset[str] = frozenset()
    tin: str | None = None
    #: The NPIs as numbers, as the files usually write them (kept for a fast membership test).
    npi_numbers: frozenset[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.npis and self.tin is None:
            raise ProviderIdError("give the clinic's --npi (one or more) or its --tin, so its rates can be found")
        object.__setattr__(self, "npi_numbers", frozenset(int(npi) for npi in self.npis))

    def lists_npi(self, value: object) -> bool:
        """True when an ``npi`` array element (a number or a string) is one of the clinic's."""
        if isinstance(value, int):
            return value in self.npi_numbers
        return str(value).strip() in self.npis

    def group_matches(self, *, lists_clinic_npi: bool, tin_value: object) -> bool:
        """True when a provider group (its NPIs checked, its tax id given) is the clinic's."""
        if self.tin is not None and tin_digits(tin_value) != self.tin:
            return False
        return lists_clinic_npi or not self.npis


@dataclass(frozen=True)
class RateFilter:
    """Everything the per-file step needs besides the file: it is sent as is to worker processes."""

    clinic: ClinicProviders
    schedule_id: str
    run_date: date
    codes: frozenset[str] = frozenset(THERAPY_CODES)
    #: Local copies of provider reference files that the rates files name by URL (``location``).
    provider_files: tuple[Path, ...] = ()

    def provider_file_for(self, location: str) -> Path | None:
        """The ``--provider-file`` whose name is the last part of ``location`` (query string ignored)."""
        name = location.split("?", 1)[0].split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1]
        return next((path for path in self.provider_files if path.name == name), None)
