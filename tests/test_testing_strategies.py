"""The public hypothesis strategies in placement_rules.testing draw what they promise."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from typing import Any, get_args

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from placement_rules.events import Event, parse_event
from placement_rules.testing import (
    LAW_CHANGE,
    MAX_DATE,
    MIN_DATE,
    ages,
    birth_date_for,
    bundled_region_ids,
    event_dates,
    event_dicts,
    events,
    register_profiles,
)
from placement_rules.vocabulary import EVENT_KINDS, LegalBasis, PlacementForm

register_profiles()
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

SAMPLE_SIZE = 600


def draw_sample(strategy: st.SearchStrategy[Any], size: int = SAMPLE_SIZE) -> list[Any]:
    """``size`` values drawn the way the ci profile draws them (derandomized, no shrinking)."""
    out: list[Any] = []

    @settings(
        max_examples=size,
        database=None,
        derandomize=True,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(value: Any) -> None:
        out.append(value)

    collect()
    return out


_SAMPLES: dict[str, list[Any]] = {}


def sample(name: str) -> list[Any]:
    """One shared sample per strategy, drawn once per session."""
    if name not in _SAMPLES:
        strategy = {"events": events(), "dates": event_dates(), "dicts": event_dicts()}[name]
        _SAMPLES[name] = draw_sample(strategy, SAMPLE_SIZE if name != "dicts" else 100)
    return _SAMPLES[name]


def exists(name: str, condition: Callable[[Any], bool]) -> None:
    """Fails unless the shared sample of strategy ``name`` has a value meeting ``condition``."""
    assert any(condition(v) for v in sample(name)), f"no such value in {SAMPLE_SIZE} draws"


@given(event=events())
def test_events_are_valid_and_realistic(event: Event) -> None:
    assert Event.model_validate(event.model_dump()) == event
    assert MIN_DATE <= event.date <= MAX_DATE
    assert 0 <= event.age <= 22
    assert event.birth_date <= event.date
    if event.placement_start is not None:
        assert event.birth_date <= event.placement_start <= event.date
    assert event.home_region
    if event.kind not in ("report_of_concern", "investigation_opened"):
        assert event.legal_basis is not None and event.placement_form is not None


@given(
    day=st.dates(dt.date(2002, 1, 1), dt.date(2030, 12, 31)),
    age=st.integers(0, 22),
    offset=st.integers(0, 400),
)
def test_birth_date_gives_the_age_asked_for(day: dt.date, age: int, offset: int) -> None:
    born = birth_date_for(day, age, offset)
    assert (
        Event(
            kind="report_of_concern",
            date=day,
            birth_date=born,
            home_municipality="x",
            home_region="y",
        ).age
        == age
    )


@pytest.mark.parametrize(
    ("day", "age"),
    [
        (dt.date(2021, 2, 28), 20),
        (dt.date(2021, 2, 28), 21),
        (dt.date(2024, 2, 29), 3),
        (dt.date(2021, 3, 1), 21),
    ],
)
def test_birth_date_for_leap_day_edges(day: dt.date, age: int) -> None:
    for offset in range(367):
        born = birth_date_for(day, age, offset)
        assert (
            Event(
                kind="report_of_concern",
                date=day,
                birth_date=born,
                home_municipality="x",
                home_region="y",
            ).age
            == age
        ), born


def test_every_age_0_to_22_is_drawn() -> None:
    assert set(draw_sample(ages(), 300)) == set(range(23))
    assert len({e.age for e in sample("events")}) >= 18


@pytest.mark.parametrize("age", range(23))
def test_events_have_the_age_drawn(age: int) -> None:
    assert {e.age for e in draw_sample(events(min_age=age, max_age=age), 5)} == {age}


def test_exact_birthdays_and_the_day_before_are_drawn() -> None:
    exists(
        "events",
        lambda e: (
            e.age > 0 and (e.date.month, e.date.day) == (e.birth_date.month, e.birth_date.day)
        ),
    )
    exists(
        "events",
        lambda e: (
            e.age > 0
            and relativedelta(e.date + dt.timedelta(days=1), e.birth_date).years == e.age + 1
        ),
    )


def test_dates_span_both_laws_and_tricky_days() -> None:
    exists("events", lambda e: e.date < LAW_CHANGE)
    exists("events", lambda e: e.date >= LAW_CHANGE)
    exists("dates", lambda d: d == LAW_CHANGE - dt.timedelta(days=1))
    exists("dates", lambda d: d == LAW_CHANGE)
    exists("dates", lambda d: d.year == 2019)
    exists("dates", lambda d: d.year == 2027)
    exists("dates", lambda d: (d + dt.timedelta(days=1)).day == 1)  # a month end
    exists("dates", lambda d: (d.month, d.day) == (2, 29))


@given(day=event_dates())
def test_dates_are_weighted_around_the_law_change(day: dt.date) -> None:
    assert MIN_DATE <= day <= MAX_DATE


def test_near_the_law_change_is_common() -> None:
    near = 0
    total = 0

    @settings(max_examples=300, database=None, derandomize=True)
    @given(day=event_dates())
    def count(day: dt.date) -> None:
        nonlocal near, total
        total += 1
        near += abs((day - LAW_CHANGE).days) <= 60

    count()
    assert near / total > 0.3  # uniform over 2019-2027 would give about 4 %


@pytest.mark.parametrize("basis", get_args(LegalBasis))
def test_every_legal_basis_is_drawn(basis: str) -> None:
    exists("events", lambda e: e.legal_basis == basis)


@pytest.mark.parametrize("form", get_args(PlacementForm))
def test_every_placement_form_is_drawn(form: str) -> None:
    exists("events", lambda e: e.placement_form == form)


def test_most_event_kinds_are_drawn_unpinned() -> None:
    seen = {e.kind for e in sample("events")}
    assert seen <= set(EVENT_KINDS) and len(seen) >= 0.8 * len(EVENT_KINDS)


@pytest.mark.parametrize("kind", EVENT_KINDS)
def test_every_event_kind_can_be_drawn(kind: str) -> None:
    assert {e.kind for e in draw_sample(events(kind=kind), 3)} == {kind}


def test_acute_cross_region_and_flags_are_drawn() -> None:
    exists("events", lambda e: e.acute)
    exists("events", lambda e: not e.acute)
    exists("events", lambda e: e.cross_region and e.placement_region in bundled_region_ids())
    exists("events", lambda e: e.cross_region and e.placement_region not in bundled_region_ids())
    exists("events", lambda e: e.health_examination_unnecessary)
    exists("events", lambda e: e.needs_both_principals and e.ongoing_care)
    exists("events", lambda e: e.placement_start is not None and e.placement_start < e.date)


def test_regions_come_from_the_bundled_rule_files() -> None:
    assert bundled_region_ids()
    assert "national" not in bundled_region_ids()
    exists("events", lambda e: e.home_region == bundled_region_ids()[-1])


@given(
    event=events(
        region="stockholm",
        kind="placement_started",
        acute=True,
        cross_region=False,
        legal_basis=st.sampled_from(["LVU"]),
        max_age=17,
        health_examination_unnecessary=False,
    )
)
def test_pinned_fields_are_kept(event: Event) -> None:
    assert (event.home_region, event.kind, event.acute, event.legal_basis) == (
        "stockholm",
        "placement_started",
        True,
        "LVU",
    )
    assert not event.cross_region and event.age <= 17
    assert event.health_examination_unnecessary is False


@given(
    event=events(
        kind=["placement_ended", "placement_changed"],
        regions=["a", "b"],
        min_date=dt.date(2025, 7, 1),
        max_date=dt.date(2025, 7, 31),
    )
)
def test_kinds_regions_and_date_range_can_be_narrowed(event: Event) -> None:
    assert event.kind in ("placement_ended", "placement_changed")
    assert event.home_region in ("a", "b")
    assert dt.date(2025, 7, 1) <= event.date <= dt.date(2025, 7, 31)


def test_unknown_field_is_refused() -> None:
    with pytest.raises(TypeError, match="colour"):
        events(colour="blue")


@given(data=event_dicts())
def test_event_dicts_are_json_input_the_parser_accepts(data: dict[str, Any]) -> None:
    text = json.dumps(data)
    assert isinstance(data["date"], str) and dt.date.fromisoformat(data["date"])
    event = parse_event(json.loads(text))
    assert event.model_dump(mode="json", exclude_defaults=True) == {
        k: v for k, v in data.items() if k in event.model_dump(mode="json", exclude_defaults=True)
    }


def test_event_dicts_sometimes_leave_defaults_out() -> None:
    exists("dicts", lambda d: "acute" not in d)
    exists("dicts", lambda d: "acute" in d)


def test_ci_profile_is_derandomized() -> None:
    profile = settings.get_profile("ci")
    assert profile.derandomize and profile.deadline is None
