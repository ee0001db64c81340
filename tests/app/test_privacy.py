"""No patient data is stored: a whole estimate, download and print journey leaves no file and no log line (issue 4).

Issue 17: the test watches only places the journey could write to, so another program creating files
on a busy machine cannot fail it: a fresh temporary folder (TMPDIR, and Python's ``tempfile``, point
at it for the journey), a fresh home folder (HOME), and the project folder. Any new or changed file in
any of them fails the test.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Collection
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from coverage import Verification, as_self_pay, estimate_pdf, good_faith_pdf, visits_csv
from tests.conftest import ROOT

PATIENT = "Zoë 山田 Privacy-Check"  # a CJK name: the printouts read their fallback fonts too
REPRESENTATIVE = "Rep Privacy-Check"
SKIPPED = {".git", ".venv", ".hypothesis", ".mypy_cache", ".ruff_cache", ".pytest_cache", "__pycache__"}


def files_under(folder: Path, skipped: Collection[str] = ()) -> dict[str, tuple[int, int]]:
    """Every file under ``folder`` (size, modification time), skipping folders named in ``skipped``."""
    found = {}
    for where, folders, names in os.walk(folder):
        folders[:] = [f for f in folders if f not in skipped]
        for name in names:
            path = Path(where) / name
            if path.is_file():
                info = path.stat()
                found[str(path.relative_to(folder))] = (info.st_size, info.st_mtime_ns)
    return found


@pytest.fixture
def watched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """A fresh temporary folder and home folder for the journey, and the project folder."""
    temp, home = tmp_path / "tmp", tmp_path / "home"
    temp.mkdir()
    home.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))  # tempfile read TMPDIR once, before the test
    monkeypatch.setenv("HOME", str(home))
    return {"temporary folder": temp, "home folder": home, "project folder": ROOT}


def snapshot(watched: dict[str, Path]) -> dict[str, dict[str, tuple[int, int]]]:
    """The files of every watched place (tool caches of the project left out)."""
    return {place: files_under(folder, SKIPPED) for place, folder in watched.items()}


def test_an_estimate_download_and_print_journey_writes_no_file_and_logs_no_name(
    caplog: pytest.LogCaptureFixture, watched: dict[str, Path]
) -> None:
    """Estimating, typing a patient's name and a call record, and building every download changes no file."""
    caplog.set_level(logging.DEBUG)
    before = snapshot(watched)

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
    after = snapshot(watched)
    for place in watched:
        assert after[place] == before[place], f"the journey changed files in the {place}"
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "Privacy-Check" not in logged
    assert "山田" not in logged


def test_the_watch_sees_a_file_the_journey_would_leave(watched: dict[str, Path]) -> None:
    """The check can fail: a file written with tempfile during the journey shows up in the watched folder."""
    before = snapshot(watched)

    with tempfile.NamedTemporaryFile(delete=False) as leftover:
        leftover.write(b"a patient's name")

    assert snapshot(watched)["temporary folder"] != before["temporary folder"]
    assert Path(leftover.name).parent == watched["temporary folder"]
