"""Hypothesis strategies for property tests of placement rules, here and in downstream projects.

Two public strategies:

- :func:`events` draws valid :class:`~placement_rules.events.Event` objects;
- :func:`event_dicts` draws the same events as raw JSON-like dicts (ISO date strings, default
  fields sometimes left out), the shape :func:`~placement_rules.events.parse_event` and the CLI read.

The draws are realistic rather than uniform: dates span 2019-2027 (old and new Socialtjänstlag),
weighted around the change of law on 2025-07-01 and towards the days where deadlines go wrong
(month ends, the turn of the year, midsummer); ages span 0-22 with exact birthdays and the day
before a birthday drawn often; every legal basis and placement form occurs, as do acute and
cross-region placements between the bundled regions. Any field can be pinned (``acute=True``) or
given its own strategy (``placement_form=st.sampled_from(["hvb", "sis"])``).

Hypothesis is needed only to use this module (``pip install placement-rules[test]``)::

    from hypothesis import given
    from placement_rules.testing import events

    @given(events(region="vastra_gotaland", kind="placement_started"))
    def test_never_raises(event): ...
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Final, get_args

from dateutil.relativedelta import relativedelta
from hypothesis import strategies as st

from .events import Event
from .vocabulary import EVENT_KINDS, LegalBasis, PlacementForm

__all__ = [
    "BOOLEAN_FLAGS",
    "LAW_CHANGE",
    "LEGAL_BASES",
    "MAX_DATE",
    "MIN_DATE",
    "PLACEMENT_FORMS",
    "ages",
    "bundled_region_ids",
    "event_dates",
    "event_dicts",
    "events",
]

MIN_DATE: Final[dt.date] = dt.date(2019, 1, 1)
MAX_DATE: Final[dt.date] = dt.date(2027, 12, 31)
LAW_CHANGE: Final[dt.date] = dt.date(2025, 7, 1)
"""Socialtjänstlag (2025:400) replaced SoL (2001:453) on this day."""

LEGAL_BASES: Final[tuple[str, ...]] = get_args(LegalBasis)
PLACEMENT_FORMS: Final[tuple[str, ...]] = get_args(PlacementForm)

BOOLEAN_FLAGS: Final[tuple[str, ...]] = (
    "ongoing_care",
    "health_examination_unnecessary",
    "health_examination_done_before_placement",
    "needs_both_principals",
    "lss",
    "new_sip_drawn_up",
    "special_need_of_protection",
)
"""The optional yes/no facts of an event (``acute`` is drawn separately)."""

_PLACED_KINDS: Final[frozenset[str]] = frozenset({
    "placement_changed", "placement_ended", "inpatient_discharge",
    "school_or_care_provider_changed", "care_need_arises", "unrequested_care_offered",
    "dispute_arises", "health_examination_initiated",
})
"""Kinds that happen during a placement, so the event may say when the placement started."""

_BEFORE_DECISION: Final[frozenset[str]] = frozenset({
    "report_of_concern", "investigation_opened",
})
"""Kinds that usually come before any decision on care: legal basis and form often absent."""

_FALLBACK_REGIONS: Final[tuple[str, ...]] = (
    "vastra_gotaland", "jonkoping", "ostergotland", "stockholm",
)
_OUTSIDE_REGIONS: Final[tuple[str, ...]] = ("skane", "norrbotten")
"""Regions with no bundled agreement: children come from and are placed there too."""

_MUNICIPALITIES: Final[dict[str, tuple[str, ...]]] = {
    "vastra_gotaland": ("Göteborg", "Borås", "Trollhättan", "Skövde"),
    "jonkoping": ("Jönköping", "Värnamo", "Nässjö"),
    "ostergotland": ("Linköping", "Norrköping", "Motala"),
    "stockholm": ("Stockholm", "Södertälje", "Norrtälje"),
    "skane": ("Malmö", "Helsingborg"),
    "norrbotten": ("Luleå", "Kiruna"),
}


@lru_cache(maxsize=1)
def bundled_region_ids() -> tuple[str, ...]:
    """Ids of the regional rule files shipped with the package (falls back to the four known).

    Reads the bundled rules once; if they cannot be read the four regions the project covers are
    used, so strategies never fail because a rule file is broken (the tests of that file will).
    """
    from .errors import PlacementRulesError
    from .ruleset import load_all

    try:
        sets = load_all()
    except PlacementRulesError:
        return _FALLBACK_REGIONS
    found = tuple(sorted(k for k, v in sets.items() if v.top.model.kind == "regional"))
    return found or _FALLBACK_REGIONS


def _days_between(start: dt.date, end: dt.date) -> st.SearchStrategy[dt.date]:
    return st.dates(min_value=start, max_value=end)


def _month_ends(min_date: dt.date, max_date: dt.date) -> list[dt.date]:
    out = []
    day = dt.date(min_date.year, min_date.month, 1)
    while day <= max_date:
        end = day + relativedelta(months=1, days=-1)
        if min_date <= end <= max_date:
            out.append(end)
        day += relativedelta(months=1)
    return out


def _clip(day: dt.date, min_date: dt.date, max_date: dt.date) -> dt.date:
    return max(min_date, min(max_date, day))


def event_dates(min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE) -> st.SearchStrategy[dt.date]:
    """Dates in ``[min_date, max_date]``, weighted towards 2025-07-01 and tricky calendar days.

    Half of the draws are near the change of law (within 60 days, the two boundary days
    themselves often), a quarter are month ends or the turn of the year and midsummer, the rest
    uniform. Shrinks towards the change of law.
    """
    if min_date > max_date:
        raise ValueError("min_date is after max_date")
    near_lo = _clip(LAW_CHANGE - dt.timedelta(days=60), min_date, max_date)
    near_hi = _clip(LAW_CHANGE + dt.timedelta(days=60), min_date, max_date)
    boundary = sorted({_clip(LAW_CHANGE - dt.timedelta(days=1), min_date, max_date),
                       _clip(LAW_CHANGE, min_date, max_date)})
    tricky = _month_ends(min_date, max_date) + [
        d for y in range(min_date.year, max_date.year + 1)
        for d in (dt.date(y, 12, 24), dt.date(y, 12, 31), dt.date(y, 1, 1), dt.date(y, 6, 19))
        if min_date <= d <= max_date
    ]
    choices: list[st.SearchStrategy[dt.date]] = [
        st.sampled_from(boundary),
        _days_between(near_lo, near_hi),
        _days_between(near_lo, near_hi),
        _days_between(min_date, max_date),
    ]
    if tricky:
        choices.append(st.sampled_from(sorted(tricky)))
    return st.one_of(choices)


def ages(min_age: int = 0, max_age: int = 22) -> st.SearchStrategy[int]:
    """Whole years of age, with the legal thresholds (0, 17, 18, 20, 21) drawn often."""
    if not 0 <= min_age <= max_age:
        raise ValueError("need 0 <= min_age <= max_age")
    edges = [a for a in (min_age, 17, 18, 20, 21, max_age) if min_age <= a <= max_age]
    return st.one_of(st.sampled_from(sorted(set(edges))), st.integers(min_age, max_age))


def birth_date_for(day: dt.date, age: int, days_after_birthday: int) -> dt.date:
    """A birth date giving ``age`` whole years on ``day``; 0 = ``day`` is the birthday.

    ``days_after_birthday`` is clamped to the year of age (364 or 365 days), so the largest value
    gives the day before the next birthday.
    """
    latest = day - relativedelta(years=age)
    earliest = day - relativedelta(years=age + 1) + dt.timedelta(days=1)
    return max(earliest, latest - dt.timedelta(days=days_after_birthday))


def _value(draw: st.DrawFn, given: Any, default: st.SearchStrategy[Any]) -> Any:
    """A pinned value, a value drawn from a given strategy, or one drawn from the default."""
    if given is _UNSET:
        return draw(default)
    if isinstance(given, st.SearchStrategy):
        return draw(given)
    return given


class _Unset:
    def __repr__(self) -> str:
        return "<unset>"


_UNSET: Final[Any] = _Unset()


def _as_strategy(value: Any, choices: Sequence[str]) -> Any:
    if value is None:
        return st.sampled_from(list(choices))
    if isinstance(value, str):
        return st.just(value)
    if isinstance(value, st.SearchStrategy):
        return value
    return st.sampled_from(list(value))


def _municipality(region: str, index: int) -> str:
    names = _MUNICIPALITIES.get(region, (f"{region}_kommun",))
    return names[index % len(names)]


@st.composite
def _events(
    draw: st.DrawFn,
    region: Any,
    kind: Any,
    regions: tuple[str, ...],
    min_date: dt.date,
    max_date: dt.date,
    min_age: int,
    max_age: int,
    cross_region: bool | None,
    pinned: dict[str, Any],
) -> Event:
    fixed = dict(pinned)
    event_kind: str = draw(_as_strategy(kind, EVENT_KINDS))
    day: dt.date = _value(draw, fixed.pop("date", _UNSET), event_dates(min_date, max_date))
    if "birth_date" in fixed:
        birth: dt.date = _value(draw, fixed.pop("birth_date"), st.nothing())
    else:
        age = draw(ages(min_age, max_age))
        offset = draw(st.one_of(st.sampled_from([0, 1, 365]), st.integers(0, 365)))
        birth = birth_date_for(day, age, offset)
    all_regions = (*regions, *_OUTSIDE_REGIONS)
    home: str = draw(_as_strategy(region, regions if region is None else all_regions))
    cross = draw(st.booleans()) if cross_region is None else cross_region
    others = [r for r in all_regions if r != home] or [f"{home}_other"]
    placed_in = draw(st.sampled_from(others)) if cross else draw(st.sampled_from([None, home]))
    undecided = event_kind in _BEFORE_DECISION
    basis_default = st.one_of(st.none(), st.sampled_from(LEGAL_BASES)) if undecided else \
        st.sampled_from(LEGAL_BASES)
    form_default = st.one_of(st.none(), st.sampled_from(PLACEMENT_FORMS)) if undecided else \
        st.sampled_from(PLACEMENT_FORMS)
    values: dict[str, Any] = {
        "kind": event_kind,
        "date": day,
        "birth_date": birth,
        "legal_basis": _value(draw, fixed.pop("legal_basis", _UNSET), basis_default),
        "placement_form": _value(draw, fixed.pop("placement_form", _UNSET), form_default),
        "acute": _value(draw, fixed.pop("acute", _UNSET), st.booleans()),
        "home_municipality": _municipality(home, draw(st.integers(0, 3))),
        "home_region": home,
        "placement_region": placed_in,
        "placement_municipality": draw(st.one_of(
            st.none(), st.integers(0, 3).map(lambda i: _municipality(placed_in or home, i)))),
        "placement_start": _placement_start(draw, event_kind, day, birth),
    }
    for flag in BOOLEAN_FLAGS:
        values[flag] = _value(draw, fixed.pop(flag, _UNSET), st.booleans())
    for name, given in fixed.items():
        values[name] = _value(draw, given, st.nothing())
    return Event.model_validate(values)


def _placement_start(draw: st.DrawFn, kind: str, day: dt.date, birth: dt.date) -> dt.date | None:
    if kind == "placement_started":
        return draw(st.sampled_from([None, day]))
    if kind not in _PLACED_KINDS:
        return None
    earliest = max(birth, day - dt.timedelta(days=3 * 366))
    return draw(st.one_of(st.none(), st.just(day), st.dates(earliest, day)))


def events(
    region: str | Sequence[str] | st.SearchStrategy[str] | None = None,
    kind: str | Sequence[str] | st.SearchStrategy[str] | None = None,
    *,
    regions: Sequence[str] | None = None,
    min_date: dt.date = MIN_DATE,
    max_date: dt.date = MAX_DATE,
    min_age: int = 0,
    max_age: int = 22,
    cross_region: bool | None = None,
    **fixed: Any,
) -> st.SearchStrategy[Event]:
    """Valid events.

    :param region: the home region: one id, several, a strategy, or ``None`` for any bundled
        region (cross-region placements then go to another bundled region or one outside).
    :param kind: the event kind(s), or ``None`` for every kind.
    :param regions: the region ids to draw from (default: the bundled regional rule files).
    :param min_date: earliest event date (default 2019-01-01).
    :param max_date: latest event date (default 2027-12-31).
    :param min_age: youngest age in whole years on the event date (default 0).
    :param max_age: oldest age (default 22).
    :param cross_region: ``True`` / ``False`` to force or forbid a placement in another region.
    :param fixed: any other event field, pinned to a value or drawn from a strategy, e.g.
        ``acute=True``, ``health_examination_unnecessary=False``,
        ``legal_basis=st.sampled_from(["LVU"])``, ``date=dt.date(2025, 7, 1)``.
    """
    unknown = set(fixed) - set(Event.model_fields)
    if unknown:
        raise TypeError(f"events() got unknown event fields: {', '.join(sorted(unknown))}")
    pool = tuple(regions) if regions is not None else bundled_region_ids()
    if not pool:
        raise ValueError("regions is empty")
    return _events(region, kind, pool, min_date, max_date, min_age, max_age, cross_region,
                   dict(fixed))


def to_json_dict(event: Event, *, keep_defaults: bool = True) -> dict[str, Any]:
    """The event as JSON-ready data (ISO dates), optionally leaving out fields at their default."""
    return event.model_dump(mode="json", exclude_defaults=not keep_defaults)


def event_dicts(
    region: str | Sequence[str] | st.SearchStrategy[str] | None = None,
    kind: str | Sequence[str] | st.SearchStrategy[str] | None = None,
    **options: Any,
) -> st.SearchStrategy[dict[str, Any]]:
    """Raw JSON-like event input: what :func:`events` draws, dumped with ISO date strings.

    Fields at their default value are left out in about half of the draws, as a hand-written
    event file would. Takes the same arguments as :func:`events`.
    """
    return st.builds(
        lambda e, keep: to_json_dict(e, keep_defaults=keep),
        events(region, kind, **options),
        st.booleans(),
    )
