"""Which Medicare locality a patient's state and county are in, read from CMS's locality-county table.

The table lists, per locality, its state and its counties in words: ``"BUTTS, CHEROKEE ... AND
WALTON"``, ``"ALL COUNTIES"``, ``"ALL OTHER COUNTIES"``, and once counties of other states
(``"DISTRICT OF COLUMBIA; ALEXANDRIA CITY, ARLINGTON ... IN VIRGINIA; MONTGOMERY AND PRINCE
GEORGE'S IN MARYLAND"``). A county named for a locality wins; otherwise the state's "all (other)
counties" locality; a state with one locality needs no county. States are the GPCI table's
two-letter codes (``AL``); the table's state names are matched to them through the localities.
"""

from __future__ import annotations

import re

from coverage.fees.pfs import Locality, MedicareFeeSchedule
from coverage.fees.problems import UnknownLocalityError

#: One spelling CMS's 2025 table gets wrong (locality 01182-18 lists "LOS ANGELES /ORAGNGE CNTY").
_CORRECTIONS = {"ORAGNGE": "ORANGE"}
_SPLIT = re.compile(r",|/|\bAND\b")
_OTHER_STATE = re.compile(r"^(?P<counties>.*)\bIN\s+(?P<state>[A-Z .]+)$")


def _county_key(text: str) -> str:
    words = re.sub(r"\b(CNTY|COUNTY|COUNTIES)\b|[^A-Z0-9' .]", " ", text.upper()).split()
    return " ".join(_CORRECTIONS.get(word, word) for word in words)


def _state_codes(schedule: MedicareFeeSchedule) -> dict[str, str]:
    codes: dict[str, str] = {}
    for area in schedule.county_areas:
        found = schedule.localities.get(area.locality_id)
        if found is not None and area.state_name:
            codes.setdefault(area.state_name.upper(), found.state)
    return codes


def _county_index(schedule: MedicareFeeSchedule) -> tuple[dict[tuple[str, str], str], dict[str, str]]:
    """``(state, county) -> locality`` for named counties, and ``state -> locality`` for "all (other) counties"."""
    state_codes = _state_codes(schedule)
    named: dict[tuple[str, str], str] = {}
    rest: dict[str, str] = {}
    for area in schedule.county_areas:
        home = state_codes.get(area.state_name.upper(), "")
        for segment in area.counties.upper().split(";"):
            text, state = segment.strip(), home
            if text.startswith("ALL "):
                rest.setdefault(home, area.locality_id)
                continue
            other = _OTHER_STATE.match(text)
            if other and other["state"].strip() in state_codes:
                text, state = other["counties"], state_codes[other["state"].strip()]
            for county in _SPLIT.split(text):
                if key := _county_key(county):
                    named.setdefault((state, key), area.locality_id)
    return named, rest


def states(schedule: MedicareFeeSchedule) -> tuple[str, ...]:
    """The two-letter state (and territory) codes of the GPCI table, sorted."""
    return tuple(sorted({locality.state for locality in schedule.localities.values()}))


def localities_in_state(schedule: MedicareFeeSchedule, state: str) -> tuple[Locality, ...]:
    """The localities that price a state's counties (DC's also serves Maryland and Virginia counties)."""
    code = state.strip().upper()
    named, rest = _county_index(schedule)
    ids = {locality_id for (of, _), locality_id in named.items() if of == code}
    ids |= {rest[code]} if code in rest else set()
    ids |= {lid for lid, locality in schedule.localities.items() if locality.state == code}
    return tuple(sorted((schedule.localities[lid] for lid in ids), key=lambda loc: loc.name))


def locality_for_county(schedule: MedicareFeeSchedule, state: str, county: str) -> Locality:
    """The locality of a patient's home: ``('GA', 'Cobb')`` -> Atlanta ``10212-01``.

    Raises :class:`UnknownLocalityError` for a state the table does not have, or a county that no
    locality of a state with several lists (there is always a "rest of state" one in CMS's table).
    """
    code = state.strip().upper()
    in_state = localities_in_state(schedule, code)
    if not in_state:
        raise UnknownLocalityError(f"'{state.strip()}' is not a state of Medicare's GPCI table ({schedule.release})")
    named, rest = _county_index(schedule)
    found = named.get((code, _county_key(county))) or rest.get(code)
    if found is None and len(in_state) == 1:
        return in_state[0]
    if found is None:
        raise UnknownLocalityError(f"No Medicare locality of {code} lists the county '{county.strip()}'")
    return schedule.localities[found]
