"""What the pages and the calendar show of a duty: when, what, who, why and the source, as text
for people (Swedish by default, English on request), with no rule id, fact name or code.

One :class:`DutyView` per obligation, built once and read by the printable page (:mod:`.html`),
the calendar file (:mod:`.ics`) and the web form (:mod:`placement_rules.web`). Its words are the
terminal's (:func:`.terminal.when_lines`, :mod:`.sentences`) and the order :mod:`.urgency`'s, so
every view says the same thing in the same order.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from ..i18n import Lang, text
from ..results import Obligation
from .sentences import because_sentences, citation_lines, party_name, responsible_name
from .terminal import when_lines
from .urgency import party_of


class DutyView(NamedTuple):
    """One duty as people read it."""

    title: str
    action: str
    when: tuple[str, ...]
    """The deadline in words: the vague term and the date, who sets it, a moved day."""
    due: dt.date | None
    """The due date (or the end of a measure that may last at most until it)."""
    vague: str | None
    """The vague term's code (``genast``), when the deadline has one."""
    who: tuple[str, ...]
    """Who carries the duty; who convenes and who pays when the rule says."""
    party: str
    """The group of the per-party filter: a principal's code (``kommun``) or ``none``."""
    why: tuple[str, ...]
    """The conditions that made the duty apply, as sentences."""
    citation: tuple[str, ...]
    """The law in force, the source and section, the quote (one line each)."""


def who_lines(o: Obligation, lang: Lang, *, private: bool = False) -> tuple[str, ...]:
    """Who carries the duty, who convenes and who pays. ``private``: never name the
    municipality where the child stays (a calendar leaves the office, and a child in sheltered
    housing must not be found through it): ``vistelsekommunen`` instead."""
    party = o.responsible
    if private and party is not None and party.locus == "placement_municipality":
        who = text("pages.party.placement_municipality", lang)
        if party.unit:
            who += f": {party.unit}"
    else:
        who = responsible_name(o, lang)
    lines = [who]
    convener = o.convener
    if convener is not None and convener != party:
        lines.append(text("people.who.convenes", lang, party=party_name(convener.principal, lang)))
    cost = o.cost_bearer
    if cost is not None:
        lines.append(text("people.who.pays", lang, party=party_name(cost.principal, lang)))
    return tuple(lines)


def duty_view(o: Obligation, lang: Lang, *, private: bool = False) -> DutyView:
    """The people's view of one obligation (``private``: see :func:`who_lines`)."""
    return DutyView(
        title=o.title,
        action=o.action,
        when=when_lines(o, lang),
        due=o.due,
        vague=o.vague_term,
        who=who_lines(o, lang, private=private),
        party=party_of(o),
        why=because_sentences(o, lang),
        citation=citation_lines(o, lang),
    )
