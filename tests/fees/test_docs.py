"""docs/fee-schedules.md and the code agree: the worked example is what price_day computes."""

from __future__ import annotations

from decimal import Decimal as D

from coverage.engine.billed_services import parse_services
from coverage.fees.day_pricing import MedicarePricing, price_day
from coverage.fees.pfs_files import load_medicare_fee_schedule
from tests.conftest import ROOT

DOC = (ROOT / "docs" / "fee-schedules.md").read_text(encoding="utf-8")


def test_the_worked_example_of_the_docs_is_what_the_pricing_computes() -> None:
    """Alabama 97110 x2, 97140: the docs' 26.83, 20.79, 19.72 = 67.34, and 61.30 beside OT, are computed."""
    pfs = load_medicare_fee_schedule()
    alabama = MedicarePricing(fee_schedule=pfs, locality=pfs.locality("10112-00"))

    alone = price_day({"PT": parse_services("97110x2,97140")}, alabama)
    with_ot = price_day({"PT": parse_services("97110x2,97140"), "OT": parse_services("97530x2,97535")}, alabama)

    assert [f"**{line.amount}**" for line in alone.lines] == ["**26.83**", "**20.79**", "**19.72**"]
    for figure in ("**26.83**", "**20.79**", "**19.72**", f"**{alone.total}**", f"**{with_ot.totals['PT']}**"):
        assert figure in DOC
    assert (alone.total, with_ot.totals["PT"]) == (D("67.34"), D("61.30"))


def test_the_docs_name_the_release_the_shipped_files_come_from() -> None:
    """The release named in the docs is the one the shipped relative value file says."""
    release = load_medicare_fee_schedule().release

    assert "RELEASED 09/11/2025" in release
    assert "released 09/11/2025" in DOC
    assert "RVU25D" in DOC
