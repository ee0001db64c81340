"""Medicare's amounts by locality, the therapy MPPR across PT and OT, assistants, non-participating, percentages."""

from __future__ import annotations

import csv
from decimal import Decimal as D

import pytest

from coverage.engine.billed_services import parse_services, with_assistant
from coverage.fees.day_pricing import DayPrice, DayPricer, MedicarePricing, price_day
from coverage.fees.medicare_rates import unit_amount
from coverage.fees.pfs import NATIONAL
from coverage.fees.pfs_files import load_medicare_fee_schedule
from coverage.fees.problems import CodeNotPricedError
from tests.conftest import SHARED_DATA

PFS = load_medicare_fee_schedule()
ALABAMA, LOS_ANGELES = "10112-00", "01182-18"


def medicare(locality: str | None = ALABAMA, percent: str = "100") -> MedicarePricing:
    """Medicare's fee schedule at ``locality`` (None: national), paid at ``percent``."""
    return MedicarePricing(fee_schedule=PFS, locality=PFS.locality(locality), percent=D(percent))


def lines(day: DayPrice) -> list[tuple[str, str, int, str, str]]:
    """Each line as (code, modifier, units, unit amount, amount), in the order priced."""
    return [(x.code, x.modifier, x.units, str(x.unit_amount), str(x.amount)) for x in day.lines]


# RVU25D (CF 32.3465): 97110 work 0.45, PE 0.43, MP 0.01; 97140 work 0.43, PE 0.40, MP 0.01.
# GPCIs (work, PE, MP): Alabama 10112-00 (1, 0.869, 0.575); Los Angeles 01182-18 (1.042, 1.194, 0.69).
@pytest.mark.parametrize(
    ("code", "locality", "full", "reduced"),
    [
        # (0.45 + 0.43 x 0.869 + 0.01 x 0.575) = 0.82942 x 32.3465 = 26.8288 -> 26.83; PE halved: 0.642585 -> 20.7854
        ("97110", ALABAMA, "26.83", "20.79"),
        # (0.43 + 0.40 x 0.869 + 0.01 x 0.575) = 0.78335 -> 25.3386 -> 25.34; halved: 0.60955 -> 19.7168
        ("97140", ALABAMA, "25.34", "19.72"),
        # (0.45 x 1.042 + 0.43 x 1.194 + 0.01 x 0.69) = 0.98922 -> 31.9978 -> 32.00; halved: 0.73251 -> 23.6941
        ("97110", LOS_ANGELES, "32.00", "23.69"),
        # (0.43 x 1.042 + 0.40 x 1.194 + 0.01 x 0.69) = 0.93256 -> 30.1651 -> 30.17; halved: 0.69376 -> 22.4407
        ("97140", LOS_ANGELES, "30.17", "22.44"),
    ],
)
def test_two_codes_in_two_localities_by_hand(code: str, locality: str, full: str, reduced: str) -> None:
    """Each unit is the GPCI-weighted RVU sum times the conversion factor, rounded half up once."""
    row, place = PFS.relative_values(code), PFS.locality(locality)

    assert (unit_amount(row, place), unit_amount(row, place, reduced=True)) == (D(full), D(reduced))


def test_the_national_amounts_are_the_files_own_nonfacility_amounts() -> None:
    """With every GPCI 1, each priced code's unit is the extract's NON_FACILITY_TOTAL x CF (e.g. 97110 28.79)."""
    with (SHARED_DATA / "cms_mpfs_2025_oct_therapy_rvus.csv").open(encoding="utf-8", newline="") as text:
        priced = [row for row in csv.DictReader(text) if row["STATUS_CODE"] == "A"]

    assert len(priced) == 63
    for row in priced:
        mine = unit_amount(PFS.relative_values(row["HCPCS"]), NATIONAL)
        assert mine == D(row["national_nonfacility_amount_usd_computed"]), row["HCPCS"]


def test_a_pt_visit_in_alabama_pays_one_unit_in_full_and_the_rest_reduced() -> None:
    """97110 x2, 97140: 26.83 + 20.79 + 19.72 = 67.34 (97110's PE 0.43 outranks 97140's 0.40)."""
    day = price_day({"PT": parse_services("97110x2,97140")}, medicare())

    assert lines(day) == [
        ("97110", "", 1, "26.83", "26.83"),
        ("97110", "", 1, "20.79", "20.79"),
        ("97140", "", 1, "19.72", "19.72"),
    ]
    assert day.totals == {"PT": D("67.34")}
    assert "paid in full" in day.lines[0].how
    assert "(0.45 x 1 + 0.43 x 0.869 x 0.50 + 0.01 x 0.575) x 32.3465 = 20.79" in day.lines[1].how


