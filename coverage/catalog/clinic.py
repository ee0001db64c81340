"""The clinic whose name and identifiers head every printed estimate and Good Faith Estimate.

The details come from a small TOML settings file (``clinic.toml`` at the top of the
repository, kept out of git; ``clinic.example.toml`` shows the format). Without a file,
the built-in :data:`EXAMPLE_CLINIC` is used, so a first run still prints something
sensible. :func:`load_clinic` is this module's only I/O: it reads that one file.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from coverage.engine.care import MedicareParticipation
from coverage.engine.pricing_settings import LOCALITY_ID
from coverage.engine.text import OneLine
from coverage.engine.validation import field_problems

#: A settings file larger than this is not a clinic's details.
MAX_CLINIC_FILE_BYTES = 64 * 1024
_TIN = re.compile(r"^(\d{2})-?(\d{7})$")
_NPI = re.compile(r"^\d{10}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class ClinicFileError(ValueError):
    """A clinic settings file that cannot be used, with every problem found in it."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = tuple(problems)
        super().__init__(f"{source}: " + "; ".join(problems))


def npi_check_digit_ok(npi: str) -> bool:
    """True when the NPI's last digit is its Luhn check digit (with the 80840 prefix, as CMS defines it)."""
    digits = [int(ch) for ch in "80840" + npi]
    total = 0
    for position, digit in enumerate(reversed(digits)):
        doubled = digit * 2 if position % 2 == 1 else digit
        total += doubled - 9 if doubled > 9 else doubled
    return total % 10 == 0


class Clinic(BaseModel):
    """The clinic's name, contact details and the identifiers a Good Faith Estimate must show."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    name: OneLine = Field(min_length=1, max_length=120)
    address: OneLine = Field(min_length=1, max_length=200)
    phone: OneLine = Field(min_length=1, max_length=40)
    email: OneLine = Field(default="", max_length=120)
    npi: str = Field(description="the clinic's 10-digit National Provider Identifier")
    tin: str = Field(description="the clinic's 9-digit Taxpayer Identification Number, as 12-3456789")
    location: OneLine = Field(default="", max_length=200, description="where the visits take place, if not the address")
    medicare_participation: MedicareParticipation = Field(
        default=MedicareParticipation.PARTICIPATING,
        description="participating (takes Medicare's fee schedule amount in full) or non_participating",
    )
    accepts_medicaid: bool = Field(default=True, description="true when the clinic is enrolled with Medicaid")
    medicare_locality: str = Field(
        default="",
        description="the clinic's Medicare locality as <MAC>-<locality>, such as 10112-00; blank: national amounts",
    )

    @field_validator("name", "address", "phone", "email", "npi", "tin", "location", "medicare_locality", mode="before")
    @classmethod
    def _quoted_text(cls, value: object) -> object:
        if not isinstance(value, str):
            raise ValueError('must be text in quotes, such as npi = "1234567893"')
        return value

    @field_validator("email")
    @classmethod
    def _email_looks_like_one(cls, value: str) -> str:
        if value and not _EMAIL.match(value):
            raise ValueError("must be an email address such as frontdesk@example.org")
        return value

    @field_validator("npi")
    @classmethod
    def _npi_is_valid(cls, value: str) -> str:
        if not _NPI.match(value):
            raise ValueError("must be the 10 digits of the NPI")
        if not npi_check_digit_ok(value):
            raise ValueError("is not a valid NPI (its check digit does not match): check for a typo")
        return value

    @field_validator("tin")
    @classmethod
    def _tin_is_nine_digits(cls, value: str) -> str:
        match = _TIN.match(value)
        if not match:
            raise ValueError("must be the 9 digits of the TIN, as 12-3456789")
        return f"{match.group(1)}-{match.group(2)}"

    @field_validator("medicare_locality")
    @classmethod
    def _locality_is_mac_dash_locality(cls, value: str) -> str:
        if value and not LOCALITY_ID.fullmatch(value):
            raise ValueError(
                "must be <MAC>-<locality> from CMS's locality file, 5 digits, a dash, 2 digits, "
                'such as medicare_locality = "10112-00"; leave it blank for the national amounts'
            )
        return value

    @field_validator("accepts_medicaid", mode="before")
    @classmethod
    def _true_or_false(cls, value: object) -> object:
        if not isinstance(value, bool):
            raise ValueError("must be true or false, without quotes")
        return value

    @property
    def non_participating(self) -> bool:
        """True when the clinic does not participate with Medicare (Medicare then allows 95 % of its amounts)."""
        return self.medicare_participation is MedicareParticipation.NON_PARTICIPATING

    @property
    def service_location(self) -> str:
        """Where the visits take place: the location when given, else the address."""
        return self.location or self.address

    @property
    def contact(self) -> str:
        """Address, phone and email on one line."""
        return " · ".join(part for part in (self.address, self.phone, self.email) if part)


#: Printed when no clinic.toml exists. 1234567893 is the example NPI of CMS's own documentation.
EXAMPLE_CLINIC = Clinic(
    name="Example Therapy Clinic (set your details in clinic.toml)",
    address="100 Example Street, Springfield, IL 62701",
    phone="(555) 010-0100",
    email="frontdesk@example.org",
    npi="1234567893",
    tin="12-3456789",
)


def load_clinic(path: str | Path) -> Clinic:
    """Read the clinic's details from the TOML file at ``path``; :data:`EXAMPLE_CLINIC` when there is none.

    Raises :class:`ClinicFileError` naming every problem: bad TOML, an unknown key, a bad NPI or TIN.
    """
    source = Path(path)
    if not source.is_file():
        return EXAMPLE_CLINIC
    data = source.read_bytes()
    if len(data) > MAX_CLINIC_FILE_BYTES:
        raise ClinicFileError(source.name, [f"is larger than {MAX_CLINIC_FILE_BYTES // 1024} KB"])
    return parse_clinic(data, source=source.name)


def parse_clinic(data: bytes | str, *, source: str = "clinic settings") -> Clinic:
    """The clinic described by TOML text ``data``; raises :class:`ClinicFileError`."""
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        settings = tomllib.loads(text)
    except UnicodeDecodeError:
        raise ClinicFileError(source, ["is not UTF-8 text"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ClinicFileError(source, [f"is not valid TOML ({exc})"]) from None
    try:
        return Clinic.model_validate(settings)
    except ValidationError as exc:
        raise ClinicFileError(source, [f"{field}: {message}" for field, message in field_problems(exc)]) from None
