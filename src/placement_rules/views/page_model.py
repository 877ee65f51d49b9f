"""What the pages and the calendar show of a duty: when, what, who, why and the source, as text
for people (Swedish by default, English on request), with no rule id, fact name or code.

One :class:`DutyView` per obligation, built once and read by the HTML page
(:mod:`.html`), the calendar file (:mod:`.ics`) and the web form (:mod:`placement_rules.web`),
so the three say the same thing in the same order.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from ..i18n import Lang, text
from ..results import Obligation
from ..vocabulary import VAGUE_TERM_LABELS


class DutyView(NamedTuple):
    """One duty as people read it."""

    title: str
    action: str
    when: str
    """The deadline in words: a date, a vague term, or that none is stated."""
    due: dt.date | None
    """The due date (or the end of a measure that may last at most until it)."""
    limit: bool
    """The date ends a measure (``upphör senast``) rather than being the last day for an act."""
    vague: str | None
    """The vague term's code (``genast``), when the deadline has one."""
    statutory: bool | None
    who: str
    party: str | None
    """The principal's code (``kommun``), the key of the per-party filter; None: not named."""
    why: tuple[str, ...]
    source: str
    quote: str | None
    basis: str


def principal_name(principal: str, lang: Lang) -> str:
    """The principal in words, definite form (``kommunen``)."""
    return text(f"pages.party.{principal}", lang)


def vague_words(term: str, lang: Lang) -> str:
    """A vague term as written (Swedish) or explained (English), from the vocabulary's labels:
    ``genast`` / ``immediately (genast)``."""
    label = VAGUE_TERM_LABELS[term]
    swedish, _, rest = label.partition(" (")
    if lang == "sv":
        return swedish
    english = rest.rstrip(")")
    return f"{english} ({swedish})" if english else swedish


def vague_term(o: Obligation) -> str | None:
    """The code of the obligation's vague deadline term, if it has one."""
    rule = o.compiled.rule
    deadline = rule.deadline
    if deadline is None and o.inherited is not None:
        deadline = o.inherited.rule.deadline
    return deadline.vague if deadline is not None else None


def when_text(o: Obligation, lang: Lang) -> str:
    """The deadline in words: ``senast 2025-09-15``, ``genast``, both, or none stated."""
    parts: list[str] = []
    due = o.due
    if due is not None:
        key = "pages.when.limit" if o.deadline_meaning == "limit" else "pages.when.by"
        parts.append(text(key, lang, date=due.isoformat()))
        rolled = o.rolled_forward_from
        if rolled is not None:
            parts.append(text("pages.when.rolled", lang, date=rolled.isoformat()))
        if o.due_on_non_working_day:
            parts.append(text("pages.when.non_working", lang))
    term = vague_term(o)
    if term is not None:
        parts.append(vague_words(term, lang))
    if not parts:
        return text("pages.when.none", lang)
    return ", ".join(parts)


def who_text(o: Obligation, lang: Lang, *, private: bool = False) -> str:
    """The responsible party in words, or that the text names none. ``private``: never name
    the municipality where the child stays (a calendar leaves the office; a child in
    sheltered housing must not be found through it), say ``vistelsekommunen`` instead."""
    party = o.responsible
    if party is None:
        return text("pages.who.not_named", lang)
    words = principal_name(party.principal, lang)
    if party.locus == "placement_municipality" and private:
        words = text("pages.party.placement_municipality", lang)
    elif party.resolved and party.principal in ("kommun", "kommunalforbund"):
        words += f" ({party.resolved})"
    if party.unit:
        words += f": {party.unit}"
    convener = o.convener
    if convener is not None:
        words += "; " + text(
            "pages.who.convener", lang, party=principal_name(convener.principal, lang)
        )
    return words


def why_text(o: Obligation, lang: Lang) -> tuple[str, ...]:
    """Why the duty applies, less what the page's header says (the event, the agreement)."""
    return tuple(b for b in o.because[1:] if not b.startswith("agreement "))


def source_text(o: Obligation) -> str:
    """The cited document and section."""
    return f"{o.source_name} {o.source.section}"


def duty_view(o: Obligation, lang: Lang, *, private: bool = False) -> DutyView:
    """The people's view of one obligation (``private``: see :func:`who_text`)."""
    party = o.responsible
    return DutyView(
        title=o.title,
        action=o.action,
        when=when_text(o, lang),
        due=o.due,
        limit=o.deadline_meaning == "limit",
        vague=vague_term(o),
        statutory=o.statutory,
        who=who_text(o, lang, private=private),
        party=party.principal if party is not None else None,
        why=why_text(o, lang),
        source=source_text(o),
        quote=o.source.quote,
        basis="; ".join(o.legal_basis),
    )
