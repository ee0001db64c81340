"""How staff-mode passcode tries are slowed down so that a stranger cannot guess it, nor keep staff out.

Every try comes from a *client*: its browser session and its network address (an IPv6 address counts
by its /64 network, since one machine can hold many addresses in it; a client whose address the
server cannot see, such as one on this machine, counts under one shared "local" address).

* **The guesser pays.** Each session and each address has :data:`FREE_TRIES` wrong tries that cost
  nothing; after that each wrong try makes *that* session and *that* address wait before their next
  try: 2 s, 4 s, 8 s, ... up to :data:`MAX_DELAY_SECONDS`. A try during the wait is not even compared.
  A client's wrong tries are forgotten :data:`FORGET_AFTER_SECONDS` after its last try, or when it
  gives the right passcode.
* **A ceiling for the whole server.** Tries of clients past their free tries are taken in turn, at
  most :data:`CEILING_PER_MINUTE` a minute over all clients together: each address gets a turn (a
  time slot, first come first served, one open turn per address) and its next try is compared when it
  comes back at that turn. So however many sessions and addresses a stranger uses, at most
  ``CEILING_PER_MINUTE * 60 * 24`` of their guesses a day are compared, plus the free ones.
* **Staff are never locked out.** Nothing is refused for good, and a client's own wait never exceeds
  a minute. A client within its free tries is compared at once, whatever others do; one past them
  waits for its own delay and for the turns handed out before its own, one slot
  (:data:`SLOT_SECONDS`) for each other client waiting: under a minute while fewer than
  ``CEILING_PER_MINUTE`` other addresses are guessing at the same time.

Nothing here imports Streamlit: the page passes the client and the clock is injectable, so tests can
replay a thousand wrong tries in no time.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

FREE_TRIES = 3
FIRST_DELAY_SECONDS = 2.0
MAX_DELAY_SECONDS = 60.0
CEILING_PER_MINUTE = 60
SLOT_SECONDS = 60.0 / CEILING_PER_MINUTE
FORGET_AFTER_SECONDS = 24 * 3600.0
#: A turn not used within this long after it came is given up (the client gets a new one when it returns).
TURN_KEPT_SECONDS = 120.0
#: At most this many sessions and addresses are remembered; the quietest are forgotten first.
MAX_CLIENTS_REMEMBERED = 100_000
LOCAL = "local"


@dataclass(frozen=True)
class Client:
    """Who tries: a browser session's token and the network address it connects from (None: not known)."""

    session: str
    address: str | None

    def counters(self) -> tuple[str, str]:
        """The two counters this client's tries are kept under."""
        return f"session:{self.session}", f"address:{address_group(self.address)}"


@dataclass(frozen=True)
class Verdict:
    """The answer to one try: let in, or not, and how long until the next try is taken."""

    accepted: bool
    wait_seconds: float = 0.0
    tried: bool = True  # False when the try came too early (its own wait, or its turn) and was not compared


@dataclass
class _Record:
    wrong: int = 0
    last_seen: float = 0.0
    not_before: float = 0.0
    turn: float | None = None


def address_group(address: str | None) -> str:
    """The address a client is counted under: IPv4 as it is, IPv6 by its /64, unknown as "local"."""
    if not address:
        return LOCAL
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return LOCAL
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if isinstance(ip, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


def delay_after(wrong: int) -> float:
    """The wait after ``wrong`` wrong tries: none for the free ones, then 2, 4, 8 ... capped at a minute."""
    if wrong <= FREE_TRIES:
        return 0.0
    return min(FIRST_DELAY_SECONDS * float(2 ** (wrong - FREE_TRIES - 1)), MAX_DELAY_SECONDS)


class PasscodeGuard:
    """Checks typed passcodes for the whole server process; thread-safe."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._records: dict[str, _Record] = {}
        self._next_turn = 0.0

    def check(self, typed: str, passcode: str, client: Client) -> Verdict:
        """Compare ``typed`` with ``passcode`` unless ``client`` must wait for its delay or its turn."""
        with self._lock:
            now = self._clock()
            records = [self._record(key, now) for key in client.counters()]
            waiting_until = max(r.not_before for r in records)
            if now < waiting_until:
                return Verdict(accepted=False, wait_seconds=waiting_until - now, tried=False)
            address = records[1]
            if max(r.wrong for r in records) >= FREE_TRIES:
                turn = self._turn_for(address, now)
                if now < turn:
                    return Verdict(accepted=False, wait_seconds=turn - now, tried=False)
            address.turn = None  # used: the next try from this address needs a new turn
            if hmac.compare_digest(_digest(typed), _digest(passcode)):
                for key in client.counters():
                    self._records.pop(key, None)
                return Verdict(accepted=True)
            for record in records:
                record.wrong += 1
                record.not_before = now + delay_after(record.wrong)
            return Verdict(accepted=False, wait_seconds=max(r.not_before for r in records) - now)

    def _turn_for(self, address: _Record, now: float) -> float:
        """The address's turn under the ceiling: the one it holds, or the next free slot (one turn per address)."""
        if address.turn is None or address.turn + TURN_KEPT_SECONDS <= now:
            address.turn = max(now, self._next_turn)
            self._next_turn = address.turn + SLOT_SECONDS
        return address.turn

    def _record(self, key: str, now: float) -> _Record:
        record = self._records.get(key)
        if record is None or now - record.last_seen > FORGET_AFTER_SECONDS:
            if len(self._records) >= MAX_CLIENTS_REMEMBERED:
                self._forget_quietest()
            record = self._records[key] = _Record()
        record.last_seen = now
        return record

    def _forget_quietest(self) -> None:
        quietest = sorted(self._records, key=lambda key: self._records[key].last_seen)
        for key in quietest[: len(quietest) // 10 or 1]:
            del self._records[key]


def _digest(text: str) -> bytes:
    """Equal-length digests, so the comparison does not even reveal the passcode's length."""
    return hashlib.sha256(text.encode("utf-8")).digest()
