"""The take-home section of the estimate page: printed estimate, Good Faith Estimate, plain-text summary.

The estimate page calls :func:`render_take_home` with the estimate it shows. Nothing typed here is
written anywhere: the patient's name and date of birth and the verification record live only in this
browser session's memory. The PDFs are built when a download button is clicked, not on every rerun.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import streamlit as st
from pydantic import ValidationError

from app_pages.components.eligibility_import import imported_response
from app_pages.components.shared import DATE_FORMAT, clinic_today, escape_markdown
from coverage import (
    EXAMPLE_CLINIC,
    Clinic,
    ClinicFileError,
    DiagnosisCodeError,
    Estimate,
    Verification,
    VerificationMethod,
    as_self_pay,
    estimate_pdf,
    estimate_summary,
    format_money,
    good_faith_applies,
    good_faith_pdf,
    load_clinic,
    parse_diagnosis_codes,
)
from coverage.engine.validation import describe
from coverage.printouts.typefaces import MARK, printable, unprintable

CLINIC_TOML = Path(__file__).resolve().parents[2] / "clinic.toml"
_METHODS = {
    VerificationMethod.PHONE: "Phone call",
    VerificationMethod.PORTAL: "Payer's web portal",
    VerificationMethod.ELIGIBILITY_RESPONSE: "Eligibility response (271) imported above",
}


@st.cache_data(show_spinner=False)
def _cached_clinic(path: str, modified: float) -> Clinic:
    """The clinic settings, read again only when the file changes (``modified`` is its mtime)."""
    del modified  # part of the cache key only
    return load_clinic(path)


def clinic_settings() -> Clinic:
    """The clinic's settings for the estimate's defaults; the example clinic when the file cannot be used."""
    modified = CLINIC_TOML.stat().st_mtime if CLINIC_TOML.is_file() else 0.0
    try:
        return _cached_clinic(str(CLINIC_TOML), modified)
    except ClinicFileError:
        return EXAMPLE_CLINIC  # the printout section says what is wrong with the file


def _clinic() -> Clinic | None:
    modified = CLINIC_TOML.stat().st_mtime if CLINIC_TOML.is_file() else 0.0
    try:
        clinic = _cached_clinic(str(CLINIC_TOML), modified)
    except ClinicFileError as exc:
        st.error(f"The clinic settings file cannot be used, so nothing can be printed: {exc}")
        return None
    if clinic == EXAMPLE_CLINIC:
        st.caption("Printing the example clinic's details: copy clinic.example.toml to clinic.toml and fill it in.")
    return clinic


def _say_what_cannot_be_printed(what: str, text: str) -> None:
    """Warn, before the download, about characters of ``text`` that no font of the printouts has."""
    missing = unprintable(text or "")
    if missing:
        shown = " ".join(missing[:10])
        st.warning(
            f"The printouts cannot show {len(missing)} of the characters in {what} ({escape_markdown(shown)}): "
            f"no font here has them, so they are printed as {MARK}. Type them in Latin letters if the printout "
            "must carry them, or ask whoever runs the app to install the Noto fonts (docs/printouts.md)."
        )


def _verification_record(today: date) -> Verification | None:
    """The front desk's record of the benefits call, or None while it is empty or incomplete."""
    with st.expander("Benefits verification record (front desk; printed on the staff copy only)"):
        call_date = st.date_input(
            "Date of the call", value=today, max_value=today, key="verify_date", format=DATE_FORMAT
        )
        method = st.radio(
            "How were the benefits verified?",
            list(_METHODS),
            format_func=_METHODS.__getitem__,
            horizontal=True,
            key="verify_method",
        )
        representative = st.text_input("Payer representative's name", max_chars=80, key="verify_representative")
        response = imported_response()
        if response is not None and not st.checkbox(
            f"Record that the figures came from {response.words()}", value=True, key="verify_use_271"
        ):
            response = None
        label = "Call reference number" + (" (optional with the 271)" if response is not None else "")
        reference = st.text_input(label, max_chars=60, key="verify_reference")
        initials = st.text_input("Your initials", max_chars=4, key="verify_initials")
        _say_what_cannot_be_printed("the representative's name", representative)
        if not (representative or reference or initials):
            return None
        try:
            return Verification(
                call_date=call_date,
                method=method,
                representative=representative,
                eligibility_response=response,
                reference_number=reference,
                staff_initials=initials,
            )
        except ValidationError as exc:
            st.warning(f"The staff copy needs a complete record: {describe(exc)}")
            return None


