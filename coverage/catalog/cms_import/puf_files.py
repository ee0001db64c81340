"""Stream a Public Use File: one row at a time, only the columns asked for, with progress.

Memory stays flat whatever the file's size: the ``csv`` module reads through a
1 MiB buffer and nothing but the wanted cells of the current row is kept. Every
cell stays text. Bytes that are not UTF-8 become U+FFFD, so a damaged amount
fails to parse (and is reported) instead of stopping the whole import.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from coverage.catalog.cms_import.problems import PufFileError

#: Called now and then with (file name, bytes read so far, file size).
Progress = Callable[[str, int, int], None]

_BUFFER = 1 << 20
_REPORT_EVERY = 16_384  # rows between progress reports


def _no_progress(name: str, done: int, total: int) -> None:
    """Progress is not shown."""


def puf_rows(
    path: str | Path,
    required: Sequence[str],
    optional: Sequence[str] = (),
    progress: Progress | None = None,
) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line number, cells)`` per data row, cells in the order ``required + optional``.

    A missing optional column reads as blank. Raises :class:`PufFileError` when
    the file cannot be opened, is not CSV, or lacks a required column.
    """
    path = Path(path)
    report = progress or _no_progress
    try:
        raw = path.open("rb", buffering=_BUFFER)
    except OSError as exc:
        raise PufFileError(f"{path.name} cannot be read ({exc.strerror})") from exc
    with raw, io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="") as text:
        total = path.stat().st_size
        reader = csv.reader(text)
        try:
            header = [name.strip() for name in next(reader, [])]
            missing = [name for name in required if name not in header]
            if missing:
                raise PufFileError(f"{path.name} lacks the column(s) {', '.join(missing)}: is it the right file?")
            where = {name: i for i, name in enumerate(header)}
            picks = [where.get(name, -1) for name in (*required, *optional)]
            for count, row in enumerate(reader, start=1):
                if count % _REPORT_EVERY == 0:
                    report(path.name, raw.tell(), total)
                size = len(row)  # a row cut short reads as blank in its missing cells
                yield reader.line_num, [row[i] if 0 <= i < size else "" for i in picks]
        except csv.Error as exc:
            raise PufFileError(f"{path.name} line {reader.line_num} is not valid CSV ({exc})") from None
        report(path.name, total, total)


def puf_header(path: str | Path) -> list[str]:
    """The column names of a PUF. Raises :class:`PufFileError` when it cannot be read."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as text:
            return [name.strip() for name in next(csv.reader(text), [])]
    except OSError as exc:
        raise PufFileError(f"{path.name} cannot be read ({exc.strerror})") from exc
    except csv.Error as exc:
        raise PufFileError(f"{path.name} is not valid CSV ({exc})") from None
