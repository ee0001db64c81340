"""What a 271 says, as frozen results: the benefit lines, the figures read from them, the whole response.

A :class:`Figure` is one number (or flag) the response states, tied to the benefit line it came
from; :class:`ServiceBenefits` gathers them per service type and network; :class:`Eligibility` is
the response read whole. Nothing here guesses: a figure stated twice with different values is kept
twice, and a line nothing was read from is listed with the reason.

The patient's name, date of birth and member id are held in :class:`Member`, which is left out of
every repr and every dump (``model_dump``/JSON): they stay in memory and are never written.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from coverage.eligibility.codes import service_words


class Network(StrEnum):
    """EB12: whether a figure is for care in network (Y), out of network (N), both (W), or not said (blank).

    A figure whose network is not said is read as in network only: the out-of-network fields are
    filled from lines that say N or W.
    """

    IN = "in network"
    OUT = "out of network"
    BOTH = "in and out of network"
    UNSTATED = "network not stated"


class Level(StrEnum):
    """EB02: the person's own figure or the family's."""

    INDIVIDUAL = "individual"
    FAMILY = "family"


class Quantity(StrEnum):
    """What a figure measures; the value is the name of its :class:`ServiceBenefits` field."""

    DEDUCTIBLE = "deductible"
    DEDUCTIBLE_LEFT = "deductible_left"
    DEDUCTIBLE_MET = "deductible_met"
    OOP_MAX = "oop_max"
    OOP_LEFT = "oop_left"
    OOP_MET = "oop_met"
    COPAY = "copay"
    COINSURANCE_PCT = "coinsurance_pct"
    VISIT_LIMIT = "visit_limit"
    VISITS_LEFT = "visits_left"
    VISITS_USED = "visits_used"
    SHARED_VISIT_LIMIT = "shared_visit_limit"
    SHARED_VISITS_LEFT = "shared_visits_left"
    AUTH_AFTER_VISITS = "auth_after_visits"
    REFERRAL_REQUIRED = "referral_required"


#: How a quantity is named in a sentence ("PT co-payment, in network: ...").
QUANTITY_WORDS = {
    Quantity.DEDUCTIBLE: "deductible",
    Quantity.DEDUCTIBLE_LEFT: "deductible remaining",
    Quantity.DEDUCTIBLE_MET: "deductible met so far",
    Quantity.OOP_MAX: "out-of-pocket maximum",
    Quantity.OOP_LEFT: "out-of-pocket remaining",
    Quantity.OOP_MET: "out-of-pocket met so far",
    Quantity.COPAY: "co-payment",
    Quantity.COINSURANCE_PCT: "co-insurance",
    Quantity.VISIT_LIMIT: "visit limit",
    Quantity.VISITS_LEFT: "visits remaining",
    Quantity.VISITS_USED: "visits used",
    Quantity.SHARED_VISIT_LIMIT: "shared visit limit",
    Quantity.SHARED_VISITS_LEFT: "shared visits remaining",
    Quantity.AUTH_AFTER_VISITS: "authorization",
    Quantity.REFERRAL_REQUIRED: "referral",
}
#: The quantities kept apart for the family (EB02 FAM): deductibles and out-of-pocket maximums.
FAMILY_QUANTITIES = frozenset(
    {Quantity.DEDUCTIBLE, Quantity.DEDUCTIBLE_LEFT, Quantity.DEDUCTIBLE_MET, Quantity.OOP_MAX, Quantity.OOP_LEFT}
    | {Quantity.OOP_MET}
)

#: The quantities of a limit several therapies share: one figure per line, whichever therapy it names.
SHARED_QUANTITIES = frozenset({Quantity.SHARED_VISIT_LIMIT, Quantity.SHARED_VISITS_LEFT})

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class BenefitLine(BaseModel):
    """One benefit loop (2110C or 2110D): its EB segment and the HSD, DTP, AAA, MSG and III segments under it.

    ``text`` is the EB segment as the file wrote it; ``segments`` adds the others (REF and the 2120
    names are left out: they may carry member ids and names).
    """

    model_config = _FROZEN

    position: int
    code: str
    service_types: tuple[str, ...]
    text: str
    segments: tuple[str, ...]
    messages: tuple[str, ...] = ()


class Figure(BaseModel):
    """One figure a benefit line states, for one service type, network and level."""

    model_config = _FROZEN

    quantity: Quantity
    service_type: str
    network: Network
    level: Level = Level.INDIVIDUAL
    value: Decimal | int | bool
    line: BenefitLine
    message: str | None = None

    @property
    def field(self) -> str:
        """The :class:`ServiceBenefits` field it fills: ``deductible``, ``family_deductible_left``, ..."""
        return ("family_" if self.level is Level.FAMILY else "") + self.quantity.value

    @property
    def what(self) -> str:
        """The figure in words: ``PT co-payment, in network``; a shared limit names no one therapy."""
        family = " family" if self.level is Level.FAMILY else ""
        words = QUANTITY_WORDS[self.quantity]
        if self.quantity in SHARED_QUANTITIES:
            return f"{words[0].upper()}{words[1:]}, {self.network}"
        return f"{service_words(self.service_type)}{family} {words}, {self.network}"

    @property
    def source(self) -> str:
        """Where it came from, in plain words: ``PT co-payment, in network: EB*B*IND*PT**...``."""
        if self.message is not None:
            return f"{self.what}: read from the message: {self.message!r} ({self.line.text})"
        return f"{self.what}: {' + '.join(self.line.segments)}"


class UnmappedLine(BaseModel):
    """A benefit line nothing was taken from, with its segments and the reason."""

    model_config = _FROZEN

    line: BenefitLine
    reason: str

    def __str__(self) -> str:
        return f"{' + '.join(self.line.segments)}: {self.reason}"


class ServiceBenefits(BaseModel):
    """One service type's figures in one network.

    A field stated with different values is None and named in ``disagreements`` (the figures
    themselves are all in :attr:`Eligibility.figures`).
    """

    model_config = _FROZEN

    service_type: str
    network: Network
    deductible: Decimal | None = None
    deductible_left: Decimal | None = None
    deductible_met: Decimal | None = None
    family_deductible: Decimal | None = None
    family_deductible_left: Decimal | None = None
    family_deductible_met: Decimal | None = None
    oop_max: Decimal | None = None
    oop_left: Decimal | None = None
    oop_met: Decimal | None = None
    family_oop_max: Decimal | None = None
    family_oop_left: Decimal | None = None
    family_oop_met: Decimal | None = None
    copay: Decimal | None = None
    coinsurance_pct: Decimal | None = None
    visit_limit: int | None = None
    visits_left: int | None = None
    visits_used: int | None = None
    shared_visit_limit: int | None = None
    shared_visits_left: int | None = None
    auth_after_visits: int | None = None
    referral_required: bool = False
    messages: tuple[str, ...] = ()
    disagreements: tuple[str, ...] = ()

    @property
    def authorization_required(self) -> bool:
        """True when the response says authorization is needed (from the first visit or after some)."""
        return self.auth_after_visits is not None


class Member(BaseModel):
    """The patient as the response names them. Kept in memory only: out of every repr, str and dump."""

    model_config = _FROZEN

    name: str = Field(default="", repr=False)
    date_of_birth: date | None = Field(default=None, repr=False)
    member_id: str = Field(default="", repr=False)


class Eligibility(BaseModel):
    """A 271 read whole: who answered, the plan, and every benefit figure with its line."""

    model_config = _FROZEN

    payer_name: str
    payer_id: str = ""
    plan_name: str | None = None
    coverage_start: date | None = None
    coverage_end: date | None = None
    trace_number: str | None = None
    response_date: date | None = None
    patient_is_dependent: bool = False
    member: Member = Field(default_factory=Member, repr=False, exclude=True)
    services: tuple[ServiceBenefits, ...] = ()
    figures: tuple[Figure, ...] = ()
    unmapped: tuple[UnmappedLine, ...] = ()
    problems: tuple[str, ...] = ()

    def service(self, service_type: str, network: Network) -> ServiceBenefits | None:
        """The figures of one service type (``'PT'``, ``'AD'``, ``'30'``...) in one network, or None."""
        return next((s for s in self.services if (s.service_type, s.network) == (service_type, network)), None)
