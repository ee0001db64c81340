"""Why a visit is not covered: one vocabulary for both engines, and one function that words it.

A reason is a value (:class:`NotCovered`, with the limit that ran out), carried on the visit and in the
catalog comparison; pages, printouts and the command line read the value and call :func:`words` for a
sentence, never the other way round.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from coverage.engine.plans import Discipline


class NotCovered(StrEnum):
    """The kinds of reason a plan does not pay for a visit."""

    NO_INSURANCE = "no_insurance"  # a self-pay "plan": no insurance pays for any visit
    OUT_OF_NETWORK = "out_of_network"  # the plan pays nothing for out-of-network therapy
    MEDICAID_NOT_ACCEPTED = "medicaid_not_accepted"  # a Medicaid plan, at a clinic that does not accept Medicaid
    PRIMARY_REFUSED = "primary_refused"  # a second plan pays only where the primary covers the visit
    OWN_LIMIT = "own_limit"  # the visits of this therapy's own limit are used up
    SHARED_LIMIT = "shared_limit"  # the visits of the limit OT, PT and others share are used up


_LIMITS = frozenset((NotCovered.OWN_LIMIT, NotCovered.SHARED_LIMIT))


class WhyNotCovered(BaseModel):
    """Why one visit is not covered: the kind of reason, and for a limit the therapy and the limit."""

    model_config = ConfigDict(frozen=True)

    reason: NotCovered
    discipline: Discipline | None = None  # the therapy whose own limit ran out
    limit: int | None = None  # the limit that ran out, in visits a plan year (visit days when counts_days)
    counts_days: bool = False  # a shared limit the plan counts in days: a PT and an OT visit on one day take one

    @property
    def is_limit(self) -> bool:
        """True when a visit limit ran out (the visit would be covered under a larger limit)."""
        return self.reason in _LIMITS

    def words(self) -> str:
        """The reason in plain words: ``'the 20 PT visits of this plan year are used up'``."""
        return words(self)


def words(why: WhyNotCovered) -> str:
    """The one wording of a reason a visit is not covered, for every page, printout and command line."""
    if why.reason is NotCovered.NO_INSURANCE:
        return "no insurance pays for this visit"
    if why.reason is NotCovered.OUT_OF_NETWORK:
        return "the plan pays nothing for out-of-network therapy"
    if why.reason is NotCovered.MEDICAID_NOT_ACCEPTED:
        return "the clinic does not accept Medicaid"
    if why.reason is NotCovered.PRIMARY_REFUSED:
        return "the primary plan does not cover this visit"
    if why.reason is NotCovered.OWN_LIMIT:
        return f"the {why.limit} {why.discipline} visits of this plan year are used up"
    return f"the {why.limit} combined therapy {limit_unit(why.counts_days)} of this plan year are used up"


def limit_unit(counts_days: bool) -> str:
    """What a shared limit counts, in words: ``'visit days'`` when it counts days, else ``'visits'``."""
    return "visit days" if counts_days else "visits"
