"""The command line, in-process and as a real subprocess: answers equal the engine's, exit codes hold."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from coverage import Accumulators, CarePlan, Course, Plan, estimate, load_plans
from coverage.cli.main import BAD_DATA, BAD_PLANS, OK, USAGE, main
from coverage.engine.defaults import OT_EVAL_RATE, OT_VISIT_RATE, PT_EVAL_RATE, PT_VISIT_RATE
from coverage.engine.plan_ranking import compare_plans
from tests.cms_fixtures import FIXTURES
from tests.conftest import PLANS_CSV, ROOT

CARE_ARGS = ["--pt", "2x8", "--ot", "1x6", "--start", "2026-01-05"]
#: The same plan of care as CARE_ARGS, with the command line's default rates.
CARE = CarePlan(
    start_date=date(2026, 1, 5),
    pt=Course(visits_per_week=2, weeks=8, visit_rate=PT_VISIT_RATE, eval_rate=PT_EVAL_RATE),
    ot=Course(visits_per_week=1, weeks=6, visit_rate=OT_VISIT_RATE, eval_rate=OT_EVAL_RATE),
)


def _plan(plan_id: str) -> Plan:
    return next(p for p in load_plans(PLANS_CSV) if p.plan_id == plan_id)


def test_estimate_prints_the_engines_totals(capsys: pytest.CaptureFixture[str]) -> None:
    """The text answer shows what estimate() gives for the same plan and plan of care."""
    expected = estimate(_plan("hdhp"), CARE, Accumulators(deductible_met=Decimal("400.00")))

    code = main(["estimate", "--plan-id", "hdhp", *CARE_ARGS, "--deductible-met", "400"])

    out = capsys.readouterr().out
    assert code == OK
    assert f"${expected.patient_total:,.2f}" in out
    assert f"${expected.plan_total:,.2f}" in out
    assert len([line for line in out.splitlines() if line.startswith("  2026-")]) == expected.total.visits


def test_estimate_json_carries_exact_money_as_text(capsys: pytest.CaptureFixture[str]) -> None:
    """--json gives totals as strings with two decimals and one entry per visit."""
    expected = estimate(_plan("ma-hmo"), CARE)

    code = main(["estimate", "--plan-id", "ma-hmo", *CARE_ARGS, "--json"])

    data = json.loads(capsys.readouterr().out)
    assert code == OK
    assert data["patient_total"] == str(expected.patient_total)
    assert data["plan_total"] == str(expected.plan_total)
    assert len(data["visits"]) == expected.total.visits
    assert data["visits"][0]["date"] == "2026-01-05"


def test_compare_json_ranks_like_compare_plans_and_shows_the_top(capsys: pytest.CaptureFixture[str]) -> None:
    """--top 3 --json: the three cheapest plans, in compare_plans' order, with a reason for each."""
    expected = compare_plans(load_plans(PLANS_CSV), CARE)

    code = main(["compare", *CARE_ARGS, "--top", "3", "--json"])

    data = json.loads(capsys.readouterr().out)
    assert code == OK
    assert [row["plan_id"] for row in data["plans"]] == list(expected["plan_id"][:3])
    assert [row["patient_total"] for row in data["plans"]] == [str(t) for t in expected["patient_total"][:3]]
    assert all(row["why"] for row in data["plans"])
    assert data["plans_compared"] == len(expected)


def test_compare_text_lists_the_plans_left_out_by_the_year_to_date_figures(capsys: pytest.CaptureFixture[str]) -> None:
    """A deductible met above some plans' deductibles: the others are ranked, those are listed as left out."""
    code = main(["compare", *CARE_ARGS, "--deductible-met", "250"])

    out = capsys.readouterr().out
    assert code == OK
    assert "plans left out" in out
    assert "ma-hmo: Deductible met ($250.00) is more than the plan's deductible ($0.00)." in out


def test_compare_where_no_plan_can_be_costed_exits_with_bad_data(capsys: pytest.CaptureFixture[str]) -> None:
    """Year-to-date figures above every plan's deductible: exit code 4."""
    assert main(["compare", *CARE_ARGS, "--deductible-met", "9999999"]) == BAD_DATA


