"""Hypothesis strategies for property tests of placement rules, here and in downstream projects.

Two public strategies:

- :func:`events` draws valid :class:`~placement_rules.events.Event` objects;
- :func:`event_dicts` draws the same events as raw JSON-like dicts (ISO date strings, default
  fields sometimes left out), the shape :func:`~placement_rules.events.parse_event` and the CLI
  read.

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
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Final, get_args

from dateutil.relativedelta import relativedelta
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from .events import Event
from .vocabulary import EVENT_KINDS, LegalBasis, PlacementForm

__all__ = [
    "BOOLEAN_FLAGS",
    "LAW_CHANGE",
    "LEGAL_BASES",
    "MAX_DATE",
    "MIN_DATE",
    "OTHER_FACTS",
    "PLACEMENT_FORMS",
    "ages",
    "birth_date_for",
    "bundled_region_ids",
    "event_dates",
    "event_dicts",
    "events",
    "register_profiles",
    "to_json_dict",
    "whole_years",
]

MIN_DATE: Final[dt.date] = dt.date(2019, 1, 1)
MAX_DATE: Final[dt.date] = dt.date(2027, 12, 31)


def _bundled_law_change() -> dt.date:
    from .regions import load_rule_set

    return load_rule_set("national").law_changes[-1]


LAW_CHANGE: Final[dt.date] = _bundled_law_change()
"""The day the bundled national file's social services act replaced the one before
(Socialtjänstlag 2025:400 replaced SoL 2001:453 on 2025-07-01)."""

LEGAL_BASES: Final[tuple[str, ...]] = get_args(LegalBasis)
PLACEMENT_FORMS: Final[tuple[str, ...]] = get_args(PlacementForm)

_DRAWN_APART: Final[frozenset[str]] = frozenset(
    {
        "kind",
        "date",
        "birth_date",
        "legal_basis",
        "placement_form",
        "acute",
        "home_municipality",
        "home_region",
        "placement_region",
        "placement_municipality",
        "placement_start",
    }
)

BOOLEAN_FLAGS: Final[tuple[str, ...]] = tuple(
    name
    for name, info in Event.model_fields.items()
    if info.annotation is bool and name not in _DRAWN_APART
)
"""The optional yes/no facts of an event (``acute`` is drawn separately)."""

OTHER_FACTS: Final[tuple[str, ...]] = tuple(
    name
    for name, info in Event.model_fields.items()
    if name not in _DRAWN_APART and name not in BOOLEAN_FLAGS and info.annotation is not str
)
"""Further optional facts (yes/no/unknown, a principal...), drawn from their types."""

_BEFORE_PLACEMENT: Final[frozenset[str]] = frozenset(
    {
        "report_of_concern",
        "investigation_opened",
        "compulsory_care_application",
        "protection_assessment_made",
        "investigation_decision_made",
        "investigation_completed",
    }
)
"""Kinds that come before a placement: no placement start. Every other kind (including kinds
added to the vocabulary later) may happen during a placement and then often says when it began."""

_BEFORE_DECISION: Final[frozenset[str]] = frozenset(
    {
        "report_of_concern",
        "investigation_opened",
    }
)
"""Kinds that usually come before any decision on care: legal basis and form often absent."""

_FALLBACK_REGIONS: Final[tuple[str, ...]] = (
    "vastra_gotaland",
    "jonkoping",
    "ostergotland",
    "stockholm",
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
    from .regions import load_all

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


@lru_cache(maxsize=64)
def event_dates(
    min_date: dt.date = MIN_DATE, max_date: dt.date = MAX_DATE
) -> st.SearchStrategy[dt.date]:
    """Dates in ``[min_date, max_date]``, weighted towards 2025-07-01 and tricky calendar days.

    Half of the draws are near the change of law (within 60 days, the two boundary days
    themselves often), a quarter are month ends or the turn of the year and midsummer, the rest
    uniform. Shrinks towards the change of law.
    """
    if min_date > max_date:
        raise ValueError("min_date is after max_date")
    near_lo = _clip(LAW_CHANGE - dt.timedelta(days=60), min_date, max_date)
    near_hi = _clip(LAW_CHANGE + dt.timedelta(days=60), min_date, max_date)
    boundary = sorted(
        {
            _clip(LAW_CHANGE - dt.timedelta(days=1), min_date, max_date),
            _clip(LAW_CHANGE, min_date, max_date),
        }
    )
    tricky = _month_ends(min_date, max_date) + [
        d
        for y in range(min_date.year, max_date.year + 1)
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


@lru_cache(maxsize=64)
def ages(min_age: int = 0, max_age: int = 22) -> st.SearchStrategy[int]:
    """Whole years of age, with the legal thresholds (0, 17, 18, 20, 21) drawn often."""
    if not 0 <= min_age <= max_age:
        raise ValueError("need 0 <= min_age <= max_age")
    edges = [a for a in (min_age, 17, 18, 20, 21, max_age) if min_age <= a <= max_age]
    return st.one_of(
        st.sampled_from(sorted(set(edges))), st.sampled_from(range(min_age, max_age + 1))
    )


def birth_date_for(day: dt.date, age: int, days_after_birthday: int) -> dt.date:
    """A birth date giving ``age`` whole years on ``day``; 0 = ``day`` is the birthday.

    ``days_after_birthday`` is clamped to the year of age (364 or 365 days), so the largest value
    gives the day before the next birthday.
    """
    latest = day - relativedelta(years=age)
    earliest = day - relativedelta(years=age + 1) + dt.timedelta(days=1)
    born = max(earliest, latest - dt.timedelta(days=days_after_birthday))
    if whole_years(day, born) != age:
        # Born on 29 February, event on 28 February of a common year: not yet a birthday.
        born -= dt.timedelta(days=1)
    return born


def whole_years(day: dt.date, born: dt.date) -> int:
    """Age in whole years as :attr:`Event.age` counts it (29 February: 1 March in common years)."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class _Unset:
    def __repr__(self) -> str:
        return "<unset>"


