"""The front desk's price-visit command and import-pfs, as a script calls them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from coverage.cli.fee_commands import BAD_DATA, OK, USAGE, import_pfs_command, price_visit_command
from coverage.fees.pfs_files import RVU_FILE
from tests.builders import clinic_toml
from tests.conftest import ROOT

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ACME = "schedule_id,code,modifier,rate,notes\nacme,97110,,40,\nacme,97140,,38.50,\n"


def test_price_visit_prints_the_issues_json_with_lines_in_the_order_priced(capsys: pytest.CaptureFixture[str]) -> None:
    """Alabama 97110 x2, 97140: allowed 67.34 from 26.83 (full), 20.79 and 19.72 (MPPR), amounts as strings."""
    code = price_visit_command(["--locality", "10112-00", "--service", "97110x2", "--service", "97140", "--json"])

    assert code == OK
    assert json.loads(capsys.readouterr().out) == {
        "allowed": "67.34",
        "lines": [
            {"code": "97110", "modifier": "", "units": 1, "amount": "26.83"},
            {"code": "97110", "modifier": "", "units": 1, "amount": "20.79"},
            {"code": "97140", "modifier": "", "units": 1, "amount": "19.72"},
        ],
    }


def test_minutes_are_turned_into_units_by_the_unit_rule(capsys: pytest.CaptureFixture[str]) -> None:
    """33 min of 97110 and 7 of 97140 bill 2 + 1 units under the 8-minute rule, 2 + 0 under the CPT rule."""
    medicare = price_visit_command(["--minutes", "97110=33", "--minutes", "97140=7", "--json"])
    by_cms = json.loads(capsys.readouterr().out)
    ama = price_visit_command(["--minutes", "97110=33", "--minutes", "97140=7", "--unit-rule", "ama", "--json"])
    by_ama = json.loads(capsys.readouterr().out)

    assert (medicare, ama) == (OK, OK)
    assert [(x["code"], x["units"]) for x in by_cms["lines"]] == [("97110", 1), ("97110", 1), ("97140", 1)]
    assert [(x["code"], x["units"]) for x in by_ama["lines"]] == [("97110", 1), ("97110", 1)]


def test_an_assistant_visit_carries_the_modifier_and_the_text_says_national(capsys: pytest.CaptureFixture[str]) -> None:
    """Without a locality the text says the amounts are national; --assistant marks OT services CO."""
    code = price_visit_command(["--service", "97530", "--therapy", "OT", "--assistant"])

    out = capsys.readouterr().out
    assert code == OK
    assert "national amounts (every GPCI 1)" in out
    assert "97530-CO" in out
    assert out.rstrip().endswith("Allowed amount: $29.42")  # 34.61 x 85 % = 29.4185 -> 29.42


def test_a_clinic_schedule_is_read_from_its_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--fee-schedule acme with --fee-schedules FILE prices at the contract's rates."""
    schedules = tmp_path / "fee_schedules.csv"
    schedules.write_text(
        "schedule_id,code,modifier,rate,notes\nacme,97110,,40,\nacme,97140,,38.50,\n", encoding="utf-8"
    )

    code = price_visit_command(
        ["--service", "97110x2,97140", "--fee-schedule", "acme", "--fee-schedules", str(schedules), "--json"]
    )

    assert code == OK
    assert json.loads(capsys.readouterr().out)["allowed"] == "118.50"


