"""Which of a file's provider references are the clinic's, keeping nothing else.

A reference names provider groups (NPIs under a tax id) by a ``provider_group_id`` that the
rates point to. Only the ids of references with a clinic group are kept, plus the ids of
references given only as a remote ``location`` that no ``--provider-file`` supplies, so a rate
pointing there can be reported. The rest of the section is read and forgotten: memory holds one
reference at a time, whatever the section's size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from coverage.rates_import.json_stream import Event, Events, array_items, json_events, object_keys, skip_value
from coverage.rates_import.problems import RatesFileError
from coverage.rates_import.rate_filter import ClinicProviders, RateFilter

#: At most this many remote (``location``) references are remembered by URL; past it, by count only.
REMOTE_REFERENCES_KEPT = 50_000


@dataclass
class ProviderIndex:
    """The clinic's provider reference ids in one file, and the remote ones nobody supplied."""

    clinic_ids: set[int] = field(default_factory=set)
    remote: dict[int, str] = field(default_factory=dict)
    remote_not_kept: int = 0
    references_read: int = 0
    #: What each ``--provider-file`` said, read once however many references name it.
    provider_files_read: dict[Path, bool] = field(default_factory=dict)

    def add_remote(self, group_id: int, location: str) -> None:
        """Remember that ``group_id`` is only given at ``location`` (bounded)."""
        if len(self.remote) < REMOTE_REFERENCES_KEPT:
            self.remote[group_id] = location
        else:
            self.remote_not_kept += 1


def read_provider_groups(events: Events, first: Event, clinic: ClinicProviders) -> bool:
    """Consume a ``provider_groups`` array; True when one of its groups is the clinic's."""
    found = False
    for group_start in array_items(events, first):
        if group_start[0] != "start_map":
            skip_value(events, group_start)
            continue
        lists_npi, tin_value = False, None
        for key in object_keys(events):
            start = next(events)
            if key == "npi":
                for npi_event in array_items(events, start):
                    if npi_event[0] in ("number", "string"):
                        lists_npi = lists_npi or clinic.lists_npi(npi_event[1])
                    else:
                        skip_value(events, npi_event)
            elif key == "tin" and start[0] == "start_map":
                for tin_key in object_keys(events):
                    tin_start = next(events)
                    if tin_key == "value":
                        tin_value = tin_start[1]
                    skip_value(events, tin_start)
            else:
                skip_value(events, start)
        found = found or clinic.group_matches(lists_clinic_npi=lists_npi, tin_value=tin_value)
    return found


def read_provider_references(events: Events, first: Event, rate_filter: RateFilter, index: ProviderIndex) -> None:
    """Consume the top-level ``provider_references`` array into ``index``."""
    for reference_start in array_items(events, first):
        group_id, is_clinic, location = _reference(events, reference_start, rate_filter.clinic)
        index.references_read += 1
        if group_id is None:
            continue  # a reference no rate can point to
        if location is not None and not is_clinic:
            local = rate_filter.provider_file_for(location)
            if local is None:
                index.add_remote(group_id, location)
                continue
            if local not in index.provider_files_read:
                index.provider_files_read[local] = provider_file_is_clinic(local, rate_filter.clinic)
            is_clinic = index.provider_files_read[local]
        if is_clinic:
            index.clinic_ids.add(group_id)


def _reference(events: Events, start: Event, clinic: ClinicProviders) -> tuple[int | None, bool, str | None]:
    """One provider reference: (its id, whether its groups are the clinic's, its remote location)."""
    group_id: object = None
    is_clinic, location = False, None
    if start[0] != "start_map":
        skip_value(events, start)
        return None, False, None
    for key in object_keys(events):
        value_start = next(events)
        if key == "provider_group_id":
            group_id = value_start[1]
        elif key == "provider_groups":
            is_clinic = read_provider_groups(events, value_start, clinic) or is_clinic
        elif key == "location" and value_start[0] == "string":
            location = value_start[1]
        else:
            skip_value(events, value_start)
    return (group_id if isinstance(group_id, int) else None), is_clinic, location


def provider_file_is_clinic(path: Path, clinic: ClinicProviders) -> bool:
    """True when a provider reference file (``{"provider_groups": [...]}``) lists a clinic group."""
    found = False
    with json_events(path) as (events, _):
        start = next(events, None)
        if start is None or start[0] != "start_map":
            raise RatesFileError(f"{path.name} is not a provider reference file (an object with provider_groups)")
        for key in object_keys(events):
            value_start = next(events)
            if key == "provider_groups":
                found = read_provider_groups(events, value_start, clinic) or found
            else:
                skip_value(events, value_start)
    return found