_UNSET: Final[Any] = _Unset()


def _pinned(given: Any, default: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A strategy for a field: the caller's strategy, their pinned value, or the default."""
    if given is _UNSET:
        return default
    if isinstance(given, st.SearchStrategy):
        return given
    return st.just(given)


def _choice(value: Any, choices: Sequence[str]) -> st.SearchStrategy[Any]:
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


_BOOL: Final = st.booleans()
_INDEX: Final = st.integers(0, 3)
_BIRTHDAY_OFFSET: Final = st.one_of(st.sampled_from([0, 1, 365]), st.integers(0, 365))
_BASES_OR_NONE: Final = st.one_of(st.none(), st.sampled_from(LEGAL_BASES))
_FORMS_OR_NONE: Final = st.one_of(st.none(), st.sampled_from(PLACEMENT_FORMS))


@cache
def _from_type(name: str) -> st.SearchStrategy[Any]:
    return st.from_type(Event.model_fields[name].annotation)  # type: ignore[arg-type]


@dataclass(frozen=True)
class _Plan:
    """Every strategy an event draw needs, built once per call of :func:`events`."""

    kind: st.SearchStrategy[str]
    date: st.SearchStrategy[dt.date]
    birth_date: st.SearchStrategy[dt.date] | None
    age: st.SearchStrategy[int]
    home: st.SearchStrategy[str]
    regions: tuple[str, ...]
    cross: st.SearchStrategy[bool]
    basis: tuple[st.SearchStrategy[Any], st.SearchStrategy[Any]]
    """(after a decision on care, before one)"""
    form: tuple[st.SearchStrategy[Any], st.SearchStrategy[Any]]
    acute: st.SearchStrategy[Any]
    placement_start: st.SearchStrategy[Any] | None
    others: tuple[tuple[str, st.SearchStrategy[Any]], ...]


def _plan(
    region: Any,
    kind: Any,
    regions: tuple[str, ...],
    min_date: dt.date,
    max_date: dt.date,
    min_age: int,
    max_age: int,
    cross_region: bool | None,
    fixed: dict[str, Any],
) -> _Plan:
    fixed = dict(fixed)
    all_regions = (*regions, *_OUTSIDE_REGIONS)
    basis, form = fixed.pop("legal_basis", _UNSET), fixed.pop("placement_form", _UNSET)
    birth = fixed.pop("birth_date", _UNSET)
    start = fixed.pop("placement_start", _UNSET)
    others = [(flag, _pinned(fixed.pop(flag, _UNSET), _BOOL)) for flag in BOOLEAN_FLAGS]
    others += [(name, _pinned(fixed.pop(name, _UNSET), _from_type(name))) for name in OTHER_FACTS]
    others += [
        (name, _pinned(value, st.nothing()))
        for name, value in fixed.items()
        if name
        not in (
            "date",
            "acute",
            "home_municipality",
            "placement_region",
            "placement_municipality",
            "kind",
            "home_region",
        )
    ]
    return _Plan(
        kind=_choice(fixed.get("kind", kind), EVENT_KINDS),
        date=_pinned(fixed.get("date", _UNSET), event_dates(min_date, max_date)),
        birth_date=None if birth is _UNSET else _pinned(birth, st.nothing()),
        age=ages(min_age, max_age),
        home=_choice(fixed.get("home_region", region), regions if region is None else all_regions),
        regions=all_regions,
        cross=_BOOL if cross_region is None else st.just(cross_region),
        basis=(_pinned(basis, st.sampled_from(LEGAL_BASES)), _pinned(basis, _BASES_OR_NONE)),
        form=(_pinned(form, st.sampled_from(PLACEMENT_FORMS)), _pinned(form, _FORMS_OR_NONE)),
        acute=_pinned(fixed.get("acute", _UNSET), _BOOL),
        placement_start=None if start is _UNSET else _pinned(start, st.nothing()),
        others=tuple(others),
    )


@st.composite
def _events(draw: st.DrawFn, plan: _Plan, fixed: dict[str, Any]) -> Event:
    kind: str = draw(plan.kind)
    day: dt.date = draw(plan.date)
    if plan.birth_date is not None:
        birth: dt.date = draw(plan.birth_date)
    else:
        birth = birth_date_for(day, draw(plan.age), draw(_BIRTHDAY_OFFSET))
    home: str = draw(plan.home)
    undecided = int(kind in _BEFORE_DECISION)
    values: dict[str, Any] = {
        "kind": kind,
        "date": day,
        "birth_date": birth,
        "legal_basis": draw(plan.basis[undecided]),
        "placement_form": draw(plan.form[undecided]),
        "acute": draw(plan.acute),
        "home_municipality": _municipality(home, draw(_INDEX)),
        "home_region": home,
    }
    placed_in = _placement_region(draw, plan, home)
    values["placement_region"] = placed_in
    values["placement_municipality"] = (
        _municipality(placed_in or home, draw(_INDEX)) if draw(_BOOL) else None
    )
    values["placement_start"] = (
        draw(plan.placement_start)
        if plan.placement_start is not None
        else _placement_start(draw, kind, day, birth)
    )
    for name, strategy in plan.others:
        values[name] = draw(strategy)
    for name in ("home_municipality", "placement_region", "placement_municipality"):
        if name in fixed:
            values[name] = draw(_pinned(fixed[name], st.nothing()))
    return Event.model_validate(values)


def _placement_region(draw: st.DrawFn, plan: _Plan, home: str) -> str | None:
    if draw(plan.cross):
        others = [r for r in plan.regions if r != home] or [f"{home}_other"]
        return draw(st.sampled_from(others))
    return home if draw(_BOOL) else None


def _placement_start(draw: st.DrawFn, kind: str, day: dt.date, birth: dt.date) -> dt.date | None:
    if kind == "placement_started":
        return day if draw(_BOOL) else None
    if kind in _BEFORE_PLACEMENT:
        return None
    earliest = max(birth, day - dt.timedelta(days=3 * 366))
    choice = draw(st.integers(0, 2))
    if choice == 0:
        return None
    if choice == 1:
        return day
    return earliest + dt.timedelta(days=draw(st.integers(0, (day - earliest).days)))


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
        ``legal_basis=st.sampled_from(["LVU"])``, ``date=dt.date(2025, 7, 1)``. A pinned
        ``birth_date`` or ``placement_start`` must fit the drawn dates (not after the event).
    """
    unknown = set(fixed) - set(Event.model_fields)
    if unknown:
        raise TypeError(f"events() got unknown event fields: {', '.join(sorted(unknown))}")
    pool = tuple(regions) if regions is not None else bundled_region_ids()
    if not pool:
        raise ValueError("regions is empty")
    plan = _plan(region, kind, pool, min_date, max_date, min_age, max_age, cross_region, fixed)
    return _events(plan, dict(fixed))


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


def register_profiles() -> None:
    """Register the hypothesis profiles the project's tests use (idempotent).

    - ``ci``: derandomized (the same examples on every run), 150 examples, no deadline;
    - ``dev``: random, 50 examples, for quick local runs;
    - ``thorough``: random, 2000 examples, for a deliberate long search.

    Load one with ``settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))``.
    """
    settings.register_profile(
        "ci",
        derandomize=True,
        max_examples=150,
        deadline=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow],
    )
    settings.register_profile("dev", max_examples=50, deadline=None)
    settings.register_profile(
        "thorough", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )
