"""What the pages and the calendar show of a duty: when, what, who, why and the source, as text
for people (Swedish by default, English on request), with no rule id, fact name or code.

One :class:`DutyView` per obligation, built once and read by the printable page (:mod:`.html`),
the calendar file (:mod:`.ics`) and the web form (:mod:`placement_rules.web`); the sentences,
party names and citations are the terminal's (:mod:`.sentences`), the order is
:mod:`.urgency`'s, so every view says the same thing in the same order.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from ..i18n import Lang, text
from ..results import Obligation
from ..vocabulary import VAGUE_TERM_LABELS
from .sentences import because_sentences, citation_lines, party_name, responsible_name
from .urgency import party_of


class DutyView(NamedTuple):
    """One duty as people read it."""

    title: str
    action: str
    when: str
    """The deadline in words: a date, a vague term, or that none is stated."""
    due: dt.date | None
    """The due date (or the end of a measure that may last at most until it)."""
    vague: str | None
    """The vague term's code (``genast``), when the deadline has one."""
    statutory: bool | None
    who: str
    party: str
    """The group of the per-party filter: a principal's code (``kommun``) or ``none``."""
    why: tuple[str, ...]
    """The conditions that made the duty apply, as sentences."""
    citation: tuple[str, ...]
    """The law in force, the source and section, the quote (one line each)."""


def vague_words(term: str, lang: Lang) -> str:
    """A vague term as written (Swedish) or explained (English), from the vocabulary's labels:
    ``genast`` / ``immediately (genast)``."""
    swedish, _, rest = VAGUE_TERM_LABELS[term].partition(" (")
    english = rest.removesuffix(")")
    return f"{english} ({swedish})" if lang == "en" and english else swedish


def when_text(o: Obligation, lang: Lang, *, short: bool = False) -> str:
    """The deadline in words: ``senast 2025-09-15``, ``genast``, both, or none stated;
    ``short``: without the notes on moved days and non-working days."""
    parts: list[str] = []
    due = o.due
    if due is not None:
        key = "pages.when.limit" if o.deadline_meaning == "limit" else "pages.when.by"
        parts.append(text(key, lang, date=due.isoformat()))
        rolled = o.rolled_forward_from
        if rolled is not None and not short:
            parts.append(text("pages.when.rolled", lang, date=rolled.isoformat()))
        if o.due_on_non_working_day and not short:
            parts.append(text("pages.when.non_working", lang))
    term = o.vague_term
    if term is not None:
        parts.append(vague_words(term, lang))
    if not parts:
        return text("pages.when.none", lang)
    return ", ".join(parts)


def who_text(o: Obligation, lang: Lang, *, private: bool = False) -> str:
    """Who carries the duty, and who convenes. ``private``: never name the municipality where
    the child stays (a calendar leaves the office, and a child in sheltered housing must not be
    found through it): ``vistelsekommunen`` instead."""
    party = o.responsible
    if private and party is not None and party.locus == "placement_municipality":
        words = text("pages.party.placement_municipality", lang)
        if party.unit:
            words += f": {party.unit}"
    else:
        words = responsible_name(o, lang)
    convener = o.convener
    if convener is not None:
        words += "; " + text("pages.who.convener", lang, party=party_name(convener.principal, lang))
    return words


def duty_view(o: Obligation, lang: Lang, *, private: bool = False) -> DutyView:
    """The people's view of one obligation (``private``: see :func:`who_text`)."""
    return DutyView(
        title=o.title,
        action=o.action,
        when=when_text(o, lang),
        due=o.due,
        vague=o.vague_term,
        statutory=o.statutory,
        who=who_text(o, lang, private=private),
        party=party_of(o),
        why=because_sentences(o, lang),
        citation=citation_lines(o, lang),
    )
