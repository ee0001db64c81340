"""Issues 4 and 17: wrong passcodes slow down the guesser, a server-wide ceiling holds, staff are never kept out."""

from __future__ import annotations

import pytest

from app_pages.components.passcode_guard import (
    CEILING_PER_MINUTE,
    FREE_TRIES,
    MAX_DELAY_SECONDS,
    Client,
    PasscodeGuard,
    address_group,
    delay_after,
)
from app_pages.components.shared import escape_markdown as md

PASSCODE = "correct horse battery staple"
STAFF = Client("staff-tab", "192.168.1.20")
STRANGER = Client("stranger-tab", "192.168.1.66")


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        """The time now, in seconds."""
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    """A clock standing at 1000 s."""
    return FakeClock()


def _wrong_tries(guard: PasscodeGuard, clock: FakeClock, count: int, client: Client = STRANGER) -> list[float]:
    """Make ``count`` wrong tries from ``client``, each as soon as allowed; the waits they were told."""
    waits = []
    for _ in range(count):
        verdict = guard.check("wrong guess", PASSCODE, client)
        while not verdict.tried:  # its own wait or its turn: come back then
            clock.now += verdict.wait_seconds
            verdict = guard.check("wrong guess", PASSCODE, client)
        assert not verdict.accepted
        waits.append(verdict.wait_seconds)
        clock.now += verdict.wait_seconds
    return waits


def test_the_right_passcode_is_accepted_and_a_wrong_one_is_not(clock: FakeClock) -> None:
    """Only the exact passcode lets staff in."""
    guard = PasscodeGuard(clock)

    assert not guard.check("Correct horse battery staple", PASSCODE, STAFF).accepted
    assert guard.check(PASSCODE, PASSCODE, STAFF).accepted


def test_the_guessers_waits_double_after_the_free_tries_and_stop_at_a_minute(clock: FakeClock) -> None:
    """3 free tries, then 2, 4, 8, 16, 32 seconds, then a minute each time, never a lockout."""
    waits = _wrong_tries(PasscodeGuard(clock), clock, 12)

    assert waits == [0, 0, 0, 2, 4, 8, 16, 32, 60, 60, 60, 60]
    assert [delay_after(n) for n in (3, 4, 9, 1000)] == [0, 2, 60, MAX_DELAY_SECONDS]


def test_a_try_during_the_guessers_wait_is_not_even_compared(clock: FakeClock) -> None:
    """Even the right passcode is turned away while the guesser's own wait runs, with the time left."""
    guard = PasscodeGuard(clock)
    _wrong_tries(guard, clock, FREE_TRIES)
    guard.check("wrong guess", PASSCODE, STRANGER)  # the first wrong try that costs a wait: 2 seconds
    clock.now += 0.5

    verdict = guard.check(PASSCODE, PASSCODE, STRANGER)

    assert (verdict.accepted, verdict.tried, verdict.wait_seconds) == (False, False, 1.5)


def test_a_new_tab_from_the_same_address_is_still_slowed_down(clock: FakeClock) -> None:
    """A fresh browser session from the guesser's address inherits the address's wait."""
    guard = PasscodeGuard(clock)
    _wrong_tries(guard, clock, FREE_TRIES)
    guard.check("wrong guess", PASSCODE, STRANGER)  # a wrong try that costs the address 2 seconds

    verdict = guard.check("another guess", PASSCODE, Client("new-tab", STRANGER.address))

    assert not verdict.tried
    assert verdict.wait_seconds > 0


def test_a_strangers_thousand_wrong_tries_never_delay_staff_at_another_address(clock: FakeClock) -> None:
    """Issue 17: 1,000 wrong tries from one stranger, and staff on their own computer get in at once."""
    guard = PasscodeGuard(clock)
    _wrong_tries(guard, clock, 1000)

    verdict = guard.check(PASSCODE, PASSCODE, STAFF)

    assert verdict.accepted


def test_staff_who_mistyped_wait_at_most_a_minute_however_many_strangers_try(clock: FakeClock) -> None:
    """1,000 wrong tries from 50 other addresses at once; staff past their free tries still get in within 60 s."""
    guard = PasscodeGuard(clock)
    strangers = [Client(f"tab-{n}", f"10.0.0.{n}") for n in range(50)]
    _wrong_tries(guard, clock, FREE_TRIES, STAFF)  # staff mistyped three times
    tries = 0
    while tries < 1000:  # every stranger tries again as soon as the guard lets it
        for stranger in strangers:
            if guard.check("wrong guess", PASSCODE, stranger).tried:
                tries += 1
        clock.now += 0.25
    clock.now += MAX_DELAY_SECONDS  # the worst moment: every stranger's wait is over and each takes a turn first
    for stranger in strangers:
        guard.check("wrong guess", PASSCODE, stranger)

    waited = 0.0
    verdict = guard.check(PASSCODE, PASSCODE, STAFF)
    while not verdict.accepted:
        assert not verdict.tried  # never refused as wrong: only told to come back
        waited += verdict.wait_seconds
        clock.now += verdict.wait_seconds
        verdict = guard.check(PASSCODE, PASSCODE, STAFF)

    assert waited <= 60
    print(f"staff past their free tries waited {waited:.1f} s after {tries} wrong tries from 50 other addresses")


def test_the_ceiling_holds_compared_guesses_however_many_addresses_guess(clock: FakeClock) -> None:
    """200 addresses guessing flat out for 10 minutes get CEILING_PER_MINUTE a minute compared, free tries aside."""
    guard = PasscodeGuard(clock)
    strangers = [Client(f"tab-{n}", f"10.0.{n // 250}.{n % 250}") for n in range(200)]
    start, compared = clock.now, 0

    while clock.now < start + 600:
        compared += sum(guard.check("wrong guess", PASSCODE, s).tried for s in strangers)
        clock.now += 0.5

    assert compared <= 10 * CEILING_PER_MINUTE + FREE_TRIES * len(strangers)
    assert compared >= 9 * CEILING_PER_MINUTE  # the ceiling is a rate, not a lockout


def test_a_right_passcode_forgets_the_clients_wrong_tries(clock: FakeClock) -> None:
    """After a success, this client's wrong tries start again from the free ones."""
    guard = PasscodeGuard(clock)
    _wrong_tries(guard, clock, FREE_TRIES + 2, STAFF)
    assert guard.check(PASSCODE, PASSCODE, STAFF).accepted

    assert _wrong_tries(guard, clock, FREE_TRIES, STAFF) == [0.0] * FREE_TRIES


def test_wrong_tries_are_forgotten_a_day_after_the_last_one(clock: FakeClock) -> None:
    """A day after the last try the address and session have their free tries again."""
    guard = PasscodeGuard(clock)
    _wrong_tries(guard, clock, FREE_TRIES + 4)
    clock.now += 24 * 3600 + 1

    assert _wrong_tries(guard, clock, FREE_TRIES) == [0.0] * FREE_TRIES


@pytest.mark.parametrize(
    ("address", "counted_as"),
    [
        ("192.168.1.20", "192.168.1.20"),
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),  # one machine can hold a whole /64
        ("2001:db8:1:2:ffff::9", "2001:db8:1:2::/64"),
        ("::ffff:192.168.1.20", "192.168.1.20"),  # IPv4 seen through IPv6
        (None, "local"),  # this machine, or an address the server cannot see
        ("not an address", "local"),
    ],
)
def test_a_client_is_counted_under_its_address_or_its_ipv6_network(address: str | None, counted_as: str) -> None:
    """Addresses in one IPv6 /64 share one counter, so a stranger cannot get fresh tries by changing address."""
    assert address_group(address) == counted_as


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
