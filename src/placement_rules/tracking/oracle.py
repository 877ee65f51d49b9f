"""The reference ORACLE of case tracking: which fulfilment event meets which obligation.

Plain Python, no dependencies. The durable-rules engine (:mod:`.durable`) must give
exactly the same answer on every case; the tests check that on generated logs.

The rule, applied to the fulfilment facts of one case in log order (by ``seq``):

    a fulfilment fact for duty D dated d meets the earliest still-open obligation of duty D
    incurred on or before d (earliest = lowest ``rank``: incurred date, then the triggering
    event's place in the log, then the obligation's place in its evaluation), together with
    the other open obligations of its ``group``. When none is open, the fulfilment fact is
    *unmatched* (reported as a note, never an error).

A group is one act judged against more than one deadline: the statute's obligation kept beside
a regional rule that would loosen its deadline (an evaluation conflict) is the same act as the
regional one, so one fulfilment meets both. Any other obligation is a group of its own (two
obligations of one duty from one event, such as VGR's notice to the vårdcentral and its
request to Folktandvården, are two acts).

Once met, an obligation is no longer open; each fulfilment fact meets at most one group.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple


class ObligationFact(NamedTuple):
    """An obligation that a fulfilment may meet: its rank in the case, duty and day incurred.

    Ranks follow the dates: a higher rank is never incurred on an earlier day (the tracker
    ranks obligations in the date order of their events)."""

    rank: int
    duty: str
    day: int
    """The date incurred, as a proleptic ordinal (``date.toordinal()``)."""
    group: int | None = None
    """The rank of the first obligation of its group (same event, same duty, one act);
    ``None``: a group of its own."""

    @property
    def act(self) -> int:
        """The group it belongs to (its own rank when alone)."""
        return self.rank if self.group is None else self.group


class FulfilmentFact(NamedTuple):
    """One (event, duty) pair: a fulfilment event of the case naming one duty."""

    seq: int
    duty: str
    day: int


CaseFacts = tuple[Sequence[ObligationFact], Sequence[FulfilmentFact]]
Matches = dict[int, int]
"""Obligation rank -> the ``seq`` of the fulfilment fact that met it."""


def correlate(
    obligations: Sequence[ObligationFact], fulfilments: Sequence[FulfilmentFact]
) -> Matches:
    """Match the fulfilment facts of one case to its obligations (see the module docstring)."""
    open_by_duty: dict[str, list[ObligationFact]] = {}
    for fact in sorted(obligations, key=lambda o: o.rank):
        open_by_duty.setdefault(fact.duty, []).append(fact)
    matches: Matches = {}
    for claim in sorted(fulfilments, key=lambda f: f.seq):
        candidates = open_by_duty.get(claim.duty)
        if not candidates:
            continue
        for fact in candidates:
            if fact.day <= claim.day:
                act = fact.act
                for member in candidates:
                    if member.act == act:
                        matches[member.rank] = claim.seq
                candidates[:] = [c for c in candidates if c.act != act]
                break
    return matches


def correlate_many(cases: Iterable[CaseFacts]) -> list[Matches]:
    """:func:`correlate` for each case, in order."""
    return [correlate(obligations, fulfilments) for obligations, fulfilments in cases]
