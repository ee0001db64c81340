"""How staff mode is reached on this server: off (and why), by a passcode, or by the clinic's own login.

* **Passcode**: ``COVERAGE_STAFF_PASSCODE`` in the environment or, failing that, ``staff_passcode`` in
  ``.streamlit/secrets.toml``. A passcode shorter than :data:`MIN_PASSCODE_LENGTH` characters, or the
  example one of ``.streamlit/secrets.example.toml``, is refused: staff mode stays off and the server log
  and the catalog page say how to set a good one. Tries are slowed down by
  :class:`app_pages.components.passcode_guard.PasscodeGuard`.
* **Login** (OpenID Connect, Streamlit's ``st.login``): when ``secrets.toml`` has an ``[auth]`` section
  and the staff e-mails are listed (``staff_emails`` in secrets.toml, or ``COVERAGE_STAFF_EMAILS``,
  comma-separated), staff log in with the clinic's identity provider instead and no passcode is asked.
  ``staff_login_provider`` names the provider when ``[auth]`` holds several (``[auth.microsoft]``...).

Neither: staff mode is off and the catalog is read-only in the app.
"""

from __future__ import annotations

import logging
import os
import secrets
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

import streamlit as st

from app_pages.components.passcode_guard import Client, PasscodeGuard

PASSCODE_ENV = "COVERAGE_STAFF_PASSCODE"
PASSCODE_SECRET = "staff_passcode"  # noqa: S105 - the name of the secret, not its value
STAFF_EMAILS_ENV = "COVERAGE_STAFF_EMAILS"
STAFF_EMAILS_SECRET = "staff_emails"  # noqa: S105 - a setting's name
LOGIN_PROVIDER_SECRET = "staff_login_provider"  # noqa: S105 - a setting's name
MIN_PASSCODE_LENGTH = 12
EXAMPLE_SECRETS = Path(__file__).resolve().parents[2] / ".streamlit" / "secrets.example.toml"
HOW_TO_SET = (
    f"set a passphrase of at least {MIN_PASSCODE_LENGTH} characters (four or more unrelated words) in the "
    f"environment variable {PASSCODE_ENV} or as {PASSCODE_SECRET} in .streamlit/secrets.toml, then restart the app"
)
_LOG = logging.getLogger(__name__)


class AccessKind(StrEnum):
    """The ways staff mode can be reached."""

    OFF = "off"
    PASSCODE = "passcode"
    LOGIN = "login"


@dataclass(frozen=True)
class StaffAccess:
    """How staff mode is reached here; ``problem`` says, for whoever runs the app, why it is off."""

    kind: AccessKind
    passcode: str = field(default="", repr=False)
    emails: frozenset[str] = frozenset()
    provider: str | None = None
    problem: str = ""


@cache
def example_passcode(path: Path = EXAMPLE_SECRETS) -> str:
    """The passcode the example secrets file suggests (which must therefore never be used)."""
    try:
        value = tomllib.loads(path.read_text(encoding="utf-8")).get(PASSCODE_SECRET, "")
    except (OSError, tomllib.TOMLDecodeError):
        return ""
    return str(value)


def passcode_problem(passcode: str) -> str | None:
    """Why ``passcode`` may not be used (too short, the example's), or None when it may."""
    if passcode.strip() == example_passcode().strip():
        return f"the staff passcode is still the example one from secrets.example.toml: {HOW_TO_SET}"
    if len(passcode.strip()) < MIN_PASSCODE_LENGTH:
        length = len(passcode.strip())
        return f"the staff passcode is too short ({length} of {MIN_PASSCODE_LENGTH} characters): {HOW_TO_SET}"
    return None


def read_staff_access(environ: Mapping[str, str], secrets_: Mapping[str, Any]) -> StaffAccess:
    """Staff access as the environment and secrets.toml set it (pure: both are passed in)."""
    emails = _emails(environ.get(STAFF_EMAILS_ENV) or secrets_.get(STAFF_EMAILS_SECRET))
    if secrets_.get("auth"):
        if not emails:
            return StaffAccess(
                AccessKind.OFF,
                problem=f"secrets.toml has an [auth] login, but no staff e-mails are listed: set {STAFF_EMAILS_SECRET} "
                f'= ["name@clinic.example", ...] in .streamlit/secrets.toml, then restart the app',
            )
        provider = secrets_.get(LOGIN_PROVIDER_SECRET)
        return StaffAccess(AccessKind.LOGIN, emails=emails, provider=str(provider) if provider else None)
    passcode = environ.get(PASSCODE_ENV) or str(secrets_.get(PASSCODE_SECRET) or "")
    if not passcode:
        return StaffAccess(AccessKind.OFF)
    problem = passcode_problem(passcode)
    if problem:
        return StaffAccess(AccessKind.OFF, problem=problem)
    return StaffAccess(AccessKind.PASSCODE, passcode=passcode)


def _emails(value: object) -> frozenset[str]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list | tuple):
        return frozenset()
    return frozenset(str(email).strip().lower() for email in value if str(email).strip())


def staff_access() -> StaffAccess:
    """Staff access on this server now (environment and ``st.secrets``)."""
    try:
        secrets_: Mapping[str, Any] = st.secrets.to_dict()
    except FileNotFoundError:  # no secrets.toml at all (Streamlit's error is a FileNotFoundError)
        secrets_ = {}
    return read_staff_access(os.environ, secrets_)


def configured_passcode() -> str | None:
    """The staff passcode when staff mode uses one that may be used, else None."""
    access = staff_access()
    return access.passcode if access.kind is AccessKind.PASSCODE else None


@st.cache_resource(show_spinner=False)
def announce_staff_access() -> StaffAccess:
    """Say once in the server log, when the app starts, whether staff mode is on and why not."""
    access = staff_access()
    if access.problem:
        _LOG.warning("Staff mode is off: %s.", access.problem)
    else:
        _LOG.info("Staff mode: %s.", access.kind.value)
    return access


def this_client() -> Client:
    """The browser session (a random token kept in its session state) and its network address."""
    token = st.session_state.setdefault("_staff_client_token", secrets.token_hex(16))
    return Client(session=str(token), address=st.context.ip_address)


def logged_in_email(access: StaffAccess) -> tuple[str | None, bool]:
    """The e-mail ``st.user`` is logged in with (None: not logged in; "": no e-mail) and whether it is staff's."""
    if not st.user.is_logged_in:
        return None, False
    user = st.user.to_dict()
    email = str(user.get("email") or "").strip().lower()
    verified = user.get("email_verified", True) is not False  # a provider that says "not verified" is believed
    return email, bool(email) and verified and email in access.emails


@st.cache_resource
def passcode_guard() -> PasscodeGuard:
    """The one guard of this server process, shared by every browser session."""
    return PasscodeGuard()
