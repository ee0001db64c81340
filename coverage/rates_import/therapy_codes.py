"""The billing codes an import keeps by default: the PT, OT and speech codes of Medicare's fee schedule.

Source: the codes (``HCPCS`` column) of ``shared/data/cms_mpfs_2025_oct_therapy_rvus.csv``, the
therapy rows of CMS's 2025 National Physician Fee Schedule Relative Value File, October release
(RVU25D, released 09/11/2025): every ``97xxx`` code, the speech codes ``92507``, ``92508``,
``92521``-``92524`` and ``92526``, and ``G0151``, ``G0152``, ``G0157``-``G0160`` and ``G0283``.
The fee schedule issue prices from the same file, so an imported schedule covers the codes it knows.
A test keeps this list equal to the file's codes.
"""

from __future__ import annotations

import re

#: The default ``--codes``: 91 codes, in the file's order.
THERAPY_CODES: tuple[str, ...] = (
    *("92507", "92508", "92521", "92522", "92523", "92524", "92526"),
    *("97010", "97012", "97014", "97016", "97018", "97022", "97024", "97026", "97028"),
    *("97032", "97033", "97034", "97035", "97036", "97037", "97039"),
    *("97110", "97112", "97113", "97116", "97124", "97129", "97130", "97139", "97140"),
    *("97150", "97151", "97152", "97153", "97154", "97155", "97156", "97157", "97158"),
    *("97161", "97162", "97163", "97164", "97165", "97166", "97167", "97168"),
    *("97169", "97170", "97171", "97172"),
    *("97530", "97533", "97535", "97537", "97542", "97545", "97546", "97550", "97551", "97552"),
    *("97597", "97598", "97602", "97605", "97606", "97607", "97608", "97610"),
    *("97750", "97755", "97760", "97761", "97763", "97799"),
    *("97802", "97803", "97804", "97810", "97811", "97813", "97814"),
    *("G0151", "G0152", "G0157", "G0158", "G0159", "G0160", "G0283"),
)

_CODE = re.compile(r"[0-9A-Z][0-9]{3}[0-9A-Z]")


class CodeListError(ValueError):
    """A ``--codes`` list with something that is not a five-character CPT or HCPCS code."""


def parse_code_list(text: str) -> frozenset[str]:
    """Read ``97110,97140, 92507`` into a set of codes; raises :class:`CodeListError` on a bad one."""
    codes = [part.strip().upper() for part in text.split(",") if part.strip()]
    if not codes:
        raise CodeListError("give at least one billing code, such as 97110,97140")
    bad = [code for code in codes if not _CODE.fullmatch(code)]
    if bad:
        raise CodeListError(f"'{bad[0]}' is not a CPT or HCPCS code such as 97110 or G0283")
    return frozenset(codes)
