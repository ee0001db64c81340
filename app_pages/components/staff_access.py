"""Staff mode's passcode: where it is configured, and how wrong guesses are slowed down.

The passcode comes from the environment variable ``COVERAGE_STAFF_PASSCODE`` or, failing
that, ``staff_passcode`` in ``.streamlit/secrets.toml``. With neither, staff mode is off and
the catalog is read-only in the app.

A typed passcode is compared in constant time (:func:`hmac.compare_digest` of sha256 digests).
Wrong tries are counted per server process, across all browser sessions (so opening a new tab
does not reset them): the first :data:`FREE_TRIES` wrong tries cost nothing; after that each
wrong try makes the next one wait, 2 seconds, then 4, 8, ... up to :data:`MAX_DELAY_SECONDS`;
after :data:`LOCKOUT_AFTER` wrong tries in a row no try is accepted for :data:`LOCKOUT_SECONDS`
(15 minutes). A right passcode resets the count; so does restarting the app. The count is
shared by everyone on this server, so a stranger guessing can hold staff out for a while: the
price of not letting them guess faster from many tabs.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

PASSCODE_ENV = "COVERAGE_STAFF_PASSCODE"
PASSCODE_SECRET = "staff_passcode"  # noqa: S105 - the name of the secret, not its value
FREE_TRIES = 3
FIRST_DELAY_SECONDS = 2.0
MAX_DELAY_SECONDS = 60.0
LOCKOUT_AFTER = 10
LOCKOUT_SECONDS = 15 * 60.0


def configured_passcode() -> str | None:
    """The staff passcode, or None when none is configured (staff mode off)."""
    from_env = os.environ.get(PASSCODE_ENV, "")
    if from_env:
        return from_env
    try:
        from_secrets = st.secrets.get(PASSCODE_SECRET)
    except FileNotFoundError:  # no secrets.toml at all (Streamlit's error is a FileNotFoundError)
        return None
    return str(from_secrets) if from_secrets else None


@dataclass(frozen=True)
class Verdict:
    """The answer to one try: let in, or not, and how long until the next try is taken."""

    accepted: bool
    wait_seconds: float = 0.0
    tried: bool = True  # False when the try came too early and was not even compared


class PasscodeGuard:
    """Checks typed passcodes and slows down repeated wrong ones; thread-safe, one per process."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._wrong_in_a_row = 0
        self._not_before = 0.0

    def check(self, typed: str, passcode: str) -> Verdict:
        """Compare ``typed`` with ``passcode`` unless the last wrong tries asked us to wait."""
        with self._lock:
            now = self._clock()
            if now < self._not_before:
                return Verdict(accepted=False, wait_seconds=self._not_before - now, tried=False)
            if hmac.compare_digest(_digest(typed), _digest(passcode)):
                self._wrong_in_a_row, self._not_before = 0, 0.0
                return Verdict(accepted=True)
            self._wrong_in_a_row += 1
            delay = self._delay(self._wrong_in_a_row)
            self._not_before = now + delay
            return Verdict(accepted=False, wait_seconds=delay)

    @staticmethod
    def _delay(wrong_in_a_row: int) -> float:
        if wrong_in_a_row >= LOCKOUT_AFTER:
            return LOCKOUT_SECONDS
        if wrong_in_a_row <= FREE_TRIES:
            return 0.0
        doublings = wrong_in_a_row - FREE_TRIES - 1
        return min(FIRST_DELAY_SECONDS * float(2**doublings), MAX_DELAY_SECONDS)


def _digest(text: str) -> bytes:
    """Equal-length digests, so the comparison does not even reveal the passcode's length."""
    return hashlib.sha256(text.encode("utf-8")).digest()


@st.cache_resource
def passcode_guard() -> PasscodeGuard:
    """The one guard of this server process, shared by every browser session."""
    return PasscodeGuard()
