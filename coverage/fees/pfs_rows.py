"""CMS's fee schedule files as rows of text turned into models, and back into the shipped CSV text.

Pure: :mod:`coverage.fees.pfs_files` reads the files and hands their rows here. Two layouts are read:

* CMS's own download (``PPRRVU2025_Oct.csv``, ``GPCI2025.csv``, ``25LOCCO.csv``): title lines, then
  a header - in the relative value file stacked over five lines (``WORK`` above ``RVU``), footnotes
  and blank lines between or after the rows;
* one header line with CMS's names joined by ``_`` (``WORK_RVU``, ``NON_FAC_PE_RVU``), as in
  ``shared/data/cms_mpfs_2025_*.csv`` and the files shipped in ``coverage/fees/data``.

Columns are found by name, never by position. A cell that is not a number is refused with its
file, line and column. CMS drops leading zeros of MAC and locality numbers; they are put back.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation

from coverage.fees.pfs import CountyArea, Locality, RelativeValues, locality_id
from coverage.fees.problems import PfsFileError

Rows = Sequence[Sequence[str]]

#: The speech-language pathology codes shipped beside every 97xxx (physical medicine) code.
# fmt: off
SPEECH_CODES = frozenset({
    "92507", "92508", "92520", "92521", "92522", "92523", "92524", "92526", "92597", "92605",
    "92606", "92607", "92608", "92609", "92610", "92611", "92612", "92618", "96105", "96125",
})
#: HCPCS Level II therapy codes shipped too (unattended stimulation; home health therapy G-codes).
G_CODES = frozenset({"G0283", "G0151", "G0152", "G0157", "G0158", "G0159", "G0160"})
# fmt: on
RVU_COLUMNS = (
    "HCPCS",
    "MOD",
    "STATUS_CODE",
    "WORK_RVU",
    "NON_FAC_PE_RVU",
    "NON_FAC_NA_INDICATOR",
    "FACILITY_PE_RVU",
    "MP_RVU",
    "MULT_PROC",
    "CONV_FACTOR",
)
GPCI_COLUMNS = ("MAC", "STATE", "LOCALITY", "LOCALITY_NAME", "PW_GPCI", "PE_GPCI", "MP_GPCI")
COUNTY_COLUMNS = ("MAC", "LOCALITY", "STATE", "FEE_SCHEDULE_AREA", "COUNTIES")
# How each GPCI / county column is recognised: every token of one alternative in the header's name.
_GPCI_FINDERS = {
    "MAC": ({"MAC"}, {"CONTRACTOR"}),
    "STATE": ({"STATE"},),
    "LOCALITY": ({"LOCALITY", "NUMBER"}, {"LOCALITY"}),
    "LOCALITY_NAME": ({"LOCALITY", "NAME"},),
    "PW_GPCI": ({"PW", "GPCI"},),
    "PE_GPCI": ({"PE", "GPCI"},),
    "MP_GPCI": ({"MP", "GPCI"},),
}
_COUNTY_FINDERS = {
    "MAC": ({"MAC"}, {"CONTRACTOR"}),
    "LOCALITY": ({"LOCALITY"},),
    "STATE": ({"STATE"},),
    "FEE_SCHEDULE_AREA": ({"AREA"},),
    "COUNTIES": ({"COUNTIES"},),
}


def is_therapy_code(code: str) -> bool:
    """Whether a code's row is shipped: every 97xxx code, the speech codes and the therapy G-codes."""
    return code.startswith("97") or code in SPEECH_CODES or code in G_CODES


def column_name(text: str) -> str:
    """CMS's header text as one name: ``'NON-FAC PE RVU'`` -> ``'NON_FAC_PE_RVU'``."""
    return re.sub(r"[^A-Z0-9]+", "_", text.upper()).strip("_")


def _cell(row: Sequence[str], index: int) -> str:
    return row[index].strip() if index < len(row) else ""


def _title(rows: Rows) -> str:
    lines = [" ".join(c.strip() for c in row if c.strip()) for row in rows]
    return "; ".join(line for line in lines if line and "copyright" not in line.lower())


