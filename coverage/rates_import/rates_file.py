"""The per-file step: one in-network rates file and the filter in, its clinic rates and problems out.

:func:`read_rates_file` is a pure function of the file's content and the :class:`RateFilter`
(it reads the file and nothing else, and returns frozen values), so it runs the same in this
process, in a local worker process or on a Dask worker.

It reads the file once, as a stream. ``provider_references`` before ``in_network`` (the usual
order) cost only the clinic's reference ids. When they come after, each therapy price that
passes the rules is held with the reference ids it points to, compactly, until the references
are read: at most :data:`HELD_REFERENCE_IDS` ids and :data:`HELD_PRICES` prices (about 60 MiB
at the worst). Past that bound nothing more is held and the file is read a second time, knowing
the clinic's ids: memory stays bounded and the answer is the same, at the cost of a second read.
"""

from __future__ import annotations

from array import array
from pathlib import Path

from coverage.rates_import.json_stream import (
    Event,
    Events,
    Progress,
    array_items,
    build_value,
    json_events,
    object_keys,
    skip_value,
)
from coverage.rates_import.prices import ClinicPrice, clinic_price, price_outcomes
from coverage.rates_import.problems import FileRates, FoundRate, RateProblem, RatesFileError
from coverage.rates_import.provider_references import ProviderIndex, read_provider_groups, read_provider_references
from coverage.rates_import.rate_filter import RateFilter

HELD_REFERENCE_IDS = 2_000_000
HELD_PRICES = 200_000
#: Distinct problems kept per file; past it one more problem says how many were not listed.
PROBLEMS_KEPT = 10_000
BILLING_CODE_TYPES = frozenset({"CPT", "HCPCS"})

Outcome = FoundRate | RateProblem


def read_rates_file(path: str | Path, rate_filter: RateFilter, progress: Progress | None = None) -> FileRates:
    """Read one in-network rates file (JSON or .json.gz); raises :class:`RatesFileError` if it cannot be read."""
    path = Path(path)
    first = _FileReader(path, rate_filter, progress, None)
    first.read()
    if not first.overflowed:
        first.resolve_held()
        return first.result(read_twice=False)
    second = _FileReader(path, rate_filter, progress, first.index)
    second.read()
    return second.result(read_twice=True, entries_read=first.entries)


