"""Durable writes of staff-kept files: whole or not at all, in the file's own mode, named after their file.

The building blocks of :func:`coverage.catalog.store.save_file`, which calls them while it holds the
file's lock. A temporary file is ``.<file name>.save-XXXXXXXX.tmp`` beside the file it becomes, so its
name says whose it is: :func:`remove_leftover_temp_files` removes only the named file's, and only
those written before the caller took the lock (so a killed save's, never a running one's).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import stat
import tempfile
from pathlib import Path

_TEMP_MIDDLE = ".save-"
_LOG = logging.getLogger(__name__)


def write_whole(target: Path, data: bytes, *, owner: Path, mode: int) -> None:
    """Write ``data`` to a temporary file named after ``owner`` beside ``target``, fsync it, rename it over ``target``.

    The file gets ``mode`` (the permission bits of the file being saved), not mkstemp's 0600.
    """
    target.parent.mkdir(exist_ok=True)
    fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{owner.name}{_TEMP_MIDDLE}", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as temp:
            os.fchmod(temp.fileno(), mode)
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    fsync_folder(target.parent)


def append_line(target: Path, line: str, *, mode: int) -> None:
    """Append one line to ``target`` (created with ``mode``) and fsync it. Raises ``OSError``."""
    fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, mode)
    try:
        os.write(fd, (line + "\n").encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


def mode_of(path: Path) -> int:
    """The permission bits of the file at ``path``; for a new file, what the umask gives a new file (often 0644)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def fsync_folder(folder: Path) -> None:
    """Make a rename durable. The file is already in place, so a failure is only logged."""
    try:
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        _LOG.warning("could not fsync folder %s: %s", folder.name, exc.strerror)


def remove_leftover_temp_files(owner: Path, folders: tuple[Path, ...], *, older_than_ns: int) -> None:
    """Remove ``owner``'s temporary files in ``folders`` written before ``older_than_ns`` (ns since the epoch).

    Another file's temporary files (another catalog in the same folder) are never touched.
    """
    own = re.compile(re.escape(f".{owner.name}{_TEMP_MIDDLE}") + r"[A-Za-z0-9_]+\.tmp")
    for folder in folders:
        for leftover in folder.glob(f".{_glob_escape(owner.name)}{_TEMP_MIDDLE}*.tmp"):
            with contextlib.suppress(FileNotFoundError):
                if own.fullmatch(leftover.name) and leftover.stat().st_mtime_ns < older_than_ns:
                    leftover.unlink()


def _glob_escape(name: str) -> str:
    """``name`` with the glob characters ``*?[`` taken literally."""
    return re.sub(r"([*?\[])", r"[\1]", name)
