"""estimate and compare with the visit as service codes (issue 12): hand-worked amounts, the typed rate, errors.

The amounts are Medicare's shipped RVU25D rows (coverage/fees/data/pfs_therapy_rvus.csv, conversion
factor 32.3465) at Alabama, 10112-00 (pfs_gpci.csv: work GPCI 1, PE GPCI 0.869, MP GPCI 0.575), each
unit rounded half up to the cent; the MPPR halves the PE part of every unit after the day's highest:

    97162 (1.54 x 1 + 1.45 x 0.869 + 0.04 x 0.575) x 32.3465 = 2.82305 x 32.3465 = 91.3158 -> 91.32
    97110 (0.45 x 1 + 0.43 x 0.869 + 0.01 x 0.575) x 32.3465 = 0.82942 x 32.3465 = 26.8288 -> 26.83
          MPPR: (0.45 + 0.43 x 0.869 x 0.5 + 0.00575) x 32.3465 = 0.642585 x 32.3465 = 20.7854 -> 20.79
    97140 MPPR: (0.43 + 0.40 x 0.869 x 0.5 + 0.00575) x 32.3465 = 0.60955 x 32.3465 = 19.7168 -> 19.72
    97530 (0.44 x 1 + 0.62 x 0.869 + 0.01 x 0.575) x 32.3465 = 0.98453 x 32.3465 = 31.8461 -> 31.85
          MPPR: (0.44 + 0.62 x 0.869 x 0.5 + 0.00575) x 32.3465 = 0.71514 x 32.3465 = 23.1323 -> 23.13

So a PT visit 97110x2,97140 is 26.83 + 20.79 + 19.72 = 67.34 (97110 has the higher PE, 0.43 > 0.40).
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from coverage import Accumulators, CarePlan, Course, load_plans
from coverage.catalog.clinic import EXAMPLE_CLINIC
from coverage.catalog.fee_sources import clinic_fee_sources
from coverage.cli.main import BAD_DATA, OK, USAGE, main
from coverage.cli.priced_output import NATIONAL_NOTE
from coverage.engine.plan_ranking import compare_plans
from tests.conftest import PLANS_CSV, ROOT

ALABAMA = ["--locality", "10112-00"]
PT_CODES = ["--pt-services", "97110x2,97140", "--pt-eval-services", "97162"]
#: The fee_schedule and unit_rule of the plans these tests price (the rest stay blank: a typed rate).
SETTINGS = {
    "medicare-b-2026": ("medicare", "medicare"),
    "hdhp": ("medicare", "ama"),
    "ma-hmo": ("acme", "medicare"),
    "ppo-pool-60": ("nope", "medicare"),
}
ACME = "schedule_id,code,modifier,rate,notes\nacme,97110,,40,\nacme,97140,,38.50,\nacme,97162,,120,\n"


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    """The shipped catalog with fee_schedule and unit_rule columns, and an 'acme' fee_schedules.csv beside it."""
    with PLANS_CSV.open(encoding="utf-8", newline="") as text:
        rows = list(csv.DictReader(text))
    plans = tmp_path / "plans.csv"
    with plans.open("w", encoding="utf-8", newline="") as text:
        columns = [*rows[0], *(name for name in ("fee_schedule", "unit_rule") if name not in rows[0])]
        writer = csv.DictWriter(text, columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            schedule, rule = SETTINGS.get(row["plan_id"], ("", ""))
            writer.writerow(row | {"fee_schedule": schedule, "unit_rule": rule})
    (tmp_path / "fee_schedules.csv").write_text(ACME, encoding="utf-8")
    return plans


def _run(capsys: pytest.CaptureFixture[str], catalog: Path, argv: list[str]) -> tuple[int, str, str]:
    code = main([*argv, "--plans", str(catalog), "--clinic", str(catalog.with_name("no-clinic.toml"))])
    said = capsys.readouterr()
    return code, said.out, said.err


def _json(capsys: pytest.CaptureFixture[str], catalog: Path, argv: list[str]) -> dict[str, object]:
    code, out, err = _run(capsys, catalog, [*argv, "--json"])
    assert (code, err) == (OK, "")
    data: dict[str, object] = json.loads(out)
    return data


def _allowed(data: dict[str, object]) -> list[str]:
    visits = data["visits"]
    assert isinstance(visits, list)
    return [visit["allowed"] for visit in visits]


def test_pt_codes_at_alabama_under_medicare_give_the_hand_worked_amounts(
    capsys: pytest.CaptureFixture[str], catalog: Path
) -> None:
    """PT 1x4: the evaluation 91.32 then three visits of 67.34; the patient pays 283 + 20 % of 10.34."""
    # Allowed 91.32 + 3 x 67.34 = 293.34; the 283.00 deductible is met at visit 4, where 67.34 - 57.00 = 10.34
    # is left and 20 % of it is 2.068 -> 2.07: the patient pays 283.00 + 2.07 = 285.07, Medicare 8.27.
    argv = ["estimate", "--plan-id", "medicare-b-2026", "--pt", "1x4", "--start", "2026-01-05", *PT_CODES, *ALABAMA]
    data = _json(capsys, catalog, argv)

    assert _allowed(data) == ["91.32", "67.34", "67.34", "67.34"]
    assert (data["patient_total"], data["plan_total"]) == ("285.07", "8.27")
    assert data["pricing"] == {
        "source": "Medicare's fee schedule, ALABAMA (10112-00) (2025 National Physician Fee Schedule Relative Value "
        "File October Release; RELEASED 09/11/2025)",
        "national": False,
        "note": None,
    }
    visits = data["visits"]
    assert isinstance(visits, list)
    assert [(x["code"], x["units"], x["amount"], x["mppr_reduced"]) for x in visits[1]["lines"]] == [
        ("97110", 1, "26.83", False),
        ("97110", 1, "20.79", True),
        ("97140", 1, "19.72", True),
    ]


def test_the_text_answer_names_the_source_and_lists_each_visits_codes(
    capsys: pytest.CaptureFixture[str], catalog: Path
) -> None:
    """Under each visit's row its code lines; above them where the amounts come from."""
    code, out, _ = _run(
        capsys, catalog, ["estimate", "--plan-id", "medicare-b-2026", "--pt", "1x2", "--start", "2026-01-05", *PT_CODES]
    )

    assert code == OK
    assert "PT 1 a week for 2 weeks (97110x2,97140; evaluation 97162), from 5 Jan 2026" in out
    assert "Visits priced from Medicare's fee schedule, national amounts (every GPCI 1)" in out
    assert f"Medicare's {NATIONAL_NOTE}" in out
    assert "      97162     x1     $98.01" in out  # national: (1.54 + 1.45 + 0.04) x 32.3465 = 98.01
    assert "      97140     x1     $20.70" in out  # national MPPR: (0.43 + 0.20 + 0.01) x 32.3465 = 20.70


