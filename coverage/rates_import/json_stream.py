"""Read a JSON file (plain or gzip) as a stream of parser events, never as a whole.

The parser is ``ijson`` with its C backend (``yajl2_c``): it reads 1 MiB at a time and hands
over ``(event, value)`` pairs, so memory holds only the value being looked at, whatever the
file's size. Numbers arrive as ``int`` or ``Decimal`` (never ``float``), so a rate keeps its
exact cents. Helpers here skip a value without building it, or build a small one.
"""

from __future__ import annotations

import gzip
import io
import re
import zlib
from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from itertools import accumulate, takewhile
from operator import itemgetter, lt
from pathlib import Path
from typing import Any

import ijson  # type: ignore[import-untyped]  # ijson ships no type hints

from coverage.rates_import.problems import RatesFileError

#: Called now and then with (file name, bytes read so far, file size).
Progress = Callable[[str, int, int], None]
#: One parser event: ``("map_key", "billing_code")``, ``("string", "97110")``, ``("start_array", None)``.
Event = tuple[str, Any]
Events = Iterator[Event]

BUFFER_BYTES = 1 << 20
_OPENS = frozenset({"start_map", "start_array"})
_CLOSES = frozenset({"end_map", "end_array"})
#: How each event changes the nesting depth (every other event: 0).
_DEPTH: defaultdict[str, int] = defaultdict(int, {"start_map": 1, "start_array": 1, "end_map": -1, "end_array": -1})
_EVENT_NAME = itemgetter(0)
_POSITIVE = partial(lt, 0)
_GZIP_MAGIC = b"\x1f\x8b"
#: ``https://...``, ``s3://...`` (and ``https:/...``, which is what ``Path`` makes of a URL).
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+:/")


def is_url(name: str) -> bool:
    """True for a file name that is a web address (this tool reads local files only)."""
    return _URL.match(name.strip()) is not None


class _CountingReader(io.RawIOBase):
    """A file that counts the bytes read from disk (compressed bytes, for a .gz) and reports them."""

    def __init__(self, raw: io.BufferedReader, name: str, total: int, progress: Progress | None) -> None:
        self.raw = raw
        self.name_shown = name
        self.total = total
        self.done = 0
        self.progress = progress

    def readable(self) -> bool:
        """It can be read."""
        return True

    def readinto(self, buffer: Any) -> int:
        """Read into ``buffer`` and count what came."""
        count = self.raw.readinto(buffer)
        self.done += count or 0
        if self.progress is not None:
            self.progress(self.name_shown, self.done, self.total)
        return int(count or 0)


@contextmanager
def json_events(path: Path, progress: Progress | None = None) -> Iterator[tuple[Events, _CountingReader]]:
    """Open ``path`` (gzip when it starts with gzip's magic bytes) and yield its events and byte counter.

    Raises :class:`RatesFileError` when the file is missing, unreadable, not JSON or cut short.
    """
    if is_url(str(path)):
        raise RatesFileError(no_network_message(str(path)))
    try:
        raw = path.open("rb")
    except OSError as exc:
        raise RatesFileError(f"{path.name} cannot be read ({exc.strerror})") from exc
    with raw:
        counter = _CountingReader(raw, path.name, path.stat().st_size, progress)
        buffered = io.BufferedReader(counter, BUFFER_BYTES)
        is_gzip = buffered.peek(2)[:2] == _GZIP_MAGIC
        stream: io.BufferedIOBase = gzip.GzipFile(fileobj=buffered, mode="rb") if is_gzip else buffered
        try:
            yield ijson.basic_parse(stream, buf_size=BUFFER_BYTES), counter
        except ijson.JSONError as exc:
            raise RatesFileError(f"{path.name} is not a complete JSON file ({_short(exc)})") from exc
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise RatesFileError(f"{path.name} is a damaged or cut-short gzip file ({_short(exc)})") from exc
        except UnicodeDecodeError as exc:
            raise RatesFileError(f"{path.name} is not UTF-8 text") from exc
        except OSError as exc:
            raise RatesFileError(f"{path.name} could not be read to the end ({exc.strerror or exc})") from exc


def no_network_message(name: str) -> str:
    """The sentence for a URL given as a file: this tool has no network access."""
    return (
        f"{name} is a web address, and this import has no network access: download the file "
        "(it may be .json.gz) and give its local path"
    )


def skip_value(events: Events, first: Event) -> None:
    """Consume the rest of the value that ``first`` starts, without building it.

    The loop runs in C (``map``, ``accumulate``, ``takewhile``, ``deque``): the running nesting
    depth of the events, stopping after the event that brings it back to zero. Skipping the
    entries of other codes is most of the work of an import.
    """
    if first[0] in _OPENS:
        deque(takewhile(_POSITIVE, accumulate(map(_DEPTH.__getitem__, map(_EVENT_NAME, events)), initial=1)), maxlen=0)


def build_value(events: Events, first: Event) -> Any:
    """Build the (small) value that ``first`` starts as Python objects."""
    if first[0] not in _OPENS:
        return first[1]
    builder = ijson.ObjectBuilder()
    builder.event(*first)
    depth = 1
    for event, value in events:
        builder.event(event, value)
        if event in _OPENS:
            depth += 1
        elif event in _CLOSES:
            depth -= 1
            if depth == 0:
                break
    return builder.value


def object_keys(events: Events) -> Iterator[str]:
    """The keys of the object whose ``start_map`` was just read; the caller consumes each key's value."""
    for event, value in events:
        if event == "end_map":
            return
        if event != "map_key":
            raise RatesFileError(f"expected a key in an object, found {event}")
        yield value


def array_items(events: Events, first: Event) -> Iterator[Event]:
    """The first event of each element of the array that ``first`` starts (each element must be consumed)."""
    if first[0] != "start_array":
        skip_value(events, first)
        return
    for event in events:
        if event[0] == "end_array":
            return
        yield event


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 120 else text[:120] + "…"
