"""Small in-network rates documents written by hand for the tests, in the CMS schema's shapes."""

from __future__ import annotations

import gzip
from decimal import Decimal
from pathlib import Path
from typing import Any

CLINIC_NPI = "1234567893"
CLINIC_TIN = "12-3456789"
OTHER_NPI = "1999999992"
OTHER_TIN = "98-7654321"


def to_json(value: Any) -> str:
    """JSON text with ``Decimal`` written as an exact number (``json`` would need a float)."""
    if isinstance(value, dict):
        return "{" + ",".join(f"{to_json(str(k))}:{to_json(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(to_json(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, Decimal)):
        return str(value)
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def group(npis: list[str] | list[int], tin: str) -> dict[str, Any]:
    """A provider group: NPIs under a tax id."""
    return {"npi": [int(n) for n in npis], "tin": {"type": "ein", "value": tin}}


def reference(group_id: int, *groups: dict[str, Any], location: str | None = None) -> dict[str, Any]:
    """A top-level provider reference (or a remote one, with ``location``)."""
    if location is not None:
        return {"provider_group_id": group_id, "location": location}
    return {"provider_group_id": group_id, "network_name": ["Test network"], "provider_groups": list(groups)}


def price(
    rate: str,
    *,
    kind: str = "negotiated",
    expires: str = "9999-12-31",
    places: list[str] | None = None,
    billing_class: str = "professional",
    modifiers: list[str] | None = None,
) -> dict[str, Any]:
    """A negotiated price (office, professional, never expiring unless told)."""
    body: dict[str, Any] = {
        "setting": "outpatient",
        "negotiated_type": kind,
        "negotiated_rate": Decimal(rate),
        "expiration_date": expires,
        "service_code": ["11"] if places is None else places,
        "billing_class": billing_class,
    }
    if modifiers:
        body["billing_code_modifier"] = modifiers
    return body


def rate(*prices: dict[str, Any], refs: list[int] | None = None, groups: list[Any] | None = None) -> dict[str, Any]:
    """A negotiated rate for the providers of reference ids ``refs`` or of inline ``groups``."""
    body: dict[str, Any] = {"provider_groups": groups} if groups is not None else {"provider_references": refs or [1]}
    return body | {"negotiated_prices": list(prices)}


def entry(code: str, *rates: dict[str, Any], arrangement: str = "ffs", code_type: str = "CPT") -> dict[str, Any]:
    """An in_network entry for ``code``."""
    return {
        "negotiation_arrangement": arrangement,
        "name": f"Code {code}",
        "billing_code_type": code_type,
        "billing_code_type_version": "2026",
        "billing_code": code,
        "description": f"Service {code}",
        "negotiated_rates": list(rates),
    }


def document(
    entries: list[dict[str, Any]], references: list[dict[str, Any]], *, references_first: bool = True
) -> dict[str, Any]:
    """A whole in-network rates file, its provider references before or after its rates."""
    head = {
        "reporting_entity_name": "Test Payer",
        "reporting_entity_type": "health insurance issuer",
        "plan_name": "Test PPO",
        "issuer_name": "Test Issuer",
        "plan_id_type": "hios",
        "plan_id": "1234567890",
        "plan_market_type": "group",
        "last_updated_on": "2026-11-01",
        "version": "2.0.0",
    }
    if references_first:
        return head | {"provider_references": references, "in_network": entries}
    return head | {"in_network": entries, "provider_references": references}


def write(path: Path, doc: dict[str, Any], *, gz: bool = False) -> Path:
    """Write ``doc`` to ``path`` (gzip-compressed when ``gz``) and return the path."""
    data = to_json(doc).encode("utf-8")
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def clinic_references() -> list[dict[str, Any]]:
    """Reference 1 is the clinic (its NPI under its tax id); reference 2 is another practice."""
    return [reference(1, group([CLINIC_NPI], CLINIC_TIN)), reference(2, group([OTHER_NPI], OTHER_TIN))]
