"""Issue 17: a weak or example passcode keeps staff mode off, and the clinic's login can replace the passcode."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app_pages.components.staff_access import (
    EXAMPLE_SECRETS,
    MIN_PASSCODE_LENGTH,
    PASSCODE_ENV,
    STAFF_EMAILS_ENV,
    AccessKind,
    example_passcode,
    read_staff_access,
)
from coverage.catalog.store import saves_log
from tests.dashboard_helpers import APP

GOOD = "correct horse battery staple"
#: What [auth] in secrets.toml holds for a provider (never contacted in these tests).
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-long-random-cookie-secret-for-tests-only",
    "client_id": "coverage-checker",
    "client_secret": "not-a-real-secret",
    "server_metadata_url": "https://login.clinic.example/.well-known/openid-configuration",
}
STAFF_EMAIL = "ana@clinic.example"


def _catalog_page(secrets: dict[str, object], user: dict[str, object] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.secrets.update(secrets)  # never this machine's own secrets.toml
    if user is not None:
        at.user = user
    at.run()
    at.switch_page("app_pages/catalog.py").run()
    assert not at.exception
    return at


def _shown(at: AppTest) -> str:
    shown = " ".join(str(e.value) for kind in (at.info, at.error, at.warning, at.success, at.caption) for e in kind)
    return shown.replace("\\", "")


def _has(at: AppTest, key: str) -> bool:
    return any(w.key == key for kind in (at.button, at.text_input) for w in kind)


@pytest.mark.parametrize(
    ("passcode", "says"),
    [
        ("sesame", "too short (6 of 12 characters)"),
        (" ", "too short (0 of 12 characters)"),  # a single space was accepted before issue 17
        ("           x  ", "too short (1 of 12 characters)"),  # spaces around it do not count
        ("change-me-to-a-long-passphrase", "still the example one"),
    ],
)
def test_a_short_or_example_passcode_keeps_staff_mode_off_and_says_how_to_set_one(passcode: str, says: str) -> None:
    """Too short, blank, or the example's: staff mode is off, and the reason names the setting to change."""
    access = read_staff_access({PASSCODE_ENV: passcode}, {})

    assert access.kind is AccessKind.OFF
    assert says in access.problem
    assert PASSCODE_ENV in access.problem
    assert f"at least {MIN_PASSCODE_LENGTH} characters" in access.problem


def test_the_example_passcode_is_read_from_the_example_secrets_file() -> None:
    """The refused example is the one secrets.example.toml actually suggests."""
    assert example_passcode() in EXAMPLE_SECRETS.read_text(encoding="utf-8")
    assert example_passcode()


def test_a_long_passcode_turns_staff_mode_on_and_the_environment_wins() -> None:
    """A 12-character passcode is used; the environment variable beats secrets.toml."""
    access = read_staff_access({PASSCODE_ENV: "twelve chars"}, {"staff_passcode": GOOD})

    assert (access.kind, access.passcode) == (AccessKind.PASSCODE, "twelve chars")
    assert GOOD not in repr(read_staff_access({}, {"staff_passcode": GOOD}))  # never shown in a log line


def test_the_login_is_used_when_auth_and_staff_emails_are_set() -> None:
    """[auth] with staff e-mails (from secrets or the environment, any case) means login, not passcode."""
    from_secrets = read_staff_access({}, {"auth": AUTH, "staff_emails": ["Ana@Clinic.example"], "staff_passcode": GOOD})
    from_env = read_staff_access({STAFF_EMAILS_ENV: "ana@clinic.example, bo@clinic.example"}, {"auth": AUTH})

    assert (from_secrets.kind, from_secrets.emails) == (AccessKind.LOGIN, frozenset({STAFF_EMAIL}))
    assert from_env.emails == {STAFF_EMAIL, "bo@clinic.example"}


