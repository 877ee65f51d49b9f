"""Whether an agreement is in force on a date, under which term, and the last day for notice.

The term follows the text's own clauses (the stated term, then the renewal clause: once or each
time), then the parties' later decisions the file records (an extension to a new last day, a
successor agreement), each with its own citation. Nothing else is assumed: after the last day
the clauses and the recorded decisions give, the agreement has ended.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from typing import Any, Final, Literal

from dateutil.relativedelta import relativedelta

from .calendar import iso, subtract_period
from .models import Agreement, Citation, LaterDecision, Period, Renewal

State = Literal[
    "in_force",
    "in_force_by_renewal",
    "in_force_by_decision",
    "open_ended",
    "expired",
    "replaced",
    "not_yet_in_force",
]

IN_FORCE_STATES: Final[frozenset[str]] = frozenset(
    {"in_force", "in_force_by_renewal", "in_force_by_decision", "open_ended"}
)
ENDED_STATES: Final[frozenset[str]] = frozenset({"expired", "replaced"})
NAMES_THE_DAY: Final[frozenset[str]] = frozenset({"not_yet_in_force"})
"""The states whose texts (the warning, and so the reason the agreement's rules do not apply)
name the date asked about: on another day of the same span they read differently."""

_NOTICE_WORDS: Final[dict[str, str]] = {
    "termination": "notice of termination",
    "negotiation": "notice calling for negotiation",
}


@dataclass(frozen=True, slots=True)
class AgreementStatus:
    agreement_id: str
    title: str
    on: dt.date
    state: State
    term: int | None
    """0 for the stated term, N for the N-th renewal term, None when not in force."""
    term_start: dt.date | None
    term_end: dt.date | None
    last_notice_day: dt.date | None
    notice_action: str | None
    assumption: str | None
    warning: str | None
    summary: str
    """The status in words (:meth:`describe`)."""
    renewal_times: str | None = None
    """The renewal clause's ``times`` (``once``, ``each_time``), None without a clause."""
    extensions_used: int = 0
    """How many extensions under the renewal clause the term on the date rests on."""
    decision: str | None = None
    """The later decision of the parties the state rests on, as its citation reads."""
    replaced_by: str | None = None
    continued_by: str | None = None
    """The successor that replaced it and whose text keeps its clauses (its rules then apply
    while the successor is in force)."""

    @property
    def in_force(self) -> bool:
        return self.state in IN_FORCE_STATES

    def describe(self) -> str:
        return self.summary

    def to_dict(self) -> dict[str, Any]:
        return {
            "agreement": self.agreement_id,
            "title": self.title,
            "on": self.on.isoformat(),
            "state": self.state,
            "term": self.term,
            "term_start": iso(self.term_start),
            "term_end": iso(self.term_end),
            "last_notice_day": iso(self.last_notice_day),
            "notice_action": self.notice_action,
            "renewal_times": self.renewal_times,
            "extensions_used": self.extensions_used,
            "decision": self.decision,
            "replaced_by": self.replaced_by,
            "continued_by": self.continued_by,
            "assumption": self.assumption,
            "warning": self.warning,
            "summary": self.describe(),
        }


def _shift(day: dt.date, period: Period, times: int) -> dt.date:
    """``day`` moved ``times`` periods later (``date.max`` when that is past year 9999)."""
    try:
        return day + relativedelta(
            years=period.years * times,
            months=period.months * times,
            weeks=period.weeks * times,
            days=period.days * times,
        )
    except (OverflowError, ValueError):
        return dt.date.max


def _min_days(period: Period) -> int:
    """The fewest days ``period`` can span (months of 28 days, years of 365)."""
    return max(1, period.days + 7 * period.weeks + 28 * period.months + 365 * period.years)


def _first_term_ending_on_or_after(end: dt.date, extension: Period, on: dt.date) -> int:
    """The smallest term N >= 1 whose end (``end`` shifted N extensions) is on or after ``on``.

    A binary search: term ends never decrease with N, and the N found by counting the
    extension's fewest days bounds it, so the search takes a few dozen steps however short
    the extension (a loop over the terms took 0.27 s for ``extension: {days: 1}`` in 2100)."""
    low, high = 1, max(1, (on - end).days // _min_days(extension) + 1)
    while low < high:
        middle = (low + high) // 2
        if _shift(end, extension, middle) >= on:
            high = middle
        else:
            low = middle + 1
    return low


def _cite(citation: Citation) -> str:
    return f"{citation.source} {citation.section}"


def _no_notice_assumption(renewal: Renewal, stated_end: dt.date) -> str:
    day = subtract_period(stated_end, renewal.notice)
    words = _NOTICE_WORDS.get(renewal.notice_action, "notice")
    return f"assumes no party gave {words} by {day} ({renewal.notice.words()} before {stated_end})"


def agreement_status(
    agreement: Agreement, on: dt.date, others: Iterable[Agreement] = ()
) -> AgreementStatus:
    """The status of ``agreement`` on ``on``: its stated term, then its renewal clause, then the
    later decisions its file records (``others``: the file's other agreements, where a
    successor decision finds the agreement that replaces it).

    Renewal terms are counted from the stated end date (term N ends N extensions after it), on
    the assumption, stated in the result, that no party gave notice in time; the texts give no
    way to know that from the rule file.
    """
    validity = agreement.validity
    renewal = validity.renewal
    base: dict[str, Any] = {
        "agreement_id": agreement.id,
        "title": agreement.title,
        "on": on,
        "renewal_times": renewal.times if renewal else None,
    }
    if on < validity.start:
        return AgreementStatus(
            **base,
            state="not_yet_in_force",
            term=None,
            term_start=validity.start,
            term_end=validity.end,
            last_notice_day=None,
            notice_action=None,
            assumption=None,
            warning=f"agreement '{agreement.id}' is not yet in force on {on} "
            f"(starts {validity.start})",
            summary=f"not yet in force (starts {validity.start})",
        )
    replaced = _replacement(agreement, on, others)
    if replaced is not None:
        return _replaced(base, *replaced)
    if validity.end is None:
        return AgreementStatus(
            **base,
            state="open_ended",
            term=0,
            term_start=validity.start,
            term_end=None,
            last_notice_day=None,
            notice_action=None,
            assumption=None,
            warning=None,
            summary=f"in force since {validity.start}, no end date stated",
        )
    if on <= validity.end:
        notice = subtract_period(validity.end, renewal.notice) if renewal else None
        text = f"in force, stated term: {validity.start} to {validity.end}"
        if notice is not None and renewal is not None:
            text += f"; last day for {renewal.notice_action} notice {notice}"
        return AgreementStatus(
            **base,
            state="in_force",
            term=0,
            term_start=validity.start,
            term_end=validity.end,
            last_notice_day=notice,
            notice_action=renewal.notice_action if renewal else None,
            assumption=None,
            warning=None,
            summary=text,
        )
    if renewal is not None and renewal.times == "each_time":
        return _renewal_term(base, agreement, renewal, on)
    if renewal is not None and on <= _shift(validity.end, renewal.extension, 1):
        return _one_extension(base, agreement, renewal)
    return _after_the_clauses(base, agreement, on)


def _renewal_term(
    base: dict[str, Any], agreement: Agreement, renewal: Renewal, on: dt.date
) -> AgreementStatus:
    """Term N of a clause that extends the agreement each time."""
    end_of_stated = agreement.validity.end
    assert end_of_stated is not None
    term = _first_term_ending_on_or_after(end_of_stated, renewal.extension, on)
    end = _shift(end_of_stated, renewal.extension, term)
    start = _shift(end_of_stated, renewal.extension, term - 1) + dt.timedelta(days=1)
    notice = subtract_period(end, renewal.notice)
    return AgreementStatus(
        **base,
        state="in_force_by_renewal",
        term=term,
        term_start=start,
        term_end=end,
        last_notice_day=notice,
        notice_action=renewal.notice_action,
        assumption="assumes no party gave notice before the last notice day of an earlier term",
        warning=None,
        summary=f"in force, renewal term {term}: {start} to {end}; "
        f"last day for {renewal.notice_action} notice {notice}",
        extensions_used=term,
    )


def _one_extension(base: dict[str, Any], agreement: Agreement, renewal: Renewal) -> AgreementStatus:
    """The one extension of a clause that extends the agreement once: no notice day in it (the
    agreement ends at its end whatever anyone does)."""
    stated_end = agreement.validity.end
    assert stated_end is not None
    start, end = stated_end + dt.timedelta(days=1), _shift(stated_end, renewal.extension, 1)
    return AgreementStatus(
        **base,
        state="in_force_by_renewal",
        term=1,
        term_start=start,
        term_end=end,
        last_notice_day=None,
        notice_action=None,
        assumption=_no_notice_assumption(renewal, stated_end),
        warning=None,
        summary=f"in force by its one extension ({renewal.citation.section}): {start} to {end}; "
        "the clause gives no further extension",
        extensions_used=1,
    )


def _after_the_clauses(base: dict[str, Any], agreement: Agreement, on: dt.date) -> AgreementStatus:
    """After the last day the text's clauses give: a recorded extension decision that covers
    the date, else the agreement has ended."""
    validity, renewal = agreement.validity, agreement.validity.renewal
    end = clause_end(agreement)
    assert validity.end is not None and end is not None
    used = 1 if renewal else 0
    assumption = _no_notice_assumption(renewal, validity.end) if renewal else None
    last: LaterDecision | None = None
    for decision in extensions(agreement):
        assert decision.until is not None
        if on <= decision.until:
            return AgreementStatus(
                **base,
                state="in_force_by_decision",
                term=None,
                term_start=end + dt.timedelta(days=1),
                term_end=decision.until,
                last_notice_day=None,
                notice_action=None,
                assumption=assumption,
                warning=None,
                summary=f"in force by a later decision of the parties "
                f"({_cite(decision.citation)}): {end + dt.timedelta(days=1)} to {decision.until}",
                extensions_used=used,
                decision=_cite(decision.citation),
            )
        end, last = decision.until, decision
    if last is not None:
        cited = _cite(last.citation)
        text = f"ended {end} at the end of the extension decided by the parties ({cited})"
    elif renewal is not None:
        text = (
            f"ended {end} after its one extension (stated term {validity.start} to "
            f"{validity.end}, extended once by {renewal.extension.words()} under "
            f"{renewal.citation.section})"
        )
    else:
        text = f"expired (stated term ended {end})"
    warning = (
        f"agreement '{agreement.id}' {text}; its own rules no longer apply"
        if last is not None or renewal is not None
        else f"agreement '{agreement.id}' expired on {end}; its own rules no longer apply"
    )
    return AgreementStatus(
        **base,
        state="expired",
        term=None,
        term_start=validity.start,
        term_end=end,
        last_notice_day=None,
        notice_action=None,
        assumption=assumption,
        warning=warning + " (national law and any other agreement in force still do)",
        summary=text,
        extensions_used=used,
        decision=_cite(last.citation) if last is not None else None,
    )


def clause_end(agreement: Agreement) -> dt.date | None:
    """The last day the text's own clauses give: the stated end, or the end of the one
    extension of a clause that extends it once; None when they give no end (open-ended, or
    extended each time)."""
    validity, renewal = agreement.validity, agreement.validity.renewal
    if validity.end is None or (renewal is not None and renewal.times == "each_time"):
        return None
    return _shift(validity.end, renewal.extension, 1) if renewal else validity.end


def extensions(agreement: Agreement) -> tuple[LaterDecision, ...]:
    """The agreement's recorded extension decisions, by their new last day."""
    found = [d for d in agreement.validity.later_decisions if d.kind == "extension"]
    return tuple(sorted(found, key=lambda d: d.until or dt.date.max))


def _replacement(
    agreement: Agreement, on: dt.date, others: Iterable[Agreement]
) -> tuple[Agreement, LaterDecision, Agreement] | None:
    """(agreement, decision, successor) when a recorded successor has started by ``on``."""
    by_id = {a.id: a for a in others}
    for decision in agreement.validity.later_decisions:
        successor = by_id.get(decision.successor or "")
        if decision.kind == "successor" and successor and successor.validity.start <= on:
            return agreement, decision, successor
    return None


def _replaced(
    base: dict[str, Any], agreement: Agreement, decision: LaterDecision, successor: Agreement
) -> AgreementStatus:
    day = successor.validity.start
    keeps = successor.continues == agreement.id
    text = f"replaced on {day} by {successor.id} ({_cite(decision.citation)})"
    if keeps:
        text += f", whose text keeps its clauses: its rules apply while {successor.id} is in force"
    warning = (
        None
        if keeps
        else f"agreement '{agreement.id}' was {text}; its own rules no longer apply (national "
        "law and any other agreement in force still do)"
    )
    return AgreementStatus(
        **base,
        state="replaced",
        term=None,
        term_start=agreement.validity.start,
        term_end=day - dt.timedelta(days=1),
        last_notice_day=None,
        notice_action=None,
        assumption=None,
        warning=warning,
        summary=text,
        decision=_cite(decision.citation),
        replaced_by=successor.id,
        continued_by=successor.id if keeps else None,
    )


# --- spans of days with one status ------------------------------------------------------------


def _day_after(day: dt.date) -> dt.date | None:
    return None if day == dt.date.max else day + dt.timedelta(days=1)


def change_days(agreement: Agreement, others: Iterable[Agreement] = ()) -> tuple[dt.date, ...]:
    """The days on which :func:`agreement_status` may answer otherwise than the day before
    (sorted), but for the ends of the renewal terms of a clause that extends it each time
    (endless: :func:`unchanged_around` reads those from the status itself): its start, the
    day after its stated end and after the end its clauses give, the day after each recorded
    extension's last day, and each recorded successor's start."""
    validity = agreement.validity
    by_id = {a.id: a for a in others}
    found: set[dt.date | None] = {validity.start}
    for decision in validity.later_decisions:
        successor = by_id.get(decision.successor or "")
        if decision.kind == "successor" and successor is not None:
            found.add(successor.validity.start)
        if decision.kind == "extension" and decision.until is not None:
            found.add(_day_after(decision.until))
    if validity.end is not None:
        found.add(_day_after(validity.end))
    end = clause_end(agreement)
    if end is not None:
        found.add(_day_after(end))
    return tuple(sorted(d for d in found if d is not None))


def unchanged_around(
    status: AgreementStatus, changes: Sequence[dt.date]
) -> tuple[dt.date, dt.date]:
    """The first and last day of the span around ``status.on`` on which the agreement's status
    is ``status`` but for the day it is asked about (:func:`moved`); ``changes`` are its
    :func:`change_days`."""
    on = status.on
    i = bisect_right(changes, on)
    first = changes[i - 1] if i else dt.date.min
    last = changes[i] - dt.timedelta(days=1) if i < len(changes) else dt.date.max
    if status.renewal_times == "each_time" and status.state == "in_force_by_renewal":
        assert status.term_start is not None and status.term_end is not None
        first, last = max(first, status.term_start), min(last, status.term_end)
    return first, last


def moved(status: AgreementStatus, agreement: Agreement, on: dt.date) -> AgreementStatus:
    """What :func:`agreement_status` answers on ``on``, a day of the span (by
    :func:`unchanged_around`) on which it answered ``status``: the same but for the day."""
    if status.state in NAMES_THE_DAY:
        return agreement_status(agreement, on)  # the state before the start reads no other
    # dataclasses.replace re-runs the frozen __init__ (7 µs): copy the slots instead
    new: AgreementStatus = object.__new__(AgreementStatus)
    for slot in _SLOTS:
        slot.__set__(new, slot.__get__(status))
    _ON.__set__(new, on)
    return new


_SLOTS: Final[tuple[Any, ...]] = tuple(
    getattr(AgreementStatus, f.name) for f in fields(AgreementStatus)
)
"""The slots of :class:`AgreementStatus` (member descriptors, which set a frozen slot)."""
_ON: Final[Any] = AgreementStatus.__dict__["on"]
