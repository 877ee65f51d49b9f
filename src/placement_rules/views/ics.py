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
from ..vocabulary import VAGUE_URGENCY
from .page_model import DutyView, duty_view

if TYPE_CHECKING:
    from ..events import Event
    from ..results import Evaluation
    from ..tracking.tracker import CaseReport, ObligationStatus

UID_DOMAIN = "placement-rules"

__all__ = ["UID_DOMAIN", "case_calendar", "evaluation_calendar"]


class _Entry(NamedTuple):
    uid: str
    view: DutyView
    status: str | None
    """The tracked status in words (``track``), else None."""
    met_on: dt.date | None


def _stamp_default() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def evaluation_calendar(
    evaluation: Evaluation,
    event: Event,
    *,
    lang: Lang = "sv",
    stamp: dt.datetime | None = None,
) -> bytes:
    """The calendar file of one evaluated event. ``stamp`` (UTC) is the entries' ``DTSTAMP``:
    when the file was made (default now)."""
    entries = [
        _Entry(obligation_id(o, event), duty_view(o, lang, private=True), None, None)
        for o in evaluation.obligations
    ]
    return _calendar(entries, lang, stamp or _stamp_default())


def case_calendar(
    report: CaseReport,
    events: Sequence[Event],
    *,
    lang: Lang = "sv",
    stamp: dt.datetime | None = None,
) -> bytes:
    """The calendar file of a tracked case: each duty with its status on the report's date
    (a duty met is a completed task, or an event marked done). ``events`` are the case's
    events (the ids are derived from the event that incurred each duty)."""
    as_of = report.as_of.isoformat()
    entries = []
    for status in report.obligations:
        words = text("pages.ics.status", lang, date=as_of, status=_status_words(status, lang))
        uid = obligation_id(status.obligation, _incurring_event(status, events))
        view = duty_view(status.obligation, lang, private=True)
        entries.append(_Entry(uid, view, words, status.met_on))
    return _calendar(entries, lang, stamp or _stamp_default())


def _incurring_event(status: ObligationStatus, events: Iterable[Event]) -> Event:
    """The event that incurred a tracked duty: the first of the case's events of its kind on
    its date (two such events give the same id unless their placement starts differ)."""
    for event in events:
        if event.kind == status.trigger and event.date == status.incurred:
            return event
    raise ValueError("the tracked duty's event is not among the case's events")


def _status_words(status: ObligationStatus, lang: Lang) -> str:
    words = text(f"pages.status.{status.status}", lang)
    if status.met_on is not None:
        words += ", " + text("pages.ics.met_on", lang, date=status.met_on.isoformat())
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
        component.add("priority", _priority(view.vague))
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
        else (f"{view.title} ({view.when})")
    )
    component.add("summary", summary, parameters={"language": lang})
    component.add("description", _description(entry, lang), parameters={"language": lang})
    if view.party is not None:
        component.add("categories", [text(f"pages.party.{view.party}", lang)])
    return component


def _priority(vague: str | None) -> int:
    """RFC 5545 priority (1 highest, 9 lowest) of a task from its vague term's urgency;
    0 (undefined) for terms that do not order by urgency."""
    rank = VAGUE_URGENCY.get(vague or "")
    return 0 if rank is None else 1 + rank


def _description(entry: _Entry, lang: Lang) -> str:
    view = entry.view
    lines = [
        text("pages.ics.when", lang, when=view.when),
        text("pages.ics.what", lang, what=view.action),
        text("pages.ics.who", lang, who=view.who),
    ]
    if view.why:
        lines.append(text("pages.ics.why", lang, why="; ".join(view.why)))
    source = view.source + (f": ”{view.quote}”" if view.quote else "")
    lines.append(text("pages.ics.source", lang, source=source))
    if view.basis:
        lines.append(text("pages.ics.basis", lang, basis=view.basis))
    if entry.status is not None:
        lines.append(entry.status)
    return "\n".join(lines)