def test_a_schedule_id_is_read_from_the_fee_schedules_file_beside_the_plans(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--plans DIR/plans.csv: the schedule comes from DIR/fee_schedules.csv (40 x 2 + 38.50 = 118.50)."""
    (tmp_path / "fee_schedules.csv").write_text(ACME, encoding="utf-8")

    code = price_visit_command(
        ["--service", "97110x2,97140", "--fee-schedule", "acme", "--plans", str(tmp_path / "plans.csv"), "--json"]
    )

    assert code == OK
    assert json.loads(capsys.readouterr().out) == {
        "allowed": "118.50",
        "lines": [
            {"code": "97110", "modifier": "", "units": 2, "amount": "80.00"},
            {"code": "97140", "modifier": "", "units": 1, "amount": "38.50"},
        ],
    }


@pytest.mark.parametrize(
    ("option", "allowed", "amounts"),
    [
        # Alabama 26.83, 20.79, 19.72 (see the first test) at 95 %, each line rounded half up:
        # 25.4885 -> 25.49, 19.7505 -> 19.75, 18.734 -> 18.73.
        (["--non-participating"], "63.97", ["25.49", "19.75", "18.73"]),
        # 110 %: 29.513 -> 29.51, 22.869 -> 22.87, 21.692 -> 21.69.
        (["--fee-schedule", "medicare:110"], "74.07", ["29.51", "22.87", "21.69"]),
    ],
)
def test_a_percentage_of_medicare_and_a_non_participating_clinic_are_taken_on_each_line(
    option: list[str], allowed: str, amounts: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Each line's amount is Medicare's times the share, rounded to the cent; the visit is their sum."""
    code = price_visit_command(
        ["--locality", "10112-00", "--service", "97110x2", "--service", "97140", *option, "--json"]
    )

    data = json.loads(capsys.readouterr().out)
    assert code == OK
    assert data["allowed"] == allowed
    assert [line["amount"] for line in data["lines"]] == amounts


def test_the_clinics_locality_and_participation_are_the_defaults(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --locality the clinic.toml locality prices the visit, and a non-participating clinic gets 95 %."""
    clinic = clinic_toml(tmp_path, locality="10112-00", participation="non_participating")

    code = price_visit_command(["--clinic", str(clinic), "--service", "97110x2", "--service", "97140", "--json"])

    data = json.loads(capsys.readouterr().out)
    assert code == OK
    # the same lines as the issue's example at 10112-00, each at 95 %: 26.83 -> 25.49, 20.79 -> 19.75, 19.72 -> 18.73
    assert [line["amount"] for line in data["lines"]] == ["25.49", "19.75", "18.73"]
    assert data["allowed"] == "63.97"


def test_participating_prices_in_full_whatever_clinic_toml_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--participating on a non-participating clinic's machine: Medicare's amounts in full, no 95 %."""
    clinic = clinic_toml(tmp_path, locality="10112-00", participation="non_participating")

    code = price_visit_command(["--clinic", str(clinic), "--participating", "--service", "97110x2,97140", "--json"])

    assert code == OK
    assert json.loads(capsys.readouterr().out)["allowed"] == "67.34"  # 26.83 + 20.79 + 19.72, not 63.97


def test_a_locality_given_wins_over_the_clinics(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--locality 10112-00 prices there even when clinic.toml names 01182-18; --locality '' asks for national."""
    clinic = clinic_toml(tmp_path, locality="01182-18")

    argv = ["--clinic", str(clinic), "--locality", "10112-00", "--service", "97110x2,97140", "--json"]
    there = price_visit_command(argv)
    at_10112 = json.loads(capsys.readouterr().out)["allowed"]
    national = price_visit_command(["--clinic", str(clinic), "--locality", "", "--service", "97110"])
    out = capsys.readouterr().out

    assert (there, national) == (OK, OK)
    assert at_10112 == "67.34"  # 26.83 + 20.79 + 19.72, as without clinic.toml
    assert "national amounts (every GPCI 1)" in out
    assert out.rstrip().endswith("Allowed amount: $28.79")  # (0.45 + 0.43 + 0.01) x 32.3465 = 28.788... -> 28.79


def test_a_broken_clinic_file_is_a_sentence_and_exit_code_4(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A clinic.toml that cannot be read names its problem and exits 4, nothing priced."""
    clinic = clinic_toml(tmp_path, locality="1012-00")

    code = price_visit_command(["--clinic", str(clinic), "--service", "97110", "--json"])

    captured = capsys.readouterr()
    assert code == BAD_DATA
    assert captured.out == ""
    assert captured.err.startswith("clinic.toml: medicare_locality: must be <MAC>-<locality>")


@pytest.mark.parametrize(
    ("files", "says"),
    [
        ({}, "there is no fee schedules file at"),
        ({"fee_schedules.csv": "schedule_id,code,modifier,rate,notes\nother,97110,,40,\n"}, "No fee schedule 'acme'"),
        (
            {"fee_schedules.csv": "schedule_id,code,modifier,rate,notes\nacme,97110,,forty,\n"},
            "The fee schedules file cannot be used: line 2, column rate:",
        ),
    ],
)
def test_a_schedule_id_without_its_file_or_row_exits_with_bad_data(
    files: dict[str, str], says: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No file beside --plans, no such schedule in it, or a broken file: exit code 4 and one sentence."""
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")

    code = price_visit_command(["--service", "97110", "--fee-schedule", "acme", "--plans", str(tmp_path / "plans.csv")])

    err = capsys.readouterr().err
    assert code == BAD_DATA
    assert says in err
    assert len(err.splitlines()) == 1


def test_python_dash_m_coverage_price_visit_prints_the_issues_json() -> None:
    """The contract as a script runs it: python -m coverage price-visit ... --json, exit code 0."""
    argv = ["price-visit", "--locality", "10112-00", "--service", "97110x2", "--service", "97140", "--json"]
    done = subprocess.run(
        [sys.executable, "-m", "coverage", *argv], cwd=ROOT, capture_output=True, text=True, check=False
    )

    assert (done.returncode, done.stderr) == (OK, "")
    assert json.loads(done.stdout)["allowed"] == "67.34"  # 26.83 + 20.79 + 19.72


@pytest.mark.parametrize(
    ("argv", "exit_code", "says"),
    [
        (["--service", "97110y2"], USAGE, "the code '97110Y2' is not five digits"),
        (["--minutes", "97110"], USAGE, "give a timed code and its minutes"),
        (["--minutes", "97010=20"], USAGE, "97010 is not a timed (15-minute) code"),
        (["--minutes", "97110=20", "--minutes", "97110=5"], USAGE, "--minutes gives 97110 more than once"),
        (["--service", "97110", "--minutes", "97110=20"], USAGE, "97110 given both as a service and with minutes"),
        (["--locality", "10112-00"], USAGE, "no service to price"),
        (["--service", "97010"], BAD_DATA, "no amount for 97010"),
        (["--service", "97110", "--locality", "99999-00"], BAD_DATA, "'99999-00' is not a locality"),
        (["--service", "97110", "--fee-schedule", "medicare:0"], BAD_DATA, "must be above 0"),
    ],
)
def test_a_visit_that_cannot_be_priced_is_a_sentence_and_an_exit_code(
    argv: list[str], exit_code: int, says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bad notation is a usage error (2); a code, locality or setting that cannot be used is 4."""
    assert price_visit_command(argv) == exit_code

    assert says in capsys.readouterr().err


def test_import_pfs_writes_the_files_and_says_what_it_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """CMS's own layout imports into a folder, and price-visit prices from that folder."""
    rvu, gpci, counties = (
        FIXTURES / name for name in ("PPRRVU2025_Oct_excerpt.csv", "GPCI2025_excerpt.csv", "25LOCCO_excerpt.csv")
    )

    code = import_pfs_command(
        ["--rvu", str(rvu), "--gpci", str(gpci), "--localities", str(counties), "--output", str(tmp_path)]
    )
    said = capsys.readouterr().out
    priced = price_visit_command(["--pfs", str(tmp_path), "--locality", "01182-18", "--service", "97110", "--json"])

    assert code == OK
    assert "Imported 7 therapy codes, 3 localities and 3 county rows" in said
    assert (tmp_path / RVU_FILE).exists()
    assert priced == OK
    assert json.loads(capsys.readouterr().out)["allowed"] == "32.00"


def test_import_pfs_refuses_a_file_that_is_not_cms(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file without CMS's columns is exit code 4 with the file named."""
    wrong = tmp_path / "plans.csv"
    wrong.write_text("plan_id,plan_name\nx,y\n", encoding="utf-8")

    code = import_pfs_command(
        ["--rvu", str(wrong), "--gpci", str(wrong), "--localities", str(wrong), "--output", str(tmp_path)]
    )

    assert code == BAD_DATA
    assert "plans.csv has no header row starting with HCPCS" in capsys.readouterr().err
