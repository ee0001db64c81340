"""CMS's fee schedule files on disk: the shipped therapy rows, and ``import-pfs`` for newer releases.

The one module of :mod:`coverage.fees` that touches files. :func:`load_medicare_fee_schedule`
reads the three files shipped in ``coverage/fees/data`` (or another folder ``import-pfs`` wrote);
:func:`import_pfs` turns CMS's own downloads (the PFS relative value file, GPCI file and
locality-county file of one release, in either layout :mod:`coverage.fees.pfs_rows` reads) into
those three files plus a ``PROVENANCE.md`` naming each source file, its title and its SHA-256.
"""

from __future__ import annotations

import csv
import functools
import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from coverage.fees import pfs_rows
from coverage.fees.pfs import MedicareFeeSchedule
from coverage.fees.problems import PfsFileError

#: The folder of the shipped files (CMS RVU25D, October 2025 release).
SHIPPED_DIR = Path(__file__).resolve().parent / "data"
RVU_FILE = "pfs_therapy_rvus.csv"
GPCI_FILE = "pfs_gpci.csv"
COUNTY_FILE = "pfs_locality_counties.csv"
PROVENANCE_FILE = "PROVENANCE.md"


def _rows(path: Path) -> list[list[str]]:
    try:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as text:
            return list(csv.reader(text))
    except OSError as exc:
        raise PfsFileError(f"{path.name} cannot be read ({exc.strerror})") from exc
    except csv.Error as exc:
        raise PfsFileError(f"{path.name} is not valid CSV ({exc})") from None


def read_fee_schedule(rvu_path: Path, gpci_path: Path, county_path: Path, release: str = "") -> MedicareFeeSchedule:
    """The therapy codes, localities and county table of three CMS files (either layout).

    ``release`` names the release when the relative value file has no title lines saying it.
    Raises :class:`PfsFileError` for a file that cannot be read, lacks a column, or whose county
    table names a locality the GPCI file lacks.
    """
    codes, title = pfs_rows.relative_value_rows(_rows(rvu_path), rvu_path.name)
    localities, _ = pfs_rows.gpci_rows(_rows(gpci_path), gpci_path.name)
    areas, _ = pfs_rows.county_rows(_rows(county_path), county_path.name)
    by_id = {locality.locality_id: locality for locality in localities}
    strays = sorted({area.locality_id for area in areas} - set(by_id))
    if strays:
        raise PfsFileError(f"{county_path.name} names localities {', '.join(strays)} that {gpci_path.name} lacks")
    named = release.strip() or title
    if not named:
        raise PfsFileError(f"{rvu_path.name} does not say its release (no title lines): name it, e.g. 'RVU26A'")
    return MedicareFeeSchedule(
        release=named, codes={row.code: row for row in codes}, localities=by_id, county_areas=areas
    )


@functools.cache
def _load(directory: Path, stamps: tuple[float, ...]) -> MedicareFeeSchedule:
    return read_fee_schedule(directory / RVU_FILE, directory / GPCI_FILE, directory / COUNTY_FILE)


def load_medicare_fee_schedule(directory: Path = SHIPPED_DIR) -> MedicareFeeSchedule:
    """The fee schedule in ``directory`` (default: the shipped RVU25D files), read once per change of the files."""
    paths = [directory / name for name in (RVU_FILE, GPCI_FILE, COUNTY_FILE)]
    try:
        stamps = tuple(path.stat().st_mtime for path in paths)
    except OSError as exc:
        raise PfsFileError(f"{directory} has no Medicare fee schedule files ({exc.strerror}): run import-pfs") from exc
    return _load(directory.resolve(), stamps)


@dataclass(frozen=True, slots=True)
class PfsImport:
    """What :func:`import_pfs` wrote: how many rows of each kind, from which release, where."""

    release: str
    codes: int
    localities: int
    county_areas: int
    output: Path


def _provenance(sources: list[Path], schedule: MedicareFeeSchedule, today: date) -> str:
    lines = [
        "# Provenance of the Medicare fee schedule files",
        "",
        f"Written by `python -m coverage import-pfs` on {today.isoformat()} from CMS's files of the release",
        f"**{schedule.release}**.",
        "",
        "Values are CMS's, unchanged. Only the therapy codes' rows are kept (every 97xxx code, the",
        "speech-language codes and the therapy G-codes; the global row of each, MOD blank) with the columns",
        "pricing needs; DESCRIPTION is dropped (CPT descriptors are copyright the American Medical",
        "Association). MAC and locality numbers get back the leading zeros CMS's CSV export drops.",
        "",
        "| shipped file | source file | bytes | SHA-256 of the source |",
        "|---|---|---|---|",
    ]
    for shipped, source in zip((RVU_FILE, GPCI_FILE, COUNTY_FILE), sources, strict=True):
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
        lines.append(f"| `{shipped}` | `{source.name}` | {source.stat().st_size:,} | `{digest}` |")
    return "\n".join(lines) + "\n"


def import_pfs(
    rvu_path: Path,
    gpci_path: Path,
    county_path: Path,
    output: Path = SHIPPED_DIR,
    *,
    release: str = "",
    today: date | None = None,
) -> PfsImport:
    """Write the therapy rows, GPCIs and county table of CMS's files into ``output``, with their provenance.

    Nothing is written unless all three files read cleanly (:class:`PfsFileError` otherwise).
    """
    schedule = read_fee_schedule(rvu_path, gpci_path, county_path, release)
    texts = {
        RVU_FILE: pfs_rows.relative_values_csv(schedule.codes.values(), schedule.release),
        GPCI_FILE: pfs_rows.gpci_csv(schedule.localities.values(), ""),
        COUNTY_FILE: pfs_rows.county_csv(schedule.county_areas, ""),
        PROVENANCE_FILE: _provenance(
            [rvu_path, gpci_path, county_path], schedule, today or datetime.now(tz=UTC).date()
        ),
    }
    try:
        output.mkdir(parents=True, exist_ok=True)
        for name, text in texts.items():
            (output / name).write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise PfsFileError(f"{output} cannot be written ({exc.strerror})") from exc
    return PfsImport(
        release=schedule.release,
        codes=len(schedule.codes),
        localities=len(schedule.localities),
        county_areas=len(schedule.county_areas),
        output=output,
    )
