"""Issue 4: the Plan catalog page, driven as a user would with AppTest."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app_pages.components.staff_access import PASSCODE_ENV
from coverage.catalog.edits import edit_plan, find_plan
from coverage.catalog.loader import load_plans
from coverage.catalog.store import HISTORY_FOLDER, open_catalog, save_plans, saves_log
from tests.conftest import PLANS_CSV, ROOT
from tests.dashboard_helpers import APP

PASSCODE = "correct horse battery staple"


def _open_page(secrets: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.secrets.update(secrets or {"unrelated": "x"})  # never this machine's own secrets.toml
    at.run()
    at.switch_page("app_pages/catalog.py").run()  # through the router, as a person gets there
    assert not at.exception
    return at


def _texts(at: AppTest) -> str:
    shown = " ".join(str(e.value) for kind in (at.info, at.error, at.warning, at.success) for e in kind)
    return shown.replace("\\", "")  # as the reader sees it: without the Markdown escapes


def _unlock(at: AppTest, typed: str, initials: str = "KM") -> AppTest:
    at.text_input(key="staff_passcode_typed").input(typed)
    at.text_input(key="staff_initials_typed").input(initials)
    at.button(key="staff_unlock").click().run()
    assert not at.exception
    return at


def _staff_page(monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv(PASSCODE_ENV, PASSCODE)
    return _unlock(_open_page(), PASSCODE)


def _edit(at: AppTest, pick: str, **typed: str) -> AppTest:
    at.selectbox(key="staff_pick").set_value(pick).run()
    for column, text in typed.items():
        widget = at.text_area if column == "notes" else at.text_input
        widget(key=f"staff_plan_{column}").input(text)
    at.button(key="staff_save").click().run()
    assert not at.exception
    return at


def test_without_a_passcode_the_catalog_is_read_only_and_says_how_to_turn_editing_on(catalog: Path) -> None:
    """No passcode configured: no passcode box, no edit controls; the setting is named in a note for whoever runs it.

    The patient is not told about environment variables and secrets.toml in the page's text (issue 16).
    """
    at = _open_page()

    note = next(e for e in at.expander if e.label == "For whoever runs this app")
    assert "read-only" in _texts(at)
    assert PASSCODE_ENV not in _texts(at)
    assert PASSCODE_ENV in " ".join(c.value for c in note.caption)
    assert not [w for w in at.text_input if w.key == "staff_passcode_typed"]
    assert not [w for w in at.button if str(w.key).startswith("staff_")]


def test_a_wrong_passcode_is_refused_and_shows_no_edit_controls(catalog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A wrong passcode gets 'not right' and the page keeps the edit form hidden."""
    monkeypatch.setenv(PASSCODE_ENV, PASSCODE)

    at = _unlock(_open_page(), "guess")

    assert "That passcode is not right." in _texts(at)
    assert not [w for w in at.button if w.key == "staff_save"]