def _number(text: str, where: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise PfsFileError(f"{where}: '{text}' is not a number") from None
    if not value.is_finite() or value < 0:
        raise PfsFileError(f"{where}: '{text}' is not a number of 0 or more")
    return value


def relative_value_rows(rows: Rows, file: str) -> tuple[tuple[RelativeValues, ...], str]:
    """The therapy codes' rows of a relative value file (the global row of each, MOD blank), and its title."""
    start = next((i for i, row in enumerate(rows) if _cell(row, 0).upper() == "HCPCS"), None)
    if start is None:
        raise PfsFileError(f"{file} has no header row starting with HCPCS: is it the PFS relative value file?")
    top = start
    while top > 0 and any(c.strip() for c in rows[top - 1][3:]):
        top -= 1
    width = max(len(row) for row in rows[top : start + 1])
    stacked = [" ".join(_cell(row, i) for row in rows[top : start + 1] if _cell(row, i)) for i in range(width)]
    where = {column_name(name): i for i, name in reversed(list(enumerate(stacked)))}
    missing = [name for name in RVU_COLUMNS if name not in where]
    if missing:
        raise PfsFileError(f"{file} lacks the column(s) {', '.join(missing)}: is it the PFS relative value file?")
    found: list[RelativeValues] = []
    for line, row in enumerate(rows[start + 1 :], start=start + 2):
        cells = {name: _cell(row, where[name]) for name in RVU_COLUMNS}
        if not is_therapy_code(cells["HCPCS"]) or cells["MOD"]:
            continue

        def number(name: str, line: int = line, cells: dict[str, str] = cells) -> Decimal:
            return _number(cells[name], f"{file} line {line}, {name} of {cells['HCPCS']}")

        found.append(
            RelativeValues(
                code=cells["HCPCS"],
                status=cells["STATUS_CODE"],
                work_rvu=number("WORK_RVU"),
                pe_rvu=number("NON_FAC_PE_RVU"),
                pe_not_applicable=cells["NON_FAC_NA_INDICATOR"].upper() == "NA",
                facility_pe_rvu=number("FACILITY_PE_RVU"),
                mp_rvu=number("MP_RVU"),
                multiple_procedure=cells["MULT_PROC"],
                conversion_factor=number("CONV_FACTOR"),
            )
        )
    if not found:
        raise PfsFileError(f"{file} has no therapy code (97xxx, speech or G-code) rows")
    return tuple(found), _title(rows[:top])


def _header(rows: Rows, finders: dict[str, tuple[set[str], ...]], file: str, kind: str) -> tuple[int, dict[str, int]]:
    for index, row in enumerate(rows):
        tokens = [set(column_name(cell).split("_")) for cell in row]
        where: dict[str, int] = {}
        for name, alternatives in finders.items():
            hit = next((i for want in alternatives for i, have in enumerate(tokens) if want <= have), None)
            if hit is not None:
                where[name] = hit
        if len(where) == len(finders) and len(set(where.values())) == len(finders):
            return index, where
    raise PfsFileError(f"{file} has no header naming the {kind} columns: is it the right CMS file?")


def gpci_rows(rows: Rows, file: str) -> tuple[tuple[Locality, ...], str]:
    """Every locality of a GPCI file (Addendum E) with its work, PE and MP GPCIs, and the file's title."""
    start, where = _header(rows, _GPCI_FINDERS, file, "GPCI")
    found: list[Locality] = []
    for line, row in enumerate(rows[start + 1 :], start=start + 2):
        cells = {name: _cell(row, i) for name, i in where.items()}
        if not cells["MAC"].isdigit():
            continue  # a footnote, "MAC Assignments as of ..." or a blank line
        at = f"{file} line {line}"
        found.append(
            Locality(
                locality_id=locality_id(cells["MAC"], cells["LOCALITY"]),
                state=cells["STATE"],
                name=cells["LOCALITY_NAME"],
                work_gpci=_number(cells["PW_GPCI"], f"{at}, the work GPCI"),
                pe_gpci=_number(cells["PE_GPCI"], f"{at}, the PE GPCI"),
                mp_gpci=_number(cells["MP_GPCI"], f"{at}, the MP GPCI"),
            )
        )
    return tuple(found), _title(rows[:start])


def county_rows(rows: Rows, file: str) -> tuple[tuple[CountyArea, ...], str]:
    """The locality-county table: a state's name carries down to the rows below it; repeats are dropped."""
    start, where = _header(rows, _COUNTY_FINDERS, file, "locality-county")
    found: dict[CountyArea, None] = {}
    state = ""
    for row in rows[start + 1 :]:
        cells = {name: _cell(row, i) for name, i in where.items()}
        if not cells["MAC"].isdigit():
            continue
        state = cells["STATE"] or state
        area = CountyArea(
            locality_id=locality_id(cells["MAC"], cells["LOCALITY"]),
            state_name=state,
            area=cells["FEE_SCHEDULE_AREA"],
            counties=cells["COUNTIES"],
        )
        found[area] = None
    return tuple(found), _title(rows[:start])


def _csv(title: str, header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if title:
        writer.writerow([title])
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _rvu_cells(r: RelativeValues) -> tuple[str, ...]:
    pe_na = "NA" if r.pe_not_applicable else ""
    return (r.code, "", r.status, str(r.work_rvu), str(r.pe_rvu), pe_na, str(r.facility_pe_rvu), str(r.mp_rvu),
            r.multiple_procedure, str(r.conversion_factor))  # fmt: skip


def relative_values_csv(rows: Iterable[RelativeValues], title: str) -> str:
    """The shipped relative value file: the title line, then one header line of CMS's names."""
    return _csv(title, RVU_COLUMNS, (_rvu_cells(r) for r in rows))


def gpci_csv(rows: Iterable[Locality], title: str) -> str:
    """The shipped GPCI table."""
    return _csv(
        title,
        GPCI_COLUMNS,
        (
            (mac, r.state, number, r.name, str(r.work_gpci), str(r.pe_gpci), str(r.mp_gpci))
            for r in rows
            for mac, number in [r.locality_id.split("-")]
        ),
    )


def county_csv(rows: Iterable[CountyArea], title: str) -> str:
    """The shipped locality-county table, the state named on every row."""
    return _csv(title, COUNTY_COLUMNS, ((*r.locality_id.split("-"), r.state_name, r.area, r.counties) for r in rows))
