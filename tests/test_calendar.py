"""Lag (1930:173): period ends and roll-forward, against dates known from the almanac."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from placement_rules.calendar import (
    AGREEMENT_DEADLINE_POLICY,
    STATUTORY_DEADLINE_POLICY,
    add_period,
    due_date,
    holidays_in,
    is_non_working,
    next_working_day,
)
from placement_rules.models import Period

D = dt.date

# Movable and fixed non-working days per Lag (1989:253) plus the three eves, by year.
KNOWN_NON_WORKING = {
    2023: [D(2023, 4, 7), D(2023, 4, 10), D(2023, 5, 18), D(2023, 6, 23), D(2023, 11, 4)],
    2024: [D(2024, 3, 29), D(2024, 4, 1), D(2024, 5, 9), D(2024, 6, 21), D(2024, 11, 2)],
    2025: [D(2025, 4, 18), D(2025, 4, 21), D(2025, 5, 29), D(2025, 6, 20), D(2025, 11, 1)],
    2026: [D(2026, 4, 3), D(2026, 4, 6), D(2026, 5, 14), D(2026, 6, 19), D(2026, 10, 31)],
    2027: [D(2027, 3, 26), D(2027, 3, 29), D(2027, 5, 6), D(2027, 6, 25), D(2027, 11, 6)],
}
FIXED = [(1, 1), (1, 6), (5, 1), (6, 6), (12, 24), (12, 25), (12, 26), (12, 31)]


@pytest.mark.parametrize("year", sorted(KNOWN_NON_WORKING))
def test_known_holidays_and_eves_are_non_working(year: int) -> None:
    for day in KNOWN_NON_WORKING[year]:
        assert is_non_working(day), day
    for month, day_of_month in FIXED:
        assert is_non_working(D(year, month, day_of_month))


@pytest.mark.parametrize("year", sorted(KNOWN_NON_WORKING))
def test_no_other_weekday_is_a_holiday(year: int) -> None:
    expected = set(KNOWN_NON_WORKING[year]) | {D(year, m, d) for m, d in FIXED}
    weekday_holidays = {d for d in holidays_in(year) if d.weekday() < 5}
    assert weekday_holidays <= expected
    assert {d for d in expected if d.weekday() < 5} <= weekday_holidays


def test_ordinary_days() -> None:
    assert not is_non_working(D(2025, 6, 19))  # Thursday before midsommarafton
    assert not is_non_working(D(2025, 12, 23))
    assert not is_non_working(D(2025, 12, 30))
    assert is_non_working(D(2025, 11, 29))  # Saturday
    assert is_non_working(D(2025, 11, 30))  # Sunday


@pytest.mark.parametrize(
    ("start", "period", "end"),
    [
        (D(2024, 1, 31), Period(months=1), D(2024, 2, 29)),  # leap year month end
        (D(2025, 1, 31), Period(months=1), D(2025, 2, 28)),
        (D(2025, 10, 31), Period(months=4), D(2026, 2, 28)),
        (D(2025, 12, 31), Period(months=2), D(2026, 2, 28)),
        (D(2025, 8, 31), Period(months=6), D(2026, 2, 28)),
        (D(2025, 3, 31), Period(months=6), D(2025, 9, 30)),
        (D(2024, 2, 29), Period(years=1), D(2025, 2, 28)),
        (D(2024, 3, 4), Period(weeks=4), D(2024, 4, 1)),  # same weekday
        (D(2025, 12, 17), Period(days=14), D(2025, 12, 31)),
        (D(2023, 12, 31), Period(years=2), D(2025, 12, 31)),
    ],
)
def test_period_end_per_1_section(start: dt.date, period: Period, end: dt.date) -> None:
    assert add_period(start, period) == end


@pytest.mark.parametrize(
    ("anchor", "period", "expected", "rolled_from"),
    [
        # nyårsafton, then nyårsdagen -> Friday 2 January (across the year end)
        (D(2025, 12, 17), Period(days=14), D(2026, 1, 2), D(2025, 12, 31)),
        # julafton, juldagen, annandag jul -> Friday 27 December
        (D(2024, 12, 10), Period(days=14), D(2024, 12, 27), D(2024, 12, 24)),
        # midsommarafton, midsommardagen, Sunday -> Monday 23 June
        (D(2025, 2, 20), Period(months=4), D(2025, 6, 23), D(2025, 6, 20)),
        # month end lands on a Saturday -> Monday 2 March
        (D(2025, 10, 31), Period(months=4), D(2026, 3, 2), D(2026, 2, 28)),
        # långfredag .. annandag påsk 2026 -> Tuesday 7 April
        (D(2025, 12, 3), Period(months=4), D(2026, 4, 7), D(2026, 4, 3)),
        # Kristi himmelsfärdsdag 2027 (Thursday) -> Friday
        (D(2027, 4, 22), Period(days=14), D(2027, 5, 7), D(2027, 5, 6)),
    ],
)
def test_statutory_deadline_rolls_forward(
    anchor: dt.date, period: Period, expected: dt.date, rolled_from: dt.date
) -> None:
    due = due_date(anchor, period, statutory=True)
    assert due.date == expected
    assert due.computed == rolled_from
    assert due.rolled_forward
    assert due.policy == STATUTORY_DEADLINE_POLICY


def test_statutory_deadline_on_a_working_day_stays() -> None:
    due = due_date(D(2025, 3, 3), Period(days=14), statutory=True)
    assert due.date == D(2025, 3, 17)
    assert not due.rolled_forward


def test_agreement_deadline_is_not_rolled_forward_but_flagged() -> None:
    # 4 weeks from 2024-03-04 is annandag påsk 2024
    due = due_date(D(2024, 3, 4), Period(weeks=4), statutory=False)
    assert due.date == D(2024, 4, 1)
    assert due.falls_on_non_working_day
    assert not due.rolled_forward
    assert due.policy == AGREEMENT_DEADLINE_POLICY


def test_next_working_day() -> None:
    assert next_working_day(D(2026, 12, 24)) == D(2026, 12, 28)
    assert next_working_day(D(2026, 12, 28)) == D(2026, 12, 28)


@given(
    st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31)),
    st.integers(0, 5),  # in all at most 10 years, as the format allows
    st.integers(0, 24),
    st.integers(0, 52),
    st.integers(0, 365),
)
def test_periods_count_as_relativedelta_counts_them(
    start: dt.date, years: int, months: int, weeks: int, days: int
) -> None:
    """add_period and subtract_period count months and years without a relativedelta: the same
    dates as dateutil's (the end of a shorter month kept, 31 January + 1 month = 28/29 February)."""
    from dateutil.relativedelta import relativedelta

    from placement_rules.calendar import add_period, subtract_period

    if not (years or months or weeks or days):
        days = 1
    period = Period(years=years, months=months, weeks=weeks, days=days)
    step = relativedelta(years=years, months=months, weeks=weeks, days=days)
    assert add_period(start, period) == start + step
    assert subtract_period(start, period) == start - step
