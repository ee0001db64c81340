"""The clinic's own fee schedules and the fee_schedule setting: rates by code and modifier, problems by line."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from coverage.engine.billed_services import parse_services
from coverage.engine.pricing_settings import FeeScheduleSetting, parse_fee_schedule_setting
from coverage.fees.clinic_schedule import ClinicFeeSchedule, parse_fee_schedules_csv
from coverage.fees.day_pricing import MedicarePricing, price_day
from coverage.fees.pfs_files import load_medicare_fee_schedule
from coverage.fees.problems import (
    CodeNotInScheduleError,
    FeeScheduleError,
    FeeScheduleFileError,
    UnknownLocalityError,
    UnknownScheduleError,
)
from coverage.fees.setting import fee_schedule_for

SCHEDULES = """schedule_id,code,modifier,rate,notes
acme-2026,97110,,40.00,therapeutic exercise
acme-2026,97110,CQ,34.00,assistant rate
acme-2026,97140,,38.50,
acme-2026,97162,,120.00,
bluecross-ppo,97110,,$45,
"""


def acme() -> ClinicFeeSchedule:
    """The schedule acme-2026 of the example file."""
    return parse_fee_schedules_csv(SCHEDULES).schedule("acme-2026")


def test_a_clinic_schedule_pays_its_rate_times_the_units_with_no_reduction() -> None:
    """97110 x2 at 40.00 and 97140 at 38.50 is 118.50: no MPPR on a contract's rates."""
    day = price_day({"PT": parse_services("97110x2,97140")}, acme())

    assert [(x.code, x.units, x.unit_amount, x.amount) for x in day.lines] == [
        ("97110", 2, D("40.00"), D("80.00")),
        ("97140", 1, D("38.50"), D("38.50")),
    ]
    assert day.total == D("118.50")
    assert day.lines[0].how == "2 x fee schedule 'acme-2026': 97110 at $40.00 a unit"


def test_a_modifier_row_wins_and_a_code_without_one_falls_back_to_its_plain_rate() -> None:
    """97110-CQ has its own 34.00; 97140-CQ has none, so the 38.50 of 97140 applies."""
    day = price_day({"PT": parse_services("97110-CQ,97140-CQ")}, acme())

    assert [x.amount for x in day.lines] == [D("34.00"), D("38.50")]


def test_a_code_the_schedule_lacks_is_a_message_naming_code_and_schedule() -> None:
    """97530 is not in acme-2026: the visit is refused, never priced at zero."""
    with pytest.raises(CodeNotInScheduleError, match="The fee schedule 'acme-2026' has no rate for 97530"):
        price_day({"OT": parse_services("97530x2")}, acme())


def test_non_participating_has_no_meaning_for_a_clinic_contract() -> None:
    """The 95 % is Medicare's rule; asking for it with the clinic's own schedule is refused."""
    with pytest.raises(FeeScheduleError, match="'acme-2026' is the clinic's own contract"):
        price_day({"PT": parse_services("97110")}, acme(), non_participating=True)


def test_every_bad_cell_is_reported_by_line_and_column() -> None:
    """Bad ids, codes, modifiers, rates, formulas and repeats each get a line and column, all at once."""
    text = (
        "schedule_id,code,modifier,rate,notes\n"
        "acme 2026,97110,,40,\n"  # line 2: a space in the id
        "acme,9711,,40,\n"  # line 3: four-digit code
        "acme,97110,C,40,\n"  # line 4: one-letter modifier
        "acme,97110,,forty,\n"  # line 5: not an amount
        "acme,97140,,0,\n"  # line 6: zero
        "acme,97530,,30,=HYPERLINK()\n"  # line 7: a formula
        "acme,97535,,30,\n"
        "acme,97535,,31,\n"  # line 9: twice
        "medicare,97110,,30,\n"  # line 10: reserved id
    )

    with pytest.raises(FeeScheduleFileError) as caught:
        parse_fee_schedules_csv(text)

    assert [(p.line, p.column) for p in caught.value.problems] == [
        (2, "schedule_id"),
        (3, "code"),
        (4, "modifier"),
        (5, "rate"),
        (6, "rate"),
        (7, "notes"),
        (9, "code"),
        (10, "schedule_id"),
    ]
    assert "line 9, column code: 97535 is in 'acme' twice (line 8)" in str(caught.value.problems[6])
    assert str(caught.value).startswith("The fee schedules file cannot be used: line 2, column schedule_id:")