def _good_faith(estimate: Estimate, clinic: Clinic, today: date) -> None:
    paying_myself = not good_faith_applies(estimate, paying_myself=False) and st.checkbox(
        "I will pay myself (not using insurance)",
        key="take_home_paying_myself",
        help="Patients who pay themselves have the right to a Good Faith Estimate of the charges.",
    )
    if not good_faith_applies(estimate, paying_myself=paying_myself):
        return
    st.markdown("**Good Faith Estimate** (No Surprises Act): the expected charges at self-pay rates.")
    st.metric("Expected charges at self-pay rates", format_money(as_self_pay(estimate).patient_total))
    birth = st.date_input(
        "Patient's date of birth (for this printout only, not saved)",
        value=None,
        min_value=date(1900, 1, 1),
        max_value=today,
        key="take_home_birth_date",
        format=DATE_FORMAT,
    )
    codes_text = st.text_input("Diagnosis codes (ICD-10), if known", key="take_home_diagnosis_codes")
    separate = st.text_area(
        "Services to be scheduled separately, one a line (optional)", key="take_home_separate_services"
    )
    _say_what_cannot_be_printed("the services to be scheduled separately", separate)
    try:
        codes = parse_diagnosis_codes(codes_text)
    except DiagnosisCodeError as exc:
        st.error(str(exc))
        return
    name = st.session_state.get("take_home_patient_name") or None
    st.download_button(
        "Download the Good Faith Estimate (PDF)",
        data=lambda: good_faith_pdf(
            estimate,
            issued=today,
            clinic=clinic,
            patient_name=name,
            date_of_birth=birth,
            diagnosis_codes=codes,
            separately_scheduled=tuple(separate.splitlines()),
        ),
        file_name="good-faith-estimate.pdf",
        mime="application/pdf",
        key="take_home_good_faith_pdf",
    )


#: What one patient typed for the printouts (never saved; cleared for the next caller).
PATIENT_KEYS = (
    "take_home_patient_name",
    "take_home_birth_date",
    "take_home_diagnosis_codes",
    "take_home_separate_services",
    "take_home_paying_myself",
    "verify_date",
    "verify_method",
    "verify_representative",
    "verify_reference",
    "verify_initials",
    "verify_use_271",
)

#: Session key of the take-home expander; its content is drawn only while it is open (keeps reruns quick).
SHOW_TAKE_HOME = "show_take_home"


def render_take_home(estimate: Estimate) -> None:
    """The printed estimate (patient and staff copy), the Good Faith Estimate when due, and the summary.

    They sit in an expander, closed at first, whose content is drawn only while it is open.
    """
    box = st.expander(
        "Take it home: the printed estimate, a Good Faith Estimate, a summary to email",
        key=SHOW_TAKE_HOME,
        on_change="rerun",
    )
    if box.open:
        with box:
            _take_home(estimate)


def _take_home(estimate: Estimate) -> None:
    clinic = _clinic()
    if clinic is None:
        return
    today = clinic_today()  # the date of issue
    name = st.text_input(
        "Patient's name for the printout (optional, not saved)",
        max_chars=120,
        key="take_home_patient_name",
        help="Press Enter after typing: the printouts use the name shown under this field.",
    )
    # A name still being typed reaches the page only on Enter (or leaving the field); say which name the
    # downloads carry, so a printout never goes out with a name the person did not see.
    st.caption(f"The printouts below carry the name: {escape_markdown(printable(name)) if name else 'no name'}.")
    _say_what_cannot_be_printed("this name", name)
    verification = _verification_record(today)
    patient_copy, staff_copy = st.columns(2)
    patient_copy.download_button(
        "Download the estimate (PDF, patient copy)",
        data=lambda: estimate_pdf(estimate, clinic=clinic, patient_name=name or None, issued=today),
        file_name="therapy-estimate.pdf",
        mime="application/pdf",
        key="take_home_patient_pdf",
    )
    if verification is None:
        staff_copy.caption("Fill in the verification record to download the staff copy.")
    else:
        staff_copy.download_button(
            "Download the staff copy (PDF, with the verification record)",
            data=lambda: estimate_pdf(
                estimate, clinic=clinic, patient_name=name or None, verification=verification, issued=today
            ),
            file_name="therapy-estimate-staff-copy.pdf",
            mime="application/pdf",
            key="take_home_staff_pdf",
        )
    _good_faith(estimate, clinic, today)
    st.markdown("**Summary to paste into an email or a patient portal message**")
    st.code(estimate_summary(estimate, clinic=clinic), language=None, wrap_lines=True)
