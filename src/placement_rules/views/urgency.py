"""The order people read duties in: most urgent first, and grouped by the party that carries them.

The order is part of the contract (docs/people.md, "The urgency order"); every view (terminal,
calendar, printable page, web form) uses these functions and nothing else to order duties.

1. **Immediate**: a vague term that asks for action now, ranked ``genast``, ``omgående``,
   ``utan dröjsmål``, ``skyndsamt``, ``snarast möjligt`` (a duty that also has a due date is
   still immediate; the date orders it among duties of the same term).
2. **Dated**: by due date, earliest first; a dated duty whose date the event does not give (no
   placement start, say) comes after every known date.
3. **Tied to an event**: ``före placering``, ``innan ansökan om vård görs``, ``inför
   undersökningen``, ``innan placeringen avslutas``, ``i samband med``, ``senast vid byte eller
   avslut``, ``först när återföreningen har skett``, in that order.
4. **Continuous**: ``fortlöpande``.
5. **No deadline**.

At equal urgency a statutory deadline comes before an agreement's, and one without a deadline
last; then the rule id (unique within a rule set) breaks the tie, so the order is total and does
not depend on the order the duties came in.

:data:`~placement_rules.vocabulary.VAGUE_URGENCY` is a different thing: it says which terms are
comparable when a regional rule tightens or loosens a statute's, and leaves the others unordered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Final, NamedTuple

from ..results import Obligation
from ..vocabulary import VagueTerm

IMMEDIATE: Final[tuple[VagueTerm, ...]] = (
    "genast",
    "omgaende",
    "utan_drojsmal",
    "skyndsamt",
    "snarast_mojligt",
)
"""Vague terms that ask for action now, most urgent first."""

EVENT_TIED: Final[tuple[VagueTerm, ...]] = (
    "fore_placering",
    "fore_ansokan",
    "fore_undersokning",
    "fore_avslut",
    "i_samband_med",
    "senast_vid_byte_eller_avslut",
    "efter_aterforening",
)
"""Vague terms tied to another event, in the order they come due."""

CONTINUOUS: Final[tuple[VagueTerm, ...]] = ("fortlopande",)

TERM_ORDER: Final[tuple[VagueTerm, ...]] = IMMEDIATE + EVENT_TIED + CONTINUOUS
"""Every vague term, in the order of the urgency ranking."""

TIER_IMMEDIATE, TIER_DATED, TIER_EVENT_TIED, TIER_CONTINUOUS, TIER_NONE = range(5)

PARTIES: Final[tuple[str, ...]] = (
    "kommun",
    "region",
    "skola",
    "kommunalforbund",
    "statlig_myndighet",
    "none",
)
"""The groups of :func:`group_by_party`, in the order they are shown: the principals
(:data:`~placement_rules.vocabulary.Principal`), then ``none`` for a requirement the text puts
on no named party."""

NO_PARTY: Final = "none"

_TERM_RANK: Final[dict[str, int]] = {term: i for i, term in enumerate(TERM_ORDER)}


class UrgencyKey(NamedTuple):
    """What :func:`sort_obligations` orders by (compare as a tuple: smaller is more urgent)."""

    tier: int
    term_rank: int
    due: dt.date
    statutory_rank: int
    rule_id: str


def tier(obligation: Obligation) -> int:
    """The obligation's tier: :data:`TIER_IMMEDIATE` to :data:`TIER_NONE`."""
    term = obligation.vague_term
    if term in IMMEDIATE:
        return TIER_IMMEDIATE
    if obligation.due is not None or (obligation.deadline_meaning is not None and term is None):
        return TIER_DATED
    if term in EVENT_TIED:
        return TIER_EVENT_TIED
    if term in CONTINUOUS:
        return TIER_CONTINUOUS
    return TIER_NONE


def urgency_key(obligation: Obligation) -> UrgencyKey:
    """The obligation's place in the urgency order (module docstring)."""
    term = obligation.vague_term
    level = tier(obligation)
    rank = _TERM_RANK[term] if term is not None and level != TIER_DATED else len(TERM_ORDER)
    statutory = obligation.statutory
    statutory_rank = 0 if statutory else 1 if statutory is False else 2
    return UrgencyKey(
        level, rank, obligation.due or dt.date.max, statutory_rank, obligation.rule_id
    )


def sort_obligations(obligations: Iterable[Obligation]) -> tuple[Obligation, ...]:
    """The obligations, most urgent first (the order of the module docstring)."""
    return tuple(sorted(obligations, key=urgency_key))


def party_of(obligation: Obligation) -> str:
    """The group an obligation belongs to: its responsible principal, or :data:`NO_PARTY`."""
    party = obligation.responsible
    return party.principal if party is not None else NO_PARTY


def for_party(obligations: Iterable[Obligation], party: str) -> tuple[Obligation, ...]:
    """The obligations of one party (a principal or :data:`NO_PARTY`), most urgent first."""
    return sort_obligations(o for o in obligations if party_of(o) == party)


def group_by_party(
    obligations: Iterable[Obligation],
) -> tuple[tuple[str, tuple[Obligation, ...]], ...]:
    """The obligations grouped by party (:data:`PARTIES` order; empty groups left out), each
    group most urgent first."""
    ordered = sort_obligations(obligations)
    groups = []
    for party in PARTIES:
        members = tuple(o for o in ordered if party_of(o) == party)
        if members:
            groups.append((party, members))
    return tuple(groups)


def next_steps(obligations: Iterable[Obligation], count: int = 3) -> tuple[Obligation, ...]:
    """The ``count`` most urgent obligations that carry a deadline ("Nästa steg")."""
    ordered = sort_obligations(obligations)
    return tuple(o for o in ordered if tier(o) < TIER_CONTINUOUS)[:count]
