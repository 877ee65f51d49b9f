"""Duties as a calendar file (iCalendar, RFC 5545, written by the ``icalendar`` library).

One all-day ``VEVENT`` per dated duty on its due date; a duty without a date (a vague deadline
such as *genast*, or none stated) is a ``VTODO`` without a date, its priority from the urgency of
the vague term. Each entry's ``UID`` is the contract's obligation id
(:func:`placement_rules.contract.obligation_id`) ``@placement-rules``, so importing the file
again updates the entries instead of adding new ones.

No personal data: no birth date, age, name or case id (a case id is the caller's key, and
nothing says it is opaque: a journal number or a personnummer must not reach a calendar that
syncs to a phone), and never the municipality where the child stays (``vistelsekommunen``);
the placing municipality, the duty, its source and dates are what the entry is for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from icalendar import Calendar, Todo
from icalendar import Event as VEvent

from ..contract import obligation_id
from ..i18n import Lang, text
from .case_view import status_key, status_words
from .page_model import DutyView, duty_view
from .sentences import party_name, value_words
from .urgency import (
    IMMEDIATE,
    TIER_CONTINUOUS,
    TIER_DATED,
    TIER_EVENT_TIED,
    TIER_IMMEDIATE,
    party_of,
    sort_obligations,
    tier,
)

if TYPE_CHECKING:
    from ..events import Event
    from ..results import Evaluation, Obligation
    from ..tracking.tracker import CaseReport, ObligationStatus

UID_DOMAIN = "placement-rules"

__all__ = ["UID_DOMAIN", "case_calendar", "evaluation_calendar"]


class _Entry(NamedTuple):
    uid: str
    view: DutyView
    status: str | None
    """The tracked status in words (``track``), else None."""
    met_on: dt.date | None
    priority: int


def _stamp_default() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def evaluation_calendar(
    evaluation: Evaluation,
    event: Event,
    *,
    lang: Lang = "sv",
    party: str | None = None,
    stamp: dt.datetime | None = None,
) -> bytes:
    """The calendar file of one evaluated event (``party``: that party's duties only).
    ``stamp`` (UTC) is the entries' ``DTSTAMP``: when the file was made (default now)."""
    entries = [
        _Entry(obligation_id(o, event), duty_view(o, lang, private=True), None, None, _priority(o))
        for o in sort_obligations(evaluation.obligations)
        if party is None or party_of(o) == party
    ]
    return _calendar(entries, lang, stamp or _stamp_default())


def case_calendar(
    report: CaseReport,
    events: Sequence[Event],
    *,
    lang: Lang = "sv",
    party: str | None = None,
    stamp: dt.datetime | None = None,
) -> bytes:
    """The calendar file of a tracked case: each duty with its status on the report's date
    (a duty met is a completed task, or an event marked done); ``party``: that party's duties
    only. ``events`` are the case's events (each id is derived from the event that incurred
    the duty)."""
    as_of = report.as_of
    entries = []
    for status in sorted(report.obligations, key=status_key):
        if party is not None and party_of(status.obligation) != party:
            continue
        words = text(
            "pages.ics.status", lang, date=as_of.isoformat(), status=_status(status, as_of, lang)
        )
        uid = obligation_id(status.obligation, _incurring_event(status, events))
        view = duty_view(status.obligation, lang, private=True)
        entries.append(_Entry(uid, view, words, status.met_on, _priority(status.obligation)))
    return _calendar(entries, lang, stamp or _stamp_default())


def _incurring_event(status: ObligationStatus, events: Iterable[Event]) -> Event:
    """The event that incurred a tracked duty: the first of the case's events of its kind on
    its date (two such events give the same id unless their placement starts differ)."""
    for event in events:
        if event.kind == status.trigger and event.date == status.incurred:
            return event
    raise ValueError("the tracked duty's event is not among the case's events")


def _status(status: ObligationStatus, as_of: dt.date, lang: Lang) -> str:
    """The status in words, with the day it was done."""
    words = status_words(status, as_of, lang)
    if status.met_on is not None and status.met_by is not None:
        kind = value_words("kind", status.met_by, lang)
        words += ", " + text("people.track.met", lang, date=status.met_on.isoformat(), event=kind)
    return words


def _calendar(entries: Iterable[_Entry], lang: Lang, stamp: dt.datetime) -> bytes:
    from .. import __version__

    calendar = Calendar()
    calendar.add("prodid", f"-//placement-rules//placement-rules {__version__}//{lang.upper()}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", text("pages.ics.calendar", lang))
    for entry in entries:
        calendar.add_component(_component(entry, lang, stamp))
    data: bytes = calendar.to_ical()
    return data


def _component(entry: _Entry, lang: Lang, stamp: dt.datetime) -> VEvent | Todo:
    view = entry.view
    component: VEvent | Todo
    if view.due is not None:
        component = VEvent()
        component.add("dtstart", view.due)
        component.add("dtend", view.due + dt.timedelta(days=1))
        component.add("transp", "TRANSPARENT")
    else:
        component = Todo()
        component.add("priority", entry.priority)
        if entry.met_on is not None:
            component.add("status", "COMPLETED")
            component.add("completed", dt.datetime.combine(entry.met_on, dt.time(), dt.UTC))
        else:
            component.add("status", "NEEDS-ACTION")
    component.add("uid", f"{entry.uid}@{UID_DOMAIN}")
    component.add("dtstamp", stamp)
    summary = (
        view.title
        if view.due is not None or view.vague is None
        else f"{view.title} ({'; '.join(view.when)})"
    )
    component.add("summary", summary, parameters={"language": lang})
    component.add("description", _description(entry, lang), parameters={"language": lang})
    component.add("categories", [party_name(view.party, lang)])
    return component


def _priority(obligation: Obligation) -> int:
    """RFC 5545 priority (1 highest, 9 lowest) of a task, from the urgency order
    (:mod:`.urgency`): the immediate terms 1 to 5 (*genast* 1), a dated duty whose date the
    event does not give 5, a term tied to another event 6, *fortlöpande* 8, no deadline 9."""
    level, term = tier(obligation), obligation.vague_term
    if level == TIER_IMMEDIATE and term in IMMEDIATE:
        return 1 + IMMEDIATE.index(term)
    return {TIER_DATED: 5, TIER_EVENT_TIED: 6, TIER_CONTINUOUS: 8}.get(level, 9)


def _description(entry: _Entry, lang: Lang) -> str:
    view = entry.view
    lines = [
        text("pages.ics.when", lang, when="; ".join(view.when)),
        text("pages.ics.what", lang, what=view.action),
        text("pages.ics.who", lang, who="; ".join(view.who)),
    ]
    if view.why:
        lines.append(text("pages.ics.why", lang, why="; ".join(view.why)))
    lines.extend(view.citation)
    if entry.status is not None:
        lines.append(entry.status)
    return "\n".join(lines)
