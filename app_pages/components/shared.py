"""UI helpers shared by the dashboard's pages: the plan catalog, form fields and safe text.

No cost rule lives here: these helpers read widgets, load files and format text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import streamlit as st

from app_pages.components.paths import plans_csv_path
from coverage import Plan, PlanFileError, format_money, load_plans
from coverage.engine.notices import format_day

#: Session state key where the upload page leaves a session-only catalog (a list of Plan).
UPLOADED_PLANS = "uploaded_plans"
#: ...and the name of the file it came from.
UPLOADED_PLANS_NAME = "uploaded_plans_name"
#: The date fields' format. Streamlit offers only digits (YYYY/MM/DD, DD/MM/YYYY, MM/DD/YYYY with / - or .), not the
#: "7 Dec 2026" of the page's sentences; of those, year-month-day is the one a reader cannot take the wrong way round
#: (7/12 is July to some and December to others), and it is how the page's link writes a date (issue 16).
DATE_FORMAT = "YYYY-MM-DD"
#: Widgets keep their value for the whole browser session, across page switches.
PERSIST: Any = "session"

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|$<>~:])")


def file_stamp(path: Path) -> tuple[int, int, int]:
    """A file's version for a cache key: inode, size and modification time (all 0 when it cannot be read).

    A save replaces the file (a new inode), so two saves within one tick of the clock still differ.
    """
    try:
        info = path.stat()
    except OSError:
        return (0, 0, 0)  # the loader then says the file cannot be read
    return (info.st_ino, info.st_size, info.st_mtime_ns)


@st.cache_resource(show_spinner=False, max_entries=8)
def _load_catalog(path: str, stamp: tuple[int, int, int]) -> tuple[Plan, ...]:
    """The plans of the CSV at ``path``; cached per file version (``stamp`` is part of the key).

    A resource cache, not a data cache: every rerun gets the same tuple back instead of a fresh copy
    (which cost a few tenths of a millisecond a rerun). Sharing it is safe because the tuple and its
    plans are immutable.
    """
    del stamp  # only a cache key: a saved catalog is a new version
    return tuple(load_plans(path))


def catalog_plans(path: Path | None = None) -> list[Plan]:
    """The clinic's catalog (``plans_csv_path()`` unless ``path`` is given), re-read when it changes.

    Raises :class:`coverage.PlanFileError` when the file is missing or broken.
    """
    path = path or plans_csv_path()
    return list(_load_catalog(str(path), file_stamp(path)))


def current_plans() -> list[Plan]:
    """The plans to offer: this session's uploaded catalog when there is one, else ``plans.csv``.

    A broken ``plans.csv`` shows its problems on the page and gives an empty list, so a
    person can still enter their plan's numbers by hand; an empty one (only its header row) says so.
    """
    uploaded = st.session_state.get(UPLOADED_PLANS)
    if uploaded:
        return list(uploaded)
    try:
        plans = catalog_plans()
    except PlanFileError as exc:
        st.error(f"The clinic's plan list could not be read: {escape_markdown(str(exc))}")
        return []
    if not plans:
        st.info(
            "The clinic's plan list is empty (its plans file has only its header row), so there is no plan to "
            "pick: enter your plan's numbers below, or ask staff to add plans on the Plan catalog page."
        )
    return plans


def clinic_today() -> date:
    """Today on the clinic's clock (the server's local date): first-time defaults, reminders and printouts use it."""
    return datetime.now(UTC).astimezone().date()


def escape_markdown(text: str) -> str:
    """``text`` with every Markdown character escaped, so ``$`` never starts maths and a name is never a link."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def money_md(amount: Decimal) -> str:
    """``$1,234.50`` ready for Markdown (the dollar sign escaped)."""
    return escape_markdown(format_money(amount))


def seed(values: Mapping[str, Any]) -> None:
    """Put ``values`` into the widgets' session state (before the widgets are drawn, or in a callback)."""
    for key, value in values.items():
        st.session_state[key] = value


def form_state(keys: Iterable[str]) -> dict[str, Any]:
    """The value each of ``keys`` holds in session state (what its widget showed last, or was seeded with)."""
    return {key: st.session_state.get(key) for key in keys}


