"""A plans file a user uploads for their own browser session: read with tighter limits, never saved.

The clinic's own catalog may be up to :data:`coverage.catalog.loader.MAX_PLAN_FILE_BYTES`; an upload
comes from anyone who can open the page, so it is held to :data:`UPLOAD_MAX_BYTES` and
:data:`UPLOAD_MAX_PLANS`: room for a few thousand plans with long notes, and small enough that
reading one takes well under a second and holds little memory per session.
"""

from __future__ import annotations

from coverage.catalog.loader import PlanFileError, PlanFileProblem, parse_plans
from coverage.engine.plans import Plan

#: The largest plans file a user may upload for a session: 1 MiB.
UPLOAD_MAX_BYTES = 1024 * 1024
#: The most plans an uploaded file may hold.
UPLOAD_MAX_PLANS = 2_000
#: How a UTF-16 file starts (Excel's "Unicode Text" writes one): little- and big-endian byte order marks.
_UTF16_STARTS = (b"\xff\xfe", b"\xfe\xff")


def parse_uploaded_plans(data: bytes, *, name: str) -> list[Plan]:
    """The plans in an uploaded file called ``name``. Raises :class:`coverage.catalog.loader.PlanFileError`.

    The error lists every problem (too large, not UTF-8, another delimiter, missing or extra
    columns, a repeated plan_id, a formula-looking cell, too many rows, any bad value).
    """
    if data.startswith(_UTF16_STARTS) and len(data) <= UPLOAD_MAX_BYTES:
        reason = "is UTF-16 text (Excel's 'Unicode Text'), not UTF-8: save it from your spreadsheet as 'CSV UTF-8'"
        raise PlanFileError(name, [PlanFileProblem(None, None, reason)])
    return parse_plans(data, source=name, max_rows=UPLOAD_MAX_PLANS, max_bytes=UPLOAD_MAX_BYTES)
