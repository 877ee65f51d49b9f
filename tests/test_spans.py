"""Spans of days of one status: a date looked up in its span (its statuses moved to it) gives
what computing that date afresh gives, on every day: boundaries, far past and far future."""

from __future__ import annotations

import datetime as dt
import os

from hypothesis import given, settings
from hypothesis import strategies as st

from placement_rules import evaluation as evaluation_module
from placement_rules.models import Agreement, Period
from placement_rules.regions import load_all
from placement_rules.ruleset import RuleSet
from placement_rules.testing import register_profiles
from placement_rules.validity import agreement_status, change_days, moved, unchanged_around

from .test_validity import EXTENSION, make

register_profiles()
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

D = dt.date
RULE_SETS = load_all()
SUCCESSOR = {
    "kind": "successor",
    "successor": "b",
    "citation": {"source": "x", "section": "§ 2", "quote": "ersätts"},
}


def _agreements() -> list[tuple[Agreement, list[Agreement]]]:
    """(agreement, the file's agreements) of every state and clause there is: renewed each
    time (by a year, and by a week: many short terms), once, with an extension decision,
    replaced by a successor (that keeps its text or not), open-ended, and the bundled ones."""
    each_year = make(
        D(2020, 1, 1), D(2021, 6, 30), extension=Period(years=1), notice=Period(months=3)
    )
    each_week = make(
        D(2024, 2, 29), D(2024, 3, 31), extension=Period(weeks=1), notice=Period(days=2)
    )
    once = make(
        D(2020, 1, 1),
        D(2020, 12, 31),
        extension=Period(years=1),
        notice=Period(months=3),
        times="once",
        decisions=[EXTENSION],
    )
    old = make(D(2020, 1, 1), D(2020, 12, 31), decisions=[SUCCESSOR])
    new = make(D(2021, 3, 1), None, agreement_id="b")
    keeps = make(D(2021, 3, 1), D(2022, 2, 28), agreement_id="b", continues="a")
    found = [(a, [a]) for a in (each_year, each_week, once)]
    found += [(old, [old, new]), (new, [old, new]), (old, [old, keeps]), (keeps, [old, keeps])]
    found += [(a, list(r.agreements)) for r in RULE_SETS.values() for a in r.agreements]
    return found


AGREEMENTS = _agreements()


@st.composite
def days(draw: st.DrawFn, changes: tuple[dt.date, ...] = ()) -> dt.date:
    """A day: any from 1900 to 2100, or one next to a day on which something changes."""
    if changes and draw(st.booleans()):
        near = draw(st.sampled_from(changes)) + dt.timedelta(days=draw(st.integers(-2, 2)))
        return near
    return draw(st.dates(D(1900, 1, 1), D(2100, 12, 31)))


ALL_CHANGES = tuple(
    sorted(
        {d for a, others in AGREEMENTS for d in change_days(a, others)}
        | {d for r in RULE_SETS.values() for d in r.boundaries}
    )
)


@given(st.integers(0, len(AGREEMENTS) - 1), days(ALL_CHANGES), st.data())
def test_a_status_moved_inside_its_span_is_the_one_computed_there(
    which: int, day: dt.date, data: st.DataObject
) -> None:
    agreement, others = AGREEMENTS[which]
    status = agreement_status(agreement, day, others)
    first, last = unchanged_around(status, change_days(agreement, others))
    assert first <= day <= last
    low, high = max(first, D(1900, 1, 1)), min(last, D(2100, 12, 31))
    for other in (low, high, data.draw(st.dates(low, high))):
        assert moved(status, agreement, other) == agreement_status(agreement, other, others)


def _afresh(rules: RuleSet, day: dt.date) -> tuple[object, ...]:
    agreements = rules.agreements_on(day)
    return agreements, rules.law_in_force(day), rules.period(day), agreements.fixed_off


@given(
    st.sampled_from(sorted(RULE_SETS)),
    st.lists(days(ALL_CHANGES), min_size=1, max_size=8),
    days(ALL_CHANGES),
)
def test_a_day_looked_up_in_its_span_is_the_day_computed_afresh(
    region: str, before: list[dt.date], day: dt.date
) -> None:
    """After other days filled the spans, a day's statuses, act, period and decision tables
    are the ones a fresh computation gives (the tables: those of its class)."""
    rules = RULE_SETS[region]
    memo = evaluation_module._Memo()
    for other in before:
        memo.day(rules, other)
    found = memo.day(rules, day)
    agreements, law, period, off = _afresh(rules, day)
    assert found.agreements == agreements
    assert found.agreements.statuses == agreements.statuses
    assert (found.law, found.period) == (law, period)
    assert (found.tables, found.by_outcome) == memo.decisions.of(period, off)
    assert found.tables is memo.decisions.of(period, off)[0]


def test_the_spans_of_a_year_are_few_and_a_day_keeps_its_own_date() -> None:
    rules = RULE_SETS["vastra_gotaland"]
    memo = evaluation_module._Memo()
    day = D(2019, 1, 1)
    while day < D(2028, 1, 1):
        found = memo.day(rules, day)
        assert all(s.on == day for s in found.agreements.statuses)
        day += dt.timedelta(days=1)
    # the rule periods, the act in force and the agreement's terms: a handful, not 3,287 days
    assert len(memo.spans) < 12
