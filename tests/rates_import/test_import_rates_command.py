"""The import-rates command: its options, its summary, its exit codes and the files it leaves."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

import pytest

from coverage.cli import import_rates as command
from coverage.cli.import_rates import add_import_rates_parser, import_rates_command
from tests.rates_import.documents import CLINIC_NPI, clinic_references, document, entry, price, rate, write

EXISTING = "schedule_id,code,modifier,rate,notes\nother,97110,,31.50,typed by hand\n"


@pytest.fixture(autouse=True)
def _run_on_the_first_of_december(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every run here happens on 1 Dec 2026."""
    monkeypatch.setattr(command, "run_date", lambda: date(2026, 12, 1))


def rates_file(folder: Path) -> Path:
    """97110 at 31.50 and 97140 at 65 % of charges for the clinic, and 99213 (not therapy)."""
    entries = [
        entry("97110", rate(price("31.50"))),
        entry("97140", rate(price("65", kind="percentage"))),
        entry("99213", rate(price("90.00"))),
    ]
    return write(folder / "acme.json.gz", document(entries, clinic_references()), gz=True)


def test_an_import_writes_the_rows_prints_a_summary_and_lists_the_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit 0; the row is in fee_schedules.csv beside the other schedule; the percentage is a problem."""
    output = tmp_path / "fee_schedules.csv"
    output.write_text(EXISTING, encoding="utf-8")
    problems = tmp_path / "problems.csv"

    code = import_rates_command(
        [
            str(rates_file(tmp_path)),
            "--npi",
            CLINIC_NPI,
            "--schedule-id",
            "acme-ppo",
            "-o",
            str(output),
            "--problems",
            str(problems),
        ]
    )

    out, err = capsys.readouterr()
    assert code == 0
    assert output.read_text(encoding="utf-8") == EXISTING + (
        'acme-ppo,97110,,31.50,"from acme.json.gz, last updated 2026-11-01, Test PPO"\n'
    )
    assert "wrote 1 rows for schedule acme-ppo" in out
    assert ": 3 entries;" in out
    assert out.rstrip().endswith("1 problems.")
    assert "left out: acme.json.gz: 97140: paid at 65% of billed charges" in err
    assert problems.read_text(encoding="utf-8").splitlines()[1].startswith('acme.json.gz,97140,,"paid at 65%')


def test_no_row_to_write_is_exit_4_and_leaves_the_file_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With --codes 97140 only the percentage is found: exit 4, fee_schedules.csv as it was."""
    output = tmp_path / "fee_schedules.csv"
    output.write_text(EXISTING, encoding="utf-8")

    code = import_rates_command(
        [str(rates_file(tmp_path)), "--npi", CLINIC_NPI, "--schedule-id", "acme", "-o", str(output), "--codes", "97140"]
    )

    assert code == 4
    assert output.read_text(encoding="utf-8") == EXISTING
    assert "no rate could be written" in capsys.readouterr().out


def test_two_workers_write_the_same_file_as_one(tmp_path: Path) -> None:
    """--workers 2 on two files gives the same fee_schedules.csv as --workers 1."""
    first = rates_file(tmp_path)
    second = write(tmp_path / "b.json", document([entry("97530", rate(price("40.00")))], clinic_references()))
    outputs = []
    for workers in ("1", "2"):
        output = tmp_path / f"fee_schedules-{workers}.csv"
        args = [str(first), str(second), "--npi", CLINIC_NPI, "--schedule-id", "s", "-o", str(output)]
        assert import_rates_command([*args, "--workers", workers]) == 0
        outputs.append(output.read_text(encoding="utf-8"))

    assert outputs[0] == outputs[1]
    assert outputs[0].count("\n") == 3


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["https://payer.example/in-network.json.gz"], 4, "no network access"),
        (["missing.json"], 4, "missing.json cannot be read"),
        (["x.json", "--npi", "12345"], 2, "is not an NPI"),
        (["x.json", "--codes", "97110,abc"], 2, "'ABC' is not a CPT or HCPCS code"),
        (["x.json", "--schedule-id", "medicare"], 2, "cannot be a schedule id"),
        (["x.json", "--schedule-id", "Medicare-advantage"], 2, "do not start it with 'medicare'"),
        (["x.json", "--workers", "0"], 2, "not a number of worker processes"),
        (["x.json", "--scheduler", "localhost"], 2, "not a Dask scheduler address"),
    ],
)
def test_what_cannot_be_used_is_a_sentence_and_an_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], code: int, words: str
) -> None:
    """A URL, a missing file or a bad option value says what is wrong, with exit 4 or 2."""
    defaults = {"--npi": CLINIC_NPI, "--schedule-id": "acme", "-o": str(tmp_path / "fee_schedules.csv")}
    given = [a for a in args if a.startswith("-")]
    extra = [part for option, value in defaults.items() if option not in given for part in (option, value)]

    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        result = import_rates_command([*args, *extra])

    assert result == code
    assert words in capsys.readouterr().err
    assert not (tmp_path / "fee_schedules.csv").exists()


def test_the_subcommand_has_the_issues_options() -> None:
    """import-rates takes FILE... and exactly the issue's options, --npi repeatable and --tin read as digits."""
    parser = argparse.ArgumentParser()
    sub = add_import_rates_parser(parser.add_subparsers(dest="command"))

    options = {o for action in sub._actions for o in action.option_strings} - {"-h", "--help"}
    args = parser.parse_args(
        [
            "import-rates",
            "a.json",
            "b.json.gz",
            "--npi",
            CLINIC_NPI,
            "--npi",
            "1999999992",
            "--tin",
            "12-3456789",
            "--schedule-id",
            "acme",
            "-o",
            "fee_schedules.csv",
        ]
    )

    assert options == {
        "--npi",
        "--tin",
        "--schedule-id",
        "-o",
        "--output",
        "--problems",
        "--codes",
        "--workers",
        "--scheduler",
        "--provider-file",
    }
    assert (args.files, args.npi, args.tin, args.workers) == (
        ["a.json", "b.json.gz"],
        [CLINIC_NPI, "1999999992"],
        "123456789",
        1,
    )