@pytest.mark.parametrize(
    "argv",
    [
        ["compare", "--pt", "9x2", "--start", "2026-01-05"],  # 9 visits a week
        ["compare", "--start", "2026-01-05"],  # no therapy
        ["compare", "--pt", "2x8"],  # no start date
        ["compare", "--pt", "2x8", "--start", "5 Jan"],
        ["estimate", "--pt", "2x8", "--start", "2026-01-05"],  # no plan id
        ["compare", *CARE_ARGS, "--pt-rate", "-5"],
        ["compare", *CARE_ARGS, "--colour"],
        [],
    ],
)
def test_a_wrong_command_line_exits_with_usage(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """Impossible values, missing options and unknown options: exit code 2 and a message on stderr."""
    assert main(argv) == USAGE
    assert "error" in capsys.readouterr().err


def test_an_unknown_plan_id_exits_with_bad_plans_and_lists_the_ids(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown --plan-id: exit code 3, and the ids that do exist."""
    assert main(["estimate", "--plan-id", "nope", *CARE_ARGS]) == BAD_PLANS
    assert "medicare-b-2026" in capsys.readouterr().err


def test_a_broken_plans_file_exits_with_bad_plans(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A plans file with a wrong header: exit code 3 and the loader's message."""
    broken = tmp_path / "plans.csv"
    broken.write_text("plan_id,name\nx,y\n", encoding="utf-8")

    assert main(["compare", *CARE_ARGS, "--plans", str(broken)]) == BAD_PLANS
    assert "missing columns" in capsys.readouterr().err


def test_year_to_date_figures_above_the_plan_exit_with_bad_data(capsys: pytest.CaptureFixture[str]) -> None:
    """More deductible met than the plan has: exit code 4 and the reason."""
    assert main(["estimate", "--plan-id", "hdhp", *CARE_ARGS, "--deductible-met", "5000"]) == BAD_DATA
    assert "more than the plan's deductible" in capsys.readouterr().err


def test_import_cms_writes_a_catalog_and_every_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """import-cms: the catalog loads, stdout sums up, --problems lists each plan left out with its line."""
    out, problems = tmp_path / "catalog.csv", tmp_path / "problems.csv"

    code = main(
        [
            "import-cms",
            "--benefits",
            str(FIXTURES / "cms_benefits_2016.csv"),
            "--plans",
            str(FIXTURES / "cms_plan_attributes_2016.csv"),
            "-o",
            str(out),
            "--problems",
            str(problems),
        ]
    )

    captured = capsys.readouterr()
    assert code == OK
    assert len(load_plans(out)) == 5
    assert "Wrote 5 plans" in captured.out
    assert "100% read" in captured.err  # the progress, on a non-terminal stream
    with problems.open(encoding="utf-8", newline="") as text:
        rows = list(csv.DictReader(text))
    assert {row["plan_id"] for row in rows} == {"73751ND0080007-02", "56707OR0870002-00"}
    assert all(row["line"] for row in rows)


def test_import_cms_with_a_wrong_file_exits_with_bad_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The Plan Attributes file given as the benefits file: exit code 4, naming the missing columns."""
    attributes = str(FIXTURES / "cms_plan_attributes_2016.csv")

    code = main(["import-cms", "--benefits", attributes, "--plans", attributes, "-o", str(tmp_path / "c.csv")])

    assert code == BAD_DATA
    assert "BenefitName" in capsys.readouterr().err


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coverage", *args], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
    )


def test_the_module_runs_as_a_program_with_help_for_each_command() -> None:
    """The program's --help names the three commands, the exit codes and examples."""
    result = _run("--help")

    assert result.returncode == 0
    for word in ("estimate", "compare", "import-cms", "exit codes", "examples"):
        assert word in result.stdout


def test_a_subprocess_gets_the_engines_answer_and_the_exit_codes() -> None:
    """As a program: --json matches estimate(); an unknown plan id exits 3; a wrong option exits 2."""
    expected = estimate(_plan("copay-first"), CARE)

    answer = _run("estimate", "--plan-id", "copay-first", *CARE_ARGS, "--json")
    unknown = _run("estimate", "--plan-id", "nope", *CARE_ARGS)
    wrong = _run("compare", "--pt", "0x8", "--start", "2026-01-05")

    assert answer.returncode == 0
    assert json.loads(answer.stdout)["patient_total"] == str(expected.patient_total)
    assert unknown.returncode == BAD_PLANS
    assert wrong.returncode == USAGE


def test_a_start_date_beyond_2099_exits_with_bad_data_and_a_sentence() -> None:
    """--start 9999-12-20 is refused in words with exit code 4, never a traceback (audit finding)."""
    import contextlib
    import io

    from coverage.cli.main import main

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["estimate", "--plan-id", "ma-hmo", "--pt", "2x8", "--start", "9999-12-20"])

    assert code == 4
    assert "pick a date from 01 Jan 2000 to 31 Dec 2099" in err.getvalue()
    assert "Traceback" not in err.getvalue()


def test_estimate_json_gives_the_front_desks_first_day_figure(capsys: pytest.CaptureFixture[str]) -> None:
    """front_desk.collect_first_day is every visit of the first date: PT 1 and OT 1 of the PPO (issue 16)."""
    result = estimate(_plan("ppo-pool-60"), CARE)
    first_day = [v for v in result.visits if v.date == CARE.start_date]

    code = main(["estimate", "--plan-id", "ppo-pool-60", *CARE_ARGS, "--json"])

    desk = json.loads(capsys.readouterr().out)["front_desk"]
    assert code == OK
    assert len(first_day) == 2
    assert desk["collect_first_day"] == str(sum(v.patient_pays for v in first_day))
    assert desk["first_day_therapies"] == "PT and OT"
    assert desk["first_day_visits"] == ["OT 1", "PT 1"]


def test_import_cms_with_rates_adds_the_premium_and_names_the_conflict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--rates --age 40 --rating-area: a monthly_premium column; the plan with two rates is named on stderr."""
    out = tmp_path / "catalog.csv"
    cms = [
        "--benefits",
        str(FIXTURES / "cms_benefits_2016.csv"),
        "--plans",
        str(FIXTURES / "cms_plan_attributes_2016.csv"),
    ]
    rates = ["--rates", str(FIXTURES / "cms_rates_2016.csv"), "--age", "40", "--rating-area", "Rating Area 1"]

    code = main(["import-cms", *cms, "-o", str(out), "--quiet", *rates])

    err = capsys.readouterr().err
    assert code == OK
    assert out.read_text(encoding="utf-8").splitlines()[0].endswith(",family_deductible_embedded,monthly_premium")
    assert "premium blank: cms_rates_2016.csv line 12 (plan 66083OH0610011-00)" in err


def test_import_cms_with_rates_but_no_age_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--rates without --age and --rating-area: exit 2, saying the three go together."""
    cms = [
        "--benefits",
        str(FIXTURES / "cms_benefits_2016.csv"),
        "--plans",
        str(FIXTURES / "cms_plan_attributes_2016.csv"),
    ]

    code = main(["import-cms", *cms, "-o", str(tmp_path / "c.csv"), "--rates", str(FIXTURES / "cms_rates_2016.csv")])

    assert code == USAGE
    assert "go together" in capsys.readouterr().err
