"""The problems of a file the app reads (plans.csv, an upload, fee_schedules.csv), shown as a table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import pandas as pd
import streamlit as st


class FileProblemLike(Protocol):
    """A problem of a file (plans.csv, fee_schedules.csv): where it is, if anywhere, and what is wrong."""

    @property
    def line(self) -> int | None:
        """The file's line, 1 being the header; None for the whole file."""

    @property
    def column(self) -> str | None:
        """The column's name, or None for the whole line."""

    @property
    def message(self) -> str:
        """What is wrong, in words."""


def problem_place(problem: FileProblemLike) -> str:
    """``'line 3, column deductible'``, ``'line 1'``, or ``'the whole file'`` for a problem with no place."""
    place = [f"line {problem.line}"] if problem.line is not None else []
    place += [f"column {problem.column}"] if problem.column else []
    return ", ".join(place) or "the whole file"


def show_problems(problems: Sequence[FileProblemLike]) -> None:
    """The problems of a file, a row each: where, and what is wrong.

    "Where" is text: a problem about the whole file has no line, and a table indexed by an empty line number
    broke in the browser (issue 16). A table, not a dataframe, so long messages wrap.
    """
    st.table(pd.DataFrame([{"Where": problem_place(p), "Problem": p.message} for p in problems]), hide_index=True)
