"""Many files at once: local worker processes and a Dask cluster give the rows of one process."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from coverage.rates_import import parallel
from coverage.rates_import.merge import merge_file_rates
from coverage.rates_import.parallel import SchedulerError, read_all
from coverage.rates_import.rate_filter import ClinicProviders, RateFilter
from tests.rates_import.documents import CLINIC_NPI, clinic_references, document, entry, price, rate, write

FILTER = RateFilter(ClinicProviders(npis=frozenset({CLINIC_NPI})), "acme-ppo", date(2026, 12, 1))


def four_files(folder: Path) -> list[Path]:
    """Four files: each has 97110 at 31.50; file n also has 97140 at 29.7n, so 97140 conflicts."""
    paths = []
    for n in range(4):
        entries = [entry("97110", rate(price("31.50"))), entry("97140", rate(price(f"29.7{n}")))]
        doc = document(entries, clinic_references(), references_first=n % 2 == 0)
        paths.append(write(folder / f"rates-{n}.json", doc, gz=n == 3))
    return paths


def test_two_local_workers_give_the_rows_and_problems_of_one(tmp_path: Path) -> None:
    """--workers 2 reads the files in two processes and returns them in the order given."""
    paths = four_files(tmp_path)

    one = read_all(paths, FILTER, workers=1)
    two = read_all(paths, FILTER, workers=2)

    assert two == one
    assert merge_file_rates(two, "acme-ppo") == merge_file_rates(one, "acme-ppo")
    assert [r.file for r in two] == [p.name for p in paths]


def test_a_two_worker_dask_cluster_gives_the_rows_of_one_process(tmp_path: Path) -> None:
    """The same per-file function on a LocalCluster with two workers gives the rows of --workers 1."""
    distributed = pytest.importorskip("distributed")
    paths = four_files(tmp_path)
    seen: list[tuple[int, int]] = []

    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        on_dask = read_all(
            paths, FILTER, scheduler=cluster.scheduler_address, progress=lambda _n, d, t: seen.append((d, t))
        )

    merged = merge_file_rates(on_dask, "acme-ppo")
    assert merged == merge_file_rates(read_all(paths, FILTER, workers=1), "acme-ppo")
    assert [(r.code, str(r.rate)) for r in merged.rows] == [("97110", "31.50")]
    assert [p.code for p in merged.problems] == ["97140"]
    assert seen[-1][0] == seen[-1][1] == sum(p.stat().st_size for p in paths)


def test_an_unreachable_scheduler_is_a_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A scheduler address nobody listens on says it cannot be reached."""
    pytest.importorskip("distributed")
    monkeypatch.setattr(parallel, "SCHEDULER_TIMEOUT_SECONDS", 1)
    paths = four_files(tmp_path)[:1]

    with pytest.raises(SchedulerError, match="cannot be reached"):
        read_all(paths, FILTER, scheduler="tcp://127.0.0.1:9")