def test_a_typed_rate_wins_over_the_codes(capsys: pytest.CaptureFixture[str], catalog: Path) -> None:
    """--pt-rate 100 with codes: the regular visits are 100.00 with no lines; the evaluation codes still price."""
    argv = ["estimate", "--plan-id", "medicare-b-2026", "--pt", "1x3", "--start", "2026-01-05", *PT_CODES, *ALABAMA]
    data = _json(capsys, catalog, [*argv, "--pt-rate", "100"])

    visits = data["visits"]
    assert isinstance(visits, list)
    assert _allowed(data) == ["91.32", "100.00", "100.00"]
    assert visits[1]["lines"] == []
    # The deductible: 91.32 + 100.00 + 91.68 of visit 3 = 283.00; then 20 % of 100 - 91.68 = 8.32 is 1.664 -> 1.66.
    assert data["patient_total"] == "284.66"


def test_without_codes_the_visits_keep_the_default_typed_rates(
    capsys: pytest.CaptureFixture[str], catalog: Path
) -> None:
    """No --pt-services: today's default rates (98.01, then 84.75) and no pricing section."""
    data = _json(capsys, catalog, ["estimate", "--plan-id", "medicare-b-2026", "--pt", "1x2", "--start", "2026-01-05"])

    assert _allowed(data) == ["98.01", "84.75"]
    assert data["pricing"] is None


def test_the_clinics_locality_is_used_when_none_is_given(
    capsys: pytest.CaptureFixture[str], catalog: Path, tmp_path: Path
) -> None:
    """clinic.toml's medicare_locality prices the visits when --locality is absent."""
    fields = EXAMPLE_CLINIC.model_dump(include={"name", "address", "phone", "npi", "tin"})
    clinic = tmp_path / "clinic.toml"
    lines = [f'{key} = "{value}"' for key, value in fields.items()]
    clinic.write_text("\n".join([*lines, 'medicare_locality = "10112-00"', ""]), encoding="utf-8")
    argv = ["estimate", "--plan-id", "medicare-b-2026", "--pt", "1x2", "--start", "2026-01-05", *PT_CODES]

    assert main([*argv, "--plans", str(catalog), "--clinic", str(clinic), "--json"]) == OK
    data = json.loads(capsys.readouterr().out)
    assert _allowed(data) == ["91.32", "67.34"]


