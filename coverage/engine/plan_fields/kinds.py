"""What a plan field is: its kind, its section of the page, and the words each view shows."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class FieldKind(StrEnum):
    """What a plan field holds, which decides how it is typed, read, written and shown."""

    MONEY = "money"  # dollars and cents; optional ones may be blank (``blank`` says what blank means)
    PERCENT = "percent"  # 0 to 100
    COUNT = "count"  # whole visits; blank means none
    SWITCH = "switch"  # true or false
    CHOICE = "choice"  # one of a few named values
    MONTH_DAY = "month_day"  # MM-DD
    TEXT = "text"


class Section(StrEnum):
    """Where a field sits on the estimate page's rules section and the staff editor."""

    PLAN = "The plan"
    COSTS = "What you pay"
    LIMITS = "Visit limits and paperwork"
    NETWORK = "Out of network"

    @property
    def intro(self) -> str:
        """A line of plain words above the section's fields, or nothing."""
        return _INTROS.get(self, "")


_INTROS = {
    Section.LIMITS: "Do PT and OT share one visit limit? Put a shared limit under *PT and OT together*, separate "
    "limits under PT and OT. Blank means no limit.",
}


@dataclass(frozen=True)
class PlanField:
    """One plans.csv column in plain words: how the page asks for it and how the printout says it."""

    name: str
    kind: FieldKind
    section: Section
    label: str  # the estimate page's label
    help: str  # the estimate page's help, ending with the question to ask the insurer
    words: str  # a few words, as in "changed from the plan list: OT copay"
    staff: str  # the catalog editor's label, with the unit and what blank means
    printed: str  # the printout's label
    meaning: str  # the docs table's "what it means"
    blank: str = ""  # what a blank cell means ("no limit"); empty when the field is never blank
    options: tuple[tuple[str, str], ...] = ()  # CHOICE and SWITCH: (cell text, the page's words)
    printed_options: tuple[tuple[str, str], ...] = ()  # CHOICE and SWITCH: (cell text, the printout's words)
    value_words: str = "{}"  # MONEY and COUNT: the printout's words around the amount or number
    radio: bool = False  # SWITCH: asked as a question with two answers instead of a checkbox
    asked_when: str = ""  # the switch that must be on for this field to be asked (its terms apply only then)
    max_chars: int = 20
    required: bool = False  # one of the 21 columns every plans.csv has

    @property
    def optional(self) -> bool:
        """True when a blank cell stands for "none" rather than for the default amount."""
        return bool(self.blank)

    def option_words(self, cell: str, *, printed: bool = False) -> str:
        """The words for one value of a CHOICE or SWITCH field (``'true'`` -> ``'One per day'``)."""
        return dict(self.printed_options if printed else self.options)[cell]


def yes_no(yes: str, no: str) -> tuple[tuple[str, str], ...]:
    """The options of a switch: ``true`` in the words ``yes``, ``false`` in the words ``no``."""
    return (("true", yes), ("false", no))