class _FileReader:
    """One pass over a file, with what it has found so far."""

    def __init__(self, path: Path, rate_filter: RateFilter, progress: Progress | None, known: ProviderIndex | None):
        self.path, self.filter, self.progress = path, rate_filter, progress
        self.index = known if known is not None else ProviderIndex()
        self.references_known = known is not None
        self.second_pass = known is not None
        self.header: dict[str, str] = {}
        self.entries = 0
        self.bytes_read = 0
        self.rates: dict[tuple[str, str, object], FoundRate] = {}
        self.problems: dict[tuple[str, str, str], RateProblem] = {}
        self.problems_not_kept = 0
        self.held: list[tuple[array[int], tuple[Outcome, ...]]] = []
        self.held_ids = self.held_prices = 0
        self.overflowed = False

    def read(self) -> None:
        """Read the whole file once."""
        with json_events(self.path, self.progress) as (events, counter):
            start = next(events, None)
            if start is None or start[0] != "start_map":
                raise RatesFileError(f"{self.path.name} is not an in-network rates file (a JSON object)")
            for key in object_keys(events):
                first = next(events)
                if key == "in_network":
                    for entry_start in array_items(events, first):
                        self._entry(events, entry_start)
                elif key == "provider_references" and not self.second_pass:
                    read_provider_references(events, first, self.filter, self.index)
                    self.references_known = True
                elif first[0] in ("string", "number"):
                    self.header[key] = str(first[1]).strip()
                else:
                    skip_value(events, first)
            self.bytes_read = counter.done

    def _entry(self, events: Events, start: Event) -> None:
        """One ``in_network`` entry: a billing code and its negotiated rates."""
        if start[0] != "start_map":
            skip_value(events, start)
            return
        code, code_type, arrangement = "", "", ""
        found: list[tuple[array[int], bool, list[ClinicPrice]]] = []
        for key in object_keys(events):
            first = next(events)
            if key == "billing_code":
                code = str(first[1]).strip().upper()
            elif key == "billing_code_type":
                code_type = str(first[1]).strip().upper()
            elif key == "negotiation_arrangement":
                arrangement = str(first[1]).strip().lower()
            elif key == "negotiated_rates" and self._may_want(code, code_type):
                found.extend(self._negotiated_rates(events, first))
            else:
                skip_value(events, first)
        self.entries += 1
        if not (code and self._may_want(code, code_type)):
            return
        file, run_date = self.path.name, self.filter.run_date
        for refs, inline_clinic, prices in found:
            outcomes = tuple(o for p in prices for o in price_outcomes(file, code, arrangement, p, run_date))
            self._place(refs, inline_clinic, outcomes)

    def _may_want(self, code: str, code_type: str) -> bool:
        """False once the entry is known not to be one of the codes (unknown parts do not rule it out)."""
        return (not code or code in self.filter.codes) and (not code_type or code_type in BILLING_CODE_TYPES)

    def _negotiated_rates(self, events: Events, first: Event) -> list[tuple[array[int], bool, list[ClinicPrice]]]:
        """The entry's rates that may be the clinic's: their reference ids, inline match and clinic prices."""
        kept = []
        for rate_start in array_items(events, first):
            if rate_start[0] != "start_map":
                skip_value(events, rate_start)
                continue
            refs: array[int] = array("q")
            inline_clinic, prices = False, []
            for key in object_keys(events):
                start = next(events)
                if key == "provider_references":
                    refs.extend(e[1] for e in array_items(events, start) if e[0] == "number" and isinstance(e[1], int))
                elif key == "provider_groups":
                    inline_clinic = read_provider_groups(events, start, self.filter.clinic) or inline_clinic
                elif key == "negotiated_prices" and (inline_clinic or not refs or self._may_be_clinic(refs)):
                    # A rate points to references or lists its groups, not both: ids known to be
                    # another provider's mean its prices need not be built.
                    for price_start in array_items(events, start):
                        price = clinic_price(build_value(events, price_start))
                        if price is not None:
                            prices.append(price)
                else:
                    skip_value(events, start)
            if prices and (inline_clinic or self._may_be_clinic(refs)):
                kept.append((refs, inline_clinic, prices))
        return kept

    def _may_be_clinic(self, refs: array[int]) -> bool:
        if not self.references_known:
            return not self.overflowed
        return any(r in self.index.clinic_ids or r in self.index.remote for r in refs)

    def _place(self, refs: array[int], inline_clinic: bool, outcomes: tuple[Outcome, ...]) -> None:
        """Keep the outcomes of a clinic rate, report a remote one, or hold them until references are read."""
        if not outcomes:
            return
        if inline_clinic or (self.references_known and any(r in self.index.clinic_ids for r in refs)):
            self._keep(outcomes)
        elif self.references_known:
            self._report_remote(refs, outcomes)
        elif not self.overflowed:
            self.held.append((refs, outcomes))
            self.held_ids += len(refs)
            self.held_prices += len(outcomes)
            if self.held_ids > HELD_REFERENCE_IDS or self.held_prices > HELD_PRICES:
                self.overflowed, self.held = True, []

    def resolve_held(self) -> None:
        """Place the held rates now that the references (if any) are read."""
        self.references_known = True
        held, self.held = self.held, []
        for refs, outcomes in held:
            self._place(refs, False, outcomes)

    def _report_remote(self, refs: array[int], outcomes: tuple[Outcome, ...]) -> None:
        locations = sorted({self.index.remote[r] for r in refs if r in self.index.remote})
        if not locations:
            return
        where = locations[0] + (f" (and {len(locations) - 1} more)" if len(locations) > 1 else "")
        message = (
            f"the providers of this rate are listed only in the remote file {where}: download it and "
            "give it with --provider-file to know whether they are the clinic's"
        )
        self._keep(tuple(RateProblem(self.path.name, o.code, o.modifier, message) for o in outcomes))

    def _keep(self, outcomes: tuple[Outcome, ...]) -> None:
        for outcome in outcomes:
            if isinstance(outcome, FoundRate):
                self.rates.setdefault((outcome.code, outcome.modifier, outcome.rate), outcome)
            elif len(self.problems) < PROBLEMS_KEPT:
                self.problems.setdefault((outcome.code, outcome.modifier, outcome.message), outcome)
            elif (outcome.code, outcome.modifier, outcome.message) not in self.problems:
                self.problems_not_kept += 1

    def result(self, *, read_twice: bool, entries_read: int | None = None) -> FileRates:
        """The frozen result of the pass."""
        problems = list(self.problems.values())
        if self.problems_not_kept:
            problems.append(RateProblem(self.path.name, "", "", f"{self.problems_not_kept} more problems not listed"))
        last_updated = self.header.get("last_updated_on", "")
        plan = self.header.get("plan_name") or f"the plans of {self.header.get('reporting_entity_name', 'the payer')}"
        return FileRates(
            file=self.path.name,
            source=f"{self.path.name}, last updated {last_updated or 'unknown'}, {plan}",
            last_updated_on=last_updated,
            plan=plan,
            rates=tuple(self.rates.values()),
            problems=tuple(problems),
            entries_read=self.entries if entries_read is None else entries_read,
            bytes_read=self.bytes_read,
            read_twice=read_twice,
        )
