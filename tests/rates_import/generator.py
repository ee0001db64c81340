"""Write a valid in-network rates file of any size from a seed, and say what an import must find in it.

The file follows the CMS schema (version 2.0). Around a fixed set of planted clinic prices it
writes filler entries (codes that are not therapy codes, up to the size asked) and noise that a
wrong filter would pick up: the same therapy codes at other rates for other practices, for
institutional claims and for other places of service. The planted prices are, per code and
modifier, one of: a clean rate (listed up to three times, by reference id or inline), a rate
with more than two decimals, two different rates (a conflict), a percentage of charges only, an
expired rate only, or an expired rate beside a live one. :class:`ExpectedImport` is what must come
out of that one file. Used by the tests and by ``scripts/bench_import_rates.py``.
"""

from __future__ import annotations

import gzip
import io
import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import IO, Any

from coverage.rates_import.therapy_codes import THERAPY_CODES
from tests.rates_import.documents import CLINIC_NPI, CLINIC_TIN, document, group, price, reference, to_json

CLINIC_REFERENCE_IDS = (3, 17)
CASES = ("clean", "rounded", "conflict", "percentage", "expired", "expired_beside_live")
MODIFIERS = ("", "GP", "CQ")


@dataclass(frozen=True)
class ExpectedImport:
    """What an import of the generated file for the clinic must give."""

    rows: dict[tuple[str, str], Decimal]
    #: (code, modifier, kind) with kind one of "conflict", "percentage", "expired".
    problems: frozenset[tuple[str, str, str]]
    #: The rows whose rate was rounded, with the amount the file gave.
    rounded: dict[tuple[str, str], Decimal]
    entries: int
    size: int


def generate_rates_file(
    path: Path, *, seed: int, size_bytes: int = 50_000, references_after: bool = False, gz: bool = False
) -> ExpectedImport:
    """Write the file (at least ``size_bytes`` of JSON) and return what must come out of it."""
    rng = random.Random(seed)
    keys = rng.sample([(c, m) for c in THERAPY_CODES[:40] for m in MODIFIERS], 24)
    planted, rows, problems, rounded = [], {}, set(), {}
    for number, key in enumerate(keys):
        case = CASES[number % len(CASES)]
        planted.append(_planted_entry(rng, key, case, rows, problems, rounded))
    references = _references(rng)
    filler = [_filler_rates(rng) for _ in range(8)]
    opened = path.open("wb")
    with opened, gzip.GzipFile(fileobj=opened, mode="wb", compresslevel=1) if gz else opened as raw:
        out = io.TextIOWrapper(raw, encoding="utf-8", write_through=False)  # type: ignore[arg-type]
        entries = _write(out, rng, planted, filler, references, size_bytes, references_after)
        out.flush()
        out.detach()
    return ExpectedImport(rows, frozenset(problems), rounded, entries, path.stat().st_size)


def _write(
    out: IO[str],
    rng: random.Random,
    planted: list[dict[str, Any]],
    filler: list[str],
    references: list[dict[str, Any]],
    size_bytes: int,
    references_after: bool,
) -> int:
    head = to_json(document([], references, references_first=not references_after))
    # The document with empty in_network, split where the entries go: ..."in_network":[ | ]...
    before, after = head.split('"in_network":[]', 1)
    out.write(before + '"in_network":[')
    written, entries, filler_code = len(head), 0, 10000
    positions = sorted(rng.random() for _ in planted)
    pending = list(zip(positions, planted, strict=True))
    while pending or written < size_bytes:
        share = written / size_bytes if size_bytes else 1.0
        if pending and (pending[0][0] <= share or written >= size_bytes):
            text = to_json(pending.pop(0)[1])
        else:
            filler_code = filler_code + 1 if filler_code < 89999 else 10001
            text = _filler_entry(str(filler_code), filler[entries % len(filler)])
        out.write(("," if entries else "") + text)
        written += len(text) + 1
        entries += 1
    out.write("]" + after)
    return entries


def _references(rng: random.Random) -> list[dict[str, Any]]:
    """40 references; the clinic's NPI is in 3 and 17 (with other practices), never elsewhere."""
    result = []
    for group_id in range(1, 41):
        groups = [group([_other_npi(rng) for _ in range(3)], f"{rng.randrange(10, 99)}-{rng.randrange(10**7):07d}")]
        if group_id in CLINIC_REFERENCE_IDS:
            groups.append(group([_other_npi(rng), CLINIC_NPI], CLINIC_TIN))
        result.append(reference(group_id, *groups))
    return result