def test_the_plans_unit_rule_turns_minutes_into_units(capsys: pytest.CaptureFixture[str], catalog: Path) -> None:
    """33 min of 97110 and 7 of 97140: 3 units by the 8-minute rule (67.34), 2 of 97110 by the AMA rule (47.62)."""
    # Medicare: 40 minutes is 3 units; 97110 keeps 2 for its 30 full minutes, the third goes to 97140's 7 minutes
    # (more left over than 97110's 3). AMA: 97110 (33 + 7) // 15 = 2 units, 97140 (7 + 7) // 15 = 0:
    # 26.83 + 20.79 = 47.62. hdhp's deductible is far above either, so the patient pays the allowed amount.
    minutes = ["--pt-minutes", "97110=33", "--pt-minutes", "97140=7", "--pt-eval", "none", *ALABAMA]
    care = ["--pt", "1x1", "--start", "2026-01-05", *minutes]

    medicare = _json(capsys, catalog, ["estimate", "--plan-id", "medicare-b-2026", *care])
    ama = _json(capsys, catalog, ["estimate", "--plan-id", "hdhp", *care])

    assert (_allowed(medicare), _allowed(ama)) == (["67.34"], ["47.62"])


def test_a_joint_session_bills_each_therapys_share_under_one_mppr(
    capsys: pytest.CaptureFixture[str], catalog: Path
) -> None:
    """60 minutes split 30/30: OT 97530 x2 is 31.85 + 23.13 = 54.98; PT 97110 + 97140 (MPPR) 20.79 + 19.72 = 40.51."""
    # PT's 30 minutes spread over its two timed codes, 15 each: 1 unit each (not 97110 x2 + 97140). 97530 has
    # the day's highest PE (0.62), so only its first unit is paid in full.
    argv = ["estimate", "--plan-id", "medicare-b-2026", "--pt", "1x1", "--ot", "1x1", "--start", "2026-01-05"]
    codes = ["--pt-services", "97110x2,97140", "--ot-services", "97530x2", "--pt-eval", "none", "--ot-eval", "none"]
    data = _json(capsys, catalog, [*argv, *codes, *ALABAMA, "--co-treatment", "60", "--co-treatment-pt", "30"])

    assert _allowed(data) == ["54.98", "40.51"]  # OT is listed first on a shared day
    assert data["patient_total"] == "95.49"
    assert "joint sessions of 60 minutes (PT 30, OT 30)" in str(data["care"])


def test_a_visit_length_gives_a_low_likely_high_range(capsys: pytest.CaptureFixture[str], catalog: Path) -> None:
    """A 45-minute 97110x2,97140 visit bills 2 to 3 timed units: 46.55 to 67.34, likely 67.34 (the headline)."""
    # 2 units shared 2:1 by largest remainder: 97110 x1 (26.83, full) and 97140 x1 (19.72, MPPR) = 46.55.
    argv = ["estimate", "--plan-id", "medicare-b-2026", "--pt", "1x1", "--start", "2026-01-05", "--pt-eval", "none"]
    data = _json(capsys, catalog, [*argv, "--pt-services", "97110x2,97140", "--pt-visit-minutes", "45", *ALABAMA])

    spread = data["range"]
    assert isinstance(spread, dict)
    assert (spread["low"], spread["likely"], spread["high"]) == ("46.55", "67.34", "67.34")
    assert spread["units"] == {"PT": {"low": 2, "likely": 3, "high": 3}}
    assert data["patient_total"] == "67.34"


def test_compare_prices_each_plan_from_its_schedule_and_lists_those_that_cannot_be_priced(
    capsys: pytest.CaptureFixture[str], catalog: Path
) -> None:
    """The compare command equals compare_plans(fees=...); a plan naming no known schedule is left out, with why."""
    care = ["--pt", "1x2", "--start", "2026-01-05", *PT_CODES, *ALABAMA]
    data = _json(capsys, catalog, ["compare", *care, "--top", "0"])
    code, out, _ = _run(capsys, catalog, ["compare", *care])

    plans = data["plans"]
    assert isinstance(plans, list)
    by_id = {row["plan_id"]: row for row in plans}
    assert by_id["ma-hmo"]["plan_total"] == "178.50"  # acme: 120 + (40 x 2 + 38.50) = 238.50, less two $30 copays
    assert by_id["medicare-b-2026"]["patient_total"] == "158.66"  # 91.32 + 67.34, under the deductible
    assert data["left_out"] == [
        {
            "plan_id": "ppo-pool-60",
            "year_to_date_problem": None,
            "pricing_problem": "No fee schedule 'nope' in fee_schedules.csv (schedules: acme)",
        }
    ]
    assert data["priced_at"] == {"locality": "10112-00", "name": "ALABAMA (10112-00)", "national": False}
    assert code == OK
    assert "  - ppo-pool-60: No fee schedule 'nope' in fee_schedules.csv" in out
    same_care = CarePlan(
        start_date=date(2026, 1, 5),
        pt=Course(visits_per_week=1, weeks=2, services="97110x2,97140", eval_services="97162"),
    )
    fees = clinic_fee_sources(catalog, EXAMPLE_CLINIC, locality="10112-00")
    expected = compare_plans(load_plans(catalog), same_care, Accumulators(), fees=fees)
    assert [row["patient_total"] for row in plans] == [f"{x:.2f}" for x in expected["patient_total"].dropna()]


