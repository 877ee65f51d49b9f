"""Counting time the Swedish way: Lag (1930:173) om beräkning av lagstadgad tid.

- 1 §: a period of weeks, months or years ends on the day with the same weekday or date number as
  the start day; where that date does not exist in the month, on the month's last day.
  (counted as ``dateutil.relativedelta`` counts: the years and months first, the day clipped to
  the month's last, then the weeks and days; done here without building a relativedelta.)
- 2 §: when the last day of a *statutory* period falls on a Saturday, Sunday, public holiday
  (Lag 1989:253), midsommarafton, julafton or nyårsafton, the act may be done the next weekday.

A statutory *maximum duration* (``meaning: limit``, e.g. a follow-up after a placement "ska avslutas
senast sex månader" after it ended) is not moved: 2 § lets an act be done on the next weekday, it
does not lengthen a measure taken without consent.

Policy for deadlines set only by an agreement (not by statute): they are counted the same way
(1 §) but **not** rolled forward. The due date is the calendar date the agreement gives, and the
result flags when it falls on a non-working day, so nobody relies on a grace day the agreement
does not grant. See :data:`AGREEMENT_DEADLINE_POLICY`.

Holidays come from the ``holidays`` package (pinned in pyproject.toml): its ``PUBLIC`` category for
Sweden plus the three eves from its ``DE_FACTO`` category. Each year's set is computed once and
cached as an immutable frozenset, so look-ups are thread-safe.
"""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

import holidays

from .models import Period

AGREEMENT_DEADLINE_POLICY: Final[str] = (
    "agreement deadline: counted per Lag (1930:173) 1 §, not rolled forward under 2 § "
    "(that rule covers statutory deadlines only)"
)
STATUTORY_LIMIT_POLICY: Final[str] = (
    "statutory maximum duration: counted per Lag (1930:173) 1 §, not moved under 2 § (which lets "
    "an act be done on the next weekday; it does not lengthen a measure such as a follow-up "
    "without consent)"
)
STATUTORY_DEADLINE_POLICY: Final[str] = (
    "statutory deadline: counted per Lag (1930:173) 1 §, moved to the next weekday under 2 § "
    "when it falls on a Saturday, Sunday, public holiday, midsommarafton, julafton or nyårsafton"
)

_EVES: Final[frozenset[tuple[int, int]]] = frozenset({(12, 24), (12, 31)})


def iso(day: dt.date | None) -> str | None:
    """A date in ISO 8601 for JSON output, or None."""
    return day.isoformat() if day else None


def add_period(start: dt.date, period: Period) -> dt.date:
    """The last day of a period counted from ``start`` (Lag 1930:173 1 §)."""
    return _plus(start, period.years, period.months, period.weeks * 7 + period.days)


def subtract_period(end: dt.date, period: Period) -> dt.date:
    return _plus(end, -period.years, -period.months, -(period.weeks * 7 + period.days))


@lru_cache(maxsize=256)
def holidays_in(year: int) -> frozenset[dt.date]:
    """Public holidays plus midsommarafton, julafton and nyårsafton of one year."""
    public = holidays.country_holidays("SE", years=year, categories=("public",))
    de_facto = holidays.country_holidays("SE", years=year, categories=("de_facto",))
    days = set(public)
    for day in de_facto:
        if (day.month, day.day) in _EVES or _is_midsummer_eve(day):
            days.add(day)
    # Sundays are non-working anyway; some releases list every Sunday as a holiday.
    return frozenset(d for d in days if d.year == year)


def _is_midsummer_eve(day: dt.date) -> bool:
    return day.month == 6 and 19 <= day.day <= 25 and day.weekday() == 4


def is_non_working(day: dt.date) -> bool:
    """Saturday, Sunday, a public holiday, midsommarafton, julafton or nyårsafton."""
    return day.weekday() >= 5 or day in holidays_in(day.year)


def next_working_day(day: dt.date) -> dt.date:
    """``day`` itself if it is a working day, else the first working day after it."""
    while is_non_working(day):
        day += dt.timedelta(days=1)
    return day


@dataclass(frozen=True, slots=True)
class DueDate:
    """A computed due date with the trail of how it was reached."""

    date: dt.date
    computed: dt.date
    rolled_forward: bool
    falls_on_non_working_day: bool
    policy: str


def due_date(anchor: dt.date, period: Period, *, statutory: bool, limit: bool = False) -> DueDate:
    """The due date of a deadline ``period`` after ``anchor`` under the stated policy.

    ``limit`` marks a maximum duration (the measure must have ended by the date) rather than a
    last day for an act: it is never moved forward."""
    return cached_due_date(
        anchor, period.years, period.months, period.weeks, period.days, statutory, limit
    )


def _plus(anchor: dt.date, years: int, months: int, days: int) -> dt.date:
    """``anchor + relativedelta(years=years, months=months, days=days)`` (1 §: the months
    first, the day clipped to the month's last, then the days), without building one."""
    if years or months:
        year, month = divmod(anchor.year * 12 + anchor.month - 1 + years * 12 + months, 12)
        month += 1
        anchor = dt.date(year, month, min(anchor.day, monthrange(year, month)[1]))
    return anchor + dt.timedelta(days=days) if days else anchor


@lru_cache(maxsize=65536)
def cached_due_date(
    anchor: dt.date, years: int, months: int, weeks: int, days: int, statutory: bool, limit: bool
) -> DueDate:
    """:func:`due_date` with the period as plain numbers, memoised (a pure function; plain
    numbers, because hashing and comparing the pydantic ``Period`` per lookup cost more than
    the cache saved)."""
    return _due_date(anchor, years, months, weeks, days, statutory, limit)


def _due_date(
    anchor: dt.date, years: int, months: int, weeks: int, days: int, statutory: bool, limit: bool
) -> DueDate:
    """:func:`cached_due_date`, computed."""
    computed = _plus(anchor, years, months, weeks * 7 + days)
    if statutory and limit:
        return DueDate(computed, computed, False, is_non_working(computed), STATUTORY_LIMIT_POLICY)
    if statutory:
        final = next_working_day(computed)
        return DueDate(final, computed, final != computed, False, STATUTORY_DEADLINE_POLICY)
    return DueDate(computed, computed, False, is_non_working(computed), AGREEMENT_DEADLINE_POLICY)


class DueDates(dict[dt.date, DueDate]):
    """The due dates of one deadline by anchor date, computed on first look-up
    (``dates[anchor]``: a plain dict look-up once known) and bounded (a full table starts
    afresh). Thread-safe as a dict is: two threads that compute one date store equal values."""

    __slots__ = ("period",)

    def __init__(self, period: tuple[int, int, int, int, bool, bool]) -> None:
        super().__init__()
        self.period = period
        """years, months, weeks, days, statutory, limit (as :func:`cached_due_date` takes them)."""

    def __missing__(self, anchor: dt.date) -> DueDate:
        if len(self) >= MAX_DUE_DATES:
            self.clear()
        # not through cached_due_date's cache: a date new here is new there too
        found = self[anchor] = _due_date(anchor, *self.period)
        return found


MAX_DUE_DATES: Final[int] = 16384
"""Anchor dates whose due date one :class:`DueDates` keeps (about 45 years of days)."""


@lru_cache(maxsize=1024)
def due_dates(
    years: int, months: int, weeks: int, days: int, statutory: bool, limit: bool
) -> DueDates:
    """The (shared) table of due dates of one deadline: ``due_dates(...)[anchor]`` is
    ``cached_due_date(anchor, years, months, weeks, days, statutory, limit)``."""
    return DueDates((years, months, weeks, days, statutory, limit))
