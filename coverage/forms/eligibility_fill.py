"""What importing the payer's eligibility response (271) does to the estimate form: which key gets which value.

:func:`import_response` takes what the 271 fills (:class:`~coverage.eligibility.EstimateFill`) and the
form as it stands, and says which form keys to fill, with every value's benefit lines in plain words.

**Staff's values win.** A field is filled from the file only while it shows a value nobody typed: the
value it would show without typing (the picked plan's, the blank template's for "Enter my plan's
numbers", zero for a figure so far), or the value the last import put there. A field someone changed
(say, after a phone verification) keeps its value; the file's value is listed beside it as "kept your
value", and staff may ask for the file's values over theirs (``replace_typed``).

**Conflicts are chosen, never picked.** A figure the response gives with different values fills nothing
until staff choose one of its values (:func:`choose`).

**Only fields the form has.** A figure whose field the estimate does not have yet (the family
deductible fields of issue 14 until they land on ``Plan`` and ``Accumulators``) is listed as not used;
once the models have the field, the same figure fills it.

The result holds figures and benefit lines only: never the patient's name, date of birth or member id.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict

from coverage.eligibility.estimate_fill import EstimateFill, FieldValue, FilledField
from coverage.engine.care import Accumulators
from coverage.engine.plan_fields import FIELD
from coverage.engine.plans import Plan
from coverage.forms.field_reading import read_value
from coverage.forms.fields import ACCUMULATOR_FIELDS, PLAN_FIELDS, plan_form_values
from coverage.forms.request import OWN_PLAN, OWN_PLAN_TEMPLATE, base_plan
from coverage.forms.verification import EligibilityResponse

#: A value as the form holds it: text for amounts and percentages, whole numbers, true/false, text.
FormValue = str | int | bool | None
#: The keys a 271 may fill: every plan field and figure so far the form has (issue 14's once they exist).
FILLABLE = frozenset((*PLAN_FIELDS, *ACCUMULATOR_FIELDS))
#: The figures so far in the words of the estimate page's labels.
SO_FAR_LABELS = {
    "deductible_met": "Deductible met so far",
    "oop_met": "Out-of-pocket paid so far",
    "pt_visits_used": "PT visits used",
    "ot_visits_used": "OT visits used",
    "other_pool_visits_used": "Other visits sharing the limit",
    "oon_deductible_met": "Out-of-network deductible met so far",
    "oon_oop_met": "Out-of-network out-of-pocket paid so far",
    "family_deductible_met": "Family deductible met so far",
    "family_oop_met": "Family out-of-pocket paid so far",
}
_PLAN_NAME = "the plan named on the response's active coverage line (EB*1)"
_NO_VALUE = object()  # a key the last import did not fill


def field_label(key: str) -> str:
    """The estimate page's label of a form key (a figure so far or a plan field), else the key in words."""
    plan_field = FIELD.get(key)
    return SO_FAR_LABELS.get(key) or (plan_field.label if plan_field else key.replace("_", " ").capitalize())


def form_value(value: FieldValue | str) -> FormValue:
    """A filled value as the form holds it: an amount or percentage as text (``"1500.00"``, ``"20"``)."""
    return format(value, "f") if isinstance(value, Decimal) else value


class ImportedField(BaseModel):
    """One form field the 271 gives: its value as the form holds it, its benefit lines, and staff's value if kept."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    label: str
    value: FormValue
    sources: tuple[str, ...]
    kept_staff_value: bool = False  # staff had typed another value, and it stays
    staff_value: FormValue = None  # that value, when kept


class FieldState(StrEnum):
    """Where an imported field stands now, for the list under the import."""

    FILLED = "filled from the response"
    CHANGED = "changed since the import"
    KEPT = "kept the value typed before the import"


def field_state(field: ImportedField, current: Any) -> FieldState:
    """Whether the form still shows ``field``'s imported value, was changed since, or kept staff's value."""
    if field.kept_staff_value:
        return FieldState.KEPT
    return FieldState.FILLED if same_value(field.key, current, field.value) else FieldState.CHANGED


class ConflictChoice(BaseModel):
    """A field the response gives with different values: each as an option, and the one staff chose (or none)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    label: str
    options: tuple[ImportedField, ...]
    chosen: int | None = None