def test_repeated_wrong_passcodes_make_even_the_right_one_wait(catalog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After three free wrong tries the next wrong one imposes a wait, during which nothing is accepted."""
    monkeypatch.setenv(PASSCODE_ENV, PASSCODE)
    at = _open_page()
    for guess in ("one", "two", "three"):
        _unlock(at, guess)

    _unlock(at, "four")
    assert "Wait 2 seconds before the next try." in _texts(at)
    _unlock(at, PASSCODE)

    assert "Too many wrong passcodes" in _texts(at)
    assert not [w for w in at.button if w.key == "staff_save"]


def test_the_passcode_may_come_from_secrets_toml(catalog: Path) -> None:
    """staff_passcode in secrets.toml turns staff mode on; the right passcode shows the edit form."""
    at = _unlock(_open_page({"staff_passcode": PASSCODE}), PASSCODE)

    assert [w for w in at.button if w.key == "staff_save"]


def test_staff_edit_a_plan_and_see_it_after_reloading_the_page(catalog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An edit is saved to plans.csv, the old version goes to history, and a new session shows the edit."""
    at = _edit(_staff_page(monkeypatch), "hdhp", deductible="3,400", notes="Verified by phone")

    assert "Saved hdhp." in _texts(at)
    hdhp = find_plan(load_plans(catalog), "hdhp")
    assert (str(hdhp.deductible), hdhp.notes) == ("3400.00", "Verified by phone")
    assert len(list((catalog.parent / HISTORY_FOLDER).glob("plans-*.csv"))) == 1
    assert json.loads(saves_log(catalog).read_text(encoding="utf-8"))["saved_by"] == "KM"  # typed on unlock
    table = _open_page().dataframe[0].value
    assert table.loc[table["plan_id"] == "hdhp", "deductible"].item() == "3400.00"


def test_staff_add_a_new_plan(catalog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new plan with an ID, a name and a copay is added at the end of the catalog."""
    at = _edit(_staff_page(monkeypatch), "__new__", plan_id="acme-ppo", plan_name="Acme PPO", pt_copay="45")

    assert "Saved acme-ppo." in _texts(at)
    added = load_plans(catalog)[-1]
    assert (added.plan_id, added.plan_name, str(added.pt_copay)) == ("acme-ppo", "Acme PPO", "45.00")


def test_absurd_values_get_a_message_beside_their_field_and_nothing_is_saved(
    catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A deductible of 1e308 and a 250 percent coinsurance are refused field by field; plans.csv is unchanged."""
    before = catalog.read_bytes()

    at = _edit(_staff_page(monkeypatch), "hdhp", deductible="1e308", pt_coinsurance_pct="250")

    messages = [str(e.value) for e in at.error]
    assert any("not an amount" in m for m in messages)
    assert any("0 to 100" in m for m in messages)
    assert catalog.read_bytes() == before


def test_a_colleagues_save_in_between_is_never_overwritten(catalog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Saving after a colleague saved gives 'the catalog changed'; after reloading, the edit saves on top of theirs."""
    at = _staff_page(monkeypatch)
    at.selectbox(key="staff_pick").set_value("hdhp").run()
    opened = open_catalog(catalog)
    colleague = find_plan(opened.plans, "ma-hmo").model_copy(update={"notes": "Colleague's note"})
    save_plans(catalog, edit_plan(opened.plans, "ma-hmo", colleague), expected_version=opened.version, saved_by="KM")
    after_colleague = catalog.read_bytes()

    _edit(at, "hdhp", notes="My note")
    assert "the catalog changed since you opened it" in _texts(at)
    assert catalog.read_bytes() == after_colleague
    at.button(key="staff_reload").click().run()
    _edit(at, "hdhp", notes="My note")

    plans = load_plans(catalog)
    assert (find_plan(plans, "hdhp").notes, find_plan(plans, "ma-hmo").notes) == ("My note", "Colleague's note")


def test_staff_retire_a_plan(catalog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Retiring needs the confirmation box; then the plan is gone from plans.csv."""
    at = _staff_page(monkeypatch)
    at.selectbox(key="staff_pick").set_value("self-pay").run()
    at.checkbox(key="staff_retire_confirm").check()

    at.button(key="staff_retire").click().run()

    assert not at.exception
    assert "Retired self-pay." in _texts(at)
    assert "self-pay" not in [p.plan_id for p in load_plans(catalog)]


def test_upload_a_plans_file_for_this_session_only(catalog: Path) -> None:
    """An uploaded file's plans go to session state for the estimate page; nothing is written; 'back' forgets it."""
    before = catalog.read_bytes()
    mine = PLANS_CSV.read_bytes().replace(b"Example: High-deductible", b"My own high-deductible")
    at = _open_page()

    at.file_uploader[0].set_value(("my plans.csv", mine, "text/csv")).run()

    assert not at.exception
    assert at.session_state["uploaded_plans_name"] == "my plans.csv"
    assert find_plan(at.session_state["uploaded_plans"], "hdhp").plan_name.startswith("My own")
    assert "my plans" in _texts(at)
    assert catalog.read_bytes() == before
    at.button(key="use_clinic_catalog").click().run()
    assert "uploaded_plans" not in at.session_state


def test_a_bad_upload_lists_its_problems_and_keeps_the_clinic_catalog(catalog: Path) -> None:
    """A semicolon-separated file is refused with its reason; the session keeps the clinic catalog."""
    at = _open_page()

    at.file_uploader[0].set_value(("excel.csv", PLANS_CSV.read_bytes().replace(b",", b";"), "text/csv")).run()

    assert not at.exception
    assert "cannot be used (1 problem)" in _texts(at)  # one problem, said in the singular
    assert "separated by" in at.table[-1].value["Problem"].iloc[0]
    assert "uploaded_plans" not in at.session_state


def test_a_broken_clinic_catalog_gives_a_message_not_a_traceback(catalog: Path) -> None:
    """A catalog file that does not parse is reported plainly; the page does not crash."""
    catalog.write_bytes(b"not,a,catalog\n")

    at = _open_page()

    assert "cannot be read" in _texts(at)


def _files(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folder`` with its size and modification time, skipping tool caches."""
    skipped = {".git", ".venv", "__pycache__", ".hypothesis", ".mypy_cache", ".ruff_cache", ".pytest_cache"}
    found = {}
    for where, folders, names in os.walk(folder):
        folders[:] = [f for f in folders if f not in skipped]
        for name in names:
            info = (Path(where) / name).stat()
            found[str(Path(where, name))] = (info.st_size, info.st_mtime_ns)
    return found


def test_browsing_and_uploading_write_no_file_anywhere(
    catalog: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening the page, uploading a file and going back leave the project and temp folders as they were."""
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    before = _files(ROOT) | _files(catalog.parent)
    at = _open_page()

    at.file_uploader[0].set_value(("mine.csv", PLANS_CSV.read_bytes(), "text/csv")).run()
    at.button(key="use_clinic_catalog").click().run()

    assert not at.exception
    assert _files(ROOT) | _files(catalog.parent) == before
    assert list(temp.iterdir()) == []


def test_the_catalog_table_heads_each_column_in_plain_words_and_puts_the_name_first(catalog: Path) -> None:
    """Headings are the page's words (the plans.csv name in the help); the name comes first, not pinned in grey."""
    table = _open_page().dataframe[0]
    config = json.loads(table.proto.columns)

    assert config["oop_max"]["label"] == "Out-of-pocket maximum"
    assert config["ot_copay"]["label"] == "OT copay"  # the rest of the words kept as written
    assert config["oop_max"]["help"] == "plans.csv column oop_max"
    assert "pinned" not in config["plan_name"]  # a pinned column is drawn grey, like a disabled one (issue 16)
    assert list(table.value.columns)[:2] == ["plan_name", "plan_id"]
    assert not [c["label"] for c in config.values() if "_" in c.get("label", "")]


def test_a_wait_of_one_second_reads_in_the_singular() -> None:
    """The staff wait message says '1 second', never '1 seconds' (issue 16), and rounds a part second up."""
    from app_pages.components.catalog_page import _seconds

    assert (_seconds(1.0), _seconds(0.4), _seconds(2.2)) == ("1 second", "1 second", "3 seconds")
