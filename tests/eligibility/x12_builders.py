"""Build X12 text in tests: an ISA with chosen delimiters, and the paths of the 271 fixtures."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SHARED_DATA

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PUBLIC_271 = SHARED_DATA / "x12"


def isa(element: str = "*", repetition: str = "^", component: str = ":", terminator: str = "~") -> str:
    """A 106-character ISA segment, padded as the guide requires, with the given delimiters."""
    fields = [
        "00", " " * 10, "00", " " * 10, "ZZ", "CLEARINGHOUSE".ljust(15), "ZZ", "CLINIC".ljust(15),
        "260105", "0930", repetition, "00501", "000000101", "0", "T", component,
    ]  # fmt: skip
    return "ISA" + element + element.join(fields) + terminator


def fixture_text(name: str) -> str:
    """The text of one of our own 271 fixtures."""
    return (FIXTURES / name).read_text(encoding="utf-8")


def all_271_files() -> list[Path]:
    """Our fixtures and the public example files, in name order."""
    return sorted(FIXTURES.glob("*.271")) + sorted(PUBLIC_271.glob("*.271"))
