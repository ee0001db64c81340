"""The fee schedules the pages price visits from, built once per version of their files.

:func:`coverage.catalog.fee_sources.clinic_fee_sources` reads Medicare's shipped fee schedule, the
clinic's ``fee_schedules.csv`` beside ``plans.csv`` and clinic.toml's locality; this keeps the result in
a resource cache keyed on those files' versions, so a saved fee schedule or a new locality is picked
up on the next rerun and nothing is read on the others.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from app_pages.components.paths import plans_csv_path
from app_pages.components.shared import escape_markdown, file_stamp
from app_pages.components.take_home import clinic_settings
from coverage.catalog.fee_schedule_store import fee_schedules_path
from coverage.catalog.fee_sources import clinic_fee_sources
from coverage.engine.billed_services import FeeScheduleError
from coverage.engine.service_codes import SERVICE_NAMES
from coverage.fees.course_pricing import FeeSources
from coverage.views.code_names import CODE_NAMES


@st.cache_resource(show_spinner=False, max_entries=4)
def _fee_sources(plans_csv: str, stamp: tuple[int, int, int], locality: str) -> FeeSources:
    """The fee sources for ``plans_csv`` (``stamp``: its fee_schedules.csv's version, only a cache key).

    A resource: every session shares the one object, which only remembers the days it has priced.
    """
    del stamp
    return clinic_fee_sources(plans_csv, clinic_settings(), locality=locality or None)


def page_fee_sources(*, quiet: bool = False) -> FeeSources | None:
    """The clinic's fee sources; None, with the file's problems said on the page (unless ``quiet``), if unusable."""
    plans_csv: Path = plans_csv_path()
    try:
        stamp = file_stamp(fee_schedules_path(plans_csv))
        return _fee_sources(str(plans_csv), stamp, clinic_settings().medicare_locality)
    except FeeScheduleError as exc:
        if not quiet:
            st.error(
                "The clinic's fee schedules cannot be used, so visits can be priced only from a typed rate: "
                + escape_markdown(str(exc))
            )
        return None


def known_codes(fees: FeeSources | None) -> list[str]:
    """The codes offered in the pickers: the plain-named ones first, then the shipped fee schedule's therapy codes."""
    shipped = sorted(fees.medicare.codes) if fees is not None else []
    return list(dict.fromkeys([*SERVICE_NAMES, *shipped]))


def code_label(code: str) -> str:
    """``97110 · Therapeutic exercise, each 15 minutes`` (the code alone when it has no plain name)."""
    name = CODE_NAMES.get(code)
    return f"{code} · {name}" if name else code
