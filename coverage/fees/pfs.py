"""Medicare's Physician Fee Schedule as data: relative values per code, GPCIs per locality.

The figures come from CMS's own files (read by :mod:`coverage.fees.pfs_files`): the national
relative value file (PPRRVU), the GPCI table (Addendum E) and the locality-county table (LOCCO).
A locality is named ``<MAC>-<locality>`` as in ``clinic.toml``'s ``medicare_locality``, e.g.
``10112-00`` (Alabama). Without one, :data:`NATIONAL` prices with every GPCI at 1.
"""

from __future__ import annotations

import re
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from coverage.fees.problems import CodeNotPricedError, UnknownLocalityError

#: The status code of a service Medicare pays from the fee schedule (Active).
ACTIVE = "A"
#: The multiple procedure indicator of the "always therapy" services the MPPR reduces.
THERAPY_REDUCTION = "5"

#: Why a code with another status has no fee schedule amount, in words (CMS PFS status indicators).
STATUS_WORDS: dict[str, str] = {
    "B": "bundled into another service (status B), never paid on its own",
    "C": "priced by the Medicare contractor case by case (status C, carrier-priced)",
    "D": "deleted (status D)",
    "E": "excluded from the fee schedule by regulation (status E)",
    "I": "not valid for Medicare (status I): Medicare pays another code for it",
    "M": "a measurement code Medicare does not pay (status M)",
    "N": "not covered by Medicare (status N)",
    "P": "bundled or excluded (status P)",
    "R": "restricted coverage (status R): paid only case by case",
    "T": "paid only when no other service is paid that day (status T)",
    "X": "excluded from Medicare by statute (status X)",
}

_LOCALITY_ID = re.compile(r"^\s*(\d{1,5})\s*-\s*(\d{1,2})\s*$")


class RelativeValues(BaseModel):
    """One code's row of the relative value file, with the columns pricing needs."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    status: str
    work_rvu: Decimal
    pe_rvu: Decimal  # non-facility (office) practice expense
    pe_not_applicable: bool  # NON_FAC_NA_INDICATOR: the service is not priced in an office
    facility_pe_rvu: Decimal
    mp_rvu: Decimal
    multiple_procedure: str  # MULT_PROC; 5 = the therapy MPPR applies
    conversion_factor: Decimal

    @property
    def therapy_reduction(self) -> bool:
        """Whether the therapy multiple procedure payment reduction applies (indicator 5)."""
        return self.multiple_procedure == THERAPY_REDUCTION


class Locality(BaseModel):
    """One Medicare payment locality and its three GPCIs (Addendum E)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    locality_id: str
    state: str
    name: str
    work_gpci: Decimal
    pe_gpci: Decimal
    mp_gpci: Decimal

    @property
    def is_national(self) -> bool:
        """Whether this is the national pricing (every GPCI 1), not a real locality."""
        return self.locality_id == NATIONAL_ID

    def __str__(self) -> str:
        return "national amounts (every GPCI 1)" if self.is_national else f"{self.name} ({self.locality_id})"


NATIONAL_ID = "national"
#: The national amounts: every GPCI 1, as when the clinic has no ``medicare_locality``.
NATIONAL = Locality(
    locality_id=NATIONAL_ID, state="", name="national", work_gpci=Decimal(1), pe_gpci=Decimal(1), mp_gpci=Decimal(1)
)


class CountyArea(BaseModel):
    """One row of the locality-county table: which counties of a state a locality covers (verbatim text)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    locality_id: str
    state_name: str
    area: str
    counties: str


def locality_id(mac: str, number: str) -> str:
    """``<MAC>-<locality>`` with CMS's leading zeros put back: ``('2102', '1')`` -> ``'02102-01'``."""
    return f"{mac.strip().zfill(5)}-{number.strip().zfill(2)}"


class MedicareFeeSchedule(BaseModel):
    """The relative values of the therapy codes and every locality's GPCIs of one CMS release."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    release: str
    codes: dict[str, RelativeValues]
    localities: dict[str, Locality]
    county_areas: tuple[CountyArea, ...] = ()

    def relative_values(self, code: str) -> RelativeValues:
        """The row of a code Medicare prices in an office; :class:`CodeNotPricedError` for any other."""
        row = self.codes.get(code)
        if row is None:
            raise CodeNotPricedError(f"{code} is not in Medicare's fee schedule rows ({self.release})")
        if row.status != ACTIVE:
            why = STATUS_WORDS.get(row.status, f"status {row.status}, not paid from the fee schedule")
            raise CodeNotPricedError(f"Medicare's fee schedule has no amount for {code}: it is {why}")
        if row.pe_not_applicable:
            raise CodeNotPricedError(f"Medicare's fee schedule has no office (non-facility) amount for {code}")
        return row

    def locality(self, text: str | None) -> Locality:
        """The locality ``10112-00`` (leading zeros optional); :data:`NATIONAL` when blank or None."""
        if text is None or not text.strip():
            return NATIONAL
        match = _LOCALITY_ID.match(text)
        if match is None:
            raise UnknownLocalityError(
                f"'{text.strip()}' is not a Medicare locality: write <MAC>-<locality>, such as 10112-00 (Alabama)"
            )
        found = self.localities.get(locality_id(match[1], match[2]))
        if found is None:
            raise UnknownLocalityError(
                f"'{text.strip()}' is not a locality of Medicare's GPCI table ({self.release}): "
                "choose one by state and county"
            )
        return found
