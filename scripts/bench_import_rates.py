"""Benchmark import-rates (issue 13, "Figures"): MB/s, entries/s and peak memory; 8 files on 1, 2 and Dask workers.

1. One generated file (default 200 MB; the issue's figure is 2 GB: ``--size-mb 2000``), provider
   references before the rates and then after them: MB/s of JSON, in_network entries per second,
   rows found, peak RSS of the reading process (``resource.getrusage``, each run in its own
   process), beside the speed of the bare C parser (``ijson.basic_parse``, events dropped) on the
   same file, the floor no reader can beat on this machine.
2. Eight generated files (default 25 MB each; the issue's is 250: ``--file-mb 250``) with
   ``--workers 1``, ``--workers 2`` and on a two-worker ``LocalCluster`` (processes; its start-up
   time is printed apart).

Not run by the tests. Run: .venv/bin/python scripts/bench_import_rates.py [--size-mb N] [--file-mb N]
"""

from __future__ import annotations

import argparse
import collections
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import ijson  # noqa: E402

from coverage.rates_import import ClinicProviders, RateFilter, import_rates, read_rates_file  # noqa: E402
from tests.rates_import.documents import CLINIC_NPI  # noqa: E402
from tests.rates_import.generator import generate_rates_file  # noqa: E402

FILTER = RateFilter(ClinicProviders(npis=frozenset({CLINIC_NPI})), "bench", date(2026, 12, 1))


def measure_one(path: str, mode: str) -> dict[str, float]:
    """Run in a child process: read ``path`` once and report time and peak RSS."""
    start = time.perf_counter()
    if mode == "baseline":  # the process with the package imported and nothing read
        entries = rows = 0
    elif mode == "parser":
        with open(path, "rb") as handle:
            collections.deque(ijson.basic_parse(handle, buf_size=1 << 20), maxlen=0)
        entries = rows = 0
    else:
        result = read_rates_file(path, FILTER)
        entries, rows = result.entries_read, len(result.rates)
    seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": seconds, "entries": entries, "rows": rows, "peak_mib": peak_kib / 1024}


def in_child(path: Path, mode: str) -> dict[str, float]:
    """The figures of :func:`measure_one` from a fresh process (so peak memory is that run's alone)."""
    out = subprocess.run(
        [sys.executable, __file__, "--measure", str(path), mode], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out)


def single_file(folder: Path, size_mb: int) -> None:
    """Section 1."""
    print(f"1. one generated file of {size_mb} MB")
    for after in (False, True):
        path = folder / f"one-{'after' if after else 'before'}.json"
        started = time.perf_counter()
        expected = generate_rates_file(path, seed=1, size_bytes=size_mb * 1_000_000, references_after=after)
        print(
            f"   generated {expected.size / 1e6:,.0f} MB, {expected.entries:,} entries "
            f"in {time.perf_counter() - started:.1f} s"
        )
        size = expected.size / 1e6
        if not after:
            bare = in_child(path, "parser")
            base = in_child(path, "baseline")
            print(f"   bare C parser (ijson.basic_parse):     {size / bare['seconds']:6.1f} MB/s (the floor here)")
            print(f"   peak RSS of the process before reading: {base['peak_mib']:.0f} MiB (Python + the package)")
        got = in_child(path, "reader")
        where = "after" if after else "before"
        print(
            f"   read_rates_file, references {where:>6}: {size / got['seconds']:6.1f} MB/s, "
            f"{got['entries'] / got['seconds']:,.0f} entries/s, {got['rows']:.0f} rates found, "
            f"peak RSS {got['peak_mib']:.0f} MiB ({got['seconds']:.1f} s)"
        )
        path.unlink()


def many_files(folder: Path, file_mb: int, files: int) -> None:
    """Section 2."""
    print(f"2. {files} generated files of {file_mb} MB")
    paths = [folder / f"many-{n}.json" for n in range(files)]
    for n, path in enumerate(paths):
        generate_rates_file(path, seed=100 + n, size_bytes=file_mb * 1_000_000, references_after=n % 2 == 1)
    total = sum(p.stat().st_size for p in paths) / 1e6
    answers = []
    for workers in (1, 2):
        started = time.perf_counter()
        answers.append(import_rates(paths, FILTER, workers=workers))
        seconds = time.perf_counter() - started
        print(f"   --workers {workers}: {seconds:6.1f} s ({total / seconds:.1f} MB/s)")
    try:
        from distributed import LocalCluster  # noqa: PLC0415
    except ImportError:
        print("   Dask: not installed (pip install 'dask[distributed]')")
        return
    started = time.perf_counter()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        startup = time.perf_counter() - started
        started = time.perf_counter()
        answers.append(import_rates(paths, FILTER, scheduler=cluster.scheduler_address))
        seconds = time.perf_counter() - started
    print(
        f"   LocalCluster, 2 workers: {seconds:6.1f} s ({total / seconds:.1f} MB/s), cluster start-up {startup:.1f} s"
    )
    print(f"   same rows and problems on all three: {all(a == answers[0] for a in answers)}")


def main() -> None:
    """Parse the options and run both sections."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=200, help="the single file's size (the issue: 2000)")
    parser.add_argument("--file-mb", type=int, default=25, help="each of the many files' size (the issue: 250)")
    parser.add_argument("--files", type=int, default=8)
    parser.add_argument("--measure", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure_one(*args.measure)))
        return
    with tempfile.TemporaryDirectory(prefix="bench-rates-") as folder:
        single_file(Path(folder), args.size_mb)
        many_files(Path(folder), args.file_mb, args.files)


if __name__ == "__main__":
    main()