def test_pt_and_ot_on_one_day_share_one_mppr() -> None:
    """OT's 97530 (PE 0.62) takes the day's one full unit, so the PT visit costs 6.04 less than alone.

    Alabama: 97530 full (0.44 + 0.62 x 0.869 + 0.01 x 0.575) x 32.3465 = 31.85, reduced 23.13;
    97535 reduced (0.45 + 0.53 x 0.869 x 0.5 + 0.00575) x 32.3465 = 22.19; 97110 reduced 20.79 x 2 = 41.58;
    97140 reduced 19.72. OT 31.85 + 23.13 + 22.19 = 77.17; PT 41.58 + 19.72 = 61.30 (alone: 67.34).
    """
    day = price_day({"PT": parse_services("97110x2,97140"), "OT": parse_services("97530x2,97535")}, medicare())

    assert lines(day) == [
        ("97530", "", 1, "31.85", "31.85"),
        ("97530", "", 1, "23.13", "23.13"),
        ("97535", "", 1, "22.19", "22.19"),
        ("97110", "", 2, "20.79", "41.58"),
        ("97140", "", 1, "19.72", "19.72"),
    ]
    assert day.totals == {"PT": D("61.30"), "OT": D("77.17")}
    assert day.total == D("138.47")


def test_an_assistant_visit_is_85_percent_of_each_line() -> None:
    """National 97110-CQ x2, 97140-CQ: 28.79 -> 24.47, 21.83 -> 18.56 (18.5555), 20.70 -> 17.60 (17.595)."""
    services = with_assistant(parse_services("97110x2,97140"), "PT")

    day = price_day({"PT": services}, medicare(None))

    assert lines(day) == [
        ("97110", "CQ", 1, "28.79", "24.47"),
        ("97110", "CQ", 1, "21.83", "18.56"),
        ("97140", "CQ", 1, "20.70", "17.60"),
    ]
    assert day.national
    assert day.lines[0].how.endswith("85 % for a therapy assistant's service (CQ): $24.47")


def test_a_non_participating_clinic_is_paid_95_percent_of_each_line() -> None:
    """National 97110 x2, 97140: 28.79 -> 27.35 (27.3505), 21.83 -> 20.74 (20.7385), 20.70 -> 19.67 (19.665)."""
    day = price_day({"PT": parse_services("97110x2,97140")}, medicare(None), non_participating=True)

    assert [str(x.amount) for x in day.lines] == ["27.35", "20.74", "19.67"]
    assert day.totals["PT"] == D("67.76")


def test_a_percentage_of_medicare_is_taken_of_each_line_and_rounded_half_up() -> None:
    """medicare:110 in Alabama: 26.83 -> 29.51 (29.513), 20.79 -> 22.87 (22.869), 19.72 -> 21.69 (21.692)."""
    day = price_day({"PT": parse_services("97110x2,97140")}, medicare(ALABAMA, "110"))

    assert [str(x.amount) for x in day.lines] == ["29.51", "22.87", "21.69"]
    assert day.totals["PT"] == D("74.07")
    assert day.schedule.startswith("110 % of Medicare's fee schedule, ALABAMA (10112-00)")


def test_percentage_then_non_participating_then_assistant_each_round_per_line() -> None:
    """Alabama 97110-CQ at 110 %, non-participating: 26.83 -> 29.51 -> 28.03 (28.0345) -> 23.83 (23.8255)."""
    day = price_day({"PT": parse_services("97110-CQ")}, medicare(ALABAMA, "110"), non_participating=True)

    assert lines(day) == [("97110", "CQ", 1, "26.83", "23.83")]


def test_a_code_without_the_mppr_indicator_is_always_paid_in_full() -> None:
    """97129 (indicator 0) keeps its full 21.67 nationally even beside 97110, which takes the MPPR full unit."""
    day = price_day({"SLP": parse_services("97129"), "PT": parse_services("97110x2")}, medicare(None))

    assert lines(day) == [
        ("97110", "", 1, "28.79", "28.79"),
        ("97110", "", 1, "21.83", "21.83"),
        ("97129", "", 1, "21.67", "21.67"),  # (0.50 + 0.16 + 0.01) x 32.3465 = 21.672 -> 21.67
    ]


def test_a_code_medicare_does_not_price_stops_the_day_with_its_name() -> None:
    """Hot packs (97010, bundled) in a visit are refused in words, never priced as zero."""
    with pytest.raises(CodeNotPricedError, match="no amount for 97010: it is bundled"):
        price_day({"PT": parse_services("97110,97010")}, medicare())


def test_a_day_pricer_prices_each_distinct_day_once_and_alike() -> None:
    """The pricer gives the same answer as price_day, and the same object for a repeated day."""
    pricer = DayPricer(medicare(), non_participating=True)
    day = {"PT": parse_services("97110x2,97140")}

    first, again = pricer(day), pricer({"PT": list(parse_services("97110x2,97140"))})

    assert first == price_day(day, medicare(), non_participating=True)
    assert again is first
    with pytest.raises(CodeNotPricedError):
        pricer({"PT": parse_services("97010")})
