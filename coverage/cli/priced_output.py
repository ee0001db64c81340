"""What the command line prints of visits priced from their codes: the source, each code's line, the range.

Money is exact as in :mod:`coverage.cli.output`: "$26.83" in text, the string "26.83" in JSON.
"""

from __future__ import annotations

from coverage.engine.billed_services import code_label
from coverage.engine.course_estimate import Estimate, VisitCost
from coverage.engine.money import format_money
from coverage.engine.visit_pricing import PricedCode
from coverage.fees.estimate_range import EstimateRange
from coverage.fees.pfs import Locality

#: Said whenever Medicare's national amounts were used because no locality was set.
NATIONAL_NOTE = (
    "national amounts: no locality set (every GPCI 1); give --locality or set medicare_locality in clinic.toml"
)


def pricing_json(result: Estimate) -> dict[str, object] | None:
    """How the visits priced from their codes were priced, or None when every visit has a typed rate."""
    prices = result.prices
    if prices is None:
        return None
    return {"source": prices.source, "national": prices.national, "note": NATIONAL_NOTE if prices.national else None}


def lines_json(lines: tuple[PricedCode, ...]) -> list[dict[str, object]]:
    """A visit's code lines in the order priced, amounts as strings with two decimals."""
    return [
        {
            "code": x.code,
            "modifier": x.modifier,
            "units": x.units,
            "unit_amount": f"{x.unit_amount:.2f}",
            "amount": f"{x.amount:.2f}",
            "how": x.how,
            "mppr_reduced": x.mppr_reduced,
        }
        for x in lines
    ]


def range_json(spread: EstimateRange | None) -> dict[str, object] | None:
    """The low / likely / high patient totals and the timed units behind them, or None without a range."""
    if spread is None:
        return None
    return {
        "low": f"{spread.low.patient_total:.2f}",
        "likely": f"{spread.likely.patient_total:.2f}",
        "high": f"{spread.high.patient_total:.2f}",
        "units": {name: units.model_dump() for name, units in spread.units.items()},
        "assumptions": list(spread.assumptions),
    }


def locality_json(locality: Locality | None) -> dict[str, object] | None:
    """Where ``compare`` priced Medicare's amounts, or None when every visit has a typed rate."""
    if locality is None:
        return None
    national = locality.is_national
    return {"locality": None if national else locality.locality_id, "name": str(locality), "national": national}


def print_locality(locality: Locality | None) -> None:
    """``compare``'s line on where Medicare's amounts were taken (nothing when every visit has a typed rate)."""
    if locality is None:
        return
    where = NATIONAL_NOTE if locality.is_national else f"at {locality}"
    print(f"Visits billed as codes are priced under each plan's fee schedule; Medicare's {where}.")


def print_pricing(result: Estimate) -> None:
    """The source of the amounts, and the national note when no locality was set."""
    if result.prices is None:
        return
    print(f"Visits priced from {result.prices.source}")
    if result.prices.national:
        print(f"Medicare's {NATIONAL_NOTE}")


def print_range(spread: EstimateRange | None) -> None:
    """The low / likely / high totals and the assumption each rests on."""
    if spread is None:
        return
    print(
        f"  Range        {format_money(spread.low.patient_total)} to {format_money(spread.high.patient_total)}"
        f" (likely {format_money(spread.likely.patient_total)}, shown here)"
    )
    for said in spread.assumptions:
        print(f"    {said}")


def print_lines(visit: VisitCost) -> None:
    """A priced visit's code lines under its row of the visit table."""
    for x in visit.lines:
        code = code_label(x.code, x.modifier)
        print(f"      {code:<9} x{x.units:<2} {format_money(x.amount):>9}   {x.how}")
