"""What a quote says about time, read from its Swedish words: the periods it names ("inom 4
veckor", "inom två månader") and the vague terms ("genast", "utan dröjsmål"), so lint can hold
them against the encoded deadline."""

from __future__ import annotations

import re
from typing import Final, NamedTuple

from ..models import Deadline, Period

_NUMBER_WORDS: Final[dict[str, int]] = {
    "en": 1,
    "ett": 1,
    "två": 2,
    "tre": 3,
    "fyra": 4,
    "fem": 5,
    "sex": 6,
    "sju": 7,
    "åtta": 8,
    "nio": 9,
    "tio": 10,
    "elva": 11,
    "tolv": 12,
    "fjorton": 14,
    "tjugo": 20,
    "trettio": 30,
}
_UNITS: Final[dict[str, tuple[str, int]]] = {
    "dag": ("days", 1),
    "dagar": ("days", 1),
    "dagars": ("days", 1),
    "vecka": ("days", 7),
    "veckor": ("days", 7),
    "veckors": ("days", 7),
    "månad": ("months", 1),
    "månader": ("months", 1),
    "månaders": ("months", 1),
    "år": ("months", 12),
    "års": ("months", 12),
}
_PERIOD: Final[re.Pattern[str]] = re.compile(
    r"(?<![\w-])(\d{1,3}|" + "|".join(_NUMBER_WORDS) + r")\s+(" + "|".join(_UNITS) + r")(?!\w)",
    re.IGNORECASE,
)
# the Swedish words of each vague term, as the format spells them (longest first when matching)
VAGUE_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "genast": ("genast",),
    "skyndsamt": ("skyndsamt",),
    "snarast_mojligt": ("snarast möjligt", "så snart som möjligt", "snarast"),
    "utan_drojsmal": ("utan dröjsmål",),
    "omgaende": ("omgående",),
    "fortlopande": ("fortlöpande", "löpande"),
}


class QuotedPeriod(NamedTuple):
    text: str
    """The words as they stand in the quote."""
    days: int
    months: int


def quoted_periods(quote: str) -> list[QuotedPeriod]:
    """Every "number unit" in ``quote``, as days or months ("4 veckor" is 28 days)."""
    found: list[QuotedPeriod] = []
    for match in _PERIOD.finditer(" ".join(quote.split())):
        number, unit = match.group(1).lower(), match.group(2).lower()
        n = int(number) if number.isdigit() else _NUMBER_WORDS[number]
        kind, factor = _UNITS[unit]
        days, months = (n * factor, 0) if kind == "days" else (0, n * factor)
        found.append(QuotedPeriod(match.group(0), days, months))
    return found


def period_size(period: Period) -> tuple[int, int]:
    """(days, months) of a period: weeks count as 7 days, years as 12 months."""
    return period.days + 7 * period.weeks, period.months + 12 * period.years


def period_mismatch(quote: str, deadline: Deadline | None) -> list[QuotedPeriod] | None:
    """The periods the quote names when none of them is the encoded offset; None when they
    agree, when the quote names no period or the deadline has no offset."""
    if deadline is None or deadline.offset is None:
        return None
    named = quoted_periods(quote)
    if not named:
        return None
    wanted = period_size(deadline.offset)
    if any((p.days, p.months) == wanted for p in named):
        return None
    return named


def quoted_vague_terms(quote: str) -> list[tuple[str, str]]:
    """(term, words) for each vague term whose words stand in ``quote``."""
    text = " ".join(quote.split()).lower()
    found = []
    for term, spellings in VAGUE_WORDS.items():
        for words in spellings:
            if re.search(r"(?<!\w)" + re.escape(words) + r"(?!\w)", text):
                found.append((term, words))
                break
    return found


def vague_mismatch(quote: str, deadline: Deadline | None) -> tuple[str, str] | None:
    """(quoted words, encoded term) when the quote names vague terms of the urgency family
    (genast, skyndsamt, snarast, utan dröjsmål, omgående, fortlöpande) but not the encoded one,
    which is of that family too; None otherwise."""
    if deadline is None or deadline.vague is None or deadline.vague not in VAGUE_WORDS:
        return None
    named = quoted_vague_terms(quote)
    if not named or any(term == deadline.vague for term, _ in named):
        return None
    return named[0][1], VAGUE_WORDS[deadline.vague][0]
