"""How the parts of a rule file are said in words: the phrases diff, lint and compare share.

Each function gives a value as compared (a key that ignores spelling and order) and as shown to
a reader, so that two files that say the same thing in other words compare equal.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import Lang, text
from ..models import Citation, Condition, CostBearer, Deadline, InForce, Period, Responsible
from ..vocabulary import OP_WORDS, VAGUE_TERM_LABELS

ANCHOR_WORDS = {"event_date": "the event date", "placement_start": "the placement start"}
MEANING_WORDS = {"due": "due date", "limit": "time limit"}


@dataclass(frozen=True, slots=True)
class Shown:
    """A value as compared (``key``) and as shown to a reader (``text``)."""

    key: object
    text: str


def norm(text: str | None) -> str | None:
    return None if text is None else " ".join(text.split())


def text_value(text: str | None) -> Shown | None:
    normal = norm(text)
    return None if normal is None else Shown(normal, normal)


def word_value(value: object, words: dict[str, str] | None = None) -> Shown | None:
    if value is None:
        return None
    shown = str(value)
    return Shown(value, words.get(shown, shown) if words else shown)


def period_key(period: Period) -> tuple[int, int]:
    """A period as (months, days): 1 år = 12 månader and 2 veckor = 14 dagar mean the same."""
    return period.years * 12 + period.months, period.weeks * 7 + period.days


def condition_text(cond: Condition) -> str:
    value = cond.value
    if isinstance(value, tuple):
        shown = ", ".join(sorted(value))
    elif isinstance(value, bool):
        shown = "yes" if value else "no"
    else:
        shown = "none" if value is None else str(value)
    return f"{cond.fact} {OP_WORDS[cond.op]} {shown}"


def party_text(party: Responsible | CostBearer | None) -> Shown | None:
    if party is None:
        return None
    unit = party.unit if isinstance(party, Responsible) else None
    text = (
        party.principal
        + (f" ({party.locus})" if party.locus else "")
        + (f": {unit}" if unit else "")
    )
    return Shown((party.principal, party.locus, norm(unit)), text)


def citation_text(cite: Citation) -> Shown:
    return Shown((cite.source, norm(cite.section)), f"{cite.source} {norm(cite.section)}")


def citation_full(cite: Citation) -> str:
    quote = f" “{norm(cite.quote)}”" if cite.quote else ""
    why = f" (no quote: {norm(cite.no_quote_reason)})" if cite.no_quote_reason else ""
    return f"{cite.source} {norm(cite.section)}{quote}{why}"


def citation_quoted(cite: Citation | None) -> Shown | None:
    """A citation with its quote, as one value (for the file-level citations)."""
    if cite is None:
        return None
    key = (cite.source, norm(cite.section), norm(cite.quote), norm(cite.no_quote_reason))
    return Shown(key, citation_full(cite))


def in_force_text(period: InForce | None) -> Shown | None:
    if period is None or (period.start is None and period.end is None):
        return None
    if period.start and period.end:
        text = f"{period.start} to {period.end}"
    elif period.start:
        text = f"from {period.start}"
    else:
        text = f"until {period.end}"
    return Shown((period.start, period.end), text)


def vague_text(deadline: Deadline) -> Shown | None:
    if deadline.vague is None:
        return None
    return Shown(deadline.vague, VAGUE_TERM_LABELS[deadline.vague].split(" (")[0])


def deadline_summary(deadline: Deadline | None, lang: Lang = "en") -> Shown | None:
    """A whole deadline in one phrase (used when one side has none, and in tables)."""
    if deadline is None:
        return None
    parts = []
    if deadline.offset is not None:
        anchor = text(f"wording.anchor.{deadline.anchor or 'none'}", lang)
        label = "wording.within" if deadline.meaning == "due" else "wording.at_most"
        parts.append(text(label, lang, period=deadline.offset.words(), anchor=anchor))
    vague = vague_text(deadline)
    if vague is not None:
        parts.append(vague.text)
    parts.append(text("wording.statutory" if deadline.statutory else "wording.agreement", lang))
    key = (
        period_key(deadline.offset) if deadline.offset else None,
        deadline.anchor,
        deadline.vague,
        deadline.statutory,
        deadline.meaning,
    )
    return Shown(key, ", ".join(parts))
