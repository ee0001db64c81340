"""The front desk's price look-up: one core for the command line and the dashboard's "Price a visit" panel."""

from __future__ import annotations

import json

import pytest

from coverage.cli.fee_commands import OK, price_visit_command
from coverage.engine.billed_services import parse_services
from coverage.fees.pfs_files import load_medicare_fee_schedule
from coverage.fees.problems import ServiceNotationError
from coverage.fees.visit_lookup import lookup_services, price_visit

MEDICARE = load_medicare_fee_schedule()


def test_the_command_line_prints_what_the_core_prices(capsys: pytest.CaptureFixture[str]) -> None:
    """price-visit --json and price_visit() give the same allowed amount and lines for 97110x2,97140 at 10112-00."""
    day = price_visit(parse_services("97110x2,97140"), medicare=MEDICARE, locality="10112-00")

    assert price_visit_command(["--locality", "10112-00", "--service", "97110x2,97140", "--json"]) == OK
    printed = json.loads(capsys.readouterr().out)

    assert printed["allowed"] == f"{day.total:.2f}"
    assert [(line["code"], line["units"]) for line in printed["lines"]] == [(x.code, x.units) for x in day.lines]


def test_minutes_become_units_and_an_assistant_visit_carries_the_modifier() -> None:
    """97530 for 38 minutes is 3 units under the 8-minute rule (38-52 minutes); an OT assistant's gets CO."""
    billed = lookup_services((), {"97530": 38}, therapy="OT", assistant=True)

    assert [(s.code, s.units, s.modifier) for s in billed] == [("97530", 3, "CO")]


def test_a_look_up_needs_a_service_and_a_fee_schedule() -> None:
    """Nothing to price, or a blank fee schedule, is a sentence (ServiceNotationError), not a zero."""
    with pytest.raises(ServiceNotationError, match="no service to price"):
        price_visit((), medicare=MEDICARE)
    with pytest.raises(ServiceNotationError, match="name a fee schedule"):
        price_visit(parse_services("97110"), medicare=MEDICARE, fee_schedule="")
