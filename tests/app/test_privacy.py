"""No patient data is stored: a whole estimate, download and print journey leaves no file and no log line (issue 4)."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from coverage import Verification, as_self_pay, estimate_pdf, good_faith_pdf, visits_csv
from tests.conftest import ROOT

PATIENT = "Zoë Privacy-Check"
REPRESENTATIVE = "Rep Privacy-Check"
SKIPPED = {".git", ".venv", ".hypothesis", ".mypy_cache", ".ruff_cache", ".pytest_cache", "__pycache__"}


def snapshot() -> dict[str, tuple[int, int]]:
    """Every file of the project (size, modification time) and every entry of the temp folder."""
    files = {
        str(path.relative_to(ROOT)): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in ROOT.rglob("*")
        if path.is_file() and not SKIPPED & set(path.relative_to(ROOT).parts)
    }
    temp = Path(tempfile.gettempdir())
    files |= {f"TMP/{p.name}": (0, 0) for p in temp.iterdir() if not p.name.startswith("pytest-of-")}
    return files


def test_an_estimate_download_and_print_journey_writes_no_file_and_logs_no_name(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Estimating, typing a patient's name and a call record, and building every download changes no file."""
    caplog.set_level(logging.DEBUG)
    before = snapshot()

    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=30).run()
    at.session_state["show_take_home"] = True
    at.session_state["show_visit_table"] = True  # the CSV download sits with the visit table
    at.run()
    at.text_input(key="take_home_patient_name").set_value(PATIENT).run()
    at.text_input(key="verify_representative").set_value(REPRESENTATIVE)
    at.text_input(key="verify_reference").set_value("REF-1")
    at.text_input(key="verify_initials").set_value("KM").run()
    result = at.session_state["estimate"]
    record = Verification(call_date=result.care.start_date, method="phone", representative=REPRESENTATIVE,
                          reference_number="REF-1", staff_initials="KM")  # fmt: skip
    downloads = [
        visits_csv(result).encode(),
        estimate_pdf(result, patient_name=PATIENT),
        estimate_pdf(result, patient_name=PATIENT, verification=record),
        good_faith_pdf(as_self_pay(result), issued=result.care.start_date, patient_name=PATIENT),
    ]

    assert not at.exception
    assert {b.key for b in at.get("download_button")} >= {
        "download_csv",
        "take_home_patient_pdf",
        "take_home_staff_pdf",
    }
    assert all(downloads)
    assert snapshot() == before
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert PATIENT not in logged
    assert REPRESENTATIVE not in logged
