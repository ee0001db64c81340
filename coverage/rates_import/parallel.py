"""Read many rates files at once: in this process, in local worker processes, or on a Dask cluster.

Each file is read by the same pure per-file function (:func:`read_rates_file`); only the file's
path and the filter travel to a worker, and only its small frozen result comes back. Results
are returned in the order the files were given, so the merge gives the same rows whichever
worker finishes first. On a Dask cluster every worker must see the files at the same paths.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

from coverage.rates_import.json_stream import Progress
from coverage.rates_import.problems import FileRates
from coverage.rates_import.rate_filter import RateFilter
from coverage.rates_import.rates_file import read_rates_file

#: How long to wait for a Dask scheduler to answer before saying it cannot be reached.
SCHEDULER_TIMEOUT_SECONDS = 10


class SchedulerError(Exception):
    """The Dask scheduler cannot be used (not installed, not reachable)."""


def read_all(
    paths: Sequence[Path],
    rate_filter: RateFilter,
    *,
    workers: int = 1,
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> list[FileRates]:
    """Read every file with ``workers`` local processes, or on the Dask ``scheduler`` (``tcp://host:port``)."""
    if scheduler is not None:
        return _on_dask(paths, rate_filter, scheduler, progress)
    if workers <= 1 or len(paths) == 1:
        return [read_rates_file(path, rate_filter, progress) for path in paths]
    return _on_processes(paths, rate_filter, workers, progress)


def _on_processes(
    paths: Sequence[Path], rate_filter: RateFilter, workers: int, progress: Progress | None
) -> list[FileRates]:
    results: list[FileRates | None] = [None] * len(paths)
    done, total = 0, sum(_size(p) for p in paths)
    # The platform's start method (fork on Linux): a worker starts at once, with the package already
    # imported; the command starts no thread before the pool, so nothing half-held is inherited.
    with ProcessPoolExecutor(max_workers=min(workers, len(paths))) as pool:
        futures = {pool.submit(read_rates_file, path, rate_filter): i for i, path in enumerate(paths)}
        for future in as_completed(futures):
            index = futures[future]
            results[index] = future.result()
            done += _size(paths[index])
            if progress is not None:
                progress(f"{len(paths)} files", done, total)
    return [r for r in results if r is not None]


def _on_dask(
    paths: Sequence[Path], rate_filter: RateFilter, scheduler: str, progress: Progress | None
) -> list[FileRates]:
    try:
        import distributed  # noqa: PLC0415  # only --scheduler needs it, and it is slow to import
    except ImportError:
        raise SchedulerError("--scheduler needs Dask: pip install 'dask[distributed]'") from None
    try:
        client: Any = distributed.Client(scheduler, timeout=SCHEDULER_TIMEOUT_SECONDS)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as exc:
        raise SchedulerError(f"the Dask scheduler at {scheduler} cannot be reached ({exc})") from exc
    with client:
        futures = client.map(read_rates_file, [str(p) for p in paths], rate_filter=rate_filter, pure=False)
        order = {future.key: i for i, future in enumerate(futures)}
        done, total = 0, sum(_size(p) for p in paths)
        for future in distributed.as_completed(futures):  # type: ignore[no-untyped-call]
            done += _size(paths[order[future.key]])
            if progress is not None:
                progress(f"{len(paths)} files", done, total)
        results: list[FileRates] = client.gather(futures)
    return results


def _size(path: Path) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0
