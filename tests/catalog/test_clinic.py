"""The clinic settings file and the front desk's verification record (issue 6)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from coverage import EXAMPLE_CLINIC, Clinic, ClinicFileError, Verification, load_clinic, parse_clinic
from coverage.catalog.clinic import npi_check_digit_ok
from tests.conftest import ROOT

GOOD = """
name = "Lakeside Rehab"
address = "12 Shore Road, Duluth, MN 55802"
phone = "(218) 555-0147"
npi = "1234567893"
tin = "987654321"
"""


def test_the_committed_example_settings_file_loads() -> None:
    """clinic.example.toml at the top of the repository is a valid settings file."""
    clinic = load_clinic(ROOT / "clinic.example.toml")

    assert clinic.npi == "1234567893"
    assert clinic.service_location.endswith("IL 62701")


def test_without_a_settings_file_the_example_clinic_is_used(tmp_path: Path) -> None:
    """A missing clinic.toml is not an error: the built-in example details are printed."""
    assert load_clinic(tmp_path / "clinic.toml") == EXAMPLE_CLINIC


def test_the_real_settings_file_is_kept_out_of_git() -> None:
    """clinic.toml (a clinic's own NPI and TIN) is listed in .gitignore."""
    assert "clinic.toml" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_a_settings_file_is_read_with_the_tin_written_the_usual_way(tmp_path: Path) -> None:
    """A TIN typed as 9 digits is kept as 98-7654321; the location defaults to the address."""
    path = tmp_path / "clinic.toml"
    path.write_text(GOOD, encoding="utf-8")

    clinic = load_clinic(path)

    assert clinic.tin == "98-7654321"
    assert clinic.service_location == "12 Shore Road, Duluth, MN 55802"
    assert clinic.contact == "12 Shore Road, Duluth, MN 55802 · (218) 555-0147"


def test_a_bad_settings_file_lists_every_problem() -> None:
    """An NPI with a wrong check digit, a short TIN, a number without quotes and an unknown key are all named."""
    text = GOOD.replace('"1234567893"', '"1234567890"').replace('"987654321"', '"98765"')
    text += 'fax = "none"\nphone2 = 5\n'

    with pytest.raises(ClinicFileError) as caught:
        parse_clinic(text, source="clinic.toml")

    problems = "\n".join(caught.value.problems)
    assert "npi: is not a valid NPI (its check digit does not match)" in problems
    assert "tin: must be the 9 digits of the TIN" in problems
    assert "fax: is not a field we know" in problems
    assert "phone2: is not a field we know" in problems
    assert str(caught.value).startswith("clinic.toml: ")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('email = "front desk"', "email: must be an email address"),
        ('npi = "12345-6789"', "npi: must be the 10 digits of the NPI"),
        ('location = "Suite 4\\nDuluth"', "location: must be one line"),
    ],
)
def test_a_mistyped_contact_detail_is_named(line: str, message: str) -> None:
    """An email without @, an NPI with a dash, or a line break in the location are each refused by name."""
    key = line.split(" = ", maxsplit=1)[0]
    kept = "\n".join(row for row in GOOD.splitlines() if not row.startswith(f"{key} "))

    with pytest.raises(ClinicFileError, match=message):
        parse_clinic(kept + "\n" + line + "\n")


def test_a_number_typed_without_quotes_is_explained() -> None:
    """``npi = 1234567893`` (no quotes) asks for text in quotes."""
    with pytest.raises(ClinicFileError, match="npi: must be text in quotes"):
        parse_clinic(GOOD.replace('"1234567893"', "1234567893"))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'name = "unterminated', "is not valid TOML"),
        ("name = 'caf\u00e9'".encode("latin-1"), "is not UTF-8 text"),
        (b"", "name: is required"),
    ],
)
def test_a_file_that_is_not_clinic_settings_is_refused_plainly(data: bytes, message: str) -> None:
    """Broken TOML, another text encoding or an empty file each get one plain sentence."""
    with pytest.raises(ClinicFileError, match=message):
        parse_clinic(data)


def test_an_oversized_settings_file_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    """A file over 64 KB is not a clinic's details."""
    path = tmp_path / "clinic.toml"
    path.write_text(GOOD + "#" * 70_000, encoding="utf-8")

    with pytest.raises(ClinicFileError, match="larger than 64 KB"):
        load_clinic(path)


@pytest.mark.parametrize(
    ("npi", "valid"),
    [
        ("1234567893", True),  # CMS's worked example: Luhn over 80840123456789 gives check digit 3
        ("1234567890", False),
        ("1245319599", True),
        ("1245319598", False),
    ],
)
def test_the_npi_check_digit_is_checked(npi: str, valid: bool) -> None:
    """The NPI's last digit is the Luhn check digit of the number with the 80840 prefix."""
    assert npi_check_digit_ok(npi) is valid


def test_clinic_text_must_be_one_line() -> None:
    """A line break in the clinic's name is refused (it would break the letterhead)."""
    with pytest.raises(ValidationError, match="must be one line"):
        Clinic(name="Lakeside\nRehab", address="x", phone="1", npi="1234567893", tin="987654321")


def test_a_phone_verification_records_who_was_spoken_to() -> None:
    """The record reads as one sentence with the date, representative, reference number and initials."""
    record = Verification(
        call_date=date(2026, 1, 2), method="phone", representative="Dana", reference_number="R-1", staff_initials="jr"
    )

    assert record.sentence() == (
        "Benefits verified by phone with Dana on 2 Jan 2026, reference number R-1, by staff member JR."
    )


def test_a_portal_verification_needs_no_representative() -> None:
    """On the payer's portal there is nobody to name."""
    record = Verification(call_date=date(2026, 1, 2), method="portal", reference_number="P-9", staff_initials="KM")

    assert record.sentence().startswith("Benefits verified on the payer's portal on 2 Jan 2026")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"representative": ""}, "enter the name of the payer's representative"),
        ({"reference_number": " "}, "reference_number"),
        ({"staff_initials": "K.M."}, "must be 1 to 4 letters"),
        ({"staff_initials": ""}, "must be 1 to 4 letters"),
        ({"method": "fax"}, "method"),
        ({"reference_number": "R-1\tR-2"}, "must be one line"),
    ],
)
def test_an_incomplete_verification_record_is_refused(fields: dict[str, str], message: str) -> None:
    """A phone call without a representative, a blank reference number or bad initials are refused."""
    values = {
        "call_date": date(2026, 1, 2),
        "method": "phone",
        "representative": "Dana",
        "reference_number": "R-1",
        "staff_initials": "JR",
    } | fields

    with pytest.raises(ValidationError, match=message):
        Verification(**values)
