"""Issue 4: the staff passcode is compared safely and repeated wrong tries are slowed down."""

from __future__ import annotations

import pytest

from app_pages.components.shared import escape_markdown as md
from app_pages.components.staff_access import (
    FIRST_DELAY_SECONDS,
    FREE_TRIES,
    LOCKOUT_AFTER,
    LOCKOUT_SECONDS,
    MAX_DELAY_SECONDS,
    PASSCODE_ENV,
    PasscodeGuard,
    configured_passcode,
)

PASSCODE = "sesame"


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        """The time now, in seconds."""
        return self.now


def _wrong_tries(guard: PasscodeGuard, clock: FakeClock, count: int) -> list[float]:
    """Make ``count`` wrong tries, each as soon as allowed; the waits they imposed."""
    waits = []
    for _ in range(count):
        verdict = guard.check("wrong", PASSCODE)
        assert verdict.tried
        assert not verdict.accepted
        waits.append(verdict.wait_seconds)
        clock.now += verdict.wait_seconds
    return waits


def test_the_right_passcode_is_accepted_and_a_wrong_one_is_not() -> None:
    """Only the exact passcode lets staff in."""
    guard = PasscodeGuard(FakeClock())

    assert not guard.check("Sesame", PASSCODE).accepted
    assert guard.check(PASSCODE, PASSCODE).accepted


def test_wrong_tries_after_the_free_ones_wait_twice_as_long_each_time_up_to_a_cap() -> None:
    """3 free tries, then 2, 4, 8, 16, 32 seconds, then capped at 60, until the lockout."""
    clock = FakeClock()

    waits = _wrong_tries(PasscodeGuard(clock), clock, LOCKOUT_AFTER - 1)

    expected = [0.0] * FREE_TRIES + [min(FIRST_DELAY_SECONDS * 2**n, MAX_DELAY_SECONDS) for n in range(6)]
    assert waits == expected == [0, 0, 0, 2, 4, 8, 16, 32, 60]


def test_a_try_during_the_wait_is_not_even_compared() -> None:
    """Even the right passcode is turned away while a wait is running, with the time left."""
    clock = FakeClock()
    guard = PasscodeGuard(clock)
    _wrong_tries(guard, clock, FREE_TRIES)
    guard.check("wrong", PASSCODE)  # the first wrong try that costs a wait of 2 seconds
    clock.now += 0.5

    verdict = guard.check(PASSCODE, PASSCODE)

    assert (verdict.accepted, verdict.tried, verdict.wait_seconds) == (False, False, 1.5)


def test_ten_wrong_tries_in_a_row_lock_staff_mode_for_fifteen_minutes() -> None:
    """The tenth wrong try in a row locks everyone out for LOCKOUT_SECONDS; afterwards the right one works."""
    clock = FakeClock()
    guard = PasscodeGuard(clock)

    waits = _wrong_tries(guard, clock, LOCKOUT_AFTER)
    clock.now -= 1  # one second before the lockout ends
    early = guard.check(PASSCODE, PASSCODE)
    clock.now += 1

    assert waits[-1] == LOCKOUT_SECONDS == 900
    assert not early.accepted
    assert guard.check(PASSCODE, PASSCODE).accepted


def test_the_right_passcode_resets_the_count() -> None:
    """After a success, wrong tries start again from the free ones."""
    clock = FakeClock()
    guard = PasscodeGuard(clock)
    _wrong_tries(guard, clock, FREE_TRIES + 2)
    assert guard.check(PASSCODE, PASSCODE).accepted

    assert _wrong_tries(guard, clock, FREE_TRIES) == [0.0] * FREE_TRIES


def test_an_empty_environment_variable_means_no_passcode(monkeypatch: pytest.MonkeyPatch) -> None:
    """COVERAGE_STAFF_PASSCODE set to nothing does not turn staff mode on with an empty passcode."""
    monkeypatch.setenv(PASSCODE_ENV, "")
    monkeypatch.setattr("streamlit.secrets", {})

    assert configured_passcode() is None


@pytest.mark.parametrize(
    ("text", "shown_as"),
    [
        ("$5 and $6", r"\$5 and \$6"),  # not LaTeX
        ("[click](http://x)", r"\[click\]\(http\://x\)"),  # not a link
        ("**bold** <b>", r"\*\*bold\*\* \<b\>"),
        ("plain words, 95.00", r"plain words, 95\.00"),  # a backslash-escaped dot renders as a dot
    ],
)
def test_text_from_a_person_or_a_file_is_shown_as_typed(text: str, shown_as: str) -> None:
    """File and plan names are escaped, so Markdown cannot turn them into LaTeX, links or formatting."""
    assert md(text) == shown_as