def test_a_bad_rate_quotes_the_cell_once() -> None:
    """'forty' is quoted once; '-5' and '40.001' are quoted before a sentence that does not quote them."""
    text = "schedule_id,code,modifier,rate,notes\nacme,97110,,forty,\nacme,97140,,-5,\nacme,97530,,40.001,\n"

    with pytest.raises(FeeScheduleFileError) as caught:
        parse_fee_schedules_csv(text)

    assert [p.message for p in caught.value.problems] == [
        "'forty' is not an amount in dollars and cents, such as 95.00",
        "'-5' must not be negative",
        "'40.001' has more than two decimal places (cents)",
    ]


def test_a_header_without_the_columns_is_refused_on_line_1() -> None:
    """A file lacking ``rate`` or with an extra column says which, and lists the columns."""
    with pytest.raises(FeeScheduleFileError, match=r"line 1: the header lacks rate; has unknown column\(s\) price"):
        parse_fee_schedules_csv("schedule_id,code,modifier,price,notes\n")


def test_an_unknown_schedule_names_the_known_ones() -> None:
    """A plan naming a schedule the file lacks is told which schedules there are."""
    with pytest.raises(
        UnknownScheduleError, match=r"No fee schedule 'aetna' .* \(schedules: acme-2026, bluecross-ppo\)"
    ):
        parse_fee_schedules_csv(SCHEDULES).schedule("aetna")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", FeeScheduleSetting(kind="typed")),
        ("medicare", FeeScheduleSetting(kind="medicare")),
        (" Medicare ", FeeScheduleSetting(kind="medicare")),
        ("medicare:110", FeeScheduleSetting(kind="medicare", percent=D("110"))),
        ("medicare: 87.5%", FeeScheduleSetting(kind="medicare", percent=D("87.5"))),
        ("acme-2026", FeeScheduleSetting(kind="clinic", schedule_id="acme-2026")),
    ],
)
def test_the_fee_schedule_setting_reads_each_kind(text: str, expected: FeeScheduleSetting) -> None:
    """Blank, medicare, medicare:<percent> and a schedule id are the four kinds of the column."""
    assert parse_fee_schedule_setting(text) == expected


@pytest.mark.parametrize("text", ["medicare:0", "medicare:1001", "medicare:abc", "medicare:110.555", "acme 2026"])
def test_a_fee_schedule_setting_that_cannot_be_used_is_refused(text: str) -> None:
    """A percentage outside (0, 1000] or with three decimals, and an id with a space, are refused."""
    with pytest.raises(FeeScheduleError):
        parse_fee_schedule_setting(text)


def test_the_setting_resolves_to_medicare_at_the_locality_or_the_clinics_schedule() -> None:
    """medicare:110 at 10112-00 is Medicare in Alabama at 110 %; blank is None; a bad locality is refused."""
    medicare = load_medicare_fee_schedule()
    schedules = parse_fee_schedules_csv(SCHEDULES)

    found = fee_schedule_for(parse_fee_schedule_setting("medicare:110"), medicare=medicare, locality="10112-00")
    typed = fee_schedule_for(parse_fee_schedule_setting(""), medicare=medicare, locality="10112-00")
    clinic = fee_schedule_for(
        parse_fee_schedule_setting("acme-2026"), medicare=medicare, locality=None, clinic_schedules=schedules
    )

    assert isinstance(found, MedicarePricing)
    assert (found.locality.locality_id, found.percent) == ("10112-00", D("110"))
    assert typed is None
    assert clinic == schedules.schedule("acme-2026")
    with pytest.raises(UnknownLocalityError):
        fee_schedule_for(parse_fee_schedule_setting("medicare"), medicare=medicare, locality="99999-99")