@pytest.mark.parametrize(
    ("extra", "exit_code", "says"),
    [
        (["--pt-services", "97110y2"], USAGE, "argument --pt-services: '97110y2': the code '97110Y2' is not five"),
        (["--pt-services", "97110x30"], USAGE, "the units '30' are not a whole number from 1 to 24"),
        (["--pt-minutes", "97010=20"], USAGE, "97010 is not a timed (15-minute) code"),
        (["--pt-minutes", "97110=9", "--pt-minutes", "97110=5"], USAGE, "gives 97110 more than once"),
        (["--pt-services", "97110", "--co-treatment", "60"], USAGE, "--co-treatment and --co-treatment-pt go"),
        (["--co-treatment", "60", "--co-treatment-pt", "30"], USAGE, "need both a PT and an OT course"),
        (["--pt-eval", "none", "--pt-eval-services", "97162"], USAGE, "disagree: give one of them"),
        (["--pt-rate", "90", "--pt-visit-minutes", "45"], USAGE, "--pt-visit-minutes ranges a visit priced from its"),
        (["--pt-services", "97010"], BAD_DATA, "cannot be priced: Medicare's fee schedule has no amount for 97010"),
        (["--pt-services", "97110", "--locality", "99999-00"], BAD_DATA, "'99999-00' is not a locality"),
        (["--pt-services", "97110", "--locality", "abc"], BAD_DATA, "'abc' is not a Medicare locality"),
    ],
)
def test_codes_that_cannot_be_used_are_one_sentence_and_an_exit_code(
    extra: list[str], exit_code: int, says: str, capsys: pytest.CaptureFixture[str], catalog: Path
) -> None:
    """Notation the options refuse is 2; a code or locality that cannot be priced is 4; never a traceback."""
    argv = ["estimate", "--plan-id", "medicare-b-2026", "--pt", "1x2", "--start", "2026-01-05", *extra]
    code, out, err = _run(capsys, catalog, argv)

    assert (code, out) == (exit_code, "")
    assert says in err.splitlines()[-1]
    assert len(err.splitlines()) <= 2  # the short usage line for a usage error, then the sentence


@pytest.mark.parametrize(
    ("plan_id", "services", "says"),
    [
        ("ppo-pool-60", "97110", "No fee schedule 'nope' in fee_schedules.csv (schedules: acme)"),
        ("ma-hmo", "97530", "The fee schedule 'acme' has no rate for 97530: add a row for it to fee_schedules.csv"),
    ],
)
def test_an_unknown_schedule_or_a_code_it_lacks_exits_with_bad_data(
    plan_id: str, services: str, says: str, capsys: pytest.CaptureFixture[str], catalog: Path
) -> None:
    """An estimate under a plan whose schedule is missing, or lacks the code: exit code 4 and the sentence."""
    argv = ["estimate", "--plan-id", plan_id, "--pt", "1x2", "--start", "2026-01-05", "--pt-services", services]

    code, _, err = _run(capsys, catalog, argv)

    assert code == BAD_DATA
    assert err == f"The visits cannot be priced: {says}\n"


def test_a_broken_fee_schedules_file_exits_with_bad_data_and_its_lines(
    capsys: pytest.CaptureFixture[str], catalog: Path
) -> None:
    """A rate that is not an amount: exit code 4, the file's line and column named."""
    catalog.with_name("fee_schedules.csv").write_text(ACME + "acme,97530,,forty,\n", encoding="utf-8")
    argv = ["estimate", "--plan-id", "ma-hmo", "--pt", "1x2", "--start", "2026-01-05", "--pt-services", "97110"]

    code, _, err = _run(capsys, catalog, argv)

    assert code == BAD_DATA
    assert err.startswith("The fee schedules file cannot be used: line 5, column rate:")


def test_a_subprocess_with_bad_notation_prints_no_traceback() -> None:
    """A subprocess given --pt-services 97110y2: exit code 2 and two short lines on stderr."""
    argv = ["estimate", "--plan-id", "medicare-b-2026", "--pt", "1x2", "--start", "2026-01-05"]
    done = subprocess.run(
        [sys.executable, "-m", "coverage", *argv, "--pt-services", "97110y2"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )

    assert done.returncode == USAGE
    assert "Traceback" not in done.stderr
    assert len(done.stderr.splitlines()) == 2
