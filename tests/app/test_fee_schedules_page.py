"""Issues 12 and 13: the catalog page lists the clinic's fee schedules, and staff edit fee_schedules.csv there."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from app_pages.components.staff_access import PASSCODE_ENV
from coverage.catalog.fee_schedule_store import save_fee_schedules
from coverage.catalog.store import HISTORY_FOLDER, catalog_version, saves_log
from tests.dashboard_helpers import APP, table_with

PASSCODE = "correct horse battery staple"
FEES = (
    "schedule_id,code,modifier,rate,notes\n"
    'acme-ppo,97110,,31.50,"from acme.json.gz, last updated 2026-11-01, Acme PPO"\n'
    'acme-ppo,97140,,29.00,"from acme.json.gz, last updated 2026-11-01, Acme PPO"\n'
    "contract-2026,97110,,40.00,\n"
)


@pytest.fixture
def fees(catalog: Path) -> Path:
    """The catalog fixture's copy of plans.csv with FEES beside it as fee_schedules.csv."""
    path = catalog.parent / "fee_schedules.csv"
    path.write_text(FEES, encoding="utf-8")
    return path


def _open_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.secrets.update({"unrelated": "x"})  # never this machine's own secrets.toml
    at.run()
    at.switch_page("app_pages/catalog.py").run()
    assert not at.exception
    return at


def _staff_page(monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv(PASSCODE_ENV, PASSCODE)
    at = _open_page()
    at.text_input(key="staff_passcode_typed").input(PASSCODE)
    at.text_input(key="staff_initials_typed").input("KM")
    at.button(key="staff_unlock").click().run()
    assert not at.exception
    return at


def _listing(at: AppTest) -> list[dict[str, Any]]:
    """The rows of the fee schedule list (the one table with a source column)."""
    rows: list[dict[str, Any]] = table_with(at, "source").to_dict("records")
    return rows


def _texts(at: AppTest) -> str:
    shown = " ".join(str(e.value) for kind in (at.info, at.error, at.warning, at.success) for e in kind)
    return shown.replace("\\", "")  # as the reader sees it: without the Markdown escapes


def _edit_and_save(at: AppTest, **edits: Any) -> AppTest:
    """Put ``edits`` (edited_rows, added_rows, deleted_rows) in the fee schedule table, then press Save."""
    (editor,) = at.data_editor
    at.session_state[str(editor.key)] = {"edited_rows": {}, "added_rows": [], "deleted_rows": []} | edits
    at.run()
    at.button(key="staff_fees_save").click().run()
    assert not at.exception
    return at


def test_the_catalog_page_lists_each_fee_schedule_with_its_codes_source_and_date(fees: Path) -> None:
    """acme-ppo: 2 codes from Acme PPO's file of 2026-11-01; contract-2026: 1 code typed by the clinic."""
    at = _open_page()

    assert _listing(at) == [
        {"schedule_id": "acme-ppo", "codes": 2, "source": "Acme PPO (acme.json.gz)", "date": "2026-11-01"},
        {"schedule_id": "contract-2026", "codes": 1, "source": "typed by the clinic", "date": ""},
    ]
    assert not at.data_editor  # no edit control outside staff mode


def test_a_clinic_without_fee_schedules_is_told_so(fees: Path) -> None:
    """No fee_schedules.csv: a sentence, no table, no error."""
    fees.unlink()

    at = _open_page()

    assert not [d for d in at.dataframe if "source" in d.value.columns]
    assert any("no fee schedule of its own yet" in c.value for c in at.caption)


def test_a_fee_schedules_file_with_a_bad_cell_is_listed_by_line_and_column(fees: Path) -> None:
    """A rate of 'n/a' on line 4: the page says the file cannot be used and names line 4, column rate."""
    fees.write_text(FEES.replace("40.00", "n/a"), encoding="utf-8")

    at = _open_page()

    assert "fee_schedules.csv cannot be used" in _texts(at)
    assert at.table[-1].value["Where"].tolist() == ["line 4, column rate"]


def test_staff_change_a_rate_and_add_a_row_and_the_list_shows_it(fees: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """97110 to 33.00 and a typed 97530 for acme-ppo: saved, the old file in history/, the save logged as KM's."""
    at = _staff_page(monkeypatch)
    added = {"schedule_id": "acme-ppo", "code": "97530", "modifier": "", "rate": "35", "notes": "phoned Acme 3 Jan"}

    _edit_and_save(at, edited_rows={0: {"rate": "33.00"}}, added_rows=[added])

    assert "Saved fee_schedules.csv." in _texts(at)
    assert fees.read_text(encoding="utf-8").splitlines()[1:] == [
        'acme-ppo,97110,,33.00,"from acme.json.gz, last updated 2026-11-01, Acme PPO"',
        'acme-ppo,97140,,29.00,"from acme.json.gz, last updated 2026-11-01, Acme PPO"',
        "contract-2026,97110,,40.00,",
        "acme-ppo,97530,,35,phoned Acme 3 Jan",  # added at the table's end, written as typed
    ]
    (kept,) = (fees.parent / HISTORY_FOLDER).glob("fee_schedules-*.csv")
    assert kept.read_text(encoding="utf-8") == FEES
    assert json.loads(saves_log(fees).read_text(encoding="utf-8"))["saved_by"] == "KM"
    assert _listing(at)[0]["codes"] == 3
    assert _listing(at)[0]["source"] == "Acme PPO (acme.json.gz); phoned Acme 3 Jan"


def test_a_bad_rate_is_named_by_line_and_column_and_nothing_is_written(
    fees: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rate of 'thirty' in the table's second row is line 3, column rate; the file and history/ are untouched."""
    at = _staff_page(monkeypatch)

    _edit_and_save(at, edited_rows={1: {"rate": "thirty"}})

    assert "Not saved (1 problem)" in _texts(at)
    assert at.table[-1].value.to_dict("records") == [
        {"Where": "line 3, column rate", "Problem": "'thirty' is not an amount in dollars and cents, such as 95.00"}
    ]
    assert fees.read_text(encoding="utf-8") == FEES
    assert not (fees.parent / HISTORY_FOLDER).exists()


def test_a_save_by_someone_else_in_between_is_never_overwritten(fees: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An import saves after the table was filled: the staff save is refused, and Reload shows the import's rows."""
    at = _staff_page(monkeypatch)
    imported = FEES.replace("31.50", "32.00")
    save_fee_schedules(fees, imported, expected_version=catalog_version(fees), saved_by="import-rates")

    _edit_and_save(at, edited_rows={2: {"rate": "41.00"}})

    assert "changed since you opened them" in _texts(at)
    assert fees.read_text(encoding="utf-8") == imported
    at.button(key="staff_fees_reload").click().run()
    assert at.data_editor[0].value["rate"].tolist() == ["32.00", "29.00", "40.00"]