class EligibilityImport(BaseModel):
    """What one import did: the response it came from, each field it filled or left, the choices, the rest."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    response: EligibilityResponse
    plan_name: str | None = None
    fields: tuple[ImportedField, ...] = ()
    conflicts: tuple[ConflictChoice, ...] = ()
    not_on_form: tuple[ImportedField, ...] = ()
    unmapped: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()

    def values_to_fill(self) -> dict[str, FormValue]:
        """The form keys to fill and their values: every field not kept as staff typed it, and each choice."""
        filled = {f.key: f.value for f in self.fields if not f.kept_staff_value}
        return filled | {c.key: c.options[c.chosen].value for c in self.conflicts if c.chosen is not None}

    def imported(self) -> dict[str, ImportedField]:
        """Each form key the import filled, with the field (the chosen option for a conflict)."""
        chosen = {c.key: c.options[c.chosen] for c in self.conflicts if c.chosen is not None}
        return {f.key: f for f in self.fields if not f.kept_staff_value} | chosen


def untouched_values(plan_choice: str, plans: Sequence[Plan]) -> dict[str, FormValue]:
    """What each fillable key shows when nobody typed: the picked plan's fields (or the template) and zeros."""
    plan = base_plan(plan_choice, plans) or OWN_PLAN_TEMPLATE  # a plan no longer listed: the form says so
    return {key: value for key, value in plan_form_values(plan).items() if key in FILLABLE} | zero_so_far()


def zero_so_far() -> dict[str, FormValue]:
    """The figures so far of a patient with no care this year, as the form holds them."""
    return {name: form_value(getattr(Accumulators(), name)) for name in ACCUMULATOR_FIELDS}


def same_value(key: str, one: Any, other: Any) -> bool:
    """Whether two form values of ``key`` say the same (``"400"`` and ``"400.00"`` do); unreadable text by itself."""
    if one is _NO_VALUE or other is _NO_VALUE:
        return False
    return bool(_read(key, one) == _read(key, other))


def _read(key: str, value: Any) -> Any:
    try:
        return read_value(key, value)
    except ValueError:  # a blank or unreadable entry: compared as typed
        return ("typed", value.strip() if isinstance(value, str) else value)


def import_response(
    fill: EstimateFill,
    form: Mapping[str, Any],
    *,
    untouched: Mapping[str, FormValue],
    last_import: Mapping[str, FormValue] | None = None,
    replace_typed: bool = False,
) -> EligibilityImport:
    """What importing ``fill`` into ``form`` does, by the rule in this module's docstring.

    ``untouched`` is :func:`untouched_values` of the picked plan; ``last_import`` the values the previous
    import of this session put in the form (:meth:`EligibilityImport.values_to_fill`); ``replace_typed``
    lets the file's values replace staff's. With "Enter my plan's numbers" the plan's name is filled too.
    """
    last = last_import or {}
    given = [_imported(filled) for filled in (*fill.plan, *fill.so_far)]
    if fill.plan_name and form.get("plan") == OWN_PLAN:
        name = fill.plan_name[:120]
        given.insert(
            0, ImportedField(key="plan_name", label=field_label("plan_name"), value=name, sources=(_PLAN_NAME,))
        )
    fields, not_on_form = [], []
    for field in given:
        if field.key not in FILLABLE:
            not_on_form.append(field)
            continue
        current = form.get(field.key)
        untyped = field.key not in form or any(
            same_value(field.key, current, reference)
            for reference in (untouched.get(field.key, _NO_VALUE), last.get(field.key, _NO_VALUE), field.value)
        )
        kept = not (untyped or replace_typed)
        fields.append(field.model_copy(update={"kept_staff_value": True, "staff_value": current}) if kept else field)
    conflicts = tuple(
        ConflictChoice(key=c.name, label=field_label(c.name), options=tuple(map(_imported, c.options)))
        for c in fill.conflicts
        if c.name in FILLABLE
    )
    off_form = [
        f"{field_label(c.name)} (not on the estimate form yet): {c}" for c in fill.conflicts if c.name not in FILLABLE
    ]
    return EligibilityImport(
        response=EligibilityResponse(
            payer_name=fill.payer_name[:80], response_date=fill.response_date, trace_number=fill.trace_number or ""
        ),
        plan_name=fill.plan_name,
        fields=tuple(fields),
        conflicts=conflicts,
        not_on_form=tuple(not_on_form),
        unmapped=tuple(str(line) for line in fill.unmapped),
        problems=(*fill.problems, *off_form),
    )


def _imported(filled: FilledField) -> ImportedField:
    return ImportedField(
        key=filled.name, label=field_label(filled.name), value=form_value(filled.value), sources=filled.sources
    )


def choose(imported: EligibilityImport, key: str, option: int | None) -> EligibilityImport:
    """``imported`` with staff's choice for the conflict on ``key`` (None: not chosen yet)."""
    conflicts = tuple(
        c.model_copy(update={"chosen": option}) if c.key == key and (option is None or option < len(c.options)) else c
        for c in imported.conflicts
    )
    return imported.model_copy(update={"conflicts": conflicts})