def test_a_login_without_a_staff_list_keeps_staff_mode_off() -> None:
    """[auth] alone would let anyone with an account in: staff mode stays off and says what to list."""
    access = read_staff_access({}, {"auth": AUTH})

    assert access.kind is AccessKind.OFF
    assert "staff_emails" in access.problem


def test_the_page_with_the_example_passcode_shows_no_passcode_box_and_logs_why_at_start(
    catalog: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Copying secrets.example.toml unchanged: a warning on the page and in the server log, no way to unlock."""
    caplog.set_level(logging.INFO)

    at = _catalog_page({"staff_passcode": example_passcode()})

    assert "Staff editing is off: the staff passcode is still the example one" in _shown(at)
    assert not _has(at, "staff_passcode_typed")
    assert "Staff mode is off: the staff passcode is still the example one" in caplog.text
    assert example_passcode() not in caplog.text


def test_unlocking_needs_initials_and_they_are_recorded_with_the_save(catalog: Path) -> None:
    """No initials: the passcode is not tried. With them, a save logs them in history/."""
    at = _catalog_page({"staff_passcode": GOOD})
    at.text_input(key="staff_passcode_typed").input(GOOD)
    at.button(key="staff_unlock").click().run()
    assert "Type your initials" in _shown(at)

    at.text_input(key="staff_passcode_typed").input(GOOD)
    at.text_input(key="staff_initials_typed").input("jd")
    at.button(key="staff_unlock").click().run()
    at.selectbox(key="staff_pick").set_value("hdhp").run()
    at.text_input(key="staff_plan_deductible").input("3,500")
    at.button(key="staff_save").click().run()

    assert not at.exception
    assert "recorded as JD" in _shown(at)
    assert json.loads(saves_log(catalog).read_text(encoding="utf-8"))["saved_by"] == "JD"


def test_with_the_login_a_person_not_logged_in_sees_a_login_button_and_no_editor(catalog: Path) -> None:
    """Login configured, nobody logged in: a 'Log in' button, no passcode box, no edit control."""
    at = _catalog_page({"auth": AUTH, "staff_emails": [STAFF_EMAIL]}, {"is_logged_in": False})

    assert _has(at, "staff_login")
    assert not _has(at, "staff_passcode_typed")
    assert not _has(at, "staff_save")


def test_a_listed_staff_member_logged_in_edits_and_the_save_records_their_email(catalog: Path) -> None:
    """Logged in as a listed e-mail: the editor is there, and a save logs that e-mail as who saved."""
    at = _catalog_page(
        {"auth": AUTH, "staff_emails": [STAFF_EMAIL]},
        {"is_logged_in": True, "email": "Ana@clinic.example", "email_verified": True, "name": "Ana"},
    )
    at.selectbox(key="staff_pick").set_value("hdhp").run()
    at.text_input(key="staff_plan_deductible").input("3,600")
    at.button(key="staff_save").click().run()

    assert not at.exception
    assert _has(at, "staff_logout")
    assert json.loads(saves_log(catalog).read_text(encoding="utf-8"))["saved_by"] == STAFF_EMAIL


@pytest.mark.parametrize(
    "user",
    [
        {"is_logged_in": True, "email": "someone@gmail.example"},  # an account, but not staff
        {"is_logged_in": True, "email": STAFF_EMAIL, "email_verified": False},  # the provider did not verify it
        {"is_logged_in": True},  # no e-mail claim at all
    ],
)
def test_a_login_that_is_not_a_verified_staff_email_gets_no_editor(catalog: Path, user: dict[str, object]) -> None:
    """Logged in, but not as a verified listed e-mail: read-only, with a way to log out."""
    at = _catalog_page({"auth": AUTH, "staff_emails": [STAFF_EMAIL]}, user)

    assert not _has(at, "staff_save")
    assert not _has(at, "staff_passcode_typed")
    assert _has(at, "staff_logout")
    assert "not on this clinic's list of staff e-mails" in _shown(at)
