"""Whether an agreement is in force on a date, under which term, and the last day for notice."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from dateutil.relativedelta import relativedelta

from .calendar import iso, subtract_period
from .models import Agreement, Period

State = Literal["in_force", "in_force_by_renewal", "open_ended", "expired", "not_yet_in_force"]


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

    @property
    def in_force(self) -> bool:
        return self.state in ("in_force", "in_force_by_renewal", "open_ended")

    def describe(self) -> str:
        if self.state == "not_yet_in_force":
            return f"not yet in force (starts {self.term_start})"
        if self.state == "expired":
            return f"expired (stated term ended {self.term_end})"
        if self.state == "open_ended":
            return f"in force since {self.term_start}, no end date stated"
        label = "stated term" if self.term == 0 else f"renewal term {self.term}"
        text = f"in force, {label}: {self.term_start} to {self.term_end}"
        if self.last_notice_day is not None:
            text += f"; last day for {self.notice_action} notice {self.last_notice_day}"
        return text

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


def agreement_status(agreement: Agreement, on: dt.date) -> AgreementStatus:
    """The status of ``agreement`` on ``on``, following its term and renewal clause.

    Renewal terms are counted from the stated end date (term N ends N extensions after it), on
    the assumption, stated in the result, that no party gave notice in time; the texts give no
    way to know that from the rule file.
    """
    validity = agreement.validity
    renewal = validity.renewal
    base: dict[str, Any] = {"agreement_id": agreement.id, "title": agreement.title, "on": on}
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
        )
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
        )
    if on <= validity.end:
        notice = subtract_period(validity.end, renewal.notice) if renewal else None
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
        )
    if renewal is None:
        return _expired(base, validity.start, validity.end)
    term = _first_term_ending_on_or_after(validity.end, renewal.extension, on)
    if term > 1 and not renewal.repeats:
        return _expired(base, validity.start, _shift(validity.end, renewal.extension, 1))
    end = _shift(validity.end, renewal.extension, term)
    start = _shift(validity.end, renewal.extension, term - 1) + dt.timedelta(days=1)
    return AgreementStatus(
        **base,
        state="in_force_by_renewal",
        term=term,
        term_start=start,
        term_end=end,
        last_notice_day=subtract_period(end, renewal.notice),
        notice_action=renewal.notice_action,
        assumption="assumes no party gave notice before the last notice day of an earlier term",
        warning=None,
    )


def _expired(base: dict[str, Any], start: dt.date, end: dt.date) -> AgreementStatus:
    return AgreementStatus(
        **base,
        state="expired",
        term=None,
        term_start=start,
        term_end=end,
        last_notice_day=None,
        notice_action=None,
        assumption=None,
        warning=f"agreement '{base['agreement_id']}' expired on {end}; its own rules no longer "
        "apply (national law and any other agreement in force still do)",
    )
