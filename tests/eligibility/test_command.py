"""``read-271 FILE [--json]`` prints what a 271 fills, with sources; exit codes as the other commands."""

from __future__ import annotations

import argparse
import json

import pytest

from coverage.cli.read_271 import add_read_271_parser, read_271_command, run_read_271
from tests.eligibility.x12_builders import FIXTURES

HMO = str(FIXTURES / "pt-ot-hmo-authorization.271")
FAMILY = str(FIXTURES / "ot-pt-family-dependent.271")


def test_json_has_the_filled_names_then_unmapped_and_problems_with_amounts_as_two_decimal_strings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Keys are plans.csv and Accumulators names; money "1000.00", visits 30, flags true; then the two lists."""
    code = read_271_command([FAMILY, "--json"])

    printed = json.loads(capsys.readouterr().out)

    assert code == 0
    assert list(printed)[:4] == ["deductible", "oop_max", "ot_copay", "pt_coinsurance_pct"]
    assert (printed["deductible"], printed["pt_coinsurance_pct"], printed["oon_covered"]) == ("1000.00", "10.00", True)
    assert (printed["combined_visit_limit"], printed["other_pool_visits_used"]) == (30, 9)
    assert printed["family_oop_met"] == "2874.75"
    assert printed["unmapped"] == [
        {
            "segments": ["EB|C|FAM|30|PR||23|5000|||||N"],
            "reason": "no estimate field for Plan family deductible, out of network",
        }
    ]
    assert list(printed)[-2:] == ["unmapped", "problems"]


def test_a_conflict_is_no_key_in_json_but_a_problem_naming_each_value(capsys: pytest.CaptureFixture[str]) -> None:
    """pt_copay given as 40 and 45 is left out of the fields and listed under problems with both values."""
    read_271_command([HMO, "--json"])

    printed = json.loads(capsys.readouterr().out)

    assert "pt_copay" not in printed
    assert printed["problems"][0].startswith("pt_copay: the response gives 40.00 or 45.00; choose one: 40.00 from PT")


def test_text_names_each_field_its_source_the_conflicts_and_the_lines_not_used(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The text output lists the payer and trace number, each field with 'from ...', and the choices."""
    read_271_command([HMO])

    out = capsys.readouterr().out

    assert out.startswith(
        "Eligibility response (271) from ACME HEALTH PLAN, 5 Jan 2026, trace number RVT-20260105-0003\n"
    )
    assert "  deductible = 0.00\n      from Plan deductible, in network: EB*C*IND*30*HM**23*0*****Y\n" in out
    assert "Given twice with different values (choose one):\n  pt_copay:\n      40.00 from PT co-payment" in out
    assert "Not used (0 lines):\n  none" in out


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        ([str(FIXTURES / "inactive-coverage.271")], 4, "The eligibility response cannot be used: The payer reports"),
        ([str(FIXTURES / "rejected-invalid-member-id.271")], 4, "invalid member id (AAA 72"),
        ([str(FIXTURES / "no-such-file.271")], 4, "cannot be read: No such file or directory."),
        ([], 2, "the following arguments are required: FILE"),
    ],
)
def test_a_file_that_cannot_be_used_exits_4_with_a_sentence_and_usage_errors_exit_2(
    argv: list[str], code: int, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Inactive coverage, a rejection or a missing file exit 4; a missing argument exits 2; nothing on stdout."""
    assert read_271_command(argv) == code

    printed = capsys.readouterr()

    assert message in printed.err
    assert printed.out == ""


def test_the_subcommand_can_be_added_to_the_command_lines_parser(capsys: pytest.CaptureFixture[str]) -> None:
    """add_read_271_parser adds 'read-271 FILE [--json]' to a subparsers action; run_read_271 runs its arguments."""
    parser = argparse.ArgumentParser(prog="python -m coverage")
    add_read_271_parser(parser.add_subparsers(dest="command"))

    args = parser.parse_args(["read-271", FAMILY, "--json"])

    assert (args.command, args.json) == ("read-271", True)
    assert run_read_271(args) == 0
    assert json.loads(capsys.readouterr().out)["deductible_met"] == "250.00"
