"""The front desk's price-visit command and import-pfs, as a script calls them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coverage.cli.fee_commands import BAD_DATA, OK, USAGE, import_pfs_command, price_visit_command
from coverage.fees.pfs_files import RVU_FILE

FIXTURES = Path(__file__).resolve().parent / "fixtures"


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


def test_a_clinic_schedule_from_a_missing_or_bad_file_is_a_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No fee_schedules.csv: the schedule is unknown (none there); a bad rate: its line and column. Exit 4 both."""
    schedules = tmp_path / "fee_schedules.csv"
    argv = ["--service", "97110", "--fee-schedule", "acme", "--fee-schedules", str(schedules)]

    assert price_visit_command(argv) == BAD_DATA
    assert "No fee schedule 'acme' in fee_schedules.csv (schedules: none)" in capsys.readouterr().err
    schedules.write_text("schedule_id,code,modifier,rate,notes\nacme,97110,,forty,\n", encoding="utf-8")
    assert price_visit_command(argv) == BAD_DATA
    assert "line 2, column rate: 'forty' is not an amount" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "exit_code", "says"),
    [
        (["--service", "97110y2"], USAGE, "the code '97110Y2' is not five digits"),
        (["--minutes", "97110"], USAGE, "give a timed code and its minutes"),
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