def _other_npi(rng: random.Random) -> str:
    npi = str(rng.randrange(1_000_000_000, 9_999_999_999))
    return npi if npi != CLINIC_NPI else "1999999992"


def _clinic_rate(rng: random.Random, *prices: dict[str, Any]) -> dict[str, Any]:
    """A rate for the clinic: by one of its reference ids (maybe with others) or by an inline group."""
    how = rng.randrange(3)
    if how == 0:
        return {"provider_references": [rng.choice(CLINIC_REFERENCE_IDS)], "negotiated_prices": list(prices)}
    if how == 1:
        return {"provider_references": [1, rng.choice(CLINIC_REFERENCE_IDS), 40], "negotiated_prices": list(prices)}
    return {"provider_groups": [group([CLINIC_NPI], CLINIC_TIN)], "negotiated_prices": list(prices)}


def _planted_entry(
    rng: random.Random,
    key: tuple[str, str],
    case: str,
    rows: dict[tuple[str, str], Decimal],
    problems: set[tuple[str, str, str]],
    rounded: dict[tuple[str, str], Decimal],
) -> dict[str, Any]:
    code, modifier = key
    mods = [modifier] if modifier else None
    live = Decimal(rng.randrange(2000, 9000)) / 100
    clinic: list[dict[str, Any]] = []
    if case == "clean":
        clinic = [_clinic_rate(rng, price(str(live), modifiers=mods)) for _ in range(rng.randrange(1, 4))]
        rows[key] = live
    elif case == "rounded":
        exact = live + Decimal(5) / 1000  # e.g. 31.505: half up to 31.51
        clinic = [_clinic_rate(rng, price(str(exact), modifiers=mods))]
        rows[key] = exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        rounded[key] = exact
    elif case == "conflict":
        clinic = [
            _clinic_rate(rng, price(str(live), modifiers=mods)),
            _clinic_rate(rng, price(str(live + 1), modifiers=mods)),
        ]
        problems.add((code, modifier, "conflict"))
    elif case == "percentage":
        clinic = [_clinic_rate(rng, price(str(rng.randrange(40, 90)), kind="percentage", modifiers=mods))]
        problems.add((code, modifier, "percentage"))
    else:
        clinic = [_clinic_rate(rng, price(str(live - 3), expires="2025-06-30", modifiers=mods))]
        problems.add((code, modifier, "expired"))
        if case == "expired_beside_live":
            clinic.append(_clinic_rate(rng, price(str(live), modifiers=mods)))
            rows[key] = live
    noise = [
        {"provider_references": [rng.randrange(20, 40)], "negotiated_prices": [price(str(live + 7), modifiers=mods)]},
        _clinic_rate(rng, price(str(live + 9), billing_class="institutional", modifiers=mods)),
        _clinic_rate(rng, price(str(live + 11), places=["22", "19"], modifiers=mods)),
    ]
    rates = clinic + noise
    rng.shuffle(rates)
    return {
        "negotiation_arrangement": "ffs",
        "name": f"Therapy {code}",
        "billing_code_type": "CPT",
        "billing_code_type_version": "2026",
        "billing_code": code,
        "description": "A therapy service",
        "negotiated_rates": rates,
    }


def _filler_rates(rng: random.Random) -> str:
    """The negotiated_rates of a filler entry as JSON text: 12 rates, the clinic's among them."""
    rates = [
        {
            "provider_references": sorted(rng.sample(range(1, 41), 6)),
            "negotiated_prices": [
                price(f"{rng.randrange(1000, 90000) / 100:.2f}", places=["11", "22", "19"], modifiers=["GP"]),
                price(f"{rng.randrange(1000, 90000) / 100:.2f}", billing_class="institutional", places=["22"]),
            ],
        }
        for _ in range(12)
    ]
    return to_json(rates)


def _filler_entry(code: str, rates_text: str) -> str:
    return (
        '{"negotiation_arrangement":"ffs","name":"Other service","billing_code_type":"CPT",'
        f'"billing_code_type_version":"2026","billing_code":"{code}","description":"Not a therapy code",'
        f'"negotiated_rates":{rates_text}}}'
    )