class Fields:
    """Form fields, each followed by the domain's message about it when there is one.

    The form is read (and its problems found) before it is drawn, from the values the widgets
    left in session state, so each message is drawn right under its field in the same run.
    """

    def __init__(self, problems: Iterable[tuple[str, str]] = ()) -> None:
        self.problems: dict[str, list[str]] = {}
        for key, message in problems:
            self.problems.setdefault(key, []).append(message)
        self.drawn: set[str] = set()
        self.labels: dict[str, str] = {}
        self.context = ""  # put before labels in the summary, e.g. "PT " while drawing the PT course

    def place(self, key: str, label: str = "") -> None:
        """The messages about ``key`` (a field just drawn, or a group such as "turn on PT or OT")."""
        self.drawn.add(key)
        self.labels[key] = f"{self.context}{label}" if label else key
        if key in self.problems:
            st.error(escape_markdown(" ".join(self.problems[key])))

    def wrong_fields(self) -> list[str]:
        """The labels of the fields on the page that have a problem, in page order, for a summary at the top."""
        return [label for key, label in self.labels.items() if key in self.problems and label != key]

    def unplaced(self) -> list[tuple[str, str]]:
        """Problems about keys that have no place on the page as drawn."""
        return [(key, m) for key, messages in self.problems.items() if key not in self.drawn for m in messages]

    def money(
        self,
        label: str,
        key: str,
        *,
        help: str,
        placeholder: str = "0.00",
        disabled: bool = False,
    ) -> None:
        """A text field for dollars and cents (read with :func:`coverage.engine.money.parse_money`)."""
        st.text_input(
            label,
            key=key,
            help=help,
            placeholder=placeholder,
            max_chars=20,
            disabled=disabled,
            persist_state=PERSIST,
        )
        self.place(key, label)

    def percent(self, label: str, key: str, *, help: str) -> None:
        """A text field for a percentage from 0 to 100."""
        st.text_input(label, key=key, help=help, placeholder="20", max_chars=10, persist_state=PERSIST)
        self.place(key, label)

    def text(self, label: str, key: str, *, help: str, max_chars: int, placeholder: str = "") -> None:
        """A plain text field."""
        st.text_input(label, key=key, help=help, max_chars=max_chars, placeholder=placeholder, persist_state=PERSIST)
        self.place(key, label)

    def count(self, label: str, key: str, *, help: str, placeholder: str = "", disabled: bool = False) -> None:
        """A whole number; may be left blank when ``placeholder`` says what blank means.

        No bounds are given to the widget: a browser silently keeps the old value of a number outside them
        (a red outline, no words; issue 16), so the form's reader checks the range and its message
        ("must be 999 or less") is drawn under the field.
        """
        st.number_input(
            label,
            value=None,
            step=1,
            key=key,
            help=help,
            placeholder=placeholder or None,
            disabled=disabled,
            persist_state=PERSIST,
        )
        self.place(key, label)

    def choice(
        self,
        label: str,
        key: str,
        options: Sequence[Any],
        labels: Callable[[Any], str],
        *,
        help: str,
        horizontal: bool = True,
    ) -> None:
        """One of a few options, as radio buttons."""
        st.radio(label, options, format_func=labels, key=key, help=help, horizontal=horizontal, persist_state=PERSIST)
        self.place(key, label)

    def select(self, label: str, key: str, options: Sequence[Any], labels: Callable[[Any], str], *, help: str) -> None:
        """One of several options, as a drop-down."""
        st.selectbox(label, options, format_func=labels, key=key, help=help, persist_state=PERSIST)
        self.place(key, label)

    def switch(self, label: str, key: str, *, help: str) -> None:
        """An on/off toggle."""
        st.toggle(label, key=key, help=help, persist_state=PERSIST)
        self.place(key, label)

    def check(self, label: str, key: str, *, help: str) -> None:
        """A yes/no checkbox (its label wraps, so it suits longer questions)."""
        st.checkbox(label, key=key, help=help, persist_state=PERSIST)
        self.place(key, label)

    def day(self, label: str, key: str, *, help: str, first: date, last: date) -> None:
        """A date picker between ``first`` and ``last`` (:data:`DATE_FORMAT`), with the day spelled out under it."""
        picked = st.date_input(
            label, key=key, help=help, min_value=first, max_value=last, format=DATE_FORMAT, persist_state=PERSIST
        )
        if isinstance(picked, date):
            st.caption(f"{picked:%A} {format_day(picked)}")  # "Monday 7 Dec 2026", as the sentences write it
        self.place(key, label)
